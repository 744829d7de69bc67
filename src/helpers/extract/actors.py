"""Actor mentions: every person, organisation, force, alliance, outlet or group the articles name.

Built on the entity table of :func:`helpers.load_tables` (offsets into the original text), in four steps:

1. **Gazetteer.** Entities whose ``entity_id`` is ``actor:<id>`` were matched by the project's
   gazetteer against ``actors.csv`` (names, aliases, transliterations, titles). They are resolved:
   ``match`` is ``gazetteer`` for a name ("Kasim Khomart Tokayev") and ``title`` for an office
   ("the Belarusian leader"). A common-noun alias written in lower case in ``actors.csv``
   ("extremists", "bandits") also matches with a capital initial at the start of a sentence or in a
   headline ("Extremists seized airports ..."); the gazetteer itself matches single words only as
   written, so that proper names such as "Oral" are not confused with English words.
2. **Adjacent parts of one mention are joined.** "Kazakh President" + "Kassym-Jomart Tokayev", or
   "Collective Security Treaty Organization" + "(CSTO)", are one mention of one actor, not two.
3. **Model names the gazetteer does not know.** Entities of the statistical model labelled PERSON,
   ORG or NORP (none overlaps a gazetteer entity: the gazetteer wins where they overlap, so a model
   span such as "Kazakhstan Kassym-Jomart Tokayev" has already given way to "Kassym-Jomart Tokayev")
   are compared with every name of ``actors.csv`` with ``rapidfuzz`` (``token_sort_ratio`` on
   lower-cased, punctuation-free text). At or above ``threshold`` the mention is proposed as that
   actor (``match = "fuzzy"``, with its ``score``). Below it, the name is kept with
   ``resolved = False`` and its text as canonical name (``match = "unresolved"``): an unknown name is
   never dropped. What is set aside is only what is not a name at all, and it is listed with the
   reason by :func:`model_leftovers`: words without a capital ("shootout"), nationality adjectives ("Kazakh" in
   "the Kazakh protests"), capitalised common words the corpus also writes in lower case ("Riot" in a headline),
   and names ``actor_name_patterns.csv`` types ``not_an_actor`` ("Telegram", "Maidan").
4. **Places are not actors.** ``place:`` entities are left to the places chapter, even when a capital
   stands for its government ("Moscow calls for ...": see :mod:`helpers.extract.quotes` for speakers).
5. **Within the document** (:mod:`helpers.extract.actor_surnames`, :mod:`helpers.extract.actor_titles`): a family
   name or an acronym defined in parentheses refers back to its full name; a title before a name is part of the
   mention ("White House spokeswoman Jen Psaki"), a title before an unknown name keeps it as a person, and a
   capitalised office alone ("the President") stands for the holder named most often before it.

The threshold. With ``token_sort_ratio``, the closest two names of *different* actors in
``actors.csv`` score 87.2 ("Protesters (Kazakhstan)" / "Rioters (Kazakhstan)"; see
:func:`impostor_scores`), while transliterations of one name score 91 to 98 ("Kassym-Jomart Tokaev"
97.6, "Mikhail Pogrebinskii" 95.0, "Vladimir Poutine" 93.3). The default of 90 sits between the two.

Generic labels. The row ``labelled_armed_groups`` ("terrorists", "bandits", "extremists", "militants",
...) holds the words that officials and some outlets use for the people who attacked buildings. They
are speakers' labels: a mention of them is a mention of *the label*, kept so that a reader can see
who uses it, and its affiliation is ``other`` (the book does not know who these people were, and
does not merge them with the protesters).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process, utils

from helpers.extract import actor_patterns
from helpers.extract.actor_patterns import name_patterns, pattern_mentions, set_aside_reason, typed_span
from helpers.extract.actor_surnames import resolve_acronyms, resolve_surnames
from helpers.extract.actor_titles import title_mentions
from helpers.knowledge import knowledge_cache, knowledge_path, read_knowledge, split_list

MENTION_COLUMNS = [
    "doc", "start", "end", "text", "actor_id", "canonical", "type", "affiliation", "resolved", "match", "score",
]
LEFTOVER_COLUMNS = ["doc", "start", "end", "text", "label", "best_name", "best_actor", "score", "reason"]
MATCHES = ("gazetteer", "title", "fuzzy", "surname", "acronym", "unresolved")
MODEL_LABELS = {"PERSON": "person", "ORG": "other", "NORP": "group"}
DEFAULT_THRESHOLD = 90.0
UNKNOWN_AFFILIATION = "unknown"
# the gap between two parts of one mention of one actor: spaces, the opening bracket of an acronym
# ("Collective Security Treaty Organization (CSTO)"), or a coordinated title ("Armenian Prime Minister
# and Council chairman Nikol Pashinian")
_JOIN_GAP = re.compile(r"[ \u00a0]*\(?|[ \u00a0]+and(?:[ \u00a0]+[A-Za-z][\w-]*){1,3}[ \u00a0]+")


@knowledge_cache("actors.csv")
def read_actors(knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """The curated actors (``actors.csv``, or the user's copy in ``knowledge_dir``), one row per actor.

    >>> read_actors().set_index("actor_id").loc["tokayev", ["canonical", "affiliation"]].tolist()
    ['Kassym-Jomart Tokayev', 'Kazakhstan government']
    """
    path = knowledge_path("actors.csv", knowledge_dir)
    table = read_knowledge("actors.csv", knowledge_dir, {"actor_id", "canonical", "type", "affiliation", "aliases", "titles", "source"})
    if table["actor_id"].duplicated().any():
        raise ValueError(f"{path}: duplicate actor_id {sorted(set(table.loc[table['actor_id'].duplicated(), 'actor_id']))}")
    return table


def actor_names(actors: pd.DataFrame) -> pd.DataFrame:
    """Every name of every actor, one row each: ``name, actor_id, kind`` (canonical, alias or title).

    >>> names = actor_names(read_actors())
    >>> names.loc[names["name"] == "Nikol Pashinian", "actor_id"].tolist()
    ['pashinyan']
    """
    rows = []
    for a in actors.itertuples(index=False):
        rows.append((a.canonical, a.actor_id, "canonical"))
        rows += [(n, a.actor_id, "alias") for n in split_list(a.aliases)]
        rows += [(n, a.actor_id, "title") for n in split_list(a.titles)]
    return pd.DataFrame(rows, columns=["name", "actor_id", "kind"])


@knowledge_cache("actors.csv")
def actor_name_table(knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """:func:`actor_names` of the actors in effect (``actors.csv`` or the user's copy), built once per process."""
    return actor_names(read_actors(knowledge_dir))


@knowledge_cache("actors.csv")
def _modifiers_in_effect(knowledge_dir: str | Path | None = None) -> frozenset[str]:
    names, actors = actor_name_table(knowledge_dir), read_actors(knowledge_dir)
    people = set(actors.loc[actors["type"] == "person", "actor_id"])  # "Wang" opens Wang Yi and Wang Wenbin
    return frozenset(_modifier_words(names[~names["actor_id"].isin(people) | (names["kind"] == "title")]))


def fuzzy_match(text: str, names: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD) -> tuple[str, str, float] | None:
    """The actor whose canonical name or alias is closest to ``text``, if it scores at least ``threshold``.

    Returns ``(actor_id, name, score)`` or None. Titles are not compared (an office is not a spelling).

    >>> fuzzy_match("Kassym-Jomart Tokaev", actor_names(read_actors()))  # a spelling no seed uses
    ('tokayev', 'Kassym-Jomart Tokayev', 97.56...)
    """
    spellings = names[names["kind"] != "title"].reset_index(drop=True)
    if spellings.empty or not utils.default_process(text):
        return None
    best = process.extractOne(text, spellings["name"].tolist(), scorer=fuzz.token_sort_ratio,
                              processor=utils.default_process)
    if best is None or best[1] < threshold:
        return None
    return str(spellings.at[best[2], "actor_id"]), str(best[0]), float(best[1])


def impostor_scores(knowledge_dir: str | Path | None = None, top: int = 5) -> pd.DataFrame:
    """The highest fuzzy scores between names of two *different* actors: what the threshold must exceed.

    >>> impostor_scores(top=1)[["name_a", "name_b"]].values.tolist()
    [['Protesters (Kazakhstan)', 'Rioters (Kazakhstan)']]
    """
    names = actor_names(read_actors(knowledge_dir))
    names = names[names["kind"] != "title"].reset_index(drop=True)
    scores = process.cdist(names["name"].tolist(), names["name"].tolist(), scorer=fuzz.token_sort_ratio,
                           processor=utils.default_process)
    ids = names["actor_id"].to_numpy()
    different = ids[:, None] != ids[None, :]
    upper = np.triu(np.ones_like(different, dtype=bool), k=1)
    i, j = np.nonzero(different & upper)
    table = pd.DataFrame({"name_a": names["name"].to_numpy()[i], "actor_a": ids[i],
                          "name_b": names["name"].to_numpy()[j], "actor_b": ids[j],
                          "score": scores[i, j].astype(float)})
    return table.sort_values(["score", "name_a", "name_b"], ascending=[False, True, True]).head(top).reset_index(drop=True)


def _empty(columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    types = {"start": "int64", "end": "int64", "score": "float64"}
    if "resolved" in columns:
        types["resolved"] = bool
    return frame.astype({k: v for k, v in types.items() if k in columns})


def _analysed(tables) -> pd.DataFrame:
    return tables.sentences[~tables.sentences["in_boilerplate"].astype(bool)]


def _capitalised_aliases(tables, actors: pd.DataFrame, taken: pd.DataFrame) -> list[dict]:
    """Lower-case single-word aliases ("extremists") found with a capital initial ("Extremists ...")."""
    words = {}
    for a in actors.itertuples(index=False):
        for name in [a.canonical, *split_list(a.aliases)]:
            if re.fullmatch(r"[a-z][a-z-]+", name):
                words[name[0].upper() + name[1:]] = a.actor_id
    if not words:
        return []
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?![\w-])")
    spans = {doc: list(zip(part["start"], part["end"])) for doc, part in taken.groupby("doc")}
    rows = []
    for sent in _analysed(tables).itertuples(index=False):
        text = tables.texts[sent.doc]
        for m in pattern.finditer(text, sent.start, sent.end):
            if any(s < m.end() and m.start() < e for s, e in spans.get(sent.doc, [])):
                continue
            rows.append({"doc": sent.doc, "start": m.start(), "end": m.end(), "text": m.group(0),
                         "actor_id": words[m.group(0)], "match": "gazetteer"})
    return rows


def _join_adjacent(rows: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Join consecutive parts of one mention of one actor: a title and a name, a name and its (ACRONYM)."""
    out: list[dict] = []
    for row in rows.sort_values(["doc", "start", "end"]).to_dict("records"):
        prev = out[-1] if out else None
        if prev is not None and prev["doc"] == row["doc"] and prev["actor_id"] == row["actor_id"] and row["resolved"]:
            text = texts[row["doc"]]
            gap = text[prev["end"]:row["start"]]
            if _JOIN_GAP.fullmatch(gap):
                end = row["end"] + (1 if gap.strip() == "(" and text[row["end"]:row["end"] + 1] == ")" else 0)
                prev["end"] = end
                prev["text"] = text[prev["start"]:end]
                prev["match"] = "gazetteer" if "gazetteer" in (prev["match"], row["match"]) else prev["match"]
                continue
        out.append(dict(row))
    return pd.DataFrame(out, columns=rows.columns)


def _lowercase_vocabulary(tables) -> set[str]:
    """Every word the analysed text writes in lower case (to tell capitalised common words from names).

    Tables that carry a ``vocabulary`` (one document's tables in the extraction stage: the corpus's
    lower-case words that this document's names hold) give it instead.
    """
    if getattr(tables, "vocabulary", None) is not None:
        return set(tables.vocabulary)
    words: set[str] = set()
    for sent in _analysed(tables).itertuples(index=False):
        words.update(re.findall(r"\b[a-z][a-z’'-]*\b", tables.texts[sent.doc][sent.start:sent.end]))
    return words


def _modifier_words(names: pd.DataFrame) -> set[str]:
    """Words that open names of two or more actors and are never a name alone: "Kazakh" (Kazakh President,
    Kazakh police, Kazakh media ...), "Russian", "Belarusian". A first name ("Kassym-Jomart") opens one."""
    whole = {n.casefold() for n in names["name"]}
    multi = names[names["name"].str.contains(" ")]
    owners = multi.assign(first=multi["name"].str.split().str[0]).groupby("first")["actor_id"].nunique()
    return {w for w, n in owners.items() if n >= 2 and w[:1].isupper() and w.casefold() not in whole}


def _joined_spelling(text: str, start: int, end: int, known: list[tuple[int, int, str]],
                     spellings: pd.DataFrame) -> tuple[str, str, float] | None:
    """A model name that touches a gazetteer mention ("Kassym-Jomart" before "Tokaev"), scored as one
    spelling of that actor: ``(best name, actor_id, score)`` of the whole, or None."""
    for s, e, entity_id in known:
        first, last = (s, end) if e <= start else (start, e)
        gap = text[e:start] if e <= start else text[end:s]
        if (e <= start or end <= s) and gap and not gap.strip(" \u00a0"):
            actor = entity_id.split(":", 1)[1]
            own = spellings.loc[spellings["actor_id"] == actor, "name"].tolist()
            best = process.extractOne(text[first:last], own, scorer=fuzz.token_sort_ratio,
                                      processor=utils.default_process) if own else None
            if best is not None:
                return str(best[0]), actor, float(best[1])
    return None


def model_leftovers(tables, knowledge_dir: str | Path | None = None,
                    threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """The statistical model's PERSON / ORG / NORP entities that no gazetteer entity covers (see
    :func:`compute_leftovers`), computed once per tables object: the actor mentions and the ``leftovers``
    extractor of the same document share one computation."""
    memo = getattr(tables, "__dict__", None)
    if memo is None:
        return compute_leftovers(tables, knowledge_dir, threshold)
    key = (str(knowledge_dir), float(threshold), id(tables.entities))
    found = memo.setdefault("_actor_leftovers", {})
    if key not in found:
        found.clear()
        found[key] = compute_leftovers(tables, knowledge_dir, threshold)
    return found[key].copy()


def compute_leftovers(tables, knowledge_dir: str | Path | None = None,
                      threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """The statistical model's PERSON / ORG / NORP entities that no gazetteer entity covers, each with
    its closest name in ``actors.csv`` and what became of it (``reason``): ``fuzzy``, ``unresolved``
    (kept as an unknown name), or why it was set aside as not a name.

    >>> left = model_leftovers(load_tables("../seeds"))                              # doctest: +SKIP
    >>> left.loc[left["text"] == "Americans", "reason"].item()  # "advantageous for Americans" (001)  # doctest: +SKIP
    'unresolved'
    """
    entities = tables.entities
    model = entities[(entities["origin"] == "model") & entities["label"].isin(list(MODEL_LABELS))]
    if model.empty:
        return _empty(LEFTOVER_COLUMNS)
    names = actor_name_table(knowledge_dir)
    spellings = names[names["kind"] != "title"].reset_index(drop=True)
    lowercase = _lowercase_vocabulary(tables)
    modifiers = _modifiers_in_effect(knowledge_dir)
    patterns = name_patterns(knowledge_dir)
    known = entities[entities["entity_id"].fillna("").astype(str).str.startswith("actor:")]
    known_by_doc = {doc: list(zip(part["start"], part["end"], part["entity_id"])) for doc, part in known.groupby("doc")}
    rows = []
    for e in model.itertuples(index=False):
        best = process.extractOne(e.text, spellings["name"].tolist(), scorer=fuzz.token_sort_ratio,
                                  processor=utils.default_process) if utils.default_process(e.text) else None
        best_name, best_actor, score = ("", "", 0.0) if best is None else (
            str(best[0]), str(spellings.at[best[2], "actor_id"]), float(best[1]))
        joined = _joined_spelling(tables.texts[e.doc], int(e.start), int(e.end), known_by_doc.get(e.doc, []), spellings)
        if joined is not None and joined[2] >= threshold and joined[2] > score:
            best_name, best_actor, score = joined
        if score >= threshold:
            reason = "fuzzy"
        else:
            where = (tables.texts[e.doc], int(e.start), int(e.end))
            reason = set_aside_reason(e.text, e.label, lowercase, modifiers, where, patterns) or "unresolved"
        rows.append({"doc": e.doc, "start": int(e.start), "end": int(e.end), "text": e.text, "label": e.label,
                     "best_name": best_name, "best_actor": best_actor, "score": score, "reason": reason})
    frame = pd.DataFrame(rows, columns=LEFTOVER_COLUMNS).astype({"start": "int64", "end": "int64", "score": "float64"})
    return frame.sort_values(["doc", "start"]).reset_index(drop=True)


def _attach_fragments(frame: pd.DataFrame, texts: dict[str, str], names: pd.DataFrame,
                      threshold: float) -> pd.DataFrame:
    """Settle a model name that touches a gazetteer mention (only spaces between them).

    - The two read as one spelling of the gazetteer's actor ("Kassym-Jomart" + "Tokaev": the model
      split the name, the gazetteer knew "Tokaev"): one mention, ``fuzzy``, scored as a whole.
    - Otherwise a title directly before a person's name belongs to that name ("Almaty Police
      spokeswoman" + an unknown "Dana Yerlanova"): the title does not resolve to the gazetteer's holder.
    """
    spellings = names[names["kind"] != "title"]
    rows = frame.sort_values(["doc", "start", "end"]).to_dict("records")
    drop: set[int] = set()
    for i, row in enumerate(rows):
        if row["match"] not in ("fuzzy", "unresolved"):
            continue
        text = texts[row["doc"]]
        for j in (i - 1, i + 1):
            if not 0 <= j < len(rows) or j in drop:
                continue
            other = rows[j]
            first, second = (other, row) if j < i else (row, other)
            if other["doc"] != row["doc"] or other["match"] not in ("gazetteer", "title"):
                continue
            if text[first["end"]:second["start"]].strip(" \u00a0") or "\n" in text[first["end"]:second["start"]]:
                continue
            whole = text[first["start"]:second["end"]]
            own = spellings.loc[spellings["actor_id"] == other["actor_id"], "name"].tolist()
            best = process.extractOne(whole, own, scorer=fuzz.token_sort_ratio, processor=utils.default_process)
            if best is not None and best[1] >= threshold:
                other.update(start=first["start"], end=second["end"], text=whole, match="fuzzy", score=float(best[1]))
                drop.add(i)
                break
            if other["match"] == "title" and j < i and row["type"] == "person":
                row.update(start=other["start"], text=text[other["start"]:row["end"]])  # canonical stays the name
                drop.add(j)
                break
    return pd.DataFrame([r for k, r in enumerate(rows) if k not in drop], columns=frame.columns)


def actor_mentions(tables, knowledge_dir: str | Path | None = None,
                   threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Every actor mention of the corpus, resolved to ``actors.csv`` where possible, one row each.

    Columns ``MENTION_COLUMNS``: ``text == tables.texts[doc][start:end]``; ``match`` is ``gazetteer``,
    ``title``, ``fuzzy`` (with its ``score``), ``surname`` (a surname alone after the full name, see
    :mod:`helpers.extract.actor_surnames`) or ``unresolved`` (``resolved`` False, ``canonical`` =
    the text as written, ``actor_id`` empty). Sorted by document and position.

    >>> m = actor_mentions(load_tables("../seeds"))                                  # doctest: +SKIP
    >>> m.loc[m["text"] == "Kazakh President Kasim Khomart Tokayev", ["actor_id", "match"]].values.tolist()  # doctest: +SKIP
    [['tokayev', 'gazetteer']]
    """
    actors = read_actors(knowledge_dir)
    info = actors.set_index("actor_id")
    entities = tables.entities
    ids = entities["entity_id"].fillna("").astype(str)
    gaz = entities[ids.str.startswith("actor:")]
    lower = [actor_patterns.outlet_in_lower_case(e.text, e.entity_id.split(":", 1)[1], actors) for e in gaz.itertuples()]
    gaz = gaz[~np.array(lower, dtype=bool)]  # "the national news agency" is not The National News
    rows = [{"doc": e.doc, "start": int(e.start), "end": int(e.end), "text": e.text,
             "actor_id": str(e.entity_id).split(":", 1)[1],
             "match": "title" if e.origin == "gazetteer_title" else "gazetteer"} for e in gaz.itertuples(index=False)]
    rows += _capitalised_aliases(tables, actors, entities)
    patterns = name_patterns(knowledge_dir)
    for left in model_leftovers(tables, knowledge_dir, threshold).itertuples(index=False):
        if left.reason == "fuzzy":
            rows.append({"doc": left.doc, "start": left.start, "end": left.end, "text": left.text,
                         "actor_id": left.best_actor, "match": "fuzzy", "score": left.score})
        elif left.reason == "unresolved":
            text = tables.texts[left.doc]  # an organisation may take a lower-case head: "Khovar" + " news agency"
            end, kind = typed_span(text, left.start, left.end, patterns, _modifiers_in_effect(knowledge_dir)) if (
                left.label == "ORG") else (left.end, None)
            rows.append({"doc": left.doc, "start": left.start, "end": end, "text": text[left.start:end], "actor_id": "",
                         "match": "unresolved", "type": kind or MODEL_LABELS[left.label]})
    names = actor_name_table(knowledge_dir)
    places = entities[ids.str.startswith("place:")]
    rows += pattern_mentions(tables.texts, _analysed(tables), rows, patterns,
                             lambda name: fuzzy_match(name, names, threshold), _modifiers_in_effect(knowledge_dir),
                             {doc: list(zip(p["start"], p["end"])) for doc, p in places.groupby("doc")})
    if not rows:
        return _empty(MENTION_COLUMNS)
    frame = pd.DataFrame(rows)
    for column in ("score", "type"):
        if column not in frame:
            frame[column] = np.nan
    unknown = sorted(set(frame.loc[frame["actor_id"] != "", "actor_id"]) - set(info.index))
    if unknown:
        raise ValueError(f"entities name actor id(s) {unknown} that actors.csv does not have; re-parse with the same knowledge_dir")
    resolved = frame["actor_id"] != ""
    frame["resolved"] = resolved
    frame["canonical"] = np.where(resolved, frame["actor_id"].map(info["canonical"]), frame["text"])
    frame["type"] = np.where(resolved, frame["actor_id"].map(info["type"]), frame["type"])
    frame["affiliation"] = np.where(resolved, frame["actor_id"].map(info["affiliation"]), UNKNOWN_AFFILIATION)
    frame = _attach_fragments(frame[MENTION_COLUMNS], tables.texts, actor_name_table(knowledge_dir), threshold)
    frame = resolve_acronyms(resolve_surnames(_join_adjacent(frame, tables.texts).reset_index(drop=True)), tables)
    frame = title_mentions(frame, tables, actors, _modifiers_in_effect(knowledge_dir), knowledge_dir)
    frame = frame.astype({"start": "int64", "end": "int64", "score": "float64", "resolved": bool})
    return frame.sort_values(["doc", "start", "end"], kind="stable").reset_index(drop=True)[MENTION_COLUMNS]
