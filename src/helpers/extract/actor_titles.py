"""Titles of people: a title before a name is part of the mention, a title after a name introduces a person, and
an office written alone ("the President") stands for its holder named before it.

The knowledge is ``actor_titles.csv`` (``phrase, kind, holder, source``):

- ``kind = title``: offices and roles ("president", "foreign minister", "spokeswoman", "pianist"), matched in any
  case as whole words. :func:`attach_titles` widens a person's mention leftwards over the title and the words
  that qualify it, as the labels do ("White House spokeswoman Jen Psaki", "Chinese State Councilor and Foreign
  Minister Wang Yi"): the mentions inside the title (the "White House" of the spokeswoman) become part of the
  person's mention. :func:`titled_names` finds a title followed by a name of two or three capitalised words that no
  mention covers yet ("Interior Minister Yerlan Turgumbayev" in the rule-only pipeline): an unresolved person.
- ``kind = back_reference``: an office written alone and capitalised, as state media write it for their own head of
  state ("the President said", "the Head of State"). :func:`back_references` resolves it to the person named earlier
  in the document whose titles in ``actors.csv`` hold ``holder`` ("president"), the one named most often so far
  (ties: the latest; when none is named before it, as in a headline, the first named after it), or whose mention as
  written holds it ("Chinese Ambassador to Kazakhstan Zhang Xiao" ... "the
  ambassador said"); without such a person it is not a mention. Case matters: "The president has declared" is not
  resolved, as the seeds' labels do not count it; the lowercase rows are offices the seeds never write alone ("the
  ambassador", "the envoy", "the akim", "the secretary of state").
- ``kind = short_form``: the head noun of a body's name written alone after "the" ("the ministry", "The office",
  "the committee's"), as reporting refers back to a body it has named in full. :func:`short_forms` resolves it to
  the latest body named before it in the document whose name holds ``holder`` as a word ("Ministry of Information
  and Social Development" for "the ministry"); unresolved names count too, and without such a body it is not a
  mention. A head noun followed by "of", "for" or a capitalised word names another body ("the committee for
  medical control") and is left alone, and so is one after a preposition of place ("sources from the office",
  "at the office"), where the word names a building or a room.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers.extract.actor_levels import level_mentions, level_phrases
from helpers.extract.actor_title_table import _title_alternation, read_titles, title_pattern

_CONNECTORS = {"and", "of", "the", "to", "for"}
_NAME_WORD = r"[A-Z][\w’'-]*[a-z][\w’'-]*"
_WORD_BEFORE = re.compile(r"([\w’'.&-]+)[ \u00a0]+$")
_PLACE_BEFORE = re.compile(r"(?<![\w-])(?:[Aa]t|[Ii]n|[Ii]nto|[Ii]nside|[Oo]utside|[Ff]rom|[Nn]ear)[ \u00a0]+$")


def _title_start(text: str, start: int, line_start: int, covered: list[tuple[int, int]],
                 modifiers: set[str], titles: re.Pattern) -> int:
    """Where the title before the name at ``start`` begins (``start`` when there is none)."""
    pos, begin, seen_title = start, start, False
    while pos > line_start:
        before = text[line_start:pos]
        m = titles.search(before)
        if m:
            pos = begin = line_start + m.start()
            seen_title = True
            continue
        if not seen_title:
            of = _of_title(before, titles)
            if of is None:
                break
            pos = begin = line_start + of
            seen_title = True
            continue
        w = _WORD_BEFORE.search(before)
        if w is None:
            break
        word, at = w.group(1), line_start + w.start(1)
        span = next(((s, e) for s, e in covered if s <= at < e <= pos), None)
        if span is not None and not text[span[1]:pos].strip():
            pos = begin = span[0]  # a mention qualifies the title: "White House" spokeswoman
        elif word.casefold() in _CONNECTORS:
            pos = at  # kept only if a title or qualifier comes before it
        elif word[:1].isupper() and (word in modifiers or word.rstrip("’'s") in modifiers):
            pos = begin = at
        else:
            break
    return begin


def _of_title(before: str, titles: re.Pattern) -> int | None:
    """Where a title with an "of" complement ends ``before`` ("... Minister of Emergency Situations "): the title,
    "of", then one to four capitalised words or connectors. None if there is none."""
    m = re.search(r"(?:[ \u00a0]+of(?:[ \u00a0]+(?:the|and|[A-Z][\w’'-]*)){1,4})[ \u00a0]+$", before)
    if m is None or not re.search(r"[A-Z]", before[m.start():]):
        return None
    head = titles.search(before[:m.start()] + " ")
    return head.start() if head else None


def _apposition_start(text: str, start: int, line_start: int, covered: list[tuple[int, int]],
                      titles: re.Pattern) -> int:
    """Where a title set off by a comma before the name at ``start`` begins ("the head of the Criminal Prosecution
    Service of the Prosecutor General's Office, Serik Shalabayev"; "The region's akim, Nurlan Nogayev"): the words
    between the comma and the title are connectors, capitalised words and mentions, at most ten. ``start`` if none."""
    comma = re.search(r",[ \u00a0]+$", text[line_start:start])
    if comma is None:
        return start
    pos = line_start + comma.start()
    for _ in range(10):
        before = text[line_start:pos] + " "
        m = titles.search(before)
        if m:
            begin = line_start + m.start()
            the = re.search(r"(?:\b[Tt]he[ \u00a0]+(?:[\w-]+[’']s[ \u00a0]+)?)$", text[line_start:begin])
            return line_start + the.start() if the else begin
        w = _WORD_BEFORE.search(before)
        if w is None:
            return start
        word, at = w.group(1), line_start + w.start(1)
        span = next(((s, e) for s, e in covered if s <= at < e), None)
        if span is not None:
            pos = span[0]
        elif word.casefold() in _CONNECTORS or word[:1].isupper():
            pos = at
        else:
            return start
    return start


def attach_titles(frame: pd.DataFrame, texts: dict[str, str], spans: dict[str, list[tuple[int, int]]],
                  modifiers: set[str], knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """``frame`` (actor mentions) with each person's mention widened leftwards over the title before it (see
    the module docstring); the mentions the title covers are dropped. ``spans`` are other names per document
    (entities) that may qualify a title; ``modifiers`` are words such as "Kazakh" or "Chinese"."""
    titles = title_pattern(knowledge_dir)
    rows = frame.sort_values(["doc", "start", "end"]).to_dict("records")
    first, last = {}, {}  # each document's rows are one run of the sorted rows: only those are compared
    for k, r in enumerate(rows):
        first.setdefault(r["doc"], k)
        last[r["doc"]] = k + 1
    drop: set[int] = set()
    for i, row in enumerate(rows):
        if row["type"] != "person":
            continue
        text = texts[row["doc"]]
        line_start = text.rfind("\n", 0, row["start"]) + 1
        same = range(first[row["doc"]], last[row["doc"]])
        others = [(rows[k]["start"], rows[k]["end"]) for k in same
                  if k != i and rows[k]["type"] != "person" and rows[k]["end"] <= row["start"]]
        covered = others + spans.get(row["doc"], [])
        begin = _title_start(text, row["start"], line_start, covered, modifiers, titles)
        if begin >= row["start"]:
            begin = _apposition_start(text, row["start"], line_start, covered, titles)
        if begin >= row["start"]:
            continue
        inside = [k for k in same if k != i and begin <= rows[k]["start"] and rows[k]["end"] <= row["start"]]
        if any(rows[k]["type"] == "person" and rows[k]["resolved"] and rows[k]["actor_id"] != row["actor_id"]
               for k in inside):  # another person named in the title: "Putin and President Tokayev" stays two
            continue
        drop.update(inside)
        row.update(start=begin, text=text[begin:row["end"]])
    return pd.DataFrame([r for k, r in enumerate(rows) if k not in drop], columns=frame.columns)


def titled_names(text: str, sentences: list[tuple[int, int]], taken: list[tuple[int, int]],
                 knowledge_dir: str | Path | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of every name of two or three capitalised words right after a title in the sentence
    spans of ``text`` that overlaps no ``taken`` span (the title is added by :func:`attach_titles`), or right before
    a title set off by a comma (an apposition, as :func:`appositive_titles` reads it).

    >>> s = "Deputy Interior Minister Marat Kozhayev said 18 officers died."
    >>> [s[a:b] for a, b in titled_names(s, [(0, len(s))], [])]
    ['Marat Kozhayev']
    >>> s = "Arkady Dubnov, a Moscow journalist, wrote that he had been held."
    >>> [s[a:b] for a, b in titled_names(s, [(0, len(s))], [])]
    ['Arkady Dubnov']
    """
    body = _title_alternation(knowledge_dir)
    if not body:
        return []
    pattern = re.compile(rf"(?<![\w-])(?i:{body})[ \u00a0]+({_NAME_WORD}(?:[ \u00a0]{_NAME_WORD}){{1,5}})(?![\w’'-])")
    lead = re.compile(rf"(?i:{body})[ \u00a0]+")
    # a name set off by a comma and a title closing the apposition: "Arkady Dubnov, a Moscow journalist, wrote"
    before = re.compile(rf"(?<![\w’'.-])({_NAME_WORD}(?:[ \u00a0]{_NAME_WORD}){{1,2}}),[ \u00a0]+(?={_appositive(body)})")
    out = []
    for a, b in sentences:
        for m in pattern.finditer(text, a, b):
            s, e = m.span(1)
            while (t := lead.match(text, s, e)) is not None:  # "Deputy Interior Minister Marat Kozhayev"
                s = t.end()
            if 2 <= len(text[s:e].split()) <= 3 and not any(ts < e and s < te for ts, te in taken):
                out.append((s, e))
        for m in before.finditer(text, a, b):
            s, e = m.span(1)
            if lead.match(text, s, e) is None and not any(ts < e and s < te for ts, te in taken + out):
                out.append((s, e))
    return sorted(out)


