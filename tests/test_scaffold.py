"""Adding a chapter: one command scaffolds the notebook and lists it in _toc.yml; it then runs."""

import json
import shutil
import subprocess
import sys

import papermill as pm
import pytest
from conftest import ROOT, SEEDS

from helpers.book.scaffold import chapter_slug, new_chapter
from helpers.book.staging import toc_notebooks


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
