"""The actors chapter: who is named, who is quoted, by which outlet, and who appears with whom.

Mentions come from :func:`helpers.extract.actors.actor_mentions`, statements from
:func:`helpers.extract.quotes.quotes_table`. Every table keeps ``doc, start, end`` so a row leads back to its
sentence; every chart is drawn from a small table aggregated here (the chapter writes it as CSV).
Who speaks is described, never what is true: a statement row says that a speaker said something.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from helpers.chapters.actors_charts import TYPE_ORDER, affiliation_chart, network_chart, speakers_chart  # noqa: F401 (re-exported)
from helpers.chapters.outlets import with_outlets
from helpers.extract.actors import (
    DEFAULT_THRESHOLD,
    impostor_scores,
    read_actors,
)
from helpers.extract.text import SentenceIndex
from helpers.present.interactive import badges, shown_first
from helpers.present.provenance import sentence_links

LABELS_ID = "labelled_armed_groups"  # speakers' labels for the attackers ("terrorists", "bandits", ...)
OWN_VOICE = "(the outlet's own voice)"
UNRESOLVED = "unresolved"
LAYOUT_SEED = 7


def mentions_table(tables, mentions: pd.DataFrame) -> pd.DataFrame:
    """Every actor mention (the stage's ``actors`` rows) with its outlet, ownership, sentence and a link to it.

    >>> m = mentions_table(tables, extract_corpus(tables).frames["actors"])          # doctest: +SKIP
    >>> m.loc[m["text"] == "Nikol Pashinian", "actor_id"].item()  # the Europa Press spelling (003)  # doctest: +SKIP
    'pashinyan'
    """
    out = with_outlets(mentions, tables.documents)
    out["sentence_start"] = _sentence_of(out, tables.sentences)
    out["sentence_link"] = sentence_links(out, tables.sentences, tables.documents)
    return out


def _sentence_of(rows: pd.DataFrame, sentences: pd.DataFrame) -> pd.Series:
    """Start offset of the analysed sentence holding each row's start (-1 if none)."""
    index = SentenceIndex.by_doc(sentences)
    out = pd.Series(-1, index=rows.index, dtype="int64")
    for doc, part in rows.groupby("doc"):
        if doc in index:
            out.loc[part.index] = index[doc].starts_before(part["start"].to_numpy())
    return out


def actor_key(mentions: pd.DataFrame) -> pd.Series:
    """One key per actor: its id, or ``?<name as written>`` for an unresolved name.

    >>> actor_key(pd.DataFrame({"actor_id": ["tokayev", ""], "resolved": [True, False],
    ...                         "canonical": ["Kassym-Jomart Tokayev", "Americans"]})).tolist()  # seed 001
    ['tokayev', '?Americans']
    """
    return mentions["actor_id"].where(mentions["resolved"], "?" + mentions["canonical"].astype(str))


def actors_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: name, type, affiliation, mentions, documents, the spellings and outlets.

    >>> actors_table(mentions_table(load_tables("../seeds"))).iloc[0]["actor"]      # doctest: +SKIP
    'Kassym-Jomart Tokayev'
    """
    if mentions.empty:
        return pd.DataFrame(columns=["actor", "type", "affiliation", "mentions", "documents", "as written",
                                     "outlets", "how found"])
    frame = mentions.assign(key=actor_key(mentions))
    rows = []
    for _key, part in frame.groupby("key", sort=False):
        first = part.iloc[0]
        spellings = part["text"].str.replace(r"\s+", " ", regex=True).value_counts()
        rows.append({
            "actor": first["canonical"], "type": first["type"], "affiliation": first["affiliation"],
            "mentions": len(part), "documents": int(part["doc"].nunique()),
            "as written": "; ".join(f"{s} ({n})" if n > 1 else s for s, n in spellings.head(6).items()),
            "outlets": "; ".join(sorted(set(part["outlet"]))) if "outlet" in part else "",
            "how found": ", ".join(sorted(set(part["match"]))),
        })
    table = pd.DataFrame(rows)
    return table.sort_values(["mentions", "documents", "actor"], ascending=[False, False, True]).reset_index(drop=True)


def affiliation_summary(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions, distinct actors and documents per affiliation and actor type (the chart's data).

    An unresolved name counts under the affiliation ``unknown``.
    """
    if mentions.empty:
        return pd.DataFrame(columns=["affiliation", "type", "actors", "mentions", "documents", "names"])
    frame = mentions.assign(key=actor_key(mentions))
    rows = []
    for (aff, typ), part in frame.groupby(["affiliation", "type"], sort=True):
        names = part.groupby("canonical").size().sort_values(ascending=False)
        rows.append({"affiliation": aff, "type": typ, "actors": int(part["key"].nunique()), "mentions": len(part),
                     "documents": int(part["doc"].nunique()),
                     "names": "; ".join(f"{n} ({c})" for n, c in names.items())})
    table = pd.DataFrame(rows)
    order = table.groupby("affiliation")["mentions"].transform("sum")
    return table.assign(_o=order).sort_values(["_o", "mentions"], ascending=False).drop(columns="_o").reset_index(drop=True)


def speakers_table(tables, quotes: pd.DataFrame) -> pd.DataFrame:
    """Every statement (the stage's ``quotes``) with its outlet, ownership, the speaker's side as printed, a link.

    >>> s = speakers_table(tables, extract_corpus(tables).frames["quotes"])         # doctest: +SKIP
    >>> s.loc[s["content"].str.startswith("We will set up reserves"), "speaker"].item()  # doctest: +SKIP
    'Alexander Lukashenko'
    """
    out = with_outlets(quotes, tables.documents)
    out["statement"] = [tables.texts[d][a:b] for d, a, b in zip(out["doc"], out["start"], out["end"])]
    out["side"] = out["speaker_affiliation"].replace("", UNRESOLVED)
    out["sentence_link"] = sentence_links(out.assign(start=out["content_start"]), tables.sentences, tables.documents)
    return out


def statements_view(speakers: pd.DataFrame) -> pd.DataFrame:
    """The statements as the chapter lists them: who, whose side, cue, what is said, where."""
    columns = {"published": "published", "outlet": "outlet", "ownership": "outlet ownership",
               "speaker": "speaker", "side": "speaker's affiliation", "speaker_text": "named in the text as",
               "how": "speaker found by", "cue": "cue", "content": "what is said (as written)",
               "span": "document [start:end]", "sentence_link": "in context"}
    table = speakers.assign(span=speakers["doc"] + " [" + speakers["content_start"].astype(str) + ":"
                            + speakers["content_end"].astype(str) + "]", ownership=badges(speakers["family"], speakers["outlet_affiliation"]))
    first = ["speaker", "speaker's affiliation", "what is said (as written)", "outlet", "outlet ownership", "in context"]
    return shown_first(table[list(columns)].rename(columns=columns), first)


def speakers_by_outlet(speakers: pd.DataFrame) -> pd.DataFrame:
    """Statements per outlet and speaker affiliation, with the speakers named (the chart's data)."""
    cols = ["outlet", "outlet_affiliation", "family", "side", "statements", "speakers"]
    if speakers.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for (outlet, aff, fam, side), part in speakers.groupby(["outlet", "outlet_affiliation", "family", "side"]):
        names = part.groupby("speaker").size().sort_values(ascending=False)
        rows.append({"outlet": outlet, "outlet_affiliation": aff, "family": fam, "side": side,
                     "statements": len(part), "speakers": "; ".join(f"{n} ({c})" for n, c in names.items())})
    return pd.DataFrame(rows, columns=cols).sort_values(["outlet", "statements"], ascending=[True, False]).reset_index(drop=True)


def cooccurrence(mentions: pd.DataFrame, top_n: int = 20, knowledge_dir=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (the ``top_n`` most mentioned actors) and edges (how many sentences name both).

    >>> nodes, edges = cooccurrence(mentions_table(load_tables("../seeds")), top_n=10)  # doctest: +SKIP
    """
    frame = mentions[mentions["sentence_start"] >= 0].assign(key=actor_key(mentions))
    counts = frame.groupby("key").agg(label=("canonical", "first"), type=("type", "first"),
                                      affiliation=("affiliation", "first"), mentions=("text", "size"),
                                      documents=("doc", "nunique")).reset_index()
    counts = counts.sort_values(["mentions", "documents", "key"], ascending=[False, False, True]).head(top_n)
    keep = set(counts["key"])
    pairs: dict[tuple[str, str], int] = {}
    examples: dict[tuple[str, str], str] = {}
    kept = frame[frame["key"].isin(keep)]
    sentences: dict[tuple[str, int], set[str]] = {}  # the actors of each sentence, in (doc, sentence) order below
    for doc, sentence, key in zip(kept["doc"].tolist(), kept["sentence_start"].tolist(), kept["key"].tolist()):
        sentences.setdefault((doc, sentence), set()).add(key)
    for (doc, sentence), keys in sorted(sentences.items()):
        present = sorted(keys)
        for i, a in enumerate(present):
            for b in present[i + 1:]:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
                examples.setdefault((a, b), f"{doc} [{sentence}]")
    edges = pd.DataFrame([{"source": a, "target": b, "sentences": n, "example": examples[(a, b)]}
                          for (a, b), n in pairs.items()], columns=["source", "target", "sentences", "example"])
    actors = read_actors(knowledge_dir).set_index("actor_id")
    nodes = counts.assign(label=[_short_label(k, name, actors) for k, name in zip(counts["key"], counts["label"])])
    return nodes.reset_index(drop=True), edges.sort_values(["sentences", "source", "target"],
                                                           ascending=[False, True, True]).reset_index(drop=True)


def _short_label(key: str, canonical: str, actors: pd.DataFrame) -> str:
    """A label for the network: the acronym where the actor has one ("CSTO"); for a long name of an
    institution, its shortest alias ("CSTO peacekeepers"); else the canonical name. Persons, groups and
    "other" rows keep their canonical name, so "(speakers' words)" and "(alleged)" stay visible."""
    if key.startswith("?"):
        return f"{canonical} (unresolved)"
    if key not in actors.index:
        return canonical
    aliases = [a.strip() for a in str(actors.at[key, "aliases"]).split(";") if a.strip()]
    for alias in aliases:
        if len(alias) <= 6 and alias.replace(" ", "").isupper() and alias.isalpha():
            return alias
    if actors.at[key, "type"] in {"government_body", "security_force", "media", "alliance"} and len(canonical) > 24:
        return min([canonical, *[a for a in aliases if len(a) >= 6]], key=len)
    return canonical


def _spread(graph: nx.Graph, seed: int) -> dict:
    """Spring layout of one connected graph, scaled to [-1, 1] on both axes."""
    if len(graph) == 1:
        return {next(iter(graph)): np.array([0.0, 0.0])}
    pos = nx.spring_layout(graph, seed=seed, weight="weight", k=2.2 / np.sqrt(len(graph)), iterations=300)
    xy = np.array(list(pos.values()))
    low, high = xy.min(axis=0), xy.max(axis=0)
    span = np.where(high - low > 0, high - low, 1.0)
    return {n: 2 * (p - low) / span - 1 for n, p in pos.items()}


def _ordered(graph: nx.Graph, nodes: set) -> nx.Graph:
    """The subgraph of ``nodes``, sorted: a set's order (the layout's start) changes with the hash seed."""
    sub = nx.Graph()
    sub.add_nodes_from(sorted(nodes))
    sub.add_edges_from(graph.subgraph(nodes).edges(data=True))
    return sub


def network_layout(nodes: pd.DataFrame, edges: pd.DataFrame, seed: int = LAYOUT_SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Positions of the nodes and the end points of the edges.

    The largest group of connected actors is laid out by networkx's spring layout (weighted by shared
    sentences, fixed ``seed``: the same input always gives the same picture); smaller groups and
    actors named with no other top actor sit in a row beneath it.
    """
    graph = nx.Graph()
    graph.add_nodes_from(nodes["key"])
    for e in edges.itertuples(index=False):
        graph.add_edge(e.source, e.target, weight=float(e.sentences))
    empty = pd.Series(dtype=float)
    if len(graph) == 0:
        return nodes.assign(x=empty, y=empty), edges.assign(x=empty, y=empty, x2=empty, y2=empty)
    parts = sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(c)))
    pos = _spread(_ordered(graph, parts[0]), seed)
    rest = parts[1:]
    for i, part in enumerate(rest):
        centre = np.array([-1 + 2 * (i + 0.5) / len(rest), -1.45])
        small = _spread(_ordered(graph, part), seed)
        pos.update({n: centre + p * np.array([0.9 / len(rest), 0.12]) for n, p in small.items()})
    placed = nodes.assign(x=[float(pos[n][0]) for n in nodes["key"]], y=[float(pos[n][1]) for n in nodes["key"]])
    xy = placed.set_index("key")[["x", "y"]]
    lines = edges.assign(x=edges["source"].map(xy["x"]), y=edges["source"].map(xy["y"]),
                         x2=edges["target"].map(xy["x"]), y2=edges["target"].map(xy["y"]))
    return placed, lines


