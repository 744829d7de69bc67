"""The whole book built on the test half of the development corpus, and its methodology page's
out-of-sample scores checked cell by cell against the label files and the book's own extracted tables.

The expected values are computed here from the CSV files alone: the hand labels of
``tests/corpora/dev/labels/test/`` and the tables the build published in ``OUT/data`` (the book is
built on that corpus, so its casualties, claims, actors and places are the predictions), paired by
overlapping span with :func:`helpers.extract.evaluation.match_spans`.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from helpers.extract.evaluation import locate_quotes, match_spans, same_value
from helpers.parse.tables_io import read_table

pytestmark = pytest.mark.book
DEV = ROOT / "tests" / "corpora" / "dev" / "test"
DEV_LABELS = ROOT / "tests" / "corpora" / "dev" / "labels" / "test"
SAMPLE = "test half (out-of-sample)"
KNOWN_ACTORS = set(pd.read_csv(ROOT / "src" / "helpers" / "data" / "actors.csv", keep_default_na=False)["actor_id"])


@pytest.fixture(scope="module")
def dev_book(cache_dir) -> Path:
    """`python -m helpers build --corpus tests/corpora/dev/test` into _build/test-dev (the session's parse cache;
    an earlier build there is reused chapter by chapter). KZ_TEST_DEV=OUT checks an existing build instead."""
    if os.environ.get("KZ_TEST_DEV"):
        return Path(os.environ["KZ_TEST_DEV"])
    out = ROOT / "_build" / "test-dev"
    subprocess.run([sys.executable, "-m", "helpers", "build", "--corpus", str(DEV), "--out", str(out)],
                   check=True, cwd=ROOT)
    return out


@pytest.fixture(scope="module")
def page(dev_book) -> BeautifulSoup:
    html = (dev_book / "html" / "chapters" / "methodology.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def html_rows(table) -> list[dict[str, str]]:
    """The rows of a rendered table as {heading: cell text}."""
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    return [dict(zip(headers, [td.get_text(strip=True) for td in tr.find_all("td")])) for tr in table.select("tbody tr")]


def table_after(page: BeautifulSoup, heading_id: str):
    """The first table after the section whose id is ``heading_id``."""
    return page.find(id=heading_id).find_next("table")


def scores_table(page: BeautifulSoup):
    """The side-by-side scores: the table whose first heading is "measure"."""
    return next(t for t in page.find_all("table") if [th.get_text(strip=True) for th in t.select("thead th")][:1]
                == ["measure"])


def texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in DEV.glob("*.txt")}


def gold(name: str) -> pd.DataFrame:
    return locate_quotes(pd.read_csv(DEV_LABELS / name, keep_default_na=False, dtype=str), texts())


def not_named(value) -> bool:
    """A speaker kept as written, with no id (``labels/README.md``, speaker section)."""
    return value is None or value == "" or (not isinstance(value, str) and pd.isna(value))


def figure(row) -> object:
    low = row.get("low")
    return row.get("best", low) if pd.isna(low) or low == "" else low


CRITERIA = {  # measure -> (published table, gold file, a filter of the table, is the pair right?)
    "casualty figures: outcome and value right": (
        "casualties", "casualties_gold.csv", None,
        lambda p, g: same_value(p["outcome"], g["outcome"]) and same_value(figure(p), figure(g))),
    "interference claims: claim found": ("claims", "interference_gold.csv", None, lambda p, g: True),
    "interference claims: speaker right": (  # as the actors: a speaker the gazetteer lacks is kept with no id
        "claims", "interference_gold.csv", None,
        lambda p, g: p["speaker_id"] == g["speaker_id"]
        or (g["speaker_id"] not in KNOWN_ACTORS and g["speaker_id"] != "outlet" and not_named(p["speaker_id"]))),
    "actor mentions: mention found": ("actors", "actors_gold.csv", None, lambda p, g: True),
    "actor mentions: actor right": (
        "actors", "actors_gold.csv", None,
        lambda p, g: p["actor_id"] == g["actor_id"] or (g["actor_id"] not in KNOWN_ACTORS and not p["resolved"])),
    "place mentions: place found": ("places", "places_gold.csv", "kind != 'demonym'", lambda p, g: True),
    "place mentions: place right": (
        "places", "places_gold.csv", "kind != 'demonym'", lambda p, g: same_value(p["place_id"], g["place_id"])),
}
STRICTEST = {"casualty figures": "casualty figures: outcome and value right",
             "interference claims": "interference claims: speaker right",
             "actor mentions": "actor mentions: actor right", "place mentions": "place mentions: place right"}


def expected(dev_book: Path, measure: str) -> tuple[pd.DataFrame, pd.DataFrame, dict, set]:
    """Predictions, labels, the overlapping pairs (label -> prediction) and the labels right under ``measure``."""
    name, gold_file, query, right = CRITERIA[measure]
    pred = read_table(dev_book / "data" / f"{name}.csv")
    pred = (pred.query(query) if query else pred).reset_index(drop=True)
    labels = gold(gold_file)
    pairs = {gi: pi for pi, gi, _ in match_spans(pred, labels)["pairs"]}
    return pred, labels, pairs, {gi for gi, pi in pairs.items() if right(pred.loc[pi], labels.loc[gi])}


def shown(value: float) -> str:
    """A share as the page's tables show it (two decimals, a whole number without them)."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def test_the_out_of_sample_table_holds_the_scores_computed_from_the_label_files(dev_book, page):
    rows = html_rows(scores_table(page))
    dev = {r["measure"]: r for r in rows if r["sample"] == SAMPLE}
    assert set(dev) == set(CRITERIA)  # the test half has no labels of dates or statements
    for measure in CRITERIA:
        pred, labels, _, right = expected(dev_book, measure)
        row = dev[measure]
        assert int(row["labels"]) == len(pd.read_csv(DEV_LABELS / CRITERIA[measure][1])), measure
        assert int(row["extracted"]) == len(pred), measure
        assert int(row["right"]) == len(right), measure
        assert row["precision"] == shown(len(right) / len(pred)), measure
        assert row["recall"] == shown(len(right) / len(labels)), measure
    # side by side: each measure's in-sample row (the seeds', said so) right above its out-of-sample row
    for above, below in itertools.pairwise(rows):
        if below["sample"] == SAMPLE:
            assert above["measure"] == below["measure"] and above["sample"] == "seeds (in-sample)"
    seeds = {r["measure"]: r for r in rows if r["sample"] == "seeds (in-sample)"}
    assert seeds["casualty figures: outcome and value right"]["right"] == "22"
    # the prose glues the same numbers: the opening states the test half's casualty recall
    pred, labels, _, right = expected(dev_book, "casualty figures: outcome and value right")
    opening = page.find("h1").find_next("p").get_text()
    assert f"On {len(texts())} texts written for testing" in opening
    assert f"finds {len(right) / len(labels):.0%} of the labelled figures" in opening


def test_the_misses_listed_are_exactly_the_labels_not_found_right_and_the_rows_no_label_covers(dev_book, page):
    listed = html_rows(table_after(page, "every-miss-on-the-test-half"))
    found = sorted((r["table"], r["miss"], r["doc"], r["quote"]) for r in listed)
    want = []
    corpus = texts()
    for table, measure in STRICTEST.items():
        pred, labels, pairs, right = expected(dev_book, measure)
        want += [(table, "found, not right" if gi in pairs else "not found", g["doc"], g["quote"].strip())
                 for gi, g in labels.iterrows() if gi not in right]
        want += [(table, "not labelled", p["doc"], corpus[p["doc"]][p["start"]:p["end"]].strip())
                 for pi, p in pred.iterrows() if pi not in set(pairs.values())]
    assert found == sorted(want)
    # built on this corpus, every miss links to its sentence in the documents appendix
    links = [a["href"] for a in table_after(page, "every-miss-on-the-test-half").select("tbody a")]
    assert len(links) == len(listed) and all(h.startswith("documents.html#s-") for h in links)
