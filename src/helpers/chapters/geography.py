"""The geography chapter: where the articles say things happened, in which order, and what they only mention.

Mentions come from :func:`helpers.extract.places.place_mentions`. The map draws the country boundaries vendored
in ``helpers/data/region_boundaries.json`` (Natural Earth 1:110m via the npm package ``world-atlas``;
see ``region_boundaries.md``) inline, so the page fetches nothing. Event locations are drawn at the
level the text allows: a facility at its city, a region at its centroid (marked as such); mentions
of the country as a whole are counted, not drawn.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from helpers.chapters.outlets import with_outlets
from helpers.corpus.reader import published_dates
from helpers.extract.places import RoleRules, read_places, read_role_cues
from helpers.extract.text import excerpt
from helpers.present.interactive import shown_first
from helpers.present.maps import BOUNDARIES, load_boundaries, place_map
from helpers.present.palette import OKABE_ITO, ROLES, role_scale
from helpers.present.provenance import sentence_links

__all__ = ["BOUNDARIES", "event_points", "geography_facts", "is_place", "load_boundaries", "mentioned_only",
           "mentions_table", "place_map", "places_table", "spread_chart", "spread_frame", "spread_table", "unresolved"]

PRECISION_LABELS = {1: "exact point", 2: "city", 3: "region", 4: "country"}
BASES = list(ROLES["date basis"])  # how the date of a place was established, coloured by the palette's role


# ---- the mentions, with their sentence, outlet and date ----


def mentions_table(tables, mentions: pd.DataFrame, knowledge_dir=None) -> pd.DataFrame:
    """Every place mention with its outlet, ownership, publication date, the date its sentence states,
    the event words of its sentence (``what``), a short excerpt and a link to the sentence.

    ``mentions``: the extraction stage's place rows (:func:`helpers.extract.registry.places`).

    >>> mentions = mentions_table(tables, extract_corpus(tables).frames["places"])  # doctest: +SKIP
    >>> mentions.loc[mentions.text == "Zhanaozen", "stated_date"].tolist()          # doctest: +SKIP
    ['', '2022-01-02']
    """
    rules = RoleRules(read_role_cues(knowledge_dir))
    out = with_outlets(mentions, tables.documents)
    words: dict[tuple, str] = {}  # the event words of each sentence, found once for all its mentions
    for key in zip(out["doc"], out["sentence_start"], out["sentence_end"], out["role"] == "event_location"):
        if key[3] and key not in words:
            words[key] = ", ".join(rules.event_words(tables.texts[key[0]], key[1], key[2]))
    out["what"] = [words.get(key, "") for key in zip(out["doc"], out["sentence_start"], out["sentence_end"],
                                                     out["role"] == "event_location")]
    out["excerpt"] = [excerpt(tables.texts[r.doc], (r.sentence_start, r.sentence_end), (r.start, r.end))
                      for r in out.itertuples()]
    out["sentence_link"] = sentence_links(out, tables.sentences, tables.documents)
    return out.reset_index(drop=True)


def is_place(mentions: pd.DataFrame) -> pd.Series:
    """Rows that are places (not the nationality adjectives the model tagged as places)."""
    return mentions["kind"] != "demonym"


def _map_point(mentions: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """For each mention, the place drawn on the map: a facility at its parent city, anything else at itself."""
    by_id = places.set_index("place_id")
    parent = mentions["parent_id"].fillna("")
    use_parent = (mentions["kind"] == "facility") & parent.isin(by_id.index)
    point_id = mentions["place_id"].where(~use_parent, parent)
    out = mentions.assign(map_id=point_id)
    for column in ("canonical", "kind", "lat", "lon", "precision", "admin_2022"):
        out[f"map_{column}"] = out[column]
        if use_parent.any():
            out.loc[use_parent, f"map_{column}"] = by_id.loc[parent[use_parent], column].to_numpy()
    return out


def _joined(values, limit: int = 6, sep: str = "; ") -> str:
    seen = list(dict.fromkeys(v for v in values if isinstance(v, str) and v))
    return sep.join(seen[:limit]) + (f"{sep}…" if len(seen) > limit else "")


def event_points(mentions: pd.DataFrame, knowledge_dir=None) -> pd.DataFrame:
    """One row per place in Kazakhstan where an article reports an event, at the level the map draws
    (city, or region centroid; facilities at their city): documents, mentions, names used, facilities
    named, event words, excerpts for the tooltip, first publication date. Country-level mentions are
    left out (they have no point). Sorted by documents, then name.
    """
    places = read_places(knowledge_dir)
    events = mentions[(mentions["role"] == "event_location") & mentions["in_kazakhstan"] & is_place(mentions)]
    events = _map_point(events, places)
    events = events[events["map_precision"].fillna(4).astype(int) <= 3]
    rows = []
    for map_id, group in events.groupby("map_id", sort=False):
        first = group.iloc[0]
        published = published_dates(group["published"])
        facilities = group.loc[group["kind"] == "facility", "canonical"]
        rows.append({
            "place_id": map_id, "place": first["map_canonical"], "kind": first["map_kind"],
            "precision": int(first["map_precision"]), "region": first["map_admin_2022"],
            "lat": float(first["map_lat"]), "lon": float(first["map_lon"]),
            "documents": int(group["doc"].nunique()), "mentions": len(group),
            "names_used": _joined(group["text"]), "facilities": _joined(facilities),
            "what": _joined(", ".join(group["what"]).split(", "), limit=8, sep=", "),
            "reported": _joined([f"“{e}” ({o})" for e, o in zip(group["excerpt"], group["outlet"])], limit=3,
                                sep=" | "),
            "first_published": published.min().strftime("%Y-%m-%d") if published.notna().any() else "unknown",
        })
    columns = ["place_id", "place", "kind", "precision", "region", "lat", "lon", "documents", "mentions",
               "names_used", "facilities", "what", "reported", "first_published"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["documents", "mentions", "place"], ascending=[False, False, True]).reset_index(drop=True)


# ---- the table of places ----


def places_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per place where an article reports an event (facilities and the country too): the names
    used, the January 2022 name, the region, how many documents, the first publication date, the event
    words of the sentences, and a link to the first sentence."""
    events = mentions[(mentions["role"] == "event_location") & is_place(mentions)].copy()
    events["_published"] = published_dates(events["published"])
    rows = []
    for place_id, group in events.groupby(events["place_id"].where(events["place_id"] != "", events["text"])):
        group = group.sort_values(["_published", "doc", "start"], na_position="last")
        first = group.iloc[0]
        precision = first["precision"]
        rows.append({
            "name as used": _joined(group["text"]),
            "canonical (January 2022)": first["canonical"] or "(not resolved)",
            "kind": first["kind"] or "unknown",
            "precision": PRECISION_LABELS.get(int(precision), "") if pd.notna(precision) else "",
            "region (2022)": first["admin_2022"] or ("" if first["kind"] == "country" else "–"),
            "documents": int(group["doc"].nunique()),
            "mentions": len(group),
            "first reported": first["_published"].strftime("%Y-%m-%d") if pd.notna(first["_published"]) else "unknown",
            "what happened (event words)": _joined(", ".join(group["what"]).split(", "), limit=8, sep=", "),
            "first sentence": first["sentence_link"],
        })
    columns = ["name as used", "canonical (January 2022)", "kind", "precision", "region (2022)", "documents",
               "mentions", "first reported", "what happened (event words)", "first sentence"]
    table = pd.DataFrame(rows, columns=columns).sort_values(["first reported", "documents", "canonical (January 2022)"],
                                                            ascending=[True, False, True]).reset_index(drop=True)
    return shown_first(table, ["name as used", "canonical (January 2022)", "kind", "documents", "first reported",
                               "what happened (event words)", "first sentence"])


