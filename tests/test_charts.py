"""Charts on the seeds: sized to their container on screen, open-ended figures drawn as floors with an
arrow, claims of one day side by side, dates in tooltips written as days, one colour-blind-safe palette."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import ROOT

from helpers.chapters.actors import (
    affiliation_chart,
    affiliation_summary,
    cooccurrence,
    mentions_table,
    network_chart,
)
from helpers.chapters.casualties import claims_table
from helpers.chapters.casualty_charts import BOUNDED_FIGURE, OPEN_FIGURE, casualty_chart, chart_frame
from helpers.chapters.foreign_interference import claims_table as interference_table
from helpers.chapters.foreign_interference import evidence_chart, evidence_frame, outlet_chart, outlet_frame
from helpers.chapters.sources import publication_chart
from helpers.chapters.timeline import chart_frames, dated_events, reference_timeline, timeline_chart
from helpers.chapters.timeline import mentions_table as date_mentions_table
from helpers.extract.actors import actor_mentions
from helpers.extract.interference import interference_claims
from helpers.present.charts import offline_html_renderer, plain_labels, readable_spec, screen_spec
from helpers.present.palette import (
    GREY,
    LIGHT_GREY,
    OKABE_ITO,
    PALETTE,
    ROLES,
    family_scale,
    role_colours,
    role_scale,
)
from helpers.reference import official_figures

CLAIM = "claim in the corpus"


@pytest.fixture(scope="module")
def casualty_claims(seed_tables):
    from helpers.extract.registry import casualties

    return claims_table(seed_tables, casualties(seed_tables))


@pytest.fixture(scope="module")
def killed(casualty_claims):
    return chart_frame(casualty_claims, official_figures(ROOT / "reference"), "killed")


def layers(spec: dict) -> list[dict]:
    """The layers of a faceted or layered chart's spec."""
    return (spec.get("spec") or spec)["layer"]


# ---- sized to the container ----


def test_a_single_view_takes_its_containers_width_on_screen_and_keeps_its_width_in_print(seed_tables):
    spec = publication_chart(seed_tables.documents).to_dict()
    assert spec["width"] == 520
    screen = screen_spec(spec)
    assert screen["width"] == "container" and screen["autosize"] == {"type": "fit-x", "contains": "padding"}
    assert screen["title"] == ["Documents by publication date and outlet", "ownership"]  # wrapped for a phone
    html = offline_html_renderer(spec)["text/html"]
    assert '"width": "container"' in html  # the interactive chart
    assert '<svg' in html.split('class="chart-static"')[1]  # the printed one, drawn at 520 px
    assert readable_spec(spec)["width"] == 520 and readable_spec(spec)["config"]["legend"]["labelLimit"] >= 300


def test_the_casualty_panels_wrap_to_the_container(killed):
    spec = casualty_chart(killed, "killed").to_dict()
    fit = spec["usermeta"]["fit"]
    assert fit["panels"] == killed["panel"].nunique() == spec["columns"] == 3
    screen = screen_spec(spec)
    assert "autosize" not in screen  # a facet is sized by the embed script, panel by panel
    assert "spec.columns=n" in offline_html_renderer(spec)["text/html"]


# ---- open-ended figures and overlapping points ----


def test_an_open_ended_figure_is_a_floor_with_an_arrow_not_a_bar_to_the_top(killed):
    several = killed[(killed["series"] == CLAIM) & (killed["label"] == "several")].iloc[0]
    assert several["figure"] == OPEN_FIGURE
    assert several["low_drawn"] == 3 and pd.isna(several["high_drawn"])  # no top of the axis to draw to
    exact = killed[(killed["series"] == CLAIM) & (killed["label"] == "thirteen")].iloc[0]
    assert exact["figure"] == BOUNDED_FIGURE and exact["high_drawn"] == 13
    drawn = layers(casualty_chart(killed, "killed").to_dict())
    bars, arrows = drawn[0], drawn[1]
    assert {"filter": f"(datum.figure === '{BOUNDED_FIGURE}')"} in bars["transform"]
    assert bars["encoding"]["y2"]["field"] == "high_drawn"
    assert {"filter": f"(datum.figure === '{OPEN_FIGURE}')"} in arrows["transform"]
    assert arrows["mark"]["shape"].startswith("M0,0L0,-") and arrows["encoding"]["y"]["field"] == "low_drawn"


def test_claims_of_one_day_stand_side_by_side(killed):
    security = killed[(killed["series"] == CLAIM) & (killed["panel"] == "security forces")]
    assert security.groupby("date").size().max() >= 2  # the seeds publish several figures the same day
    points = layers(casualty_chart(killed, "killed").to_dict())[2]
    window = next(t for t in points["transform"] if "window" in t)
    assert window["groupby"] == ["panel", "date"]
    assert "datum.slot" in points["mark"]["xOffset"]["expr"]


# ---- dates and labels ----


def test_the_timeline_tooltips_write_the_day(seed_tables):
    from helpers.extract.registry import dates

    events = dated_events(seed_tables, date_mentions_table(seed_tables, dates(seed_tables)))
    article, ref = chart_frames(events, reference_timeline(ROOT / "reference"))
    spec = timeline_chart(article, ref).to_dict()
    for layer in spec["layer"]:
        day = next(t for t in layer["encoding"]["tooltip"] if t["field"] == "date")
        assert (day["type"], day["timeUnit"], day["format"]) == ("temporal", "utcyearmonthdate", "%-d %B %Y")


