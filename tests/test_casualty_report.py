"""The casualties chapter's tables and charts on the seeds: the reconciliation and the chart data.

Charts embed their data in the page, so a chart's claim rows must stay few however large the corpus:
claims that draw the same mark merge into one row that says how many claims it stands for.
"""

import pandas as pd
import pytest
from conftest import ROOT, SEED_DOCS, registered

from helpers.chapters.casualties import chart_frame, claims_table, merge_points, reconcile
from helpers.reference import official_figures

CLAIM = "claim in the corpus"


@pytest.fixture(scope="module")
def claims(seed_tables):
    # the registered extractor, document by document as the extraction stage runs it
    rows = pd.concat([registered(seed_tables, "casualties", doc) for doc in SEED_DOCS], ignore_index=True)
    return claims_table(seed_tables, rows)


@pytest.fixture(scope="module")
def official():
    return official_figures(ROOT / "reference")


def reported(claims, outcome):
    return claims[(claims["outcome"] == outcome) & ~claims["forecast"] & ~claims["subcount"]]


@pytest.mark.parametrize("outcome", ["killed", "injured", "detained", "beheaded"])
def test_on_the_seeds_every_claim_is_its_own_point(claims, official, outcome):
    points = chart_frame(claims, official, outcome).query("series == @CLAIM")
    assert len(points) == len(reported(claims, outcome)) > 0
    assert set(points["claims"]) == {1}


def test_the_beheading_claims_keep_their_quotes(claims, official):
    points = chart_frame(claims, official, "beheaded").query("series == @CLAIM")
    assert sorted(points["value"]) == [1, 2, 2]
    assert points["quote"].str.contains("One of the police officers was beheaded").any()


def test_the_same_claims_in_many_documents_share_a_point(claims, official):
    copies = pd.concat([claims.assign(doc=claims["doc"] + f"#{i}") for i in range(40)], ignore_index=True)
    points = chart_frame(copies, official, "killed").query("series == @CLAIM")
    assert len(points) == len(reported(claims, "killed"))
    assert set(points["claims"]) == {40} and set(points["documents"]) == {40}
    assert points["source"].str.endswith(" and 39 more").all()
    assert points["quote"].str.startswith("e.g. ").all()


def test_past_the_limit_claims_merge_further_and_none_is_lost(claims, official):
    # every copy with its own claimant: no two rows identical, so only the coarser levels can merge them
    copies = pd.concat([claims.assign(doc=claims["doc"] + f"#{i}", claimant=f"source {i}") for i in range(40)],
                       ignore_index=True)
    full = chart_frame(copies, official, "killed", max_points=10_000).query("series == @CLAIM")
    capped = chart_frame(copies, official, "killed", max_points=12).query("series == @CLAIM")
    assert len(full) > 12
    assert len(capped) <= 12
    assert capped["claims"].sum() == full["claims"].sum() == 40 * len(reported(claims, "killed"))
    assert capped["who"].str.endswith(" and others").all()


def test_merge_points_rounds_values_only_as_a_last_resort():
    points = pd.DataFrame({
        "series": CLAIM, "date": pd.Timestamp("2022-01-06"), "victim_group": "security_forces", "family": "x",
        "value": [3000.0, 3100.0, 3123.0], "low": [3000.0, 3100.0, 3123.0], "high": float("nan"),
        "label": ["3,000", "3,100", "3,123"], "quote": ["a", "b", "c"], "who": "w", "outlet": "o",
        "source": ["d1", "d2", "d3"],
    })
    assert len(merge_points(points, max_points=3)) == 3
    merged = merge_points(points, max_points=2)
    assert list(merged["value"]) == [3000.0, 3100.0] and list(merged["claims"]) == [1, 2]


def test_reconcile_keeps_the_range_and_names_the_dissent(claims):
    table = reconcile(claims, "most_conservative")
    beheaded = table[table["outcome"] == "beheaded"].iloc[0]
    assert (beheaded["low"], beheaded["best"], beheaded["high"]) == (1, 1, 2)
    assert "two" in beheaded["dissenting"].lower() or "2" in beheaded["dissenting"]