def _appositive(body: str) -> str:
    """The regex of a title set off by commas after a name (see :func:`appositive_titles`), for the title
    alternation ``body``: an optional determiner or possessive, capitalised qualifiers, the title, an "of"/"at"/"for"
    complement of capitalised words, then the comma, full stop or semicolon that closes the apposition."""
    cap = r"[A-Z][\w’'-]*"
    return (rf"(?:(?:[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[Aa]n?|{cap}[’']s)[ \u00a0]+)?"
            rf"(?:(?:{cap}|and|of|the)[ \u00a0]+){{0,6}}(?i:{body})"
            rf"(?:[ \u00a0]+(?:of|at|for)(?:[ \u00a0]+(?:{cap}|and|of|for|the)){{1,10}})?(?=[ \u00a0]*[,.;])")


def back_references(text: str, doc: str, sentences: list[tuple[int, int]], mentions: pd.DataFrame,
                    holders: dict[str, set[str]], knowledge_dir: str | Path | None = None) -> list[dict]:
    """Mention rows (``doc, start, end, text, actor_id, match = "title"``) for the offices written alone that
    stand for a person named before them (see the module docstring). ``mentions`` are the document's mentions so
    far; ``holders`` maps each back-reference ``holder`` to the actor ids whose titles hold it."""
    titles = read_titles(knowledge_dir)
    refs = titles[titles["kind"] == "back_reference"]
    if refs.empty:
        return []
    named = mentions[mentions["resolved"].astype(bool) & (mentions["type"] == "person")].sort_values("start")
    taken = list(zip(mentions["start"], mentions["end"]))
    out = []
    for phrase, holder in sorted(zip(refs["phrase"], refs["holder"]), key=lambda p: -len(p[0])):
        pattern = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])(?![ \u00a0]+(?:of\b|[A-Z]))")
        for a, b in sentences:
            for m in pattern.finditer(text, a, b):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                fits = named[named["actor_id"].isin(holders.get(holder, set())) | _holds(named["text"], holder)]
                before = fits[fits["end"] <= m.start()]
                if before.empty:  # a headline or lead before the name: "Head of State addresses the nation"
                    after = fits[fits["start"] >= m.end()]
                    if after.empty:
                        continue
                    actor = after["actor_id"].iloc[0]
                else:
                    counts = before.groupby("actor_id")["start"].agg(["size", "max"])
                    actor = counts.sort_values(["size", "max"], ascending=False).index[0]
                out.append({"doc": doc, "start": m.start(), "end": m.end(), "text": m.group(0),
                            "actor_id": actor, "match": "title"})
                taken.append(m.span())
    return out


