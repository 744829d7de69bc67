"""The casualties chapter: the claims ledger, the reconciliation per outcome and victim group, the charts.

Claims come from :func:`helpers.extract.casualties.casualty_claims`; official figures from the reference
table ``official_figures.csv``. Nothing here averages reports away: every claim stays visible, the
reconciliation says which rule chose "best", and the claims that disagree with it are listed.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

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
from helpers.corpus.reader import published_dates
from helpers.present.interactive import badges, shown_first
from helpers.present.palette import family_scale
from helpers.present.provenance import sentence_links

__all__ = ["GROUP_LABELS", "RULES", "casualty_chart", "casualty_facts", "chart_frame", "claims_table", "ledger",
           "left_out", "left_out_view", "merge_points", "official_table", "reconcile", "reconciliation_view",
           "rules_compared", "rules_compared_view"]
OUTCOMES = ("killed", "injured", "detained", "beheaded", "other")
CHART_START, CHART_END = "2022-01-04", "2022-01-20"
MAX_POINTS = 1500  # claim marks per chart at most: a chart embeds its data, and the page must stay light
BOUNDED_FIGURE = "stated exactly or bounded (bar: the range)"
OPEN_FIGURE = "open-ended: at least this many (arrow)"
GROUP_LABELS = {"security_forces": "security forces", "rioters_protesters": "rioters / protesters",
                "civilians": "civilians", "mixed_unspecified": "people (unspecified)"}


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


def merge_points(points: pd.DataFrame, max_points: int = MAX_POINTS) -> pd.DataFrame:
    """Claims that would draw the same mark become one row, with how many claims and documents it stands for.

    First, claims identical in date, victims, figure, claimant and outlet (the same wire story in many
    articles) merge; the quote and source shown are the first of them. If more than ``max_points``
    marks remain, claims that differ only in claimant, outlet or wording merge too (same date,
    victims, ownership and values), and then values are rounded to two significant figures. No claim
    is left out: ``claims`` adds up to the number of claims whatever the level.
    """
    levels = [
        ["date", "victim_group", "family", "value", "low", "high", "label", "who", "outlet"],
        ["date", "victim_group", "family", "value", "low", "high"],
        ["date", "victim_group", "family", "value", "low", "high"],
    ]
    merged = points
    for level, keys in enumerate(levels):
        frame = points
        if level == 2:  # coarsest: values to two significant figures
            frame = points.copy()
            for column in ("value", "low", "high"):
                frame[column] = frame[column].map(_two_figures)
        firsts = {c: (c, "first") for c in ["series", "label", "quote", "who", "outlet", "source"] if c not in keys}
        merged = (
            frame.groupby(keys, dropna=False, sort=True)
            .agg(**firsts, claims=("source", "size"), documents=("source", "nunique"),
                 whos=("who", "nunique"), outlets=("outlet", "nunique"))
            .reset_index()
        )
        if len(merged) <= max_points:
            break
    several = merged["claims"] > 1
    merged["quote"] = merged["quote"].where(~several, "e.g. " + merged["quote"])
    merged["who"] = merged["who"].where(merged["whos"] <= 1, merged["who"] + " and others")
    merged["outlet"] = merged["outlet"].where(merged["outlets"] <= 1, merged["outlet"] + " and others")
    merged["source"] = merged["source"].where(
        merged["documents"] <= 1, merged["source"] + " and " + (merged["documents"] - 1).astype(str) + " more")
    return merged.drop(columns=["whos", "outlets"])


def _two_figures(value: float) -> float:
    """``value`` rounded to two significant figures (NaN stays NaN).

    >>> _two_figures(3123.0), _two_figures(18.0), _two_figures(float("nan")) != _two_figures(float("nan"))
    (3100.0, 18.0, True)
    """
    if pd.isna(value) or value == 0:
        return value
    return float(round(value, 1 - int(np.floor(np.log10(abs(value))))))


def chart_frame(claims: pd.DataFrame, official: pd.DataFrame, outcome: str,
                max_points: int = MAX_POINTS) -> pd.DataFrame:
    """Claims and official figures for one outcome in one long table (``series`` = claim or official).

    Claims that draw the same mark are merged (:func:`merge_points`): ``claims`` and ``documents``
    say how many each row stands for, so the chart embeds at most ``max_points`` claim rows however
    large the corpus.
    """
    mine = claims[(claims["outcome"] == outcome) & ~claims["forecast"] & ~claims["subcount"]].dropna(subset=["best"])
    points = pd.DataFrame({
        "series": "claim in the corpus",
        "date": published_dates(mine["published"]),
        "victim_group": mine["victim_group"],
        "value": mine["best"],
        "low": mine["low"],
        "high": mine["high"],
        "family": mine["family"],
        "label": mine["number_text"],
        "quote": mine["quote"],
        "who": mine["claimant"].replace("", "(the outlet, unattributed)"),
        "outlet": mine["outlet"],
        "source": mine["doc"],
    })
    points = points[(points["date"] >= CHART_START) & (points["date"] <= CHART_END)]
    points = merge_points(points, max_points)
    ref = official[(official["metric"] == outcome) & official["value"].notna()]
    lines = pd.DataFrame({
        "series": np.where(ref["retracted"], "official (retracted)", "official figure"),
        "date": ref["announced"],
        "victim_group": ref["victim_group"],
        "value": ref["value"],
        "low": ref["low"],
        "high": ref["high"],
        "family": "official",
        "label": ref["figure_text"],
        "quote": ref["note"],
        "who": ref["announced_by"],
        "outlet": "reference/official_figures.csv",
        "source": ref["url"],
        "claims": 0,
        "documents": 0,
    })
    frame = pd.concat([points, lines], ignore_index=True)
    groups = set(points["victim_group"])
    frame = frame[frame["victim_group"].isin(groups)]
    frame = frame[(frame["date"] >= CHART_START) & (frame["date"] <= CHART_END)].copy()
    is_open = frame["high"].isna() & (frame["series"] == "claim in the corpus")
    frame["figure"] = np.where(is_open, OPEN_FIGURE, BOUNDED_FIGURE)
    frame["panel"] = frame["victim_group"].map(GROUP_LABELS).fillna(frame["victim_group"])
    # an open-ended figure ("at least 12", "several") is drawn at its floor with an arrow up, never as a
    # bar to the top of the axis: its high end stays empty
    frame["high_drawn"] = frame["high"]
    frame["low_drawn"] = frame["low"].fillna(frame["value"])
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    return frame.reset_index(drop=True)


PANEL_WIDTH, PANEL_EXTRA = 170, 80  # a panel's least plot width; pixels of its axis, title and spacing
DODGE = 11  # pixels between claims published the same day in one panel, drawn side by side
ARROW = "M0,0L0,-2.2M-0.55,-1.5L0,-2.2L0.55,-1.5"  # symbol path: a stroke up from the floor, an arrow head


def casualty_chart(frame: pd.DataFrame, outcome: str) -> alt.FacetChart:
    """Each claim a point (publication date, value), a bounded range as a bar, an open-ended figure as a
    triangle at its floor with an arrow up; the official figures as a step line. Claims published the
    same day in a panel stand side by side (``DODGE`` pixels apart, ordered by value), so none hides another.

    One panel per victim group; on screen the panels wrap to the container's width (one column on a phone).
    """
    base = alt.Chart(frame)
    x = alt.X("date:T", title="published / announced", scale=alt.Scale(type="utc", domain=[CHART_START, CHART_END]),
              axis=alt.Axis(format="%-d %b", tickCount=6, labelOverlap=True))
    tooltip = [alt.Tooltip("series:N", title="what"),
               alt.Tooltip("date:T", title="date", timeUnit="utcyearmonthdate", format="%-d %B %Y"),
               alt.Tooltip("label:N", title="as written"), alt.Tooltip("low:Q", title="low"),
               alt.Tooltip("high:Q", title="high (empty: open-ended)"), alt.Tooltip("who:N", title="claimant"),
               "outlet:N", "quote:N", "source:N", alt.Tooltip("claims:Q", title="claims at this point")]
    claims = base.transform_filter(alt.datum.series == "claim in the corpus").transform_window(
        slot="row_number()", n="count()", groupby=["panel", "date"], sort=[alt.SortField("value")],
        frame=[None, None])
    dodge = alt.expr(f"(datum.slot - (datum.n + 1) / 2) * {DODGE}")
    colour = alt.Color("family:N", title="outlet ownership", scale=family_scale(frame["family"]),
                       legend=alt.Legend(symbolOpacity=1, symbolType="circle"))
    y = alt.Y("low_drawn:Q", title=f"people {outcome} (as claimed)", axis=alt.Axis(tickMinStep=1, format="d"))
    ranges = claims.transform_filter(alt.datum.figure == BOUNDED_FIGURE).transform_filter(
        "datum.high_drawn > datum.low_drawn").mark_rule(strokeWidth=5, opacity=0.35, xOffset=dodge).encode(
        x=x, y=y, y2="high_drawn:Q", color=colour, tooltip=tooltip)
    arrows = claims.transform_filter(alt.datum.figure == OPEN_FIGURE).mark_point(
        shape=ARROW, size=90, strokeWidth=1.6, filled=False, opacity=0.9, xOffset=dodge).encode(
        x=x, y=y, color=colour, tooltip=tooltip)
    points = claims.mark_point(filled=True, size=70, opacity=0.95, xOffset=dodge).encode(
        x=x, y=y, color=colour, tooltip=tooltip,
        shape=alt.Shape("figure:N", title="figure", scale=alt.Scale(
            domain=[BOUNDED_FIGURE, OPEN_FIGURE], range=["circle", "triangle-up"])))
    official = base.transform_filter(alt.datum.series == "official figure").mark_line(
        interpolate="step-after", color="#222", strokeDash=[4, 3], point=alt.OverlayMarkDef(color="#222", size=30)
    ).encode(x=x, y="value:Q", tooltip=tooltip)
    retracted = base.transform_filter(alt.datum.series == "official (retracted)").mark_point(
        shape="cross", color="#222", size=120, strokeWidth=2
    ).encode(x=x, y="value:Q", tooltip=tooltip)
    labels = base.transform_filter(alt.datum.series == "official (retracted)").mark_text(
        align="left", dx=8, fontSize=11, color="#222"
    ).encode(x=x, y="value:Q", text=alt.value("retracted"))
    layered = alt.layer(ranges, arrows, points, official, retracted, labels).properties(width=PANEL_WIDTH, height=190)
    panels = int(frame["panel"].nunique())
    return layered.facet(
        facet=alt.Facet("panel:N", title=None, header=alt.Header(labelFontSize=12, labelFontWeight="bold")),
        columns=panels,
        title=alt.Title(f"People {outcome}: claims in the articles and official figures",
                        subtitle=["triangle and arrow: an open-ended figure (\"at least\", \"dozens\") at its floor;",
                                  "bar: a stated range; dashed: official figure as announced",
                                  "(reference/official_figures.csv)"]),
    ).resolve_scale(y="independent").properties(
        usermeta={"fit": {"panels": panels, "min_panel": PANEL_WIDTH, "extra": PANEL_EXTRA}},
    ).configure_legend(orient="bottom", direction="vertical")


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
    table = reconcile(claims, rule)

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
