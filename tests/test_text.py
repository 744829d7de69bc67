"""The pieces the extractors and chapters share (``extract/text.py``, ``chapters/outlets.py``,
``present/palette.py``), on seed sentences."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import line_sentences, seed_text

from helpers.chapters.outlets import affiliation_family, short_outlet, with_outlets
from helpers.extract.text import SentenceIndex, analysed_sentences, excerpt, split_clauses
from helpers.present.palette import PALETTE, families_in, family_scale

D001 = "001_c6950bd78c059d3e.txt"


def test_clauses_of_a_seed_line_and_the_sentence_that_holds_an_offset():
    text = seed_text(D001)
    start = text.index("Mass protests erupted in the cities of Zhanaozen")
    end = text.index("\n", start)
    clauses = split_clauses(text, start, end)
    assert text[clauses[1][0]:].startswith("Two days later, riots erupted in Almaty")
    index = SentenceIndex([a for a, _ in clauses], [b for _, b in clauses])
    almaty = text.index("Almaty", start)
    assert index.holding(almaty) == 1
    assert index.containing(almaty, almaty + len("Almaty")) == clauses[1]
    assert index.containing(clauses[0][1] - 3, almaty) is None  # a span across two sentences
    assert index.holding(clauses[0][1]) == -1  # the space between the two sentences
    assert index.starts_before([start, almaty, start - 1]).tolist() == [clauses[0][0], clauses[1][0], -1]


def test_the_sentence_index_of_a_document_leaves_boilerplate_out_and_sorts():
    sentences = pd.DataFrame({"doc": ["d", "d", "d"], "start": [50, 0, 20], "end": [60, 10, 30],
                              "in_boilerplate": [False, False, True]})
    index = SentenceIndex.by_doc(sentences)["d"]
    assert index.starts.tolist() == [0, 50] and index.holding(25) == -1 and index.holding(55) == 1


def test_analysed_sentences_name_what_is_wrong():
    with pytest.raises(ValueError, match=r"lacks column\(s\) \['in_boilerplate'\]"):
        analysed_sentences({}, pd.DataFrame({"doc": [], "start": [], "end": []}))
    with pytest.raises(KeyError, match="'002'"):
        list(analysed_sentences({}, line_sentences({"002": "A line."})))


def test_an_excerpt_is_cut_at_whole_words_around_the_mention():
    text = seed_text(D001)
    start = text.index("Two days later, riots erupted in Almaty")
    end = text.index("\n", start)
    almaty = text.index("Almaty", start)
    # 40 characters centred on "Almaty": from "riots" to inside "country’s", which is kept whole
    assert excerpt(text, (start, end), (almaty, almaty + 6), width=40) == "…riots erupted in Almaty in the country’s…"
    line = text.index("Major shootout took place in Central Almaty.")
    assert excerpt(text, (line, line + 44), (line + 37, line + 43)) == "Major shootout took place in Central Almaty."


def test_one_outlet_join_with_one_rule_for_missing_metadata():
    documents = pd.DataFrame({"doc": ["002", "voi.md"], "outlet": ["Sputnik International", "unknown"],
                              "outlet_affiliation": ["state-owned (Rossiya Segodnya)", ""],
                              "published": ["2022-01-08", "unknown"]})
    rows = pd.DataFrame({"doc": ["002", "voi.md", "not-a-document"], "start": [0, 5, 9]})
    out = with_outlets(rows, documents)
    assert out.columns.tolist() == ["doc", "start", "outlet", "outlet_affiliation", "published", "family"]
    assert out["outlet"].tolist() == ["Sputnik International", "unknown", "unknown"]
    assert out["outlet_affiliation"].tolist() == ["state-owned (Rossiya Segodnya)", "unknown", "unknown"]
    assert out["family"].tolist() == ["state-owned", "unknown", "unknown"]
    assert short_outlet("Europa Press wire (English rendering; publisher of this copy unknown)") == "Europa Press wire"
    assert affiliation_family("private news agency (ownership not cited)") == "private"


def test_every_chart_colours_a_family_alike():
    scale = family_scale(["unknown", "state-owned", "unknown"]).to_dict()
    assert scale == {"domain": ["state-owned", "unknown"], "range": [PALETTE["state-owned"], PALETTE["unknown"]]}
    assert families_in(["private", "independent"]) == ["private", "independent"]  # the palette's order