# ---- the spread over time ----


def reference_dates(timeline: pd.DataFrame, knowledge_dir=None) -> pd.DataFrame:
    """The earliest date the reference timeline gives for an event of the unrest at each place it names:
    place_id, ref_date, ref_event, ref_url. Only rows whose event has an event word of
    ``place_roles.csv`` count (the fuel-price change of 1 January is a cause, not a protest), and a
    region also takes the rows of its cities ("Protests begin in Zhanaozen then Aktau" dates
    Mangystau Region).

    >>> ref = reference_dates(read_reference("timeline"))                           # doctest: +SKIP
    >>> ref.set_index("place_id").loc["region:mangystau", "ref_date"]                # doctest: +SKIP
    '2022-01-02'
    """
    places = read_places(knowledge_dir)
    rules = RoleRules(read_role_cues(knowledge_dir))
    by_name = {}
    for row in places.itertuples():
        for name in [row.canonical, *str(row.variants).split(";")]:
            if name.strip():
                by_name.setdefault(name.strip().casefold(), row.place_id)
    regions = {row.canonical: row.place_id for row in places[places["kind"] == "region"].itertuples()}
    region_of = {row.place_id: regions[row.admin_2022] for row in places.itertuples() if row.admin_2022 in regions}
    rows = []
    for entry in timeline.itertuples():
        if not rules.event_words(str(entry.event), 0, len(str(entry.event))):
            continue
        for name in str(entry.places).split(";"):
            place_id = by_name.get(name.strip().casefold())
            for target in filter(None, (place_id, region_of.get(place_id))):
                rows.append({"place_id": target, "ref_date": entry.date, "ref_event": entry.event, "ref_url": entry.url})
    frame = pd.DataFrame(rows, columns=["place_id", "ref_date", "ref_event", "ref_url"])
    return frame.sort_values(["ref_date"], kind="stable").drop_duplicates("place_id").reset_index(drop=True)