def unresolved_names(mentions: pd.DataFrame) -> pd.DataFrame:
    """Names kept but not in ``actors.csv``, counted (a new corpus will have people the gazetteer lacks)."""
    part = mentions[~mentions["resolved"]]
    cols = ["name as written", "type (from the model)", "mentions", "documents", "outlets"]
    if part.empty:
        return pd.DataFrame(columns=cols)
    grouped = part.groupby("canonical").agg(type=("type", "first"), mentions=("text", "size"),
                                            documents=("doc", "nunique"),
                                            outlets=("outlet", lambda s: "; ".join(sorted(set(s))))).reset_index()
    grouped.columns = cols
    return grouped.sort_values(["mentions", "name as written"], ascending=[False, True]).reset_index(drop=True)


def set_aside_table(left: pd.DataFrame) -> pd.DataFrame:
    """The model's names not kept as actors (the stage's ``leftovers``), with the reason (never silently dropped)."""
    part = left[~left["reason"].isin(["fuzzy", "unresolved"])]
    return part[["doc", "start", "end", "text", "label", "reason"]].reset_index(drop=True)


def label_use(mentions: pd.DataFrame, speakers: pd.DataFrame, actor_id: str = LABELS_ID) -> pd.DataFrame:
    """Who uses the labels of one ``actors.csv`` row ("terrorists", "bandits", ...): each mention inside
    a statement is the speaker's word; outside any statement it is the outlet's own."""
    part = mentions[mentions["actor_id"] == actor_id]
    cols = ["who uses the word", "speaker's affiliation", "outlet", "mentions", "words"]
    if part.empty:
        return pd.DataFrame(columns=cols)
    # each document's statements as arrays: the innermost statement holding a mention is looked up without pandas
    by_doc = {doc: (g["content_start"].to_numpy(), g["content_end"].to_numpy(), g["speaker"].tolist(), g["side"].tolist())
              for doc, g in speakers.groupby("doc", sort=False)}
    rows = []
    for m in part.itertuples(index=False):
        starts, ends, speaker, sides = by_doc.get(m.doc, (np.array([], dtype=int),) * 2 + ([], []))
        inside = np.flatnonzero((starts <= m.start) & (ends >= m.end))
        if len(inside):
            first = inside[np.argmin((ends - starts)[inside])]  # the shortest, the first of equals (as idxmin)
            who, side = speaker[first], sides[first]
        else:
            who, side = OWN_VOICE, ""
        rows.append({"who": who, "side": side, "outlet": m.outlet, "word": m.text.lower()})
    frame = pd.DataFrame(rows)
    out = frame.groupby(["who", "side", "outlet"]).agg(
        mentions=("word", "size"), words=("word", lambda s: "; ".join(sorted(set(s))))).reset_index()
    out.columns = cols
    return out.sort_values(["mentions", "who uses the word"], ascending=[False, True]).reset_index(drop=True)


