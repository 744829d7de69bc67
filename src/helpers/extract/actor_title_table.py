"""The table of titles (``actor_titles.csv``: ``phrase, kind, holder, source``), checked, and the regexes built from
it; :mod:`helpers.extract.actor_titles` uses them to read titles, back references and short forms in the text."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers.knowledge import knowledge_cache, knowledge_path, read_knowledge

KINDS = ("title", "back_reference", "short_form")


@knowledge_cache("actor_titles.csv")
def read_titles(knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """The titles in effect (``actor_titles.csv`` or the user's copy), checked.

    >>> t = read_titles(); sorted(t.loc[t["kind"] == "back_reference", "holder"].unique())
    ['akim', 'ambassador', 'envoy', 'president', 'prime minister', 'prosecutor general', 'secretary of state', 'state secretary']
    """
    path = knowledge_path("actor_titles.csv", knowledge_dir)
    table = read_knowledge("actor_titles.csv", knowledge_dir, {"phrase", "kind", "holder", "source"})
    wrong = sorted(set(table["kind"]) - set(KINDS))
    if wrong:
        raise ValueError(f"{path}: unknown kind(s) {wrong}; allowed {list(KINDS)}")
    empty = table.loc[table["kind"].isin(["back_reference", "short_form"]) & (table["holder"].str.strip() == ""),
                      "phrase"].tolist()
    if empty:
        raise ValueError(f"{path}: back_reference or short_form row(s) {empty} name no holder")
    return table


@knowledge_cache("actor_titles.csv")
def _title_alternation(knowledge_dir: str | Path | None = None) -> str:
    """The ``title`` phrases of ``actor_titles.csv`` as one regex alternation, longest first, a space matching a
    space or a no-break space; empty when there are none."""
    titles = read_titles(knowledge_dir)
    phrases = sorted(titles.loc[titles["kind"] == "title", "phrase"], key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"[ \u00a0]+") for p in phrases)


def title_pattern(knowledge_dir: str | Path | None = None) -> re.Pattern:
    """One pattern of every ``title`` phrase, longest first, matching a title that ends the text searched.

    >>> bool(title_pattern().search("White House spokeswoman "))
    True
    """
    body = _title_alternation(knowledge_dir) or r"(?!)"
    return re.compile(rf"(?<![\w-])(?:{body})[ \u00a0]+$", re.IGNORECASE)