def spread_frame(mentions: pd.DataFrame, timeline: pd.DataFrame, knowledge_dir=None) -> pd.DataFrame:
    """For each event location on the map, the date events there began: the earliest date an article
    states in a sentence reporting an event there ("on January 2"), else the reference timeline's date,
    else the first publication date; with the reference date and the first publication for comparison."""
    places = read_places(knowledge_dir)
    events = mentions[(mentions["role"] == "event_location") & mentions["in_kazakhstan"] & is_place(mentions)]
    events = _map_point(events, places)
    events = events[events["map_precision"].fillna(4).astype(int) <= 3]
    ref = reference_dates(timeline, knowledge_dir).set_index("place_id")
    rows = []
    for map_id, group in events.groupby("map_id", sort=False):
        stated = group[group["stated_date"] != ""].sort_values(["stated_date", "published", "doc"])
        published = published_dates(group["published"])
        first_published = published.min().strftime("%Y-%m-%d") if published.notna().any() else ""
        row = {"place": group["map_canonical"].iloc[0], "documents": int(group["doc"].nunique()),
               "stated_date": "", "stated_words": "", "stated_in": "", "ref_date": "", "ref_event": "", "ref_url": "",
               "first_published": first_published}
        if len(stated):
            s = stated.iloc[0]
            row.update(stated_date=s["stated_date"], stated_words=f"“{s['excerpt']}”", stated_in=f"{s['outlet']} ({s['doc']})")
        if map_id in ref.index:
            r = ref.loc[map_id]
            row.update(ref_date=r["ref_date"], ref_event=r["ref_event"], ref_url=r["ref_url"])
        if row["stated_date"]:
            row["date"], row["basis"] = row["stated_date"], "stated in an article"
        elif row["ref_date"]:
            row["date"], row["basis"] = row["ref_date"], "reference timeline"
        else:
            row["date"], row["basis"] = first_published, "publication date only"
        rows.append(row)
    columns = ["place", "date", "basis", "documents", "stated_date", "stated_words", "stated_in", "ref_date",
               "ref_event", "ref_url", "first_published"]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame[frame["date"] != ""]
    return frame.sort_values(["date", "place"]).reset_index(drop=True)


