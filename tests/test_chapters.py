"""Chapters as users run them: with papermill on another corpus, by hand with their defaults, and failing loudly."""

import json
import os
import shutil

import nbformat
import papermill as pm
import pytest
from conftest import ROOT

from helpers.book.build import build_book
from helpers.book.notebooks import ChapterFailed
from helpers.book.staging import toc_notebooks

SECOND = ROOT / "tests" / "corpora" / "second"
CHAPTERS = [n for n in toc_notebooks(ROOT) if n.parts[0] == "chapters"]


def glued(notebook_path) -> dict:
    """The values a notebook glued, from papermill's recorded outputs."""
    nb = json.loads(notebook_path.read_text(encoding="utf-8"))
    values = {}
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            key = out.get("metadata", {}).get("scrapbook", {}).get("name")
            if key:
                values[key] = out["data"].get("application/papermill.record/text/plain")
    return values


@pytest.mark.parametrize("notebook", CHAPTERS, ids=lambda n: n.stem)
def test_chapter_runs_unchanged_on_another_corpus(notebook, tmp_path, cache_dir):
    out = tmp_path / notebook.name
    pm.execute_notebook(
        str(ROOT / notebook), str(out), cwd=str(ROOT / "chapters"), kernel_name="python3", progress_bar=False,
        parameters={"corpus_dir": os.path.relpath(SECOND, ROOT / "chapters"), "data_dir": str(tmp_path / "data")},
    )
    assert (tmp_path / "data").exists()
    values = glued(out)
    if notebook.stem == "sources":
        assert values["n_docs"] == "5" and values["n_no_metadata"] == "2"


def test_sources_chapter_runs_by_hand_with_its_defaults(tmp_path, cache_dir):
    """As in Jupyter from chapters/: no parameters passed at all."""
    out = tmp_path / "sources.ipynb"
    pm.execute_notebook(str(ROOT / "chapters" / "sources.ipynb"), str(out), cwd=str(ROOT / "chapters"),
                        kernel_name="python3", progress_bar=False)
    assert glued(out)["n_docs"] == "5"


def test_a_chapter_that_raises_stops_the_build_naming_the_notebook_and_cell(tmp_path, cache_dir):
    root = tmp_path / "book"
    (root / "chapters").mkdir(parents=True)
    (root / "seeds").mkdir()
    shutil.copy(ROOT / "seeds" / "000_271d7d01dcf743bd.txt", root / "seeds")
    shutil.copy(ROOT / "_config.yml", root)
    (root / "index.md").write_text("# Test\n")
    (root / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: chapters/broken\n")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell('corpus_dir = "../seeds"\ndata_dir = "../_build/data"'),
                nbformat.v4.new_code_cell("ratio = 1 / 0")]
    nb.cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(nb, root / "chapters" / "broken.ipynb")
    cwd = os.getcwd()
    try:
        with pytest.raises(ChapterFailed, match=r"chapters/broken\.ipynb failed in cell \d+ \(ZeroDivisionError"):
            build_book(root=root, out=tmp_path / "out")
    finally:
        os.chdir(cwd)
    assert not (root / "chapters" / "broken.ipynb").read_text().count('"outputs": [\n     {')  # source untouched
