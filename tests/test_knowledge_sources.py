"""Every knowledge row cites a source, and never a weak host unless the row says why it is kept.

The knowledge files (``src/helpers/data/``) and the dev corpus's ``new_actors.csv`` carry a
``source`` column of addresses. A host listed in ``reference/weak_hosts.csv`` (content farms,
mirrors, staging servers, wikis for children, blogs) may be cited only by a row whose source says
``weak source:`` and why it is kept (no better address found for the fact).
"""

from __future__ import annotations

import csv
import re

import pytest
from conftest import ROOT
from test_reference import weak_hosts

KNOWLEDGE = ROOT / "src" / "helpers" / "data"
FILES = {name: KNOWLEDGE / name for name in
         ["actors.csv", "actor_titles.csv", "actor_name_patterns.csv", "interference_lexicon.csv", "narratives.csv"]}
FILES["dev/new_actors.csv"] = ROOT / "tests" / "corpora" / "dev" / "new_actors.csv"
KEPT = "weak source:"


def rows(name: str) -> list[dict[str, str]]:
    """The rows of one knowledge file, as read by csv."""
    with open(FILES[name], encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def cited_weak_hosts(source: str, hosts) -> list[str]:
    """The weak hosts a source cites: the host or a subdomain of it, with or without a scheme.

    >>> cited_weak_hosts("https://www.pledgetimes.com/x (title); seed 002", ["pledgetimes.com"])
    ['pledgetimes.com']
    >>> cited_weak_hosts("https://www.rferl.org/a/x.html", ["staging.rferl.org"])
    []
    """
    found = []
    for host in hosts:
        if re.search(r"(?<![\w.-])(?:[\w-]+\.)*" + re.escape(host) + r"(?![\w.-]*\w)", source, re.IGNORECASE):
            found.append(host)
    return found


def unexplained(table: list[dict[str, str]], hosts) -> list[str]:
    """Rows citing a weak host without saying why it is kept."""
    return [f"row {i + 2}: {', '.join(cited_weak_hosts(row['source'], hosts))}" for i, row in enumerate(table)
            if cited_weak_hosts(row["source"], hosts) and KEPT not in row["source"]]


@pytest.mark.parametrize("name", FILES)
def test_every_knowledge_row_has_a_source(name):
    table = rows(name)
    assert len(table) > 0
    assert "source" in table[0], f"{name}: no source column"
    empty = [i + 2 for i, row in enumerate(table) if not (row["source"] or "").strip()]
    assert not empty, f"{name}: rows without a source: {empty}"


@pytest.mark.parametrize("name", FILES)
def test_no_row_cites_a_weak_host_unless_it_says_why(name):
    bad = unexplained(rows(name), weak_hosts())
    assert not bad, f"{name} cites weak hosts without saying why: {bad}"


@pytest.mark.parametrize("name", FILES)
def test_a_row_marked_weak_does_cite_a_weak_host(name):
    hosts = weak_hosts()
    stale = [i + 2 for i, row in enumerate(rows(name)) if KEPT in row["source"]
             and not cited_weak_hosts(row["source"], hosts)]
    assert not stale, f"{name}: rows marked '{KEPT}' that cite no weak host: {stale}"


def test_the_check_catches_a_weak_host_put_back():
    hosts = weak_hosts()
    table = rows("actors.csv")
    azimova = next(row for row in table if row["actor_id"] == "azimova")
    assert "https://www.rferl.org/a/kazakhstan-contradictory-death-tolls-unrest/31752499.html" in azimova["source"]
    assert unexplained(table, hosts) == []
    azimova["source"] = azimova["source"].replace("https://www.rferl.org/", "https://staging.rferl.org/")
    assert unexplained(table, hosts) == [f"row {table.index(azimova) + 2}: staging.rferl.org"]
