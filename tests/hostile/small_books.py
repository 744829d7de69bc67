"""Small books for the hostile tests: a corpus written by the test and one-cell chapters, built by
``build_book`` in a subprocess (as ``python -m helpers build`` runs it) so signals and exit codes are real."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]

# What a chapter of these books usually does: read the corpus (rule-only pipeline) and publish its
# documents table, linked from the page like every chapter's Data section.
TABLES_CELL = ('from helpers import load_tables, write_table\n'
               'tables = load_tables(corpus_dir, pipeline="blank:en")\n'
               'write_table("documents", tables.documents, data_dir)')


def write_corpus(folder: Path, documents: dict[str, str], sources: str | None = None) -> Path:
    """A corpus folder of text files (name -> text) and, optionally, a ``sources.csv``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    if sources is not None:
        (folder / "sources.csv").write_text(sources, encoding="utf-8")
    return folder


def write_book(root: Path, chapters: dict[str, str], downloads: dict[str, list[str]] | None = None) -> Path:
    """A book project in ``root``: the project's ``_config.yml`` and ``_ext``, an index, and one
    notebook per chapter (name -> code of its one code cell), each offering ``downloads[name]``."""
    (root / "chapters").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "_config.yml", root)
    if not (root / "_ext").exists():
        shutil.copytree(ROOT / "_ext", root / "_ext", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "index.md").write_text("# A small book\n")
    (root / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n"
                                   + "".join(f"  - file: chapters/{name}\n" for name in chapters))
    for name, code in chapters.items():
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
        links = " ".join(f"{{download}}`{f} <../data/{f}>`" for f in (downloads or {}).get(name, []))
        nb.cells = [nbformat.v4.new_code_cell('corpus_dir = "../corpus"\ndata_dir = "../_build/data"\n'
                                              'pipeline = "blank:en"'),
                    nbformat.v4.new_markdown_cell(f"# {name}\n\n{links}"), nbformat.v4.new_code_cell(code)]
        nb.cells[0].metadata["tags"] = ["parameters"]
        nbformat.write(nb, root / "chapters" / f"{name}.ipynb")
    return root


def build_command(root: Path, out: Path, jobs: int = 2, timeout: int = 600) -> list[str]:
    """The command that builds the book of ``root`` into ``out`` (corpus ``root/corpus``, blank:en)."""
    code = ("import sys\nfrom pathlib import Path\nfrom helpers.book.build import build_book\n"
            f"build_book(root=Path({str(root)!r}), corpus=Path({str(root / 'corpus')!r}), out=Path({str(out)!r}), "
            f"pipeline='blank:en', jobs={jobs}, timeout={timeout})\n")
    return [sys.executable, "-c", code]


def build_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def build(root: Path, out: Path, jobs: int = 2) -> subprocess.CompletedProcess:
    """Build the book; fail the test with the log if the build fails."""
    result = subprocess.run(build_command(root, out, jobs), cwd=root, env=build_env(),
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result