def spread_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Event locations ordered by the date events there began (as the articles state it, else the
    reference timeline), with the reference date and the first article's publication date beside it."""
    order = frame["place"].tolist()
    long = pd.concat([
        frame.assign(series=frame["basis"], when=frame["date"]),
        frame[frame["ref_date"] != ""].assign(series="reference timeline date", when=frame["ref_date"]),
        frame[frame["first_published"] != ""].assign(series="first article published", when=frame["first_published"]),
    ], ignore_index=True)
    y = alt.Y("place:N", sort=order, title=None, axis=alt.Axis(labelFontSize=12, labelLimit=130))
    days = pd.to_datetime(long["when"], errors="coerce")
    domain = [(days.min() - pd.Timedelta(hours=12)).isoformat(), (days.max() + pd.Timedelta(hours=12)).isoformat()]
    x = alt.X("when:T", title="January 2022", scale=alt.Scale(domain=domain),
              axis=alt.Axis(format="%-d %b", tickCount="day"))
    tooltip = [alt.Tooltip("place:N"), alt.Tooltip("when:T", title="date", format="%-d %B %Y"),
               alt.Tooltip("series:N", title="what the date is"), alt.Tooltip("stated_words:N", title="the article says"),
               alt.Tooltip("stated_in:N", title="in"), alt.Tooltip("ref_event:N", title="reference timeline"),
               alt.Tooltip("ref_url:N", title="reference address"), alt.Tooltip("documents:Q")]
    main = alt.Chart(long).transform_filter(
        alt.FieldOneOfPredicate(field="series", oneOf=BASES)).mark_point(
        filled=True, size=140, opacity=0.9).encode(
        x=x, y=y, tooltip=tooltip,
        color=alt.Color("series:N", title="date used",
                        scale=role_scale("date basis", frame["basis"])),
    )
    ref = alt.Chart(long).transform_filter(alt.datum.series == "reference timeline date").mark_tick(
        thickness=2, size=18, color=OKABE_ITO["sky blue"]).encode(x=x, y=y, tooltip=tooltip)
    published = alt.Chart(long).transform_filter(alt.datum.series == "first article published").mark_point(
        shape="diamond", size=70, color="#555", filled=False).encode(x=x, y=y, tooltip=tooltip)
    return alt.layer(ref, published, main).properties(
        width=560, height=max(120, 24 * len(order)),
        title=alt.Title("Where events began, in order",
                        subtitle=["dot: the date the articles state, else the reference timeline's",
                                  "blue tick: reference timeline; open diamond: first article reporting an event there"]),
    ).configure_legend(orient="bottom", direction="vertical")


