"""Anchors are unique per document: names that collide after slugging still link to their own sentences."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.chapters.casualties import claims_table
from helpers.extract.stage import extract_corpus
from helpers.parse.tables import load_tables
from helpers.present.provenance import anchor, documents_html, slug

# four names, two pairs that share the readable slug "-------txt" and "a-b-txt"
DOCS = {
    "Алматы.txt": "Police said 14 protesters were detained in Almaty on Wednesday.\n",
    "Астана.txt": "Officials said that 3 people were killed in Nur-Sultan.\n\nPolice said 21 rioters were detained.\n",
    "a b.txt": "The ministry said 8 police officers were injured in Aktau.\n",
    "a-b.txt": "Doctors said 40 civilians were injured in Taraz.\n\nIn Taraz, 12 protesters were detained.\n",
}


@pytest.fixture(scope="module")
def colliding(tmp_path_factory):
    folder = tmp_path_factory.mktemp("colliding")
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return load_tables(folder, pipeline="blank:en", cache_dir=folder.parent / "colliding-cache")


def test_names_that_collide_after_slugging_get_different_ids():
    assert re.sub(r"[^A-Za-z0-9_-]", "-", "Алматы.txt") == re.sub(r"[^A-Za-z0-9_-]", "-", "Астана.txt")
    assert slug("Алматы.txt") != slug("Астана.txt")
    assert slug("a b.txt") != slug("a-b.txt")
    assert anchor("a b.txt", 0) != anchor("a-b.txt", 0)
    assert slug("a b.txt") == slug("a b.txt")  # stable: the same name gives the same id in every build


def test_every_id_of_the_documents_page_is_unique(colliding):
    page = documents_html(colliding.documents, colliding.texts, colliding.sentences)
    ids = re.findall(r'id="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert len([i for i in ids if i.startswith("s-")]) == len(colliding.sentences)


def test_the_link_of_each_claim_lands_on_a_sentence_of_its_own_document(colliding):
    extracted = extract_corpus(colliding, cache_dir=colliding.corpus.folder.parent / "colliding-cache")
    claims = claims_table(colliding, extracted.frames["casualties"])
    assert set(claims["doc"]) == set(DOCS)
    page = documents_html(colliding.documents, colliding.texts, colliding.sentences)
    # which document each anchored sentence is in, and its text, from the page itself
    sections = re.findall(r'<h3 id="[^"]+" data-doc="([^"]+)">.*?<pre class="kz-document"[^>]*>(.*?)</pre>', page,
                          re.DOTALL)
    where = {}
    for doc, body in sections:
        for ident, text in re.findall(r'<span id="(s-[^"]+)" class="kz-sentence">([^<]*)</span>', body):
            where[ident] = (doc, text)
    for row in claims.itertuples():
        ident = row.sentence_link.split("#", 1)[1]
        doc, sentence = where[ident]
        assert doc == row.doc
        assert row.quote in sentence


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12),
                min_size=2, max_size=8, unique=True))
def test_distinct_names_give_distinct_html_ids(names):
    slugs = [slug(name) for name in names]
    assert len(set(slugs)) == len(names)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", s) for s in slugs)
