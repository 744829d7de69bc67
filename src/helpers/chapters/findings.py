"""Findings stated in one sentence: the openings of the chapters and the landing page's key findings,
built from the chapters' own tables (every value glued, every claim attributed to whoever makes it)."""

from __future__ import annotations

import pandas as pd

PLACES_PER_DAY = 5


def _names(items: list[str]) -> str:
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else (items[0] if items else "")


def first_day_sequence(comparison: pd.DataFrame, places_per_day: int = PLACES_PER_DAY) -> str:
    """The order in which the articles date the first events at each place: one clause per day, the
    places first dated that day (those most articles date first) and the outlets that date them
    (``timeline_comparison``'s ``place``, ``articles_first``, ``articles_outlets``, ``articles_documents``).

    >>> first_day_sequence(pd.DataFrame({"place": ["Zhanaozen", "Almaty"], "articles_first": ["2022-01-02", "2022-01-04"],
    ...                                  "articles_outlets": ["jewworldorder.org", "jewworldorder.org"]}))
    'Zhanaozen on 2 January (jewworldorder.org), then Almaty on 4 January (jewworldorder.org)'
    """
    if "articles_first" not in comparison:
        comparison = pd.DataFrame({"place": [], "articles_first": [], "articles_outlets": []})
    dated = comparison[comparison["articles_first"].fillna("").astype(str).str.match(r"\d{4}-\d{2}-\d{2}$")]
    if dated.empty:
        return "no place in Kazakhstan with a date the articles give"
    clauses = []
    for day, part in dated.sort_values(["articles_first", "place"]).groupby("articles_first", sort=True):
        if "articles_documents" in part:  # the places most articles date first
            part = part.sort_values(["articles_documents", "place"], ascending=[False, True])
        places = part["place"].astype(str).tolist()
        shown = places[:places_per_day] + ([f"{len(places) - places_per_day} more places"]
                                           if len(places) > places_per_day else [])
        outlets = sorted({o.strip() for cell in part["articles_outlets"].astype(str) for o in cell.split(";") if o.strip()})
        stamp = pd.Timestamp(day)
        clauses.append(f"{_names(shown)} on {stamp.day} {stamp:%B} ({', '.join(outlets)})")
    return ", then ".join(clauses)
