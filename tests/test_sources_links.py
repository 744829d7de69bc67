"""Sources with links: headlines, outlets, original addresses and access dates in the corpus chapter and the
documents appendix, coded spans highlighted, back-links from sentences, the landing page's side-by-side table.

Expected values come from ``seeds/sources.csv`` and from the seed sentences themselves.
"""

from __future__ import annotations

import csv
import html
import re

import pandas as pd
import pytest
from conftest import ROOT, SEEDS, registered

from helpers.chapters.casualties import claims_table
from helpers.chapters.findings import first_day_sequence
from helpers.chapters.sources import ownership_comparison, ownership_facts, sources_html
from helpers.parse.tables import load_tables
from helpers.present.provenance import CITED_IN, PAGE, anchor, documents_html, slug, web_link

SENTENCE = "At least 18 security officers were killed by the rioters."  # seed 001
SEED_001 = "001_c6950bd78c059d3e.txt"


def seed_sources() -> list[dict]:
    with open(SEEDS / "sources.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def casualties(seed_tables):
    rows = pd.concat([registered(seed_tables, "casualties", doc) for doc in sorted(seed_tables.texts)],
                     ignore_index=True)
    return claims_table(seed_tables, rows)


def test_the_corpus_list_shows_each_seed_headline_and_links_its_original_address(seed_tables):
    page = sources_html(seed_tables.documents)
    for row in seed_sources():
        assert f'<a href="{html.escape(row["url"])}" rel="noopener">' in page
        if row["title"]:
            assert f"<strong>{html.escape(row['title'])}</strong>" in page
    assert page.count("<li>") == len(seed_sources())
    # seed 003 has no headline in sources.csv, and no seed gives the date its address was read
    assert page.count("<strong>Headline not given</strong>") == sum(not r["title"] for r in seed_sources()) == 1
    assert page.count("access date not given") == 5
    assert f'href="{PAGE}#{slug(SEED_001)}">text as analysed</a>' in page


def test_an_access_date_in_sources_csv_is_shown(tmp_path):
    (tmp_path / "a.txt").write_text("Police said 14 protesters were detained in Aktau.\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text(
        "doc,title,outlet,url,accessed\na.txt,Protests in Aktau,Example Wire,https://example.org/a,2026-11-22\n",
        encoding="utf-8")
    tables = load_tables(tmp_path, pipeline="blank:en", cache_dir=tmp_path / "cache")
    page = sources_html(tables.documents)
    assert "accessed 22 November 2026" in page and "<strong>Protests in Aktau</strong>" in page
    assert '<a href="https://example.org/a" rel="noopener">example.org</a>' in page


def test_a_corpus_without_sources_csv_says_not_given_and_renders(tmp_path):
    (tmp_path / "a.txt").write_text("Police said 14 protesters were detained in Aktau.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Officials said 3 people were killed in Almaty.\n", encoding="utf-8")
    tables = load_tables(tmp_path, pipeline="blank:en", cache_dir=tmp_path / "cache")
    listing = sources_html(tables.documents)
    assert listing.count("Headline not given") == 2 and listing.count("original address: not given") == 2
    assert listing.count("publication date not given") == 2
    appendix = documents_html(tables.documents, tables.texts, tables.sentences)
    assert re.findall(r'<h3 id="[^"]+" data-doc="([^"]+)">Headline not given</h3>', appendix) == ["a.txt", "b.md"]
    facts = ownership_facts(tables.documents)
    assert facts["ownership_counts"] == "none" and facts["n_independent"] == 0


def test_only_web_addresses_become_links():
    assert web_link("javascript:alert(1)") == "javascript:alert(1)"
    assert web_link("//attacker.example/x") == "//attacker.example/x"
    assert web_link("") == "not given"
    assert web_link('https://a.example/"><script>') == \
        '<a href="https://a.example/&quot;&gt;&lt;script&gt;" rel="noopener">a.example</a>'


def test_the_appendix_heads_each_seed_with_its_headline_and_keeps_its_anchors(seed_tables):
    page = documents_html(seed_tables.documents, seed_tables.texts, seed_tables.sentences)
    for row in seed_sources():
        heading = html.escape(row["title"]) if row["title"] else "Headline not given"
        assert f'<h3 id="{slug(row["doc"])}" data-doc="{row["doc"]}">{heading}</h3>' in page
        assert f'<li><a href="#{slug(row["doc"])}">{heading}</a>' in page  # the contents list
        assert f'original address: <a href="{html.escape(row["url"])}"' in page
    # every sentence keeps its id, so every claim link still lands
    for row in seed_tables.sentences.itertuples():
        assert f'id="{anchor(row.doc, row.start)}"' in page


def test_a_coded_span_is_highlighted_and_its_sentence_links_back_to_the_ledger(seed_tables, casualties):
    page = documents_html(seed_tables.documents, seed_tables.texts, seed_tables.sentences,
                          frames={"casualties": casualties})
    text = seed_tables.texts[SEED_001]
    start = text.index(SENTENCE)
    row = casualties[(casualties["doc"] == SEED_001) & (casualties["start"] >= start)
                     & (casualties["end"] <= start + len(SENTENCE))].iloc[0]
    assert row["quote"] == "At least 18 security officers were killed"
    sentence = re.search(rf'<span id="{anchor(SEED_001, start)}" class="kz-sentence">(.*?)</span>'
                         r'<span class="kz-cited"> ↩(.*?)</span>', page)
    assert sentence, "the sentence and its back-links"
    assert f'<mark class="kz-k-cas">{row["quote"]}</mark>' in sentence.group(1)
    assert re.sub(r"<[^>]+>", "", sentence.group(1)) == SENTENCE  # the text itself is unchanged
    label, target = CITED_IN["casualties"]
    assert sentence.group(2) == f'<a href="{target}">{label}</a>'
    # the link lands: the casualties chapter declares the target before its ledger
    notebook = (ROOT / "chapters" / "casualties.ipynb").read_text(encoding="utf-8")
    assert f"({target.split('#')[1]})=" in notebook


def test_every_back_link_target_is_declared_in_its_chapter():
    for label, target in CITED_IN.values():
        page, ident = target.split("#")
        notebook = ROOT / "chapters" / page.replace(".html", ".ipynb")
        assert f"({ident})=" in notebook.read_text(encoding="utf-8"), (label, target)


def test_the_outlets_are_set_side_by_side_by_ownership(seed_tables, casualties):
    empty = pd.DataFrame({"doc": pd.Series(dtype=str), "family": pd.Series(dtype=str),
                          "speaker": pd.Series(dtype=str), "side": pd.Series(dtype=str)})
    table = ownership_comparison(seed_tables.documents, casualties, empty, empty).set_index("outlets by ownership")
    # seeds/sources.csv: Sputnik is state-owned, Europa Press a private agency, the other three undocumented
    assert list(table.columns) == ["state-owned", "private", "owner not documented"]
    assert table.loc["articles"].tolist() == [1, 1, 3]
    by_doc = casualties.groupby("doc").size()
    assert table.loc["casualty figures", "private"] == by_doc.get("003_2d1796695ef79f70.txt", 0)
    assert table.loc["casualty figures"].sum() == len(casualties)
    facts = ownership_facts(seed_tables.documents)
    assert facts["ownership_counts"] == "1 state-owned, 1 private and 3 whose owner is not documented"
    assert facts["n_independent"] == 0 and "cannot compare" in facts["ownership_comparison_note"]


def test_the_sequence_names_the_places_in_the_order_the_articles_date_them():
    comparison = pd.DataFrame({
        "place": ["Almaty", "Zhanaozen", "Aktau", "Taraz"],
        "articles_first": ["2022-01-04", "2022-01-02", "2022-01-02", ""],
        "articles_outlets": ["jewworldorder.org; VOI", "jewworldorder.org", "jewworldorder.org", ""],
        "articles_documents": [4, 1, 1, 0],
    })
    assert first_day_sequence(comparison) == ("Aktau and Zhanaozen on 2 January (jewworldorder.org), "
                                              "then Almaty on 4 January (VOI, jewworldorder.org)")
    assert first_day_sequence(comparison.iloc[3:]) == "no place in Kazakhstan with a date the articles give"
