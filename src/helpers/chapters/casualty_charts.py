"""The casualties chapter's charts: each claim a point at its publication date, its range or its floor,
and the official figures as a step line; one panel per victim group.

Claims that would draw the same mark merge (:func:`merge_points`), so a chart embeds few rows however
large the corpus. :mod:`helpers.chapters.casualties` re-exports these functions.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from helpers.corpus.reader import published_dates
from helpers.present.palette import family_scale

CHART_START, CHART_END = "2022-01-04", "2022-01-20"
MAX_POINTS = 1500  # claim marks per chart at most: a chart embeds its data, and the page must stay light
BOUNDED_FIGURE = "stated exactly or bounded (bar: the range)"
OPEN_FIGURE = "open-ended: at least this many (arrow)"
GROUP_LABELS = {"security_forces": "security forces", "rioters_protesters": "rioters / protesters",
                "civilians": "civilians", "mixed_unspecified": "people (unspecified)"}



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
