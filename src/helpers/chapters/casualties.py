"""The casualties chapter: the claims ledger, the reconciliation per outcome and victim group, the charts.

Claims come from :func:`helpers.extract.casualties.casualty_claims`; official figures from the reference
table ``official_figures.csv``. Nothing here averages reports away: every claim stays visible, the
reconciliation says which rule chose "best", and the claims that disagree with it are listed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.chapters.casualty_charts import (  # the charts, re-exported for the chapter
    GROUP_LABELS,
    casualty_chart,
    chart_frame,
    merge_points,
)
from helpers.chapters.outlets import with_outlets
from helpers.chapters.reconcile import (
    RULES,
    SCOPE_WORDS,
    current_figures,
    left_out,
    national,
    reconcile,
    rules_compared,
)
from helpers.present.interactive import badges, shown_first
from helpers.present.provenance import sentence_links

__all__ = ["GROUP_LABELS", "RULES", "casualty_chart", "casualty_facts", "chart_frame", "claims_table", "ledger",
           "left_out", "left_out_view", "merge_points", "official_table", "reconcile", "reconciliation_view",
           "rules_compared", "rules_compared_view"]
OUTCOMES = ("killed", "injured", "detained", "beheaded", "other")
def claims_table(tables, claims: pd.DataFrame) -> pd.DataFrame:
    """Every casualty claim of the corpus with its outlet, ownership, date and a ``subcount`` flag.

    ``claims``: the extraction stage's casualty rows (:func:`helpers.extract.registry.casualties`).

    >>> claims = claims_table(tables, extract_corpus(tables).frames["casualties"])    # doctest: +SKIP
    >>> claims.loc[claims.quote.str.startswith("At least 18"), "outlet"].item()     # doctest: +SKIP
    'jewworldorder.org'
    """
    out = with_outlets(claims, tables.documents)
    out["sentence_link"] = sentence_links(out, tables.sentences, tables.documents)
    return out


def ledger(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims ledger as the chapter shows it: one row per claim, who says it, who published it."""
    table = claims.assign(
        claimant=claims["claimant"].replace("", "(the outlet, unattributed)"),
        kind=np.select([claims["forecast"], claims["subcount"]], ["forecast", "part of an earlier count"], "report"),
        span=claims["doc"] + " [" + claims["start"].astype(str) + ":" + claims["end"].astype(str) + "]",
        ownership=badges(claims["family"], claims["outlet_affiliation"]),
    )
    columns = {
        "published": "published", "outlet": "outlet", "ownership": "outlet ownership",
        "claimant": "according to", "quote": "quote", "number_text": "as written", "low": "low",
        "best": "best", "high": "high", "qualifier": "qualifier", "outcome": "outcome",
        "victim_group": "victims", "location": "where", "kind": "kind", "span": "document [start:end]",
        "sentence_link": "in context",
    }
    table = table[list(columns)].rename(columns=columns).sort_values(["outcome", "victims", "published"])
    return shown_first(table, ["quote", "as written", "outcome", "victims", "according to", "outlet",
                               "outlet ownership", "in context"])


def _range_phrase(group: pd.DataFrame) -> str:
    """'from at least eight (VOI) to at least 18 (jewworldorder.org)' over the figures' lower bounds."""
    group = group.dropna(subset=["low"])
    if group.empty:
        return "not stated in this corpus"
    lo = group.loc[group["low"].idxmin()]
    hi = group.loc[group["low"].idxmax()]
    if len(group) == 1:
        return f"{lo['number_text'].lower()} ({lo['outlet']}), the only figure"
    if lo["low"] == hi["low"]:
        return f"{lo['low']:.0f} in every claim"
    return f"from {lo['number_text'].lower()} ({lo['outlet']}) to {hi['number_text'].lower()} ({hi['outlet']})"


