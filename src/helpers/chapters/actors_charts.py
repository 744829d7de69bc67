"""The actors chapter's charts: who is named by affiliation, who each outlet quotes, who is named with whom.

Each chart is drawn from a small table aggregated in :mod:`helpers.chapters.actors` (the chapter writes it
as CSV); :mod:`helpers.chapters.actors` re-exports these functions.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers.present.charts import LEGEND_COLUMNS, plain_labels
from helpers.present.interactive import code_labels
from helpers.present.palette import SEQUENTIAL, family_scale, role_scale

TYPE_ORDER = ["person", "government_body", "security_force", "alliance", "media", "group", "other"]


def affiliation_chart(summary: pd.DataFrame) -> alt.Chart:
    """Mentions per affiliation, one bar each, split by actor type."""
    order = summary.groupby("affiliation")["mentions"].sum().sort_values(ascending=False).index.tolist()
    # the type as words ("government body"), as the legend and the tooltip show it
    words = code_labels()
    frame = summary.assign(type=summary["type"].map(lambda t: words.get(t, t.replace("_", " "))),
                           type_rank=summary["type"].map({t: i for i, t in enumerate(TYPE_ORDER)}).fillna(len(TYPE_ORDER)))
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("mentions:Q", title="mentions in the articles", axis=alt.Axis(format="d")),
        y=alt.Y("affiliation:N", sort=order, title=None, axis=alt.Axis(labelLimit=150)),
        color=alt.Color("type:N", title="actor type", scale=role_scale("actor type", frame["type"])),
        order=alt.Order("type_rank:Q"),
        tooltip=["affiliation:N", "type:N", "actors:Q", "mentions:Q", "documents:Q", "names:N"],
    ).configure_legend(orient="bottom", columns=LEGEND_COLUMNS).properties(width=480, height=max(160, 22 * len(order)),
                 title=alt.Title("Who the articles name, by affiliation",
                                 subtitle="an unresolved name counts as 'unknown'; 'other' includes the speakers' labels"))


def speakers_chart(frame: pd.DataFrame) -> alt.Chart:
    """Which outlets quote which side: one column per outlet (coloured by who owns it), one row per speaker
    affiliation, the number of statements written in each cell (darker for more)."""
    sides = frame.groupby("side")["statements"].sum().sort_values(ascending=False).index.tolist()
    frame = frame.assign(column=frame["outlet"] + " (" + frame["family"] + ")")
    columns = frame.drop_duplicates("column").sort_values(["family", "outlet"])["column"].tolist()
    base = alt.Chart(frame).encode(
        x=alt.X("column:N", sort=columns, title=None,
                axis=alt.Axis(labelAngle=-40, labelLimit=170, domain=False, ticks=False)),
        y=alt.Y("side:N", sort=sides, title="speaker's affiliation",
                axis=alt.Axis(labelLimit=130, labelExpr=plain_labels(frame["side"]), domain=False, ticks=False)),
        tooltip=["outlet:N", "outlet_affiliation:N", "side:N", "statements:Q", "speakers:N"],
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("family:N", title="outlet ownership", scale=family_scale(frame["family"])),
        opacity=alt.Opacity("statements:Q", title="statements", scale=alt.Scale(range=[0.3, 1.0]),
                            legend=alt.Legend(format="d")),
    )
    labels = base.mark_text(fontSize=12, fontWeight="bold", color="#111").encode(text="statements:Q")
    return alt.layer(cells, labels).properties(
        width=max(240, 60 * len(columns)), height=alt.Step(28),
        title=alt.Title("Who each outlet quotes", subtitle="statements per outlet and speaker's affiliation; "
                        "the outlet's own voice is not counted")).configure_legend(orient="bottom", columns=LEGEND_COLUMNS)


MATRIX_ACTORS = 12  # actors in the co-occurrence matrix at most: its cells stay legible on a phone


def cooccurrence_cells(nodes: pd.DataFrame, edges: pd.DataFrame, limit: int = MATRIX_ACTORS) -> pd.DataFrame:
    """The cells of the co-occurrence matrix: for the ``limit`` most named actors that share a sentence with
    another (of the ``nodes``), one row per ordered pair of them (both halves of the symmetric matrix) and
    the sentences naming both; ``rank`` orders the actors (most named first), ``order`` lists them.

    >>> cells = cooccurrence_cells(nodes, edges)                                     # doctest: +SKIP
    >>> cells.loc[(cells["row"] == "Kassym-Jomart Tokayev") & (cells["column"] == "CSTO"), "sentences"].item()  # doctest: +SKIP
    4
    """
    linked = set(edges["source"]) | set(edges["target"])
    shown = nodes[nodes["key"].isin(linked)].head(limit)
    label = dict(zip(shown["key"], shown["label"]))
    rank = {key: i for i, key in enumerate(shown["key"])}
    rows = []
    for e in edges[edges["source"].isin(label) & edges["target"].isin(label)].itertuples(index=False):
        for a, b in ((e.source, e.target), (e.target, e.source)):
            rows.append({"row": label[a], "column": label[b], "sentences": int(e.sentences), "example": e.example,
                         "row_rank": rank[a], "column_rank": rank[b]})
    columns = ["row", "column", "sentences", "example", "row_rank", "column_rank"]
    cells = pd.DataFrame(rows, columns=columns).sort_values(["row_rank", "column_rank"]).reset_index(drop=True)
    cells.attrs["order"] = list(label.values())
    return cells


def network_chart(nodes: pd.DataFrame, edges: pd.DataFrame) -> alt.LayerChart:
    """Who is named with whom, as a matrix: the most named actors down and across (most named first), each
    cell the number of sentences that name both, darker for more; an empty cell: never in one sentence.

    A matrix replaces the network drawing: its labels never overlap, and a count is read, not guessed from
    a line's thickness. ``nodes`` and ``edges`` are :func:`cooccurrence`'s (the positions are not used).
    """
    cells = cooccurrence_cells(nodes, edges)
    order = cells.attrs["order"]
    axis = {"labelLimit": 130, "title": None, "domain": False, "ticks": False}
    base = alt.Chart(cells).encode(
        x=alt.X("column:N", sort=order, scale=alt.Scale(domain=order),
                axis=alt.Axis(labelAngle={"expr": "width < 300 ? -90 : -45"}, **axis)),
        y=alt.Y("row:N", sort=order, scale=alt.Scale(domain=order), axis=alt.Axis(**axis)),
        tooltip=[alt.Tooltip("row:N", title="actor"), alt.Tooltip("column:N", title="named with"),
                 alt.Tooltip("sentences:Q", title="sentences naming both"),
                 alt.Tooltip("example:N", title="e.g. (document [offset])")],
    )
    top = max(2, int(cells["sentences"].max())) if len(cells) else 2
    squares = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color("sentences:Q", title="sentences naming both",
                        scale=alt.Scale(scheme=SEQUENTIAL, domain=[0, top]),
                        legend=alt.Legend(format="d", tickMinStep=1, gradientLength=160)))
    counts = base.mark_text(fontSize=11).encode(
        text="sentences:Q",
        color=alt.condition(f"datum.sentences > {top / 2}", alt.value("white"), alt.value("#111")))
    return alt.layer(squares, counts).properties(
        width=640, height=alt.Step(24),
        title=alt.Title("Who appears with whom", subtitle=[
            (f"sentences naming both, for the {len(order)} most named actors that share a sentence with another;"
             " an empty row: named only with actors not shown"),
            "appearing together says nothing about agreement"]),
    ).configure_view(stroke=None).configure_legend(orient="bottom")