def _holds(texts: pd.Series, holder: str) -> pd.Series:
    """Whether each person's mention, as the text writes it, holds the office ``holder`` as words and not as a
    former office ("Chinese Ambassador to Kazakhstan Zhang Xiao" holds "ambassador"; "former Ambassador X" does not):
    the text's own title counts where the gazetteer gives the person none."""
    word = re.compile(rf"(?<![\w-]){re.escape(holder)}(?![\w-])", re.IGNORECASE)
    return texts.map(lambda t: bool(word.search(t)) and not re.search(r"(?i)\b(?:former|ex-)", t)).astype(bool)


def short_forms(text: str, doc: str, sentences: list[tuple[int, int]], bodies: list[dict],
                knowledge_dir: str | Path | None = None) -> list[dict]:
    """Mention rows for the short forms of bodies named before them (see the module docstring). ``bodies`` are the
    document's mentions of organisations so far, each a dict with ``start, end, text, actor_id`` (empty when
    unresolved), ``canonical`` and ``type``; a short form takes the fields of the latest body whose text or
    canonical name holds its ``holder``, with its own ``start, end, text`` and ``match`` ``title`` (resolved) or
    ``unresolved``.

    >>> s = "The Ministry of Information warned editors. The ministry later shared a list."
    >>> body = {"start": 4, "end": 26, "text": "Ministry of Information", "actor_id": "x", "canonical": "X", "type": "government_body"}
    >>> [r["text"] for r in short_forms(s, "d", [(0, len(s))], [body])]
    ['The ministry']
    """
    titles = read_titles(knowledge_dir)
    forms = titles[titles["kind"] == "short_form"]
    taken = [(b["start"], b["end"]) for b in bodies]
    out = []
    for phrase, holder in zip(forms["phrase"], forms["holder"]):
        head = re.escape(phrase)
        pattern = re.compile(rf"(?<![\w-])[Tt]he[ \u00a0]+(?:{head}|{head.capitalize()})(?![\w-])"
                             rf"(?![ \u00a0]+(?:of|for)\b)(?![ \u00a0]+[A-Z])")
        word = re.compile(rf"(?<![\w-]){re.escape(holder)}(?![\w-])", re.IGNORECASE)
        for a, b in sentences:
            for m in pattern.finditer(text, a, b):
                if any(s < m.end() and m.start() < e for s, e in taken) or _PLACE_BEFORE.search(text, a, m.start()):
                    continue
                before = [x for x in bodies if x["end"] <= m.start()
                          and (word.search(x["text"]) or word.search(str(x["canonical"])))]
                if not before:
                    continue
                body = max(before, key=lambda x: x["start"])
                out.append({**body, "doc": doc, "start": m.start(), "end": m.end(), "text": m.group(0),
                            "match": "title" if body["actor_id"] else "unresolved"})
                taken.append(m.span())
    return out