def spread_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The spread as a table (the data of the chart): the date used, its basis, and both sources."""
    columns = {"place": "place", "date": "date used", "basis": "basis", "stated_words": "the article says",
               "stated_in": "in", "ref_date": "reference timeline", "ref_event": "reference event",
               "ref_url": "reference address", "first_published": "first article published"}
    return shown_first(frame[list(columns)].rename(columns=columns),
                       ["place", "date used", "the article says", "reference timeline", "reference event",
                        "reference address"])


# ---- places only mentioned ----


def how_mentioned(role_cue: str) -> str:
    """The rule that made a mention a mere mention, in words: the place's own context where a cue gave
    one ("words before the name: “report on January 6, 2022 from”"), else why it was set aside.

    >>> how_mentioned("outside the country of the unrest (KZ); a dateline (the seat of the outlet)")  # seed 004
    'a dateline (the seat of the outlet)'
    """
    parts = [p.strip() for p in str(role_cue).split(";") if p.strip()]
    own = [p for p in parts if not p.startswith(("outside the country", "an area beyond"))]
    if own:
        return "; ".join(own)
    if parts and parts[0].startswith(("outside the country", "an area beyond")):
        return "named in passing, outside Kazakhstan"
    return "; ".join(parts) or "no event word in the sentence"


def mentioned_only(mentions: pd.DataFrame) -> pd.DataFrame:
    """Places the articles name but where no article reports an event: the seats of speakers and
    outlets, capitals standing for governments, comparisons, member lists. How each is mentioned comes
    from the rule that set its role (``role_cue``)."""
    places = mentions[is_place(mentions) & (mentions["place_id"] != "")]
    with_events = set(places.loc[places["role"] == "event_location", "place_id"])
    only = places[~places["place_id"].isin(with_events)]
    rows = []
    for place_id, group in only.groupby("place_id"):
        first = group.iloc[0]
        how = group["role_cue"].map(how_mentioned)
        rows.append({
            "place": first["canonical"], "kind": first["kind"], "country": first["country_code"] or "–",
            "name as used": _joined(group["text"]), "mentions": len(group), "documents": int(group["doc"].nunique()),
            "how it is mentioned": _joined(how.value_counts().index.tolist(), limit=3),
            "example": f"“{first['excerpt']}” ({first['outlet'] or first['doc']})",
            "in context": first["sentence_link"],
        })
    columns = ["place", "kind", "country", "name as used", "mentions", "documents", "how it is mentioned",
               "example", "in context"]
    table = pd.DataFrame(rows, columns=columns)
    kind_order = {"city": 0, "facility": 1, "region": 2, "other": 3, "country": 4}
    table = table.sort_values(["kind", "mentions"], key=lambda s: s.map(kind_order) if s.name == "kind" else -s,
                              ).reset_index(drop=True)
    return shown_first(table, ["place", "kind", "name as used", "how it is mentioned", "example", "in context"],
                       reorder=False)  # also written as places_mentioned_only.csv


def unresolved(mentions: pd.DataFrame) -> pd.DataFrame:
    """Names kept but not resolved to a place, and the adjectives the model took for places."""
    rows = mentions[~mentions["resolved"]]
    table = rows.assign(what=np.where(rows["kind"] == "demonym", "nationality adjective (not a place)",
                                      "not in the gazetteer, GeoNames or ISO 3166"))
    columns = {"text": "name as written", "what": "kept as", "role": "role", "detected_by": "found by",
               "excerpt": "sentence", "doc": "document"}
    return table[list(columns)].rename(columns=columns).reset_index(drop=True)


# ---- numbers for the prose ----


def _names(values: list[str]) -> str:
    values = sorted(dict.fromkeys(values))
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


def geography_facts(mentions: pd.DataFrame, points: pd.DataFrame, spread: pd.DataFrame,
                    only: pd.DataFrame) -> dict[str, int | float | str]:
    """The numbers and names the geography chapter states, as plain Python values for ``glue``."""
    real = mentions[is_place(mentions)]
    events = real[real["role"] == "event_location"]
    foreign_events = events[events["resolved"] & ~events["in_kazakhstan"]]
    cities = only[only["kind"] == "city"]
    foreign_cities = cities[cities["country"] != "KZ"]
    first_date = spread["date"].min() if len(spread) else ""
    first = spread[spread["date"] == first_date] if first_date else spread.iloc[0:0]
    top = points.iloc[0] if len(points) else None
    unres = real[~real["resolved"]]
    return {
        "n_mentions": len(real),
        "n_docs": int(real["doc"].nunique()),
        "n_places": int(real.loc[real["place_id"] != "", "place_id"].nunique()),
        "n_event_mentions": len(events),
        "n_event_points": len(points),
        "n_event_cities": int((points["kind"] == "city").sum()) if len(points) else 0,
        "n_country_level_events": int((events["kind"] == "country").sum()),
        "n_foreign_events": len(foreign_events),
        "top_place": str(top["place"]) if top is not None else "none",
        "top_place_docs": int(top["documents"]) if top is not None else 0,
        "first_places": _names(first["place"].tolist()) if len(first) else "none",
        "first_date": f"{pd.Timestamp(first_date):%-d %B %Y}" if first_date else "unknown",
        "first_basis": _names(first["basis"].tolist()) if len(first) else "none",
        "n_stated_dates": int((spread["basis"] == "stated in an article").sum()) if len(spread) else 0,
        "n_reference_dates": int((spread["basis"] == "reference timeline").sum()) if len(spread) else 0,
        "n_mentioned_only": len(only),
        "mentioned_only_cities": _names(foreign_cities["place"].tolist()) or "none",
        "n_mentioned_only_cities": len(foreign_cities),
        "n_unresolved": len(unres),
        "unresolved_names": _names(unres["text"].tolist()) or "none",
        "n_demonyms": int((mentions["kind"] == "demonym").sum()),
    }
