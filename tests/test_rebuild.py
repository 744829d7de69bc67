"""Rebuilds: a chapter whose inputs did not change is reused, not executed again; chapters run in
parallel, each cell within a timeout; the data folder is offered as one deterministic archive.

The book is built from a copy of the project (``git ls-files``) with ``PYTHONPATH`` set to the copy's
``src/``, so the test changes the copy, not the project, and edits made meanwhile do not disturb it.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

import nbformat
import pytest
from conftest import ROOT

from helpers.book.build import build_book
from helpers.book.notebooks import ChapterFailed
from helpers.book.staging import toc_files


def copy_project(dest):
    names = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, names):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    return dest


def build(project, out, cache):
    """``python -m helpers build`` of the copy (blank:en: the model is not the point here); its manifest."""
    env = {**os.environ, "PYTHONPATH": str(project / "src"), "BOOK_CACHE_DIR": str(cache)}
    result = subprocess.run([sys.executable, "-m", "helpers", "build", "--out", str(out), "--pipeline", "blank:en"],
                            cwd=project, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return json.loads((out / "data" / "manifest.json").read_text(encoding="utf-8")), result.stdout


def statuses(manifest):
    return {c["notebook"]: c["status"] for c in manifest["chapters"]}


def html_files(out):
    return {p.relative_to(out / "html"): p.stat().st_mtime_ns for p in (out / "html").rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory, cache_dir):
    tmp = tmp_path_factory.mktemp("rebuild")
    project = copy_project(tmp / "project")
    manifest, _ = build(project, tmp / "out", cache_dir)
    return project, tmp / "out", manifest


def test_a_cold_build_executes_every_chapter(first_build):
    project, out, manifest = first_build
    notebooks = [f"{entry}.ipynb" for entry in toc_files(project) if (project / f"{entry}.ipynb").exists()]
    assert [c["notebook"] for c in manifest["chapters"]] == notebooks
    assert set(statuses(manifest).values()) == {"re-executed"}
    for chapter in manifest["chapters"]:
        record = json.loads((out / "runs" / chapter["notebook"].replace(".ipynb", ".json")).read_text())
        assert record["input_hash"] == chapter["input_sha256"] and len(record["input_hash"]) == 64
        assert record["run"]["parameters"] == chapter["parameters"]
        assert all((out / "data" / name).exists() for name in record["data_files"])


def test_a_second_build_with_nothing_changed_executes_no_chapter_and_keeps_the_html(first_build, cache_dir):
    project, out, _ = first_build
    before = html_files(out)
    manifest, log = build(project, out, cache_dir)
    assert set(statuses(manifest).values()) == {"reused"}, statuses(manifest)
    assert "[book] executing" not in log and "jupyter-book build" not in log
    assert html_files(out) == before  # not one file of the HTML rewritten
    for entry in toc_files(project):
        assert (out / "html" / f"{entry}.html").exists(), entry
    page = (out / "html" / "run_manifest.html").read_text(encoding="utf-8")
    for chapter in manifest["chapters"]:
        assert chapter["notebook"] in page and chapter["executed_at"] in page


def test_the_data_archive_holds_every_csv_and_text_with_fixed_timestamps(first_build):
    _, out, _ = first_build
    archive = out / "data" / "data.zip"
    csvs = sorted(p.name for p in (out / "data").glob("*.csv"))
    texts = sorted(p.name for p in (out / "data" / "texts").iterdir())
    with zipfile.ZipFile(archive) as z:
        assert z.namelist() == [f"data/{n}" for n in csvs] + [f"data/texts/{n}" for n in texts] + ["data/datapackage.json"]
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "data/texts/001_c6950bd78c059d3e.txt" in z.namelist()
        assert z.read("data/entities.csv") == (out / "data" / "entities.csv").read_bytes()
    assert (out / "book" / "data" / "data.zip").read_bytes() == archive.read_bytes()


def test_changing_one_chapter_executes_that_chapter_only(first_build, cache_dir):
    project, out, first = first_build
    changed = first["chapters"][0]["notebook"]
    nb = nbformat.read(project / changed, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("A sentence added by test_rebuild."))
    nbformat.write(nb, project / changed)
    manifest, _ = build(project, out, cache_dir)
    assert {n for n, s in statuses(manifest).items() if s == "re-executed"} == {changed}
    page = (out / "html" / changed.replace(".ipynb", ".html")).read_text(encoding="utf-8")
    assert "A sentence added by test_rebuild." in page



def test_a_document_added_re_executes_only_the_chapters_whose_tables_changed(first_build, cache_dir):
    """A new document that names no casualty, place, date, actor or claim leaves the extracted tables as
    they were: the chapters that read only those are reused; the corpus and appendix chapters run again."""
    project, out, _ = first_build
    (project / "seeds" / "zzz_quiet_street.txt").write_text("The shops were open and the streets were quiet.\n",
                                                           encoding="utf-8")
    last = {n: json.loads((out / "runs" / n.replace(".ipynb", ".json")).read_text())["run"]["seconds"]
            for n in ("chapters/sources.ipynb", "chapters/methodology.ipynb", "chapters/documents.ipynb")}  # _toc.yml order
    manifest, log = build(project, out, cache_dir)
    assert "extraction stage: 1 of 6 document(s) extracted" in log
    ran = {n for n, s in statuses(manifest).items() if s == "re-executed"}
    assert ran == {"chapters/sources.ipynb", "chapters/documents.ipynb", "chapters/methodology.ipynb"}, ran
    # handed to the two workers longest first (by their last execution), so a short one finishes last
    order = re.search(r"executing 3 chapters, 2 at a time: (.*)", log).group(1).split(", ")
    assert order == sorted(last, key=lambda n: -last[n]), (order, last)


def small_project(root, chapters: dict[str, str]):
    """A book of one-cell chapters (name -> code), on one seed."""
    (root / "chapters").mkdir(parents=True)
    (root / "seeds").mkdir()
    shutil.copy(ROOT / "seeds" / "000_271d7d01dcf743bd.txt", root / "seeds")
    shutil.copy(ROOT / "_config.yml", root)
    shutil.copytree(ROOT / "_ext", root / "_ext", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "index.md").write_text("# Test\n")
    (root / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n"
                                   + "".join(f"  - file: chapters/{name}\n" for name in chapters))
    for name, code in chapters.items():
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
        nb.cells = [nbformat.v4.new_code_cell('corpus_dir = "../seeds"\ndata_dir = "../_build/data"'),
                    nbformat.v4.new_markdown_cell(f"# {name}"), nbformat.v4.new_code_cell(code)]
        nb.cells[0].metadata["tags"] = ["parameters"]
        nbformat.write(nb, root / "chapters" / f"{name}.ipynb")


def test_a_chapter_past_the_timeout_stops_a_parallel_build_naming_notebook_and_cell(tmp_path, cache_dir):
    root = tmp_path / "book"
    small_project(root, {"quick": "answer = 6 * 7", "slow": "import time\ntime.sleep(120)"})
    cwd = os.getcwd()
    try:
        with pytest.raises(ChapterFailed, match=r"chapters/slow\.ipynb failed in cell 3 \(CellTimeoutError"):
            build_book(root=root, out=tmp_path / "out", pipeline="blank:en", jobs=2, timeout=5)
        assert json.loads((tmp_path / "out" / "runs" / "chapters" / "quick.json").read_text())["run"]["seconds"] >= 0
        small_project(tmp_path / "fixed", {"quick": "answer = 6 * 7", "slow": "answer = 1"})
        shutil.copy(tmp_path / "fixed" / "chapters" / "slow.ipynb", root / "chapters" / "slow.ipynb")
        build_book(root=root, out=tmp_path / "out", pipeline="blank:en", jobs=2, timeout=5)
    finally:
        os.chdir(cwd)
    manifest = json.loads((tmp_path / "out" / "data" / "manifest.json").read_text())
    assert statuses(manifest) == {"chapters/quick.ipynb": "reused", "chapters/slow.ipynb": "re-executed"}


def test_after_a_chapter_fails_no_queued_chapter_starts(tmp_path, cache_dir):
    root = tmp_path / "book"
    marker = tmp_path / "later-started"
    small_project(root, {"fails": "raise ValueError('a chapter that fails at once')",
                         "slow": "import time\ntime.sleep(8)",
                         "later": f"open({str(marker)!r}, 'w').write('started')"})
    cwd = os.getcwd()
    try:
        with pytest.raises(ChapterFailed) as failure:
            build_book(root=root, out=tmp_path / "out", pipeline="blank:en", jobs=2, timeout=60)
    finally:
        os.chdir(cwd)
    assert not marker.exists()  # the chapter queued behind the failed one never ran
    assert re.match(r"chapters/fails\.ipynb failed in cell 3 \(ValueError: a chapter that fails at once\)",
                    str(failure.value)), failure.value
    assert str(failure.value).endswith("; not started: chapters/later.ipynb")
    # the chapter already running when the failure came finished and was recorded
    assert json.loads((tmp_path / "out" / "runs" / "chapters" / "slow.json").read_text())["run"]["seconds"] >= 8
    assert (tmp_path / "out" / "BUILDING").exists() and not (tmp_path / "out" / "html").exists()
