"""A pronoun's speaker (he, she, they, ...): a person named earlier in its sentence, the person the text has just
turned to, the nearest speaker of its kind, else the nearest person or body named before it (the order is in
:mod:`helpers.extract.quotes`). A full name the gazetteer lacks counts as a person named ("Dosym Satpayev"),
kept as written with no id."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from helpers.extract.quotes.speakers import Spans

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
OTHER_PRONOUNS = {"they", "them", "it", "their"}


def from_pronoun(st, pronoun, mentions, lex, before, position, text: str | None = None) -> None:
    """A pronoun's actor: a person named earlier in the same sentence (the first, most often its subject:
    "Vikram Ruzakhunov was released after Kyrgyzstan protested; he later said ..."), else the nearest preceding
    speaker of its kind (a person for he/she), else the nearest person or organisation named before it."""
    person = pronoun in PERSON_PRONOUNS
    sentence_start = st.extra.get("sentence_start", position)
    same = [r for r in mentions.ending_by(position) if r.start >= sentence_start and r.type == "person" and named(r)
            and not (r.start < st.content_end and st.content_start < r.end)]  # not a name in what is said
    if person and same:
        _take(st, same[0])
        return
    recent = _recent_subject(st, mentions, before, sentence_start, text) if person else None
    if recent is not None:  # "The Kyrgyz pianist Vikram Ruzakhunov was released. Back in Bishkek, he said ..."
        _take(st, recent)
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


def named(r) -> bool:
    """A person mention a pronoun may stand for: one of the gazetteer, or a full name the model found that the
    gazetteer lacks ("Dosym Satpayev": two capitalised words or more), kept as written."""
    return bool(r.resolved) or len(re.findall(r"\b[A-Z][\w’'-]+", str(r.text))) >= 2


def as_written(r) -> str:
    """The name of a person mention the gazetteer lacks: its last run of capitalised words ("Dosym Satpayev" of
    "Monday the Almaty analyst Dosym Satpayev"), else its words."""
    runs = re.findall(r"[A-Z][\w’'-]+(?:[ \u00a0]+[A-Z][\w’'-]+)+", str(r.text))
    return runs[-1] if runs else str(r.text)


def _take(st, r) -> None:
    """A pronoun's speaker from a person mention (its id, or none for a name the gazetteer lacks)."""
    if r.resolved:
        st.speaker, st.speaker_id, st.speaker_type, st.how = r.canonical, r.actor_id, r.type, "pronoun"
    else:
        st.speaker, st.speaker_id, st.speaker_type, st.how = as_written(r), "", "person", "unresolved"


def _recent_subject(st, mentions: Spans, before, sentence_start: int, text: str | None = None):
    """The first person named in the last sentence before ``sentence_start`` that names one, when that sentence
    comes after every statement of a person before it and the name is not inside what someone says (a he/she
    there means the person the text has just turned to), else None."""
    said = [(s.content_start, s.content_end) for s in before]
    last = max([max(s.cue_end, s.content_end, s.speaker_end) for s in before
                if s.speaker_type == "person" and s.cue_start < sentence_start] + [0])
    persons = [r for r in mentions.ending_by(sentence_start) if r.type == "person" and named(r)
               and r.start >= last and not any(a <= r.start < b for a, b in said)]
    if not persons:
        return None
    if text is None:
        return persons[-1]
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, persons[-1].start)]
    line = ends[-1] if ends else 0
    return next(r for r in persons if r.start >= line)
