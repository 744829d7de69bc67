"""The timeline chapter: dated mentions, what the articles date where, and the later record beside it.

Dates come from :func:`helpers.extract.dates.date_mentions`; places from the gazetteer entities of the parse
(``place:`` ids, canonical names from ``places.csv``); the later record from the reference table
``timeline.csv`` (each row with its address). A date and a place are joined when they share a
sentence: the row says the sentence dates something at that place, not that the book confirms it.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import altair as alt
import numpy as np
import pandas as pd

from helpers.chapters.outlets import with_outlets
from helpers.extract.text import excerpt
from helpers.knowledge import knowledge_path
from helpers.present.interactive import shown_first
from helpers.present.palette import OKABE_ITO, families_in, family_scale
from helpers.present.provenance import sentence_links
from helpers.reference import read_reference

CHART_START, CHART_END = "2022-01-01", "2022-01-19"
COUNTRY_WIDE = "Kazakhstan (country-wide)"
REFERENCE_FILE = "reference/timeline.csv"
EXCERPT_CHARS = 180
ROW_STEP = 30  # pixels per place on the timeline chart
# the day as a reader writes it, not the epoch milliseconds of the parsed date (dates are days, in UTC)
DAY_TOOLTIP = alt.Tooltip("date:T", title="date", timeUnit="utcyearmonthdate", format="%-d %B %Y")
EVENT_COLUMNS = [
    "doc", "start", "end", "text", "date", "kind", "basis", "in_period", "refers_to", "place_id", "place", "place_text",
    "place_start", "place_end", "place_kind", "in_kazakhstan", "timeline_place", "sentence_start", "sentence_end",
    "excerpt", "outlet", "outlet_affiliation", "family", "published", "sentence_link",
]


def mentions_table(tables, mentions: pd.DataFrame) -> pd.DataFrame:
    """Every date mention with ``refers_to`` (event, or a statement about it), its outlet, ownership family, date, link.

    ``mentions``: the extraction stage's date rows, with ``refers_to`` (:func:`helpers.extract.registry.dates`).

    >>> mentions = mentions_table(tables, extract_corpus(tables).frames["dates"])          # doctest: +SKIP
    >>> mentions.loc[mentions["text"] == "Yesterday", ["date", "outlet"]].values.tolist()  # doctest: +SKIP
    [['2022-01-05', 'VOI']]
    """
    out = with_outlets(mentions, tables.documents)
    out["sentence_link"] = sentence_links(out, tables.sentences, tables.documents)
    return out


def place_table(knowledge_dir=None) -> pd.DataFrame:
    """The gazetteer's places (``places.csv``) with the label each gets on the timeline.

    A facility is drawn at its city ("international airport in Almaty" -> Almaty); the country
    itself is the row ``Kazakhstan (country-wide)``.

    >>> places = place_table().set_index("place_id")
    >>> places.loc["facility:almaty_airport", "timeline_place"]
    'Almaty'
    """
    places = pd.read_csv(knowledge_path("places.csv", knowledge_dir), dtype=str, keep_default_na=False)
    canonical = dict(zip(places["place_id"], places["canonical"]))
    label = places["canonical"].copy()
    facility = places["kind"].eq("facility") & places["parent_id"].isin(list(canonical))
    label[facility] = places.loc[facility, "parent_id"].map(canonical)
    label[places["kind"].eq("country") & places["country_code"].eq("KZ")] = COUNTRY_WIDE
    return pd.DataFrame({
        "place_id": places["place_id"], "canonical": places["canonical"], "kind": places["kind"],
        "variants": places["variants"], "in_kazakhstan": places["in_kazakhstan"].str.lower().eq("true"),
        "timeline_place": label,
    })


def dated_events(tables, mentions: pd.DataFrame, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (sentence, date, place): each resolved date mention joined to the places named in its sentence.

    ``mentions`` is :func:`mentions_table` (or :func:`helpers.extract.dates.date_mentions`); ``places`` is
    :func:`place_table` (default: the packaged gazetteer). ``doc, start, end, text`` are the date
    mention's span; ``place_start, place_end, place_text`` the place's. A sentence with two mentions
    of the same date and place gives one row (the first).

    >>> events = dated_events(tables, mentions_table(tables))                              # doctest: +SKIP
    >>> sorted(events.loc[events["text"] == "Two days later", "place"])[:3]                # doctest: +SKIP
    ['Aktobe', 'Almaty', 'Atyrau']
    """
    places = place_table() if places is None else places
    info = {row.place_id: row for row in places.itertuples(index=False)}
    entities = tables.entities
    entities = entities[entities["entity_id"].fillna("").str.startswith("place:")]
    resolved = mentions[mentions["resolved"]]
    # each document's place entities as plain lists (in the table's order), looked up without pandas per mention
    entities_by_doc = {doc: (part["start"].to_numpy(), part["end"].to_numpy(),
                             list(zip(part["start"].tolist(), part["end"].tolist(), part["text"].tolist(),
                                      part["entity_id"].tolist())))
                       for doc, part in entities.groupby("doc", sort=False)}
    rows = []
    for doc, part in resolved.groupby("doc", sort=True):
        if doc not in entities_by_doc:
            continue
        starts, ends, mine = entities_by_doc[doc]
        text = tables.texts[doc]
        for m in part.itertuples():
            for i in np.flatnonzero((starts >= m.sentence_start) & (ends <= m.sentence_end)):
                e_start, e_end, e_text, entity_id = mine[i]
                place_id = entity_id.split(":", 1)[1]
                known = info.get(place_id)
                rows.append({
                    "doc": doc, "start": m.start, "end": m.end, "text": m.text, "date": m.date, "kind": m.kind,
                    "basis": m.basis, "in_period": m.in_period, "refers_to": getattr(m, "refers_to", "event"),
                    "place_id": place_id,
                    "place": known.canonical if known else e_text, "place_text": e_text,
                    "place_start": e_start, "place_end": e_end,
                    "place_kind": known.kind if known else "unknown",
                    "in_kazakhstan": bool(known.in_kazakhstan) if known else False,
                    "timeline_place": known.timeline_place if known else e_text,
                    "sentence_start": m.sentence_start, "sentence_end": m.sentence_end,
                    "excerpt": excerpt(text, (m.sentence_start, m.sentence_end), (min(m.start, e_start), max(m.end, e_end)),
                                       EXCERPT_CHARS),
                    "outlet": getattr(m, "outlet", ""), "outlet_affiliation": getattr(m, "outlet_affiliation", ""),
                    "family": getattr(m, "family", "unknown"), "published": getattr(m, "published", ""),
                    "sentence_link": getattr(m, "sentence_link", ""),
                })
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in EVENT_COLUMNS}).astype(
            {"start": "int64", "end": "int64", "place_start": "int64", "place_end": "int64",
             "sentence_start": "int64", "sentence_end": "int64", "in_period": bool, "in_kazakhstan": bool})
    events = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    events = events.drop_duplicates(["doc", "sentence_start", "date", "place_id"], keep="first")
    return events.sort_values(["date", "doc", "start", "place_start"], kind="stable").reset_index(drop=True)


