"""Who gives a casualty figure: the subject of an attribution cue in the clause ("the interior ministry
said"), the speaker named after a quotation the figure sits in, the speaker of the statement whose content
holds the figure, or the last speaker named before it. The cues are those of the statements
(``speech_cues.csv``, :mod:`helpers.extract.quotes.cues`), so a claim's speaker and a figure's claimant are
read from one cue list (issue 13, item 3)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass


def _cue_verbs(knowledge_dir=None) -> str:
    """The verb cues of ``speech_cues.csv`` (the statements' cue table, :mod:`helpers.extract.quotes.cues`) as
    one alternation, longest first; words between a cue's words may vary in spacing."""
    from helpers.extract.quotes.cues import speech_cues

    cues = speech_cues(knowledge_dir)
    verbs = sorted(cues.loc[cues["kind"] == "verb", "cue"], key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, v.split())) for v in verbs)


CUE_VERBS = _cue_verbs()
CUE_RE = re.compile(rf"\b(?:(?P<according>according to)|(?P<verb>{CUE_VERBS}))\b", re.IGNORECASE)
SUBJECT_BOUNDARY = re.compile(r"[,;:“”\"()\[\]—–]|\bthat\b", re.IGNORECASE)
LEADING_WORDS = re.compile(
    r"^(?:(?:and|but|while|meanwhile|thus|also|however|so|then|as|when|before|after|without|by)\b[\s,]*)+",
    re.IGNORECASE
)
TRAILING_WORDS = re.compile(
    r"(?:\s+(?:has|have|had|also|reportedly|was|were|is|are|would|will|did|does|further|then|later|earlier|again|"
    r"officially))+$",
    re.IGNORECASE,
)
# a closing quotation mark followed by its speaker: '...in Serbia,” Vucic said.'
QUOTE_CLOSED_BY_SPEAKER = re.compile(rf"[”\"]\s*,?\s*(?P<s>[^.,;:“”\"]{{1,60}}?)\s+(?:{CUE_VERBS})\b", re.IGNORECASE)
CITING = re.compile(r",\s*(?:citing|quoting|with reference to|referring to)\s+", re.IGNORECASE)
PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them", "this", "that"}


@dataclass
class Cue:
    start: int
    subject: str | None  # None: not usable; "": coordinated verb ("... and added that"), same speaker


def _subject(text: str, a: int, m: re.Match, claims: list[tuple[int, int]]) -> str | None:
    """Who a cue names as giving the figure: the words before the verb back to the clause start
    ("The interior ministry of the country has said that" -> "The interior ministry of the country"),
    or after "according to"; "" for a coordinated verb ("... and added that"); None when the words are
    not a speaker (they overlap a claim, as in "eight deaths were confirmed")."""
    if m.group("according"):
        after = text[m.end():]
        stop = re.search(r"[,.;:“”\"()]", after)
        s = m.end() + len(after) - len(after.lstrip())
        e = m.end() + (stop.start() if stop else len(after))
        relay = CITING.match(text, e)  # "according to TASS, citing the interior ministry": the ministry gives it
        if relay:
            rest = text[relay.end():]
            stop = re.search(r"[,.;:“”\"()]", rest)
            s, e = relay.end(), relay.end() + (stop.start() if stop else len(rest))
    else:
        before = text[a:m.start()]
        bounds = list(SUBJECT_BOUNDARY.finditer(before))
        s = a + (bounds[-1].end() if bounds else 0)
        e = m.start()
    phrase = text[s:e]
    if phrase.strip().lower() == "as":  # "As reported, ...": the outlet's phrase, no speaker
        return None
    lead = LEADING_WORDS.match(phrase.strip())
    stripped = phrase.strip()
    s += len(phrase) - len(phrase.lstrip()) + (lead.end() if lead else 0)
    stripped = stripped[lead.end():] if lead else stripped
    stripped = TRAILING_WORDS.sub("", stripped).strip(" ,")
    e = s + len(stripped)
    if not stripped:
        return ""
    if any(cs < e and s < ce for cs, ce in claims) or len(stripped.split()) > 15 or not re.search(r"[A-Za-z]", stripped):
        return None
    return stripped


def clause_cues(text: str, a: int, b: int, claims: list[tuple[int, int]]) -> list[Cue]:
    cues = []
    for m in CUE_RE.finditer(text, a, b):
        subject = _subject(text, a, m, claims)
        if subject is not None:
            cues.append(Cue(m.start(), subject))
    return cues


def named_speaker(cues: list[Cue]) -> str | None:
    """The first speaker named (not a pronoun, not coordinated) among a clause's cues."""
    for cue in cues:
        if cue.subject and cue.subject.lower() not in PRONOUNS:
            return cue.subject
    return None


