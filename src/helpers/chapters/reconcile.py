"""Casualty reconciliation the way conflict-event datasets do it (ACLED, UCDP GED): current figures only,
within a scope, then low/best/high across claimants.

1. Leave out what is not a current estimate: forecasts, sub-counts ("including two"), figures without a
   number, figures the same sentence supersedes ("... at thirteen, after eight deaths were confirmed",
   :mod:`helpers.extract.casualty_revisions`), and each claimant's older figures (a claimant's latest
   publication date is its current figure).
2. Reconcile within a scope (:mod:`helpers.extract.casualty_scope`): one incident or site, one city, one
   region, the whole country. A figure for one police headquarters is not a rival of a national total.
3. Per (outcome, victim group, scope, place): low is the lowest lower bound, high the highest upper bound
   (open when any figure is open), best by the rule (:data:`RULES`, documented with the anchors'
   addresses in ``reconciliation_rules.csv``).

:func:`left_out` says, per claim, why it is not in a reconciliation or not in the national answer.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.corpus.reader import published_dates
from helpers.knowledge import knowledge_path

RULES = ("most_conservative", "latest", "median")
SCOPE_ORDER = {"national": 0, "region": 1, "city": 2, "incident": 3}
SCOPE_WORDS = {"national": "nationwide or total", "region": "one region", "city": "one city",
               "incident": "one incident or site"}
KEYS = ["outcome", "victim_group", "scope", "scope_place"]
UNATTRIBUTED = "the outlet, unattributed"


def rules_table(knowledge_dir=None) -> pd.DataFrame:
    """The reconciliation rules with what each does and the convention it follows (``reconciliation_rules.csv``).

    >>> rules_table().set_index("rule").loc["most_conservative", "anchor"]
    'ACLED'
    """
    path = knowledge_path("reconciliation_rules.csv", knowledge_dir)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    lacking = {"rule", "label", "how", "anchor", "url", "source"} - set(table.columns)
    if lacking:
        raise ValueError(f"{path}: lacks column(s) {sorted(lacking)}")
    if set(table["rule"]) != set(RULES):
        raise ValueError(f"{path}: must describe exactly the rules {list(RULES)}, has {sorted(table['rule'])}")
    return table


def _check_rule(rule: str) -> None:
    if rule not in RULES:
        raise ValueError(f"unknown reconciliation rule {rule!r}; use one of {RULES}")


def _who(claims: pd.DataFrame) -> pd.Series:
    """Who gives each figure: the claimant, or the outlet for a figure stated in the outlet's own voice."""
    outlet = claims["outlet"] if "outlet" in claims else claims["doc"]
    named = claims["claimant"].fillna("").str.strip()
    return named.where(named != "", outlet.astype(str) + f" ({UNATTRIBUTED})")


def _label(row) -> str:
    return f"{row['number_text']} ({row.get('outlet', row['doc'])}, {row.get('published', '')})"


def _sorted(claims: pd.DataFrame) -> pd.DataFrame:
    return claims.assign(_date=published_dates(claims["published"]) if "published" in claims else pd.NaT)