def reference_timeline(reference_dir=None, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """The later record (``timeline.csv``), one row per (event, place), places named as on the timeline.

    An event that names no place is drawn on the country-wide row.

    >>> ref = reference_timeline()
    >>> ref.loc[ref["date"] == "2022-01-02", "timeline_place"].tolist()
    ['Zhanaozen', 'Aktau']
    """
    places = place_table() if places is None else places
    names: dict[str, str] = {}
    for row in places.itertuples():
        for name in [row.canonical, *[v for v in row.variants.split(";") if v.strip()]]:
            names.setdefault(name.strip().casefold(), row.timeline_place)
    table = read_reference("timeline", reference_dir)
    rows = []
    for row in table.itertuples():
        listed = [p.strip() for p in row.places.split(";") if p.strip()] or [""]
        for name in listed:
            label = names.get(name.casefold(), name) if name else COUNTRY_WIDE
            rows.append({"date": row.date, "event": row.event, "place_as_listed": name, "timeline_place": label,
                         "url": row.url})
    return pd.DataFrame(rows, columns=["date", "event", "place_as_listed", "timeline_place", "url"])


def _place_order(article: pd.DataFrame, reference: pd.DataFrame) -> list[str]:
    """Places by the first date either source gives them, the country-wide row first."""
    first = pd.concat([article[["timeline_place", "date"]], reference[["timeline_place", "date"]]])
    first = first.groupby("timeline_place")["date"].min().reset_index()
    first["country"] = first["timeline_place"] != COUNTRY_WIDE
    return first.sort_values(["country", "date", "timeline_place"])["timeline_place"].tolist()


def chart_frames(events: pd.DataFrame, reference: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two layers of the timeline chart, aggregated: article points per (place, date, ownership) and reference ticks.

    Only places in Kazakhstan and dates from 1 to 19 January 2022 are drawn.
    """
    shown = events[events["in_kazakhstan"] & events["date"].between(CHART_START, CHART_END)]
    article = (
        shown.groupby(["timeline_place", "date", "family", "refers_to"], sort=True)
        .agg(mentions=("excerpt", "size"), documents=("doc", "nunique"),
             outlets=("outlet", lambda s: ", ".join(sorted(set(s)))),
             written=("text", lambda s: "; ".join(dict.fromkeys(s))),
             excerpt=("excerpt", "first"))
        .reset_index()
    )
    more = article["mentions"] - 1
    article.loc[more > 0, "excerpt"] = article["excerpt"] + " (and " + more.astype(str) + " more)"
    ref = reference[reference["date"].between(CHART_START, CHART_END)]
    ref = (ref.groupby(["timeline_place", "date"], sort=True)
           .agg(event=("event", lambda s: " | ".join(s)), url=("url", lambda s: " ".join(dict.fromkeys(s))))
           .reset_index())
    return article, ref


def timeline_chart(article: pd.DataFrame, reference: pd.DataFrame) -> alt.LayerChart:
    """Places down, days across: a point where an article dates something at a place (coloured by who owns
    the outlet; hollow when the date is that of a statement), a sky-blue tick where the later record puts an event."""
    order = _place_order(article, reference)
    families = families_in(article["family"])
    colours = family_scale(article["family"])
    x = alt.X("date:T", title="date (January 2022)",
              scale=alt.Scale(type="utc", domain=[f"{CHART_START}T00:00:00Z", f"{CHART_END}T00:00:00Z"], padding=12),
              axis=alt.Axis(format="%-d %b", tickCount={"expr": "ceil(width / 75)"}, labelOverlap=True))
    y = alt.Y("timeline_place:N", title=None, sort=order, scale=alt.Scale(domain=order), axis=alt.Axis(labelLimit=130))
    ticks = alt.Chart(reference).mark_tick(color=OKABE_ITO["sky blue"], thickness=4, opacity=0.75, size=ROW_STEP - 4).encode(
        x=x, y=y,
        tooltip=[alt.Tooltip("timeline_place:N", title="place"), DAY_TOOLTIP,
                 alt.Tooltip("event:N", title="later record"), alt.Tooltip("url:N", title="source")],
    )
    offsets = alt.Scale(domain=families, range=[ROW_STEP * 0.3, ROW_STEP * 0.7])
    encoding = {
        "x": x,
        "y": y,
        "yOffset": alt.YOffset("family:N", scale=offsets),
        "color": alt.Color("family:N", title="outlet ownership", scale=colours),
        "size": alt.Size("mentions:Q", title="sentences", scale=alt.Scale(range=[50, 220]),
                         legend=alt.Legend(values=[1, 2, 4], format="d")),
        "tooltip": [
            alt.Tooltip("timeline_place:N", title="place"), DAY_TOOLTIP,
            alt.Tooltip("written:N", title="as written"), alt.Tooltip("refers_to:N", title="the date is that of"),
            alt.Tooltip("outlets:N", title="outlet"), alt.Tooltip("family:N", title="ownership"),
            alt.Tooltip("excerpt:N", title="sentence"),
        ],
    }
    base = alt.Chart(article)
    events = base.transform_filter(alt.datum.refers_to == "event").mark_point(
        filled=True, shape="circle", opacity=0.9).encode(**encoding)
    statements = base.transform_filter(alt.datum.refers_to == "statement").mark_point(
        filled=False, shape="circle", strokeWidth=2, opacity=0.95).encode(**encoding)
    return alt.layer(ticks, events, statements).properties(
        width=560, height=alt.Step(ROW_STEP),
        title=alt.Title("What the articles date at each place, against the later record",
                        subtitle=[("points: a sentence gives the date and names the place (hollow: the date of a "
                                  "statement about it)"), f"sky-blue ticks: events in the later record, {REFERENCE_FILE}"]),
    ).configure_legend(orient="bottom", direction="vertical")


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def source_label(url: str) -> str:
    """The name a wire or outlet goes by in an address: the label before the top-level domain.

    >>> source_label("https://tass.com/world/1383999"), source_label("https://en.trend.az/casia/kazakhstan/3536451.html")
    ('tass', 'trend')
    """
    labels = urlparse(str(url)).netloc.lower().split(".")
    return labels[-2] if len(labels) >= 2 else (labels[0] if labels else "")


def _shares_source(rows: pd.DataFrame, url: str) -> bool:
    """Whether the outlet of any of ``rows`` says it relays the source of ``url`` (its ownership note names it)."""
    label = source_label(url)
    if not label or not len(rows):
        return False
    said = " ".join(rows["outlet"].astype(str)) + " " + " ".join(rows["outlet_affiliation"].astype(str))
    return re.search(rf"\b{re.escape(label)}\b", said, re.IGNORECASE) is not None


def first_dates(events: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Per place in Kazakhstan (below the country), the first date the articles give and the first in the later record.

    Only dates of events count (not the date of a statement about the place). ``difference`` is
    articles minus reference, in days; ``comparison`` says it in words; ``shared_source`` is True when
    the outlet giving the first date says it relays the source the later record cites (seed 001 is "a
    patchwork of TASS copy", and the reference rows for 2 and 4 January cite tass.com): agreement
    there is not independent confirmation. The country-wide row is left out: every event is in the country.
    """
    mine = events[events["in_kazakhstan"] & events["in_period"] & (events["refers_to"] == "event")
                  & (events["timeline_place"] != COUNTRY_WIDE)]
    mine = mine.sort_values(["date", "published", "doc", "start"])
    ref = reference[reference["timeline_place"] != COUNTRY_WIDE].sort_values("date", kind="stable")
    places = sorted(set(mine["timeline_place"]) | set(ref["timeline_place"]))
    rows = []
    for place in places:
        a = mine[mine["timeline_place"] == place]
        r = ref[ref["timeline_place"] == place]
        first_a = a["date"].iloc[0] if len(a) else ""
        first_r = r["date"].iloc[0] if len(r) else ""
        at_first = a[a["date"] == first_a]
        row = {
            "place": place,
            "articles_first": first_a,
            "articles_as_written": "; ".join(dict.fromkeys(at_first["text"])) if len(a) else "",
            "articles_outlets": ", ".join(sorted(set(at_first["outlet"]))) if len(a) else "",
            "articles_excerpt": at_first["excerpt"].iloc[0] if len(a) else "",
            "articles_documents": int(a["doc"].nunique()),
            "reference_first": first_r,
            "reference_event": r["event"].iloc[0] if len(r) else "",
            "reference_url": r["url"].iloc[0] if len(r) else "",
            "shared_source": _shares_source(at_first, r["url"].iloc[0]) if len(a) and len(r) else False,
        }
        if len(a) and len(r):
            diff = int((pd.Timestamp(first_a) - pd.Timestamp(first_r)).days)
            row["difference"] = diff
            row["comparison"] = ("same day" if diff == 0 else
                                 f"articles {_days(abs(diff))} {'later' if diff > 0 else 'earlier'}")
        else:
            row["difference"] = None
            row["comparison"] = "not in the later record" if len(a) else "not dated in the articles"
        rows.append(row)
    columns = ["place", "articles_first", "articles_as_written", "articles_outlets", "articles_excerpt",
               "articles_documents", "reference_first", "reference_event", "reference_url", "difference", "comparison",
               "shared_source"]
    table = pd.DataFrame(rows, columns=columns)
    table["difference"] = table["difference"].astype("Int64")
    order = table["articles_first"].replace("", "9999").where(table["articles_first"] != "", table["reference_first"])
    return table.assign(_o=order).sort_values(["_o", "place"]).drop(columns="_o").reset_index(drop=True)


def comparison_view(table: pd.DataFrame) -> pd.DataFrame:
    """The comparison as the chapter shows it."""
    columns = {"place": "place", "articles_first": "first date in the articles", "articles_outlets": "outlet", "articles_excerpt": "sentence", "reference_first": "later record",
               "reference_event": "event in the later record", "comparison": "comparison",
               "shared": "same source?", "reference_url": "source"}
    table = table.assign(shared=table["shared_source"].map({True: "yes: the outlet relays it", False: ""}))
    return shown_first(table[list(columns)].rename(columns=columns),
                       ["place", "first date in the articles", "sentence", "later record", "event in the later record",
                        "comparison", "source"])


def mention_view(mentions: pd.DataFrame) -> pd.DataFrame:
    """The date mentions as the chapter shows them: one row each, with the rule that dated it (spans in the CSV)."""
    columns = {"published": "published", "outlet": "outlet", "text": "as written", "kind": "kind", "date": "date",
               "basis": "how it was dated", "refers_to": "the date is that of", "sentence_link": "in context"}
    return mentions[list(columns)].rename(columns=columns)


def reference_view(reference: pd.DataFrame) -> pd.DataFrame:
    """The later record as the chapter cites it: one row per event, with its places and address."""
    table = reference.groupby(["date", "event", "url"], sort=False)["timeline_place"].agg(", ".join).reset_index()
    return table[["date", "timeline_place", "event", "url"]].rename(
        columns={"timeline_place": "places", "url": "source"})


def _day(date: str) -> str:
    return f"{pd.Timestamp(date):%-d %B}" if date else "no date"


def _and(items: list[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def timeline_facts(mentions: pd.DataFrame, events: pd.DataFrame, comparison: pd.DataFrame,
                   reference: pd.DataFrame) -> dict[str, int | float | str]:
    """The numbers and phrases the timeline chapter states, as plain Python values for ``glue``."""
    resolved = mentions[mentions["resolved"]]
    by_kind = mentions["kind"].value_counts()
    on_day = resolved["kind"].isin(["weekday", "relative"]) & resolved["basis"].str.contains("publication", regex=False)
    year_only = (resolved["kind"] == "explicit") & resolved["basis"].str.contains("publication", regex=False)
    kz = events[events["in_kazakhstan"] & events["in_period"] & (events["refers_to"] == "event")
                & (events["timeline_place"] != COUNTRY_WIDE)]
    compared = comparison[comparison["difference"].notna()]
    differing = compared[compared["difference"] != 0]
    earliest = kz["date"].min() if len(kz) else ""
    first_rows = kz[kz["date"] == earliest] if earliest else kz.iloc[0:0]
    ref_places = reference[reference["timeline_place"] != COUNTRY_WIDE]
    return {
        "n_mentions": len(mentions),
        "n_mention_docs": int(mentions["doc"].nunique()),
        "n_resolved": len(resolved),
        "resolved_pct": round(100 * len(resolved) / len(mentions)) if len(mentions) else 0,
        "n_explicit": int(by_kind.get("explicit", 0)),
        "n_weekday": int(by_kind.get("weekday", 0)),
        "n_relative": int(by_kind.get("relative", 0)),
        "n_vague": int(by_kind.get("vague", 0)),
        "n_year": int(by_kind.get("year", 0)),
        "n_unresolved": int((~mentions["resolved"]).sum()),
        "n_statement_dates": int((mentions["refers_to"] == "statement").sum()) if "refers_to" in mentions else 0,
        "n_on_publication_day": int(on_day.sum()),
        "n_year_from_publication": int(year_only.sum()),
        "n_outside_period": int((mentions["resolved"] & ~mentions["in_period"]).sum()),
        "outside_period": "; ".join(f"{r.text} ({r.date})" for r in mentions[mentions["resolved"]
                                                                            & ~mentions["in_period"]].itertuples())
        or "none",
        "n_dated_events": len(events),
        "n_places_dated": int(kz["timeline_place"].nunique()),
        "n_reference_places": int(ref_places["timeline_place"].nunique()),
        "n_reference_events": int(reference[["date", "event"]].drop_duplicates().shape[0]),
        "n_compared": len(compared),
        "n_same_day": int((compared["difference"] == 0).sum()),
        "n_articles_later": int((compared["difference"] > 0).sum()),
        "n_articles_earlier": int((compared["difference"] < 0).sum()),
        "n_shared_source": int((compared["shared_source"] & (compared["difference"] == 0)).sum()),
        "shared_source_places": _and(compared.loc[compared["shared_source"] & (compared["difference"] == 0),
                                                  "place"].tolist()) or "none",
        "n_only_articles": int((comparison["comparison"] == "not in the later record").sum()),
        "n_only_reference": int((comparison["comparison"] == "not dated in the articles").sum()),
        "earliest_date": _day(earliest),
        "earliest_places": _and(sorted(set(first_rows["timeline_place"]))) or "no place",
        "earliest_outlets": _and(sorted(set(first_rows["outlet"]))) or "no outlet",
        "disagreements": "; ".join(
            f"{r.place} (articles {_day(r.articles_first)}, later record {_day(r.reference_first)}: "
            f"{r.reference_event})" for r in differing.itertuples()) or "none",
        "only_articles": _and(comparison.loc[comparison["comparison"] == "not in the later record", "place"].tolist())
        or "none",
        "only_reference": _and(
            comparison.loc[comparison["comparison"] == "not dated in the articles", "place"].tolist()) or "none",
    }
