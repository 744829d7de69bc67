"""The reference tables cite an address for every fact, and never a weak host when a better one exists.

Weak hosts (content farms, mirrors, a staging server, a partisan outlet) are listed with a reason in
``reference/weak_hosts.csv``. A row may keep a weak address only when its note says that no primary
or reputable source was found; the old address of a replaced row stays in ``secondary_url``.
``seed_sources.csv`` is exempt: its addresses are where the seeds themselves were published.
"""

from __future__ import annotations

import csv
from urllib.parse import urlparse

import pytest
from conftest import ROOT

from helpers.reference import FILES, official_figures, read_reference

REFERENCE = ROOT / "reference"
CITED = ["official_figures", "interference_statements", "timeline"]
NOT_FOUND = "no primary or reputable source found"


def weak_hosts() -> dict[str, str]:
    """Host -> reason, from the data file."""
    with open(REFERENCE / "weak_hosts.csv", encoding="utf-8") as f:
        return {row["host"]: row["reason"] for row in csv.DictReader(f)}


def weak_reason(url: str, hosts: dict[str, str]) -> str | None:
    """The reason a URL's host is weak (the host or any subdomain of it), else None."""
    host = (urlparse(url).hostname or "").lower()
    for weak, reason in hosts.items():
        if host == weak or host.endswith("." + weak):
            return reason
    return None


def weak_rows(table, hosts) -> list[str]:
    """Rows citing a weak host without saying that nothing better was found."""
    return [f"{row['url']} ({weak_reason(row['url'], hosts)})" for _, row in table.iterrows()
            if weak_reason(row["url"], hosts) and NOT_FOUND not in row.get("note", "")]


def test_every_weak_host_has_a_reason_and_a_source():
    with open(REFERENCE / "weak_hosts.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 10
    assert all(row["host"] and row["reason"] and row["source"] for row in rows)
    assert len({row["host"] for row in rows}) == len(rows)


@pytest.mark.parametrize("name", [name for name in FILES if name != "place_variants"])  # names, not facts
def test_every_reference_row_has_an_http_address(name):
    table = read_reference(name, REFERENCE)
    assert len(table) > 0
    bad = [u for u in table["url"] if urlparse(u).scheme not in ("http", "https") or not urlparse(u).hostname]
    assert not bad, f"{FILES[name]}: rows without an http(s) address: {bad}"


@pytest.mark.parametrize("name", CITED)
def test_no_row_cites_a_weak_host_unless_nothing_better_was_found(name):
    table = read_reference(name, REFERENCE)
    assert not weak_rows(table, weak_hosts()), f"{FILES[name]} cites weak hosts"


@pytest.mark.parametrize("name", CITED)
def test_a_replaced_address_is_kept_as_secondary(name):
    table = read_reference(name, REFERENCE)
    replaced = table[table["secondary_url"] != ""]
    assert len(replaced) > 0
    assert replaced["secondary_url"].str.match(r"https?://").all()
    assert (replaced["secondary_url"] != replaced["url"]).all()


def test_the_check_catches_a_weak_host_put_back():
    table = read_reference("official_figures", REFERENCE)
    hosts = weak_hosts()
    assert weak_rows(table, hosts) == []
    beheaded = table.index[table["metric"] == "beheaded"][0]
    table.loc[beheaded, "url"] = table.loc[beheaded, "secondary_url"]
    assert table.loc[beheaded, "secondary_url"].startswith("https://en.news-front.su/")
    assert weak_rows(table, hosts) == [f"{table.loc[beheaded, 'url']} ({hosts['news-front.su']})"]


def test_the_staging_copy_is_replaced_by_the_public_address():
    table = read_reference("official_figures", REFERENCE)
    row = table[(table["value_low"] == "238") & (table["announced"] == "2022-03-14")].iloc[0]
    assert row["url"] == "https://www.rferl.org/a/kazakhstan-contradictory-death-tolls-unrest/31752499.html"
    assert urlparse(row["secondary_url"]).hostname == "staging.rferl.org"


def test_official_figures_still_read_with_the_new_column():
    table = official_figures(REFERENCE)
    assert {"url", "secondary_url", "low", "high", "retracted"} <= set(table.columns)
    assert table.loc[table["retracted"], "value"].tolist() == [164]
    assert table["announced"].notna().all()
