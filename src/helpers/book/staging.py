"""The table of contents and staging the book sources into ``OUT/book``."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

from sphinx_external_toc.parsing import FileItem, MalformedError, SiteMap, parse_toc_yaml

from helpers.book.files import file_sha256, read_json, sync_file, sync_tree, write_json
from helpers.book.layout import BOOK_DIRS, BOOK_FILES, BuildPaths
from helpers.paths import PROJECT_ROOT
from helpers.present.interactive import BUNDLE_CSS, BUNDLE_JS, datatables_files

# written into the staged _static by the build (the chart and the table libraries), never copied from the sources
GENERATED_STATIC = ("vega-bundle.js", BUNDLE_JS, BUNDLE_CSS)


def read_toc(root: Path = PROJECT_ROOT) -> SiteMap:
    """``_toc.yml`` parsed by ``sphinx_external_toc`` (the parser Jupyter Book itself uses); a malformed
    file raises a ValueError naming it and the reason."""
    path = root / "_toc.yml"
    try:
        return parse_toc_yaml(path)
    except MalformedError as exc:
        raise ValueError(f"{path}: {exc}") from exc


def toc_files(root: Path = PROJECT_ROOT) -> list[str]:
    """Every file of ``_toc.yml`` (root first), in reading order, without extension.

    >>> toc_files()[:2]
    ['index', 'chapters/sources']
    """
    site = read_toc(root)
    found: list[str] = []

    def walk(docname: str) -> None:
        found.append(docname)
        for tree in site[docname].subtrees:
            for item in tree.items:
                if isinstance(item, FileItem):
                    walk(str(item))

    walk(site.root.docname)
    return found


def toc_notebooks(root: Path = PROJECT_ROOT) -> list[Path]:
    """The notebooks listed in ``_toc.yml``, as paths relative to ``root``."""
    return [Path(f"{entry}.ipynb") for entry in toc_files(root) if (root / f"{entry}.ipynb").exists()]


def stage(paths: BuildPaths) -> int:
    """Copy the book sources into ``OUT/book``, changed files only; return how many were copied.

    The notebooks of the table of contents are not copied: their staged copies are the executed
    ones (written by papermill, or kept from an earlier build when their inputs did not change).
    Nor is ``run_manifest.md``, which the build writes.
    """
    paths.book.mkdir(parents=True, exist_ok=True)
    executed = {(paths.root / n).resolve() for n in toc_notebooks(paths.root)}
    copied = sum(sync_file(paths.root / name, paths.book / name) for name in BOOK_FILES)
    for entry in toc_files(paths.root):
        source = paths.root / f"{entry}.md"
        if source.exists() and source.parent == paths.root and source.name != "run_manifest.md":
            copied += sync_file(source, paths.book / source.name)
    for name in BOOK_DIRS:
        if (paths.root / name).exists():
            copied += sync_tree(paths.root / name, paths.book / name,
                                skip=lambda p: p.resolve() in executed or p.name in GENERATED_STATIC)
    copied += stage_vega_bundle(paths)
    copied += sum(_write_if_changed(paths.book / "_static" / name, data) for name, data in datatables_files().items())
    return copied


def _write_if_changed(path: Path, data: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data, encoding="utf-8")
    return True


def stage_vega_bundle(paths: BuildPaths) -> bool:
    """Write ``_static/vega-bundle.js`` unless the one there came from the same vl-convert and charts code."""
    from helpers.present import charts

    target = paths.book / "_static" / "vega-bundle.js"
    stamp = {"vl-convert-python": importlib.metadata.version("vl-convert-python"),
             "charts.py": file_sha256(Path(charts.__file__))}
    record = read_json(paths.runs / "vega-bundle.json")
    if target.exists() and record == {**stamp, "sha256": file_sha256(target)}:
        return False
    charts.write_vega_bundle(target)
    write_json(paths.runs / "vega-bundle.json", {**stamp, "sha256": file_sha256(target)})
    return True