def _values_phrase(group: pd.DataFrame) -> str:
    """'1 (The Cradle); 2 (jewworldorder.org, Europa Press wire ...)' per distinct value."""
    if group.empty:
        return "none in this corpus"
    parts = []
    for value, rows in group.groupby("best"):
        parts.append(f"{value:.0f} ({', '.join(sorted(set(rows['outlet'])))})")
    return "; ".join(parts)


def _local_phrase(table: pd.DataFrame) -> str:
    """'13 in Almaty (one city)' for the reconciled rows of a narrower scope than the country."""
    rows = table[table["scope"] != "national"]
    if rows.empty:
        return "none"
    return "; ".join(f"{r.best:.0f} for {r.scope_place} ({SCOPE_WORDS.get(r.scope, r.scope)})"
                     for r in rows.itertuples())


def _dropped_phrase(dropped: pd.DataFrame) -> str:
    """'“eight deaths” (Europa Press wire): superseded by “thirteen” in the same sentence (...)'."""
    if dropped.empty:
        return "none"
    return "; ".join(f"“{r.quote}” ({r.outlet}): {r.reason}" for r in dropped.itertuples())


def casualty_facts(claims: pd.DataFrame, official: pd.DataFrame,
                   rule: str = "most_conservative") -> dict[str, int | float | str]:
    """The numbers and phrases the casualties chapter states, as plain Python values for ``glue``.

    The security-force deaths are the reconciliation's national answer (:func:`reconcile` under ``rule``):
    on the seeds "eight deaths" of seed 003 is superseded by "thirteen" in its sentence, and thirteen is
    Almaty's count, so neither enters the national figure.
    """
    reported = claims[~claims["forecast"] & ~claims["subcount"]]
    current, dropped = current_figures(claims)
    nationwide = current[current["scope"] == "national"]
    table = reconcile(claims, rule, current)

    def of(frame: pd.DataFrame, outcome: str, group: str | None = None) -> pd.DataFrame:
        mask = frame["outcome"] == outcome
        return frame[mask & (frame["victim_group"] == group)] if group else frame[mask]

    security_killed = of(nationwide, "killed", "security_forces")
    answer = national(table, "killed", "security_forces")
    later = official[~official["retracted"]]

    def latest(metric: str, group: str) -> pd.Series | None:
        rows = later[(later["metric"] == metric) & (later["victim_group"] == group)].sort_values("announced")
        return rows.iloc[-1] if len(rows) else None

    sec = latest("killed", "security_forces")
    total = latest("killed", "mixed_unspecified")
    retracted = official[official["retracted"]]
    gone = left_out(claims)
    return {
        "n_claims": len(claims),
        "n_claim_docs": int(claims["doc"].nunique()),
        "n_reported": len(reported),
        "n_forecasts": int(claims["forecast"].sum()),
        "n_subcounts": int(claims["subcount"].sum()),
        "n_unattributed": int((claims["claimant"].fillna("") == "").sum()),
        "n_outcomes": int(reported["outcome"].nunique()),
        "n_current": len(current),
        "n_superseded": int(dropped["reason"].str.startswith("superseded").sum()),
        "n_older": int(dropped["reason"].str.startswith("an earlier figure").sum()),
        "n_not_national": int((gone["left_out_of"] == "the national figure").sum()),
        "n_left_out": len(gone),
        "security_killed_range": _range_phrase(security_killed),
        "n_security_killed_docs": int(of(reported, "killed", "security_forces")["doc"].nunique()),
        "security_killed_best": int(answer["best"]) if answer is not None else 0,
        "security_killed_best_from": str(answer["best_from"]) if answer is not None else "none",
        "security_killed_local": _local_phrase(table[(table["outcome"] == "killed")
                                                     & (table["victim_group"] == "security_forces")]),
        "security_killed_dropped": _dropped_phrase(of(dropped, "killed", "security_forces")),
        "beheaded_values": _values_phrase(of(reported, "beheaded")),
        "detained_range": _range_phrase(of(nationwide, "detained")),
        "official_security_killed": int(sec["value"]) if sec is not None else 0,
        "official_security_killed_date": f"{sec['announced']:%-d %B %Y}" if sec is not None else "unknown",
        "official_security_killed_by": str(sec["announced_by"]) if sec is not None else "unknown",
        "official_total_killed": int(total["value"]) if total is not None else 0,
        "official_total_killed_date": f"{total['announced']:%B %Y}" if total is not None else "unknown",
        "official_total_killed_by": str(total["announced_by"]) if total is not None else "unknown",
        "retracted_figure": int(retracted["value"].iloc[0]) if len(retracted) else 0,
        "retracted_date": f"{retracted['announced'].iloc[0]:%-d %B %Y}" if len(retracted) else "unknown",
    }


