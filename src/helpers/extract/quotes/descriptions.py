"""Resolving a speaker named by a description ("the president", "the deputy chairman of the Security Council",
"Iran's foreign ministry spokesman", "Kyrgyz officials"): the actors whose name or title has the description's
head word, narrowed by the words and the country it names, chosen by context (the order of the rules is in
:mod:`helpers.extract.quotes`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from helpers.extract.quotes.find import Statement
from helpers.extract.quotes.marks import after_last_comma, strip_phrase
from helpers.extract.quotes.pronouns import as_written, named

if TYPE_CHECKING:  # annotations only
    from helpers.extract.quotes.speakers import Lexicon, Spans

DETERMINERS = {"the", "a", "an", "this", "these", "those"}
TEMPORAL = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
            "yesterday", "today", "tonight", "late", "early", "earlier", "later", "also", "on", "in", "at", "then",
            "now", "again", "morning", "evening", "night", "afternoon", "has", "have", "had"}


def head_of(name: str) -> tuple[str, str]:
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


ROLE_OF = re.compile(r"(?:the|a|an)\s+((?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)\s+(?:of|for|at)\s+(?=\S)")


def role_in_body(st, text: str, pa: int, pb: int, mentions: Spans, places: Spans, lex: Lexicon, before) -> bool:
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
    from_description(trial, text, text[pa:pb], lex, before, pa, mentions, countries_in(text, pa, pb, lex))
    named_before = {r.actor_id for r in mentions.ending_by(pa)} | {s.speaker_id for s in before}
    if trial.speaker_type != "person" or trial.speaker_id not in named_before:
        return False
    st.speaker, st.speaker_id, st.speaker_type, st.how = trial.speaker, trial.speaker_id, "person", "description"
    st.speaker_text = text[pa:pb]
    return True


def countries_in(text: str, a: int, b: int, lex: Lexicon) -> set[str]:
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


def _set(st: Statement, actor_id: str, lex: Lexicon, how: str) -> None:
    st.speaker_id, st.speaker = actor_id, lex.actors.at[actor_id, "canonical"]
    st.speaker_type, st.how = lex.actors.at[actor_id, "type"], how


def _qualifiers(phrase: str, heads: set[str]) -> set[str]:
    """The capitalised words that qualify a description ("Russian" in "Russian officials", "Kazakhstan" in
    "Kazakhstan's interior minister"), casefolded, without its head words and determiners."""
    words = [w.removesuffix("’s").removesuffix("'s") for w in re.findall(r"[\w’'-]+", phrase)]
    return {w.casefold() for w in words if w[:1].isupper() and w.casefold() not in heads | DETERMINERS}


def _fits_words(actor_id: str, qualifiers: set[str], lex: Lexicon) -> bool:
    """Whether each qualifier of a description is a word of one of the actor's names or of its affiliation:
    "Russian officials" are not the body named "Kyrgyz officials"."""
    words = set().union(*lex.words.get(actor_id, [set()])) | set(
        re.findall(r"[\w-]+", str(lex.actors.at[actor_id, "affiliation"]).casefold()))
    return all(q in words for q in qualifiers)


def from_description(st, text, phrase, lex, before, position, mentions=None, countries=frozenset()) -> None:
    head, complement = head_of(phrase)
    phrase_words = {w.lower() for w in re.findall(r"[\w-]+", phrase)} - DETERMINERS
    if head and phrase.split()[0].lower() == "the" and _previous_speaker(st, text, head, before, position):
        return
    home = st.extra.get("home")
    if home and phrase_words == {head} and head in lex.official_heads and not countries:
        # a bare "Officials" / "the authorities": the government that spoke last in the paragraph ("Kyrgyz
        # officials said ... Officials added"), else that of the country the text is about
        governments = set((lex.homes or {}).values())
        last = next((s.speaker_id for s in reversed(before) if s.paragraph == st.paragraph and s.speaker_id), None)
        _set(st, last if last in governments else home, lex, "description")
        return
    for word in (head, complement):
        candidates = lex.heads.get(word, set()) if word else set()
        candidates = {c for c in candidates if _fits_country(c, countries, lex)} if countries else candidates
        qualifiers = _qualifiers(phrase, {head, complement})
        candidates = {c for c in candidates if _fits_words(c, qualifiers, lex)} if qualifiers else candidates
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
    singular = not head.endswith("s")
    government = _government_of(phrase, lex)
    if government and singular and mentions is not None:  # "Russia's top diplomat": the last person of that country
        person = last_person(position, mentions, countries, lex, before)
        if person is not None:
            st.speaker, st.speaker_id, st.speaker_type, st.how = person.canonical, person.actor_id, "person", "description"
            return
    if government:  # "Kyrgyz officials said": the government the nationality names ("Kyrgyz government")
        _set(st, government, lex, "description")
        return
    if phrase.split()[0].lower() == "the" and singular:
        last = last_person(position, mentions, countries, lex, before, True) if mentions is not None else None
        spoke = next((s for s in reversed(before) if s.speaker_id and 0 <= s.speaker_start < position), None)
        if last is not None and (spoke is None or spoke.speaker_start < last.start):
            # "Putin, who ..., went further. ..., the 69-year-old said": the person named since the last speaker
            # (also a full name the gazetteer lacks, kept as written)
            st.speaker, st.speaker_id = (last.canonical, last.actor_id) if last.resolved else (as_written(last), "")
            st.speaker_type, st.how = "person", "description" if last.resolved else "unresolved"
            return
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


def last_person(position: int, mentions: Spans, countries, lex: Lexicon, before=(), unknown: bool = False):
    """The last resolved person mention ending by ``position`` whose country fits ``countries`` (any when
    empty) and who is not only spoken of inside what an earlier statement says ("my friend Bakiyev"), or None.
    With ``unknown`` (and no country), a full name the gazetteer lacks counts too (:func:`pronouns.named`)."""
    said = [(s.content_start, s.content_end) for s in before]
    ok = named if unknown and not countries else (lambda r: bool(r.resolved))
    persons = [r for r in mentions.ending_by(position) if r.type == "person" and ok(r)
               and (not countries or _fits_country(r.actor_id, countries, lex))
               and not any(a <= r.start < b for a, b in said)]
    return persons[-1] if persons else None


def _government_of(phrase: str, lex: Lexicon) -> str | None:
    """The government body whose name or alias is a word of ``phrase`` followed by "government" or "authorities"
    ("Kyrgyz officials" -> the body named "Kyrgyz government"), or None."""
    words = [w for w in re.findall(r"[\w-]+", phrase) if w[:1].isupper() and w.lower() not in DETERMINERS]
    if not words:
        return None
    bodies = lex.names[lex.names["actor_id"].map(lex.actors["type"]).eq("government_body").to_numpy()]
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


def office_of(st, person_id: str, rest: str, lex: Lexicon) -> bool:
    """"his office", "her press service" after a person: the body the gazetteer names by one of the person's
    titles and those words ("president's office" for the president of Kazakhstan), of the person's affiliation."""
    names = lex.names
    titles = names.loc[(names["actor_id"] == person_id).to_numpy() & (names["kind"] == "title").to_numpy(), "name"]
    heads = {head_of(t)[0] for t in titles} - {""}
    wanted = {f"{h}{mark}s {rest}".casefold() for h in heads for mark in ("'", "’")}
    hits = names[names["name"].str.casefold().isin(wanted).to_numpy()]
    affiliation = lex.actors.at[person_id, "affiliation"]
    bodies = sorted({a for a in hits["actor_id"] if lex.actors.at[a, "affiliation"] == affiliation})
    if len(bodies) != 1:
        return False
    _set(st, bodies[0], lex, "description")
    return True