def appositive_titles(text: str, people: list[tuple[int, int]], knowledge_dir: str | Path | None = None
                      ) -> list[tuple[int, int, int]]:
    """``(start, end, person)`` of every title set off by commas right after a person's mention (``people`` are
    ``(start, end)``; ``person`` is the index of the one it describes): "Mikhail Pogrebinsky, Director of the Kiev
    Center for Political Research and Conflict Study, said" (seed 001), "Hugh Williamson, its Europe and Central
    Asia director, called". The title may open with a determiner or a possessive, take capitalised qualifiers
    before it and an "of"/"at"/"for" complement of capitalised words after it, and must close the apposition (a
    comma, full stop or semicolon follows); it is a mention of the same person, as the seed labels count it.

    >>> s = "Hugh Williamson, its Europe and Central Asia director, called for an inquiry."
    >>> [s[a:b] for a, b, _ in appositive_titles(s, [(0, 15)])]
    ['its Europe and Central Asia director']
    """
    body = _title_alternation(knowledge_dir)
    if not body:
        return []
    pattern = re.compile(_appositive(body))
    out = []
    for i, (start, end) in enumerate(people):
        comma = re.match(r",[ \u00a0]+", text[end:end + 3])
        if comma is None:
            continue
        m = pattern.match(text, end + comma.end())
        if m and "\n" not in m.group(0):
            out.append((m.start(), m.end(), i))
    return out


def holder_ids(actors: pd.DataFrame, knowledge_dir: str | Path | None = None) -> dict[str, set[str]]:
    """For each back-reference ``holder`` ("president"), the ids of the persons one of whose ``titles`` holds it as
    words and is not a former office ("former President of Kyrgyzstan", "First President of Kazakhstan": the
    founding president, whom state media name beside the sitting one).

    >>> import helpers.extract.actors as a
    >>> {"tokayev", "putin"} <= holder_ids(a.read_actors())["president"], "bakiyev" in holder_ids(a.read_actors())["president"]
    (True, False)
    >>> "nazarbayev" in holder_ids(a.read_actors())["president"]
    False
    """
    titles = read_titles(knowledge_dir)
    people = actors[actors["type"] == "person"]
    out = {}
    for holder in set(titles.loc[titles["kind"] == "back_reference", "holder"]):
        word = re.compile(rf"(?<![\w-]){re.escape(holder)}(?![\w-])", re.IGNORECASE)
        first = re.compile(rf"(?<![\w-])first {re.escape(holder)}(?![\w-])", re.IGNORECASE)
        out[holder] = {p.actor_id for p in people.itertuples(index=False)
                       if any(word.search(t) and "former" not in t.casefold() and not first.search(t)
                              for t in p.titles.split(";"))}
    return out