def current_figures(claims: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(current, dropped): the figures that count as current estimates, and the others with a ``reason``.

    >>> current, dropped = current_figures(claims)                     # doctest: +SKIP
    >>> dropped.loc[dropped.quote == "eight deaths", "reason"].item()  # seed 003 line 13   # doctest: +SKIP
    'superseded by “thirteen” in the same sentence (“after … were confirmed”)'
    """
    frame = _sorted(claims)
    for column in ("claimant", "scope_place", "superseded_cue"):
        frame[column] = frame[column].fillna("").astype(str)
    for column in ("forecast", "subcount", "superseded"):
        frame[column] = frame[column].fillna(False).astype(bool)
    frame["who"] = _who(frame)
    reasons = pd.Series("", index=frame.index, dtype=object)
    reasons[frame["best"].isna()] = "states no number"
    reasons[frame["subcount"]] = "part of an earlier figure in the same sentence (a sub-count), not a rival total"
    reasons[frame["forecast"]] = "a forecast (what someone said will happen), not a report"
    starts = frame.set_index(["doc", "start"])["number_text"]
    for i in frame.index[frame["superseded"] & (reasons == "")]:
        row = frame.loc[i]
        newer = starts.get((row["doc"], row["superseded_by"]))
        newer = newer.iloc[0] if isinstance(newer, pd.Series) else newer
        reasons[i] = f"superseded by “{newer}” in the same sentence (“{row['superseded_cue']}”)"
    live = frame[reasons == ""]
    for _, group in live.groupby([*KEYS, "who"], sort=False, dropna=False):
        latest = group["_date"].max()
        if pd.isna(latest):
            continue
        newest = group[group["_date"] == latest].sort_values(["doc", "start"])
        figures = ", ".join(dict.fromkeys(newest["number_text"]))
        where = ", ".join(dict.fromkeys(newest["outlet"] if "outlet" in newest else newest["doc"]))
        for i in group.index[group["_date"] < latest]:
            reasons[i] = (f"an earlier figure of {frame.loc[i, 'who']}; their latest ({figures}: {where}, "
                          f"{newest['published'].iloc[0]}) is used")
    dropped = frame[reasons != ""].assign(reason=reasons[reasons != ""])
    return frame[reasons == ""].drop(columns="_date"), dropped.drop(columns="_date")


def _consistent(group: pd.DataFrame, value: float) -> bool:
    """Whether ``value`` lies inside every figure's own range (an open end allows anything)."""
    low_ok = group["low"].isna() | (group["low"] <= value)
    high_ok = group["high"].isna() | (group["high"] >= value)
    return bool((low_ok & high_ok).all())


def _choose_best(group: pd.DataFrame, rule: str) -> pd.Series:
    """The figure that gives ``best`` under ``rule`` (its ``best`` replaced by the median for ``median``).

    ``most_conservative`` (ACLED): the lowest figure that every current figure allows ("at least 8",
    "at least 12" and "at least 18" all allow 18, so 18); when the figures contradict each other, the
    lowest. ``latest``: the most recently published figure (on a tie, the lowest). ``median``: the median.
    """
    _check_rule(rule)
    if rule == "most_conservative":
        ordered = group.sort_values(["best", "doc", "start"])
        for _, row in ordered.iterrows():
            if _consistent(group, float(row["best"])):
                return row
        return ordered.iloc[0]
    if rule == "latest":
        dated = _sorted(group)
        latest = dated[dated["_date"] == dated["_date"].max()] if dated["_date"].notna().any() else dated
        return latest.sort_values(["best", "doc", "start"]).iloc[0].drop("_date")
    median = float(group["best"].median())
    chosen = group.iloc[(group["best"] - median).abs().argsort()].iloc[0].copy()
    chosen["best"] = median
    return chosen


COLUMNS = ["outcome", "victim_group", "scope", "scope_place", "figures", "claimants", "documents", "low",
           "best", "high", "rule", "best_from", "dissenting"]


def reconcile(claims: pd.DataFrame, rule: str = "most_conservative", current: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (outcome, victim group, scope, place) over the current figures (:func:`current_figures`).

    ``low`` is the lowest lower bound, ``high`` the highest upper bound (empty, "open", when any figure is
    open-ended), ``best`` the value the ``rule`` picks (:func:`_choose_best`), ``dissenting`` every
    figure whose own range excludes that best. National rows come first. ``current``: the claims' current
    figures if the caller has them (:func:`current_figures`, the same for every rule).

    >>> table = reconcile(claims)                                                            # doctest: +SKIP
    >>> table.query("outcome == 'killed' and victim_group == 'security_forces'")[["scope", "best"]]  # doctest: +SKIP
    """
    _check_rule(rule)
    current = current_figures(claims)[0] if current is None else current
    rows = []
    for (outcome, group_name, scope, place), group in current.groupby(KEYS, sort=False, dropna=False):
        chosen = _choose_best(group, rule)
        best = float(chosen["best"])
        excludes = (group["low"] > best) | (group["high"].notna() & (group["high"] < best))
        rows.append({
            "outcome": outcome, "victim_group": group_name, "scope": scope, "scope_place": place,
            "figures": len(group), "claimants": int(group["who"].nunique()),
            "documents": int(group["doc"].nunique()),
            "low": float(group["low"].min()) if group["low"].notna().any() else np.nan,
            "best": best,
            "high": float(group["high"].max()) if group["high"].notna().all() else np.nan,
            "rule": rule, "best_from": f"{_label(chosen)}, according to {chosen['who']}",
            "dissenting": "; ".join(_label(r) for _, r in group[excludes].iterrows()),
        })
    table = pd.DataFrame(rows, columns=COLUMNS)
    order = table["scope"].map(SCOPE_ORDER)
    return (table.assign(_o=order).sort_values(["outcome", "victim_group", "_o", "scope_place"])
            .drop(columns="_o").reset_index(drop=True))


def left_out(claims: pd.DataFrame) -> pd.DataFrame:
    """Every claim that is not in a reconciliation, or not in the national answer, and why.

    ``left_out_of`` is "every reconciliation" (not a current estimate: superseded, older, a forecast, a
    sub-count) or "the national figure" (a figure of one incident, city or region, reconciled in its own
    scope). Each row keeps its document and span.
    """
    current, dropped = current_figures(claims)
    local = current[current["scope"] != "national"]
    local = local.assign(reason=[
        f"a figure for {SCOPE_WORDS.get(s, s)} ({p}): reconciled in its own scope, not in the national figure"
        for s, p in zip(local["scope"], local["scope_place"])])
    out = pd.concat([dropped.assign(left_out_of="every reconciliation"),
                     local.assign(left_out_of="the national figure")], ignore_index=True)
    columns = ["doc", "start", "end", "quote", "number_text", "outcome", "victim_group", "scope", "scope_place",
               "who", "outlet", "published", "left_out_of", "reason"]
    out = out.reindex(columns=columns)
    return out.sort_values(["outcome", "victim_group", "doc", "start"], kind="stable").reset_index(drop=True)


def rules_compared(claims: pd.DataFrame) -> pd.DataFrame:
    """The "best" figure per (outcome, victim group, scope, place) under each rule, side by side."""
    merged, current = None, current_figures(claims)[0]
    for rule in RULES:
        part = reconcile(claims, rule, current)[[*KEYS, "best"]].rename(columns={"best": rule})
        merged = part if merged is None else merged.merge(part, on=KEYS, sort=False)
    return merged if merged is not None else pd.DataFrame(columns=[*KEYS, *RULES])


def national(table: pd.DataFrame, outcome: str, victim_group: str) -> pd.Series | None:
    """The national row of a reconciliation table for one outcome and victim group, or None."""
    rows = table[(table["outcome"] == outcome) & (table["victim_group"] == victim_group)
                 & (table["scope"] == "national")]
    return rows.iloc[0] if len(rows) else None