def _where(scope: pd.Series, place: pd.Series) -> pd.Series:
    """'nationwide or total', 'Almaty (one city)', 'police headquarters, Almaty (one incident or site)'."""
    words = scope.map(SCOPE_WORDS).fillna(scope)
    place = place.fillna("")
    return words.where(place == "", place + " (" + words + ")")


def reconciliation_view(table: pd.DataFrame) -> pd.DataFrame:
    """The reconciliation as the chapter shows it: victims and scope in words, counts as whole numbers,
    the range as 'low to high' ('8 to open': "at least 8" sets no ceiling)."""
    def number(v) -> str:
        return "open" if pd.isna(v) else f"{v:,.0f}"

    view = pd.DataFrame({
        "outcome": table["outcome"],
        "victims": table["victim_group"].map(GROUP_LABELS).fillna(table["victim_group"]),
        "scope": _where(table["scope"], table["scope_place"]),
        "current figures": table["figures"],
        "best": table["best"].map(lambda v: f"{v:,.1f}".rstrip("0").rstrip(".")),
        "range": table["low"].map(number) + " to " + table["high"].map(number),
        "best from": table["best_from"],
        "dissenting": table["dissenting"],
    })
    return shown_first(view, ["outcome", "victims", "scope", "best", "range", "best from", "dissenting"])


def rules_compared_view(table: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """:func:`rules_compared` as the chapter shows it: victims and scope in words, a column per rule by its label."""
    labels = dict(zip(rules["rule"], rules["label"]))
    view = pd.DataFrame({
        "outcome": table["outcome"],
        "victims": table["victim_group"].map(GROUP_LABELS).fillna(table["victim_group"]),
        "scope": _where(table["scope"], table["scope_place"]),
    })
    for rule in RULES:
        view[labels.get(rule, rule)] = table[rule].map(lambda v: "–" if pd.isna(v) else f"{v:,.1f}".rstrip("0").rstrip("."))
    return view


def left_out_view(gone: pd.DataFrame) -> pd.DataFrame:
    """The claims left out of the reconciliation or of the national figure, with why, as the chapter shows it."""
    view = gone.assign(
        victim_group=gone["victim_group"].map(GROUP_LABELS).fillna(gone["victim_group"]),
        span=gone["doc"] + " [" + gone["start"].astype(str) + ":" + gone["end"].astype(str) + "]",
    )
    columns = {"quote": "quote", "outlet": "outlet", "published": "published", "outcome": "outcome",
               "victim_group": "victims", "left_out_of": "left out of", "reason": "why",
               "span": "document [start:end]"}
    return shown_first(view[list(columns)].rename(columns=columns),
                       ["quote", "why", "left out of", "outcome", "victims", "outlet"])


def official_table(official: pd.DataFrame) -> pd.DataFrame:
    """The reference figures as the chapter cites them (each with its address)."""
    table = official.assign(announced=official["announced"].dt.strftime("%Y-%m-%d"))
    columns = {"announced": "announced", "metric": "outcome", "victim_group": "victims", "figure_text": "figure",
               "scope": "scope", "announced_by": "announced by", "note": "note", "url": "address"}
    return shown_first(table[list(columns)].rename(columns=columns),
                       ["announced", "outcome", "victims", "figure", "scope", "announced by", "address"])