def _by_doc(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The rows of ``frame`` per document, in their order and with their index (as ``frame[frame["doc"] == doc]``)."""
    return dict(iter(frame.groupby("doc", sort=False))) if len(frame) else {}


def _bodies(mentions: pd.DataFrame, entities: pd.DataFrame, kinds: dict, canonical: dict) -> list[dict]:
    """The organisations a short form may refer to: the document's non-person mentions, and its gazetteer entities
    of organisations (also those inside a person's title, "former National Security Committee chief ...")."""
    keys = ["start", "end", "text", "actor_id", "canonical", "type"]
    rows = mentions.loc[mentions["type"] != "person", keys].to_dict("records")
    ids = entities["entity_id"].fillna("").astype(str)
    for e in entities[ids.str.startswith("actor:")].itertuples(index=False):
        actor = str(e.entity_id).split(":", 1)[1]
        if actor in kinds and kinds[actor] != "person":
            rows.append({"start": int(e.start), "end": int(e.end), "text": e.text, "actor_id": actor,
                         "canonical": canonical[actor], "type": kinds[actor]})
    return rows


def title_mentions(frame: pd.DataFrame, tables, actors: pd.DataFrame, modifiers: set[str],
                   knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """The actor mentions ``frame`` (columns of :data:`helpers.extract.actors.MENTION_COLUMNS`) with the titled
    names, back references and titles of this module applied, for the analysed sentences of ``tables``."""
    info = actors.set_index("actor_id")
    kinds, canonical = info["type"].to_dict(), info["canonical"].to_dict()  # for _bodies: no .at per entity
    entities = tables.entities
    sentences = tables.sentences[~tables.sentences["in_boilerplate"].astype(bool)]
    holders, levels = holder_ids(actors, knowledge_dir), level_phrases(actors)
    added, inside = [], []
    by_doc = _by_doc(frame)  # each document's rows, split once (not a filter of the joined tables per document)
    places = _by_doc(entities[entities["entity_id"].fillna("").astype(str).str.startswith("place:")])
    doc_entities = _by_doc(entities)
    for doc, part in sentences.groupby("doc", sort=False):
        text, spans = tables.texts[doc], list(zip(part["start"], part["end"]))
        mine = by_doc.get(doc, frame.iloc[:0])
        for s, e in titled_names(text, spans, list(zip(mine["start"], mine["end"])), knowledge_dir):
            added.append({"doc": doc, "start": s, "end": e, "text": text[s:e], "actor_id": "", "canonical": text[s:e],
                          "type": "person", "affiliation": "unknown", "resolved": False, "match": "unresolved"})
        for r in back_references(text, doc, spans, mine, holders, knowledge_dir):
            a = info.loc[r["actor_id"]]
            added.append({**r, "canonical": a["canonical"], "type": a["type"], "affiliation": a["affiliation"],
                          "resolved": True})
        people = mine[mine["type"] == "person"].sort_values("start")
        for a, b, k in appositive_titles(text, list(zip(people["start"], people["end"])), knowledge_dir):
            person = people.iloc[k]
            inside.append((doc, a, b))
            added.append({**person.to_dict(), "start": a, "end": b, "text": text[a:b],
                          "match": "title" if person["resolved"] else "unresolved"})
        here = places.get(doc, entities.iloc[:0])
        for r in level_mentions(text, doc, spans, list(zip(here["start"], here["end"], here["text"])),
                                list(zip(mine["start"], mine["end"])), levels):
            a = info.loc[r["actor_id"]]
            added.append({**r, "canonical": a["canonical"], "type": a["type"], "affiliation": a["affiliation"],
                          "resolved": True})
        for r in short_forms(text, doc, spans, _bodies(mine, doc_entities.get(doc, entities.iloc[:0]), kinds, canonical), knowledge_dir):
            a = info.loc[r["actor_id"]] if r["actor_id"] else None
            added.append({**r, "resolved": a is not None,
                          "affiliation": a["affiliation"] if a is not None else "unknown"})
    for doc, a, b in inside:  # a body named inside an appositive title is part of it ("the Kiev Center ...")
        frame = frame[~((frame["doc"] == doc) & (frame["start"] >= a) & (frame["end"] <= b))]
    if added:
        frame = pd.concat([frame, pd.DataFrame(added).reindex(columns=frame.columns)], ignore_index=True)
    qualifiers = entities[~entities["entity_id"].fillna("").astype(str).str.startswith("actor:")]
    spans = {doc: list(zip(p["start"], p["end"])) for doc, p in qualifiers.groupby("doc")}
    return attach_titles(frame, tables.texts, spans, modifiers, knowledge_dir)