def actor_facts(mentions: pd.DataFrame, speakers: pd.DataFrame, nodes: pd.DataFrame, edges: pd.DataFrame,
                set_aside: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD,
                knowledge_dir=None) -> dict[str, int | float | str]:
    """The numbers and phrases the actors chapter states, as plain Python values for ``glue``."""
    resolved = mentions[mentions["resolved"]]
    named = resolved[~resolved["type"].isin(["group", "other"])]  # people and organisations, not labels
    by_actor = named.groupby("canonical").size().sort_values(ascending=False)
    by_speaker = speakers[speakers["speaker_id"] != ""].groupby("speaker").size().sort_values(ascending=False)
    labels = label_use(mentions, speakers)
    own_voice = int(labels.loc[labels["who uses the word"] == OWN_VOICE, "mentions"].sum()) if len(labels) else 0
    impostor = impostor_scores(knowledge_dir, top=1)
    strongest = edges.iloc[0] if len(edges) else None
    label_of = nodes.set_index("key")["label"] if len(nodes) else pd.Series(dtype=str)
    govs = speakers["side"].str.endswith(" government")
    return {
        "n_mentions": len(mentions),
        "n_docs_with_mentions": int(mentions["doc"].nunique()),
        "n_actors": int(resolved["actor_id"].nunique()),
        "n_resolved_mentions": len(resolved),
        "n_fuzzy": int((mentions["match"] == "fuzzy").sum()),
        "n_unresolved_mentions": int((~mentions["resolved"]).sum()),
        "n_unresolved_names": int(mentions.loc[~mentions["resolved"], "canonical"].nunique()),
        "n_set_aside": len(set_aside),
        "n_affiliations": int(resolved["affiliation"].nunique()),
        "top_actor": str(by_actor.index[0]) if len(by_actor) else "none",
        "top_actor_mentions": int(by_actor.iloc[0]) if len(by_actor) else 0,
        "n_statements": len(speakers),
        "n_statement_docs": int(speakers["doc"].nunique()),
        "n_speakers": int(speakers.loc[speakers["speaker_id"] != "", "speaker_id"].nunique()),
        "n_unresolved_statements": int((speakers["speaker_id"] == "").sum()),
        "n_government_statements": int(govs.sum()),
        "top_speaker": str(by_speaker.index[0]) if len(by_speaker) else "none",
        "top_speaker_statements": int(by_speaker.iloc[0]) if len(by_speaker) else 0,
        "n_label_mentions": int(labels["mentions"].sum()) if len(labels) else 0,
        "n_label_own_voice": own_voice,
        "n_label_speakers": int(labels.loc[labels["who uses the word"] != OWN_VOICE, "who uses the word"].nunique())
        if len(labels) else 0,
        "threshold": float(threshold),
        "impostor_score": round(float(impostor["score"].iloc[0]), 1) if len(impostor) else 0.0,
        "impostor_pair": (f"{impostor['name_a'].iloc[0]} / {impostor['name_b'].iloc[0]}" if len(impostor) else "none"),
        "n_nodes": len(nodes),
        "n_edges": len(edges),
        "strongest_pair": (f"{label_of.get(strongest['source'], strongest['source'])} and "
                           f"{label_of.get(strongest['target'], strongest['target'])}") if strongest is not None else "none",
        "strongest_pair_sentences": int(strongest["sentences"]) if strongest is not None else 0,
    }