def test_legends_and_axes_show_words_not_codes(seed_tables):
    claims = interference_table(seed_tables, interference_claims(seed_tables))
    spec = evidence_chart(evidence_frame(claims), 0.5).to_dict()
    assert "says they were trained" in spec["encoding"]["color"]["scale"]["domain"]
    assert all("_" not in g for g in spec["encoding"]["color"]["scale"]["domain"])
    types = affiliation_chart(affiliation_summary(mentions_table(seed_tables, actor_mentions(seed_tables)))).to_dict()
    domain = types["encoding"]["color"]["scale"]["domain"]
    assert {"government body", "security force", "person"} <= set(domain) and all("_" not in t for t in domain)
    assert plain_labels(["asserts", "reports_no_evidence"]).startswith('({"reports_no_evidence": "reports no evidence"})')


def test_the_cooccurrence_matrix_counts_sentences_naming_both(seed_tables):
    nodes, edges = cooccurrence(mentions_table(seed_tables, actor_mentions(seed_tables)), top_n=20)
    spec = network_chart(nodes, edges).to_dict()
    cells = pd.DataFrame(spec["datasets"][spec["data"]["name"]] if "datasets" in spec else spec["data"]["values"])
    pair = cells[(cells["row"] == "Kassym-Jomart Tokayev") & (cells["column"] == "CSTO")]
    assert pair["sentences"].tolist() == [4]  # the seeds name both in four sentences
    mirror = cells[(cells["row"] == "CSTO") & (cells["column"] == "Kassym-Jomart Tokayev")]
    assert mirror["sentences"].tolist() == [4]
    assert len(spec["layer"][0]["encoding"]["y"]["scale"]["domain"]) == 12


# ---- the palette ----


def test_one_colour_blind_safe_palette_with_one_meaning_per_colour():
    allowed = set(OKABE_ITO.values()) | {GREY, LIGHT_GREY, "#7A5C99", "#A6761D"}  # and a purple and a brown
    family_colours = set(PALETTE.values())
    assert len(family_colours) == len(PALETTE)  # no two families alike
    for role, colours in ROLES.items():
        assert set(colours.values()) <= allowed, role
        assert len(set(colours.values())) == len(colours), role  # within a chart a colour means one thing
        assert not (set(colours.values()) & (family_colours - {GREY})), role  # ownership colours are reserved


def test_every_seed_outlet_is_coloured_by_its_family(seed_tables):
    claims = interference_table(seed_tables, interference_claims(seed_tables))
    spec = outlet_chart(outlet_frame(claims)).to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"])) == {f: PALETTE[f] for f in scale["domain"]}
    assert PALETTE["state-owned"] == OKABE_ITO["vermillion"] and "state-owned" in scale["domain"]  # Sputnik
    assert family_scale(["private"]).to_dict() == {"domain": ["private"], "range": [OKABE_ITO["blue"]]}


def test_a_value_the_palette_does_not_list_gets_a_spare_colour_and_too_many_are_named():
    from helpers.present.palette import SPARE

    assert role_colours("actor type", ["person", "foundation"])["foundation"] == SPARE[0]
    assert role_colours("actor type", ["rights organisation"]) == {"rights organisation": "#A6761D"}
    new = [f"new type {i}" for i in range(len(SPARE))]  # one spare is the rights organisations' colour
    with pytest.raises(ValueError, match="'actor type' has no colour for \\['new type 0'"):
        role_scale("actor type", new)
    assert json.dumps(role_scale("date basis", ["reference timeline"]).to_dict()) == (
        '{"domain": ["reference timeline"], "range": ["#56B4E9"]}')


# ---- the map ----


@pytest.mark.parametrize("corpus", ["seeds", "tests/corpora/second"])
def test_every_map_label_stays_inside_the_map_at_desktop_and_phone_width(seed_tables, cache_dir, corpus):
    import numpy as np

    from helpers import load_tables
    from helpers.chapters.geography import event_points
    from helpers.chapters.geography import mentions_table as place_mentions_table
    from helpers.extract.registry import places
    from helpers.present.maps import MAP_WIDTH, PHONE_WIDTH, _pixels, label_boxes, label_sides, place_map

    tables = seed_tables if corpus == "seeds" else load_tables(ROOT / corpus, cache_dir=cache_dir)
    points = event_points(place_mentions_table(tables, places(tables)))
    assert {"Almaty", "Zhanaozen", "Nur-Sultan"} <= set(points["place"])
    radii = pd.Series(np.full(len(points), 9.0), index=points.index)
    for width in (MAP_WIDTH, PHONE_WIDTH):
        for (lon, lat, place), side in zip(points[["lon", "lat", "place"]].itertuples(index=False),
                                           label_sides(points, radii, width)):
            box = label_boxes(*_pixels(lon, lat, width), 9.0, place)[side]
            assert 0 <= box[0] and box[2] <= width, (width, place, side, box)
    spec = place_map(points).to_dict()
    assert spec["usermeta"]["fit"]["aspect"] == 400 / 640  # on screen: the container's width, this aspect
    phone_filters = [layer["transform"][0]["filter"] for layer in spec["layer"] if layer.get("mark", {}).get(
        "type") == "text" and "transform" in layer]
    assert all(f.startswith("width < 480 ? datum.side_phone") for f in phone_filters) and phone_filters
