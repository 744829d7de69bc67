"""Pieces of text around a cue that no shape owns alone: a speaker set off by commas before its cue, the words
after a cue that name the speaker, where a coordinated clause starts, where a quotation without its opening mark
starts, and whether a cue names whom it is said to."""

from __future__ import annotations

import re

from helpers.extract.quotes.marks import after_last_comma, inside_quotation, strip_phrase

COORDINATORS = ("and", "while", "before", "which", "who", "whereas")  # "... and added that", ", which has denounced"


def names_an_addressee(cue: str) -> bool:
    """Whether the words after the cue may be whom it is said to (", he told Reuters.")."""
    return cue.lower().split()[0] in {"told", "tells", "tell"}


def apposition(text: str, begin: int, comma: int, quotes) -> tuple[tuple[int, int], int]:
    """The speaker set off by commas right before its cue ("..., the official representative of the Russian
    Foreign Ministry, Maria Zakharova, said"): the last two comma-separated pieces before the cue (at most
    twelve words), and where the content ends; an empty span when there is none."""
    start, end = comma - 1, comma - 1
    for _ in range(2):
        previous = after_last_comma(text, begin, start, quotes)
        if previous <= begin or len(text[previous:end].split()) > 12:
            break
        start = previous - 1
    if start >= comma - 1:
        return (comma, comma), comma
    return strip_phrase(text, start + 1, comma - 1), start + 1


def zone_start(text: str, sa: int, cs: int) -> int:
    """Where the words of a coordinated cue begin in its sentence ("..., and added": at the comma)."""
    m = re.search(r"(?:,\s*)?(?:\b(?:" + "|".join(COORDINATORS) + r")\b[\s\w]*)?$", text[sa:cs])
    return sa + m.start() if m else cs


def orphan_start(paragraph_start: int, qb: int, earlier: list) -> int:
    """Start of a quotation whose opening mark is missing: after the last cue before it, else the paragraph."""
    before = [s for s in earlier if s.content_start < qb]
    if before:
        return before[-1].content_start
    return paragraph_start


def speaker_after(text: str, ce: int, sb: int) -> tuple[int, int]:
    """The words right after a cue up to the next punctuation: the speaker of "..., says Lukashenko"."""
    m = re.match(r"[\s\u00a0]*([^,.;:!?“”\"\n]*)", text[ce:sb])
    a = ce + m.start(1)
    b = a + len(m.group(1).rstrip())
    return a, b


# where what a speaker says gives way to the outlet's own remark that it is not shown: ", but his office has not
# presented any proof", ", but has offered no evidence", ", but officials have yet to publish ..." (a "but" clause
# that says something else the speaker said stays the speaker's: ", but the militants were trained abroad")
BUT_CLAUSE = re.compile(
    r",\s+but\s+(?:[\w’'-]+\s+){0,4}?"
    r"(?:has|have|had|did|does|do)\s+(?:(?:not|never|yet\s+to|so\s+far)\s+)?(?:(?:not|never)\s+)?"
    r"(?:presented|offered|provided|produced|published|given|shown|released|present|offer|provide|produce|publish|"
    r"give|show|release)\b")

# ", and none has been published", ", and none of the speakers offered evidence", ", and no proof was given": an
# absence the outlet notes, joined to what is said by "and"
NONE_CLAUSE = re.compile(
    r",\s+(?:and|but)\s+(?:none|nobody|no\s+one|no\s+[a-z]+|neither)\b(?:\s+[\w’'-]+){0,4}?\s+"
    r"(?:has|have|had|was|were|is|are|did|offered|provided|presented|produced|published|shown|given|showed)\b")


def outlet_remark(text: str, start: int, end: int, nouns: list[str], quotes=()) -> int:
    """Where the content ``text[start:end]`` of a speaker-first statement ends before the outlet's remark on it
    (:data:`BUT_CLAUSE`, :data:`NONE_CLAUSE`, or an appositive claim noun of the cue table: "- a claim for
    which no evidence ..."),
    else ``end``."""
    stops = [m.start() for pattern in (BUT_CLAUSE, NONE_CLAUSE) for m in pattern.finditer(text, start, end)]
    if nouns:
        noun = re.compile(r"(?:\s[-–—]\s|,\s+)(?:a|an|the)\s+(?:" + "|".join(map(re.escape, nouns)) + r")\b",
                          re.IGNORECASE)
        stops += [m.start() for m in noun.finditer(text, start, end)]
    return min((i for i in stops if not inside_quotation(i, quotes)), default=end)