def _quoted_speaker(text: str, claim_end: int) -> str | None:
    """Speaker of a quotation that the claim sits in, named after it in the same paragraph.

    "... where will be hundreds or thousands of deaths, ... in Serbia,” Vucic said." -> "Vucic"
    """
    line_end = text.find("\n", claim_end)
    line_end = len(text) if line_end < 0 else line_end
    first = re.compile(r"[“”\"]").search(text, claim_end, line_end)
    if not first or first.group(0) == "“":
        return None
    m = QUOTE_CLOSED_BY_SPEAKER.match(text, first.start(), line_end)
    return m.group("s").strip() if m else None


def claimant(text: str, claim, cues: list[Cue], earlier: list[str | None]) -> str:
    before = [c for c in cues if c.start < claim.start]
    after = [c for c in cues if c.start >= claim.start]
    if before or after:
        index = cues.index(before[-1] if before else after[0])
        subject = cues[index].subject
        if subject == "":  # "... and added that ...": the speaker of the verb before it
            subject = next((c.subject for c in reversed(cues[:index]) if c.subject), "")
    else:
        subject = _quoted_speaker(text, claim.end)
        if subject is None:
            subject = statement_speaker(text, claim.start, claim.end)
        if subject is None:
            subject = carried_speaker(text, claim.start)
        if subject is None:
            return ""
    if subject and subject.lower() not in PRONOUNS:
        return subject
    for named in reversed(earlier[-5:]):
        if named:
            return named
    return subject or ""


@functools.lru_cache(maxsize=8)
def _statements(text: str) -> tuple:
    """The statements of a document (:func:`helpers.extract.quotes.find.find_statements`, the same cue table and
    shapes as the statements table), with the words that name each speaker."""
    from helpers.extract.quotes.cues import cue_lexicon
    from helpers.extract.quotes.find import find_statements

    found = find_statements("", text, [], cue_lexicon())
    return tuple((st.content_start, st.content_end, st.speaker_start, st.speaker_end) for st in found
                 if not st.inherit and 0 <= st.speaker_start < st.speaker_end and not st.extra.get("needs_name"))


def statement_speaker(text: str, start: int, end: int) -> str | None:
    """The words naming the speaker of the statement whose content holds ``text[start:end]``, when no cue of the
    figure's own clause names one ("The ministry said that, by its count, 225 people had died"), else None. A
    "NAME: ..." line is left out: without the actor mentions its NAME may be a dateline's place ("Aktobe: ...").

    >>> line = "The health ministry said on Monday that 164 people had died, including two children."
    >>> statement_speaker(line, line.index("including"), len(line) - 1)
    'The health ministry'
    """
    from helpers.extract.quotes.marks import after_last_comma, strip_phrase

    holding = [s for s in _statements(text) if s[0] <= start and end <= s[1]]
    if not holding:
        return None
    _, _, a, b = min(holding, key=lambda s: s[1] - s[0])
    a, b = strip_phrase(text, after_last_comma(text, a, b, []), b)
    words = text[a:b]
    if not words or len(words.split()) > 15 or not re.search(r"[A-Za-z]", words):
        return None
    return words


SENTENCE_END = re.compile(r"[.!?][”\"]?\s+")


def carried_speaker(text: str, start: int) -> str | None:
    """The words naming the speaker whose report a figure carries on, when neither its clause nor a statement
    holding it names one: the speaker of a statement earlier in the figure's sentence ("Shalabayev said 4,353
    were hurt, 3,393 of them ..."), else of the statement that ends the sentence right before it in the same
    paragraph ("The ministry said 7,939 had been detained. Of those, 207 were held ..."), else None.

    >>> line = "The health ministry said 4,353 people had asked for help. Of those, 897 were admitted to hospital."
    >>> carried_speaker(line, line.index("897"))
    'The health ministry'
    """
    from helpers.extract.quotes.marks import after_last_comma, strip_phrase

    line_start = text.rfind("\n", 0, start) + 1
    ends = [m.end() for m in SENTENCE_END.finditer(text, line_start, start)]
    sentence = ends[-1] if ends else line_start
    previous = ends[-2] if len(ends) > 1 else line_start
    found = _statements(text)
    same = [s for s in found if sentence <= s[2] and s[3] <= start]
    before = [s for s in found if previous <= s[2] < sentence and s[1] <= sentence and s[1] > previous]
    # the first statement of the sentence: a cue inside what it says ("said 4,353 people had asked for help") is not
    chosen = min(same, key=lambda s: s[2]) if same else (min(before, key=lambda s: s[2]) if sentence > line_start
                                                         and before else None)
    if chosen is None:
        return None
    a, b = strip_phrase(text, after_last_comma(text, chosen[2], chosen[3], []), chosen[3])
    words = text[a:b]
    if not words or len(words.split()) > 15 or not re.search(r"[A-Za-z]", words):
        return None
    return words
