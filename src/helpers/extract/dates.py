"""Date mentions: every expression of a date in the article text, resolved to a calendar day where the text allows.

Rule-based, no language model: regular-expression shapes over each paragraph of the original text,
kept only where they fall in a sentence of article text (boilerplate sentences are never read).
The vocabulary is data, in ``helpers/data/date_words.csv`` (overridable with ``lexicon_dir``): month
and weekday names, relative words with their offset, vague periods; ``number_words.csv`` gives the
count in "two days later". The code holds the grammar:

=========  ====================================================  ===========================================
kind       shape                                                 seed example -> date
=========  ====================================================  ===========================================
explicit   DAY MONTH [YEAR], MONTH DAY [, YEAR], DD.MM.YYYY,     "since 2 January" (000) -> 2022-01-02;
           YYYY-MM-DD, with a lead "on", "late on", "since",     "A report on January 6, 2022" (001);
           "until", "the evening of"                             "until January 19" (004) -> 2022-01-19
weekday    [on] [last|next] WEEKDAY [morning|night|...]          "on Wednesday night" (003) -> 2022-01-05
relative   a word of ``date_words.csv`` with an offset           "Yesterday" (004) -> 2022-01-05;
                                                                 "Two days later" (001) -> 2022-01-04
vague      a period with no edges                                "over the past few days" (002), "the start of
                                                                 the New Year" (001): not resolved
year       a year alone                                          "in 2011" (000), "a 2020 law" (004): not resolved
month      a month without a day ("in January", "January 2022")  not resolved
range      "5-6 January", "between 4 and 6 January"              not resolved; the basis names both ends
=========  ====================================================  ===========================================

How dates are resolved (the ``basis`` column says which rule applied to each row):

- A day and month with no year take the year of the document's publication date; if that puts the
  day more than half a year after publication, the year before (a December date in a January
  article). Without a publication date, they stay unresolved: the year is not guessed.
- A weekday resolves to the most recent such weekday **on or before** the publication date. A
  weekday that is the publication day itself resolves to the publication day: wire copy dated
  Thursday says "confirmed on Thursday" of its own day (seed 003). "last Wednesday" excludes the
  publication day; "next Monday" looks forward. A document whose publication date is unknown leaves
  every weekday unresolved.
- "yesterday", "today", "last night", "this morning" count from the publication date, except inside
  a quotation, where they are the speaker's day, which the text does not give (seed 002: Lebedev's
  "It is obvious today ..."): those stay unresolved.
- "two days later", "the next day" count from the last explicit date before them in the same
  paragraph ("on January 2 ... Two days later", seed 001); with none, they stay unresolved.
  "A few hours later" is never resolved (the day may or may not change).
- The counting is a ``timedelta`` of the offset in ``date_words.csv``, not ``dateparser`` with a base
  date: dateparser reads "yesterday", "last night", "tonight", "two days later" with the same result
  on the seeds, but it holds their meaning in its own language data, so a user's edited table
  ("yesterday" as ``publication-2``) would no longer count; it reads no date in "the next day", "the
  following day", "three days earlier" or "the day before"; and it dates a weekday that is the
  publication day itself a week earlier ("Thursday" with base Thursday 6 January 2022 gives 30
  December 2021), against seed 003's "confirmed on Thursday" of its own day.
- Durations are not mentions: "in a matter of days", "for several hours", "for years to come", "in
  decades", and a part of the day with no day ("during the night", "in the morning").

Every date is kept, also outside the period under study; ``in_period`` is True only for a resolved
date in 1-31 January 2022 (``PERIOD``): "the April 3 presidential election" (001) is 2022-04-03,
kept and flagged, and a year ("in 2011") is never an event date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.corpus.reader import published_dates
from helpers.extract.date_lexicon import DateLexicon, date_words, load_date_lexicon
from helpers.extract.date_resolution import Candidate, calendar_date, month_of, resolve, with_year
from helpers.extract.regex_gate import fast_compile, fold
from helpers.extract.regex_gate import gate as word_gate
from helpers.extract.text import SentenceIndex
from helpers.knowledge import cached_knowledge, require_columns

__all__ = ["KINDS", "MENTION_COLUMNS", "PERIOD", "DateLexicon", "StatedDates", "as_date", "date_mentions",
           "date_words", "find_date_mentions", "load_date_lexicon", "statement_dates"]

MENTION_COLUMNS = [
    "doc", "start", "end", "text", "kind", "date", "resolved", "in_period", "basis", "sentence_start", "sentence_end",
]
KINDS = ("explicit", "weekday", "relative", "vague", "year", "month", "range")
PERIOD = (dt.date(2022, 1, 1), dt.date(2022, 1, 31))

# ---- grammar (the vocabulary lives in helpers/data/date_words.csv) ----

LEAD = (r"(?:(?:late|early)\s+)?(?:(?:on|since|until|till|from|by)\s+)?"
        r"(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?")
ORDINAL = r"(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?![\d])"
YEAR_LEAD = r"(?:\b(?:in|since|until|till|by|from|before|after|during|early|late|mid-?)\s+|(?<=\b[Aa]\s)|(?<=\b[Tt]he\s))"
PARTS_OF_DAY = r"morning|afternoon|evening|night"



def _shapes(lex: DateLexicon) -> list[tuple[str, re.Pattern]]:
    return _compiled_shapes(lex.month_re, lex.weekday_re)


@functools.lru_cache(maxsize=16)
def _compiled_shapes(month_re: str, weekday_re: str) -> list[tuple[str, re.Pattern]]:
    """The date shapes, compiled once per process for the same month and weekday expressions."""
    m, w = rf"(?P<month>{month_re})(?![\w])", rf"(?P<weekday>{weekday_re})(?![\w])"
    day = rf"(?<![\d.])(?P<day>[0-3]?\d){ORDINAL}"
    dash = r"\s*(?:-|–|—|\bto\b|\band\b)\s*"
    shapes = [
        ("range", (rf"{LEAD}(?:between\s+)?(?<![\d.])(?P<d1>[0-3]?\d){ORDINAL}{dash}(?P<d2>[0-3]?\d){ORDINAL}\s+"
                  rf"(?:of\s+)?{m}(?:,?\s+{YEAR})?")),
        ("range", (rf"{LEAD}(?:between\s+)?{m}\s+(?P<d1>[0-3]?\d){ORDINAL}{dash}(?P<d2>[0-3]?\d){ORDINAL}(?![\d])"
                  rf"(?:,?\s+{YEAR})?")),
        ("explicit", rf"{LEAD}{day}\s+(?:of\s+)?{m}(?:,?\s+{YEAR})?"),
        ("explicit", rf"{LEAD}{m}\s+{day}(?![\d])(?:,?\s+{YEAR})?"),
        ("numeric", rf"{LEAD}(?<![\d.])(?P<day>[0-3]?\d)\.(?P<mon>[01]?\d)\.{YEAR}"),
        ("numeric", rf"{LEAD}(?<![\d-]){YEAR}-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\d])"),
        ("month", rf"(?:\b(?:in|since|until|till|by|during|throughout|early|late|mid-?)\s+)?{m}\s+{YEAR}"),
        ("month", rf"\b(?:in|since|until|till|by|during|throughout|early|late|mid-?)\s+(?:the\s+month\s+of\s+)?{m}"),
        ("weekday", (rf"(?:(?:late|early)\s+)?(?:(?:on|since|until|till|from|by)\s+)?"
                    rf"(?:(?P<mod>last|next|this\s+past|this\s+coming|this)\s+)?{w}(?:['’]s)?"
                    rf"(?:\s+(?P<part>{PARTS_OF_DAY}))?")),
        ("year", rf"{YEAR_LEAD}{YEAR}(?![.,]\d)(?!\s*%)"),
    ]
    # with_first_chars: the same matches, a position no match can begin at rejected at once (speed only)
    return [(kind, fast_compile(p, re.IGNORECASE)) for kind, p in shapes]


def _capitalised(match: re.Match) -> bool:
    """Month and weekday names count only when capitalised ("may" is a verb, "March" can be a noun)."""
    for name in ("month", "weekday"):
        if name in match.groupdict() and match.group(name) and not match.group(name)[0].isupper():
            return False
    return True


@functools.lru_cache(maxsize=16)
def _gates(month_re: str, weekday_re: str) -> dict[str, re.Pattern]:
    """Per kind of shape, what every match of it holds (a month name, a weekday name, a year): a paragraph
    without it cannot match the shape, so its scan is skipped (a speed-up only, the same mentions)."""
    month, weekday, year = (re.compile(p, re.IGNORECASE) for p in (month_re, weekday_re, r"(?:1[89]|20)\d\d"))
    return {"range": month, "explicit": month, "month": month, "numeric": year, "weekday": weekday, "year": year}


def _candidates(text: str, a: int, b: int, lex: DateLexicon, shapes) -> list[Candidate]:
    """Every shape and every word of the lexicon found in ``text[a:b]``; overlaps resolved (longest first)."""
    found: list[Candidate] = []
    gates, held = _gates(lex.month_re, lex.weekday_re), {}
    low = fold(text[a:b])  # a pattern whose words the paragraph lacks cannot match: not scanned (speed only)
    for kind, pattern in shapes:
        gate = gates.get(kind)
        if gate is not None and not held.setdefault(gate.pattern, gate.search(text, a, b) is not None):
            continue
        if not word_gate(pattern).may_match(low):
            continue
        for match in pattern.finditer(text, a, b):
            if _capitalised(match) and match.end() > match.start():
                found.append(Candidate(match.start(), match.end(), kind, match.groupdict()))
    for pattern, value in lex.relative:
        if not word_gate(pattern).may_match(low):
            continue
        for match in pattern.finditer(text, a, b):
            found.append(Candidate(match.start(), match.end(), "relative", match.groupdict(), value))
    for pattern in lex.vague:
        if not word_gate(pattern).may_match(low):
            continue
        for match in pattern.finditer(text, a, b):
            found.append(Candidate(match.start(), match.end(), "vague", match.groupdict()))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[Candidate] = []
    for cand in found:
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in MENTION_COLUMNS})
    return frame.astype({"start": "int64", "end": "int64", "resolved": bool, "in_period": bool,
                         "sentence_start": "int64", "sentence_end": "int64"})


def _paragraphs(text: str, starts: np.ndarray, ends: np.ndarray) -> list[tuple[int, int]]:
    """The lines of ``text`` that overlap an article sentence (a paragraph is a line: one per line in the seeds)."""
    out, position = [], 0
    while position < len(text):
        stop = text.find("\n", position)
        stop = len(text) if stop < 0 else stop
        if stop > position and ((starts < stop) & (ends > position)).any():
            out.append((position, stop))
        position = stop + 1
    return out


def find_date_mentions(texts: Mapping[str, str], sentences: pd.DataFrame, published: Mapping[str, object],
                       lexicon_dir: str | Path | None = None) -> pd.DataFrame:
    """Date mentions in the non-boilerplate sentences of ``texts``, resolved against ``published``.

    ``sentences`` has columns ``doc, start, end, in_boilerplate``; ``published`` maps a document to
    its publication date (a ``datetime.date``, a timestamp, or NaT/None when unknown). A mention
    is kept when it starts in an article sentence and touches no boilerplate sentence.

    >>> text = "Kazakh President Kasim Khomart Tokayev addressed the nation on Wednesday to reaffirm ..."
    >>> row = find_date_mentions({"003": text}, pd.DataFrame(
    ...     {"doc": ["003"], "start": [0], "end": [len(text)], "in_boilerplate": [False]}),
    ...     {"003": dt.date(2022, 1, 6)}).iloc[0]
    >>> row["text"], row["date"], row["basis"]
    ('on Wednesday', '2022-01-05', 'weekday before publication 2022-01-06')
    """
    require_columns(sentences, ("doc", "start", "end", "in_boilerplate"), "sentences")
    lex = load_date_lexicon(lexicon_dir)
    shapes = _shapes(lex)
    rows = []
    for doc, part in sentences.sort_values(["doc", "start"]).groupby("doc", sort=True):
        if doc not in texts:
            raise KeyError(f"sentences name document {doc!r}, which is not among the texts")
        text = texts[doc]
        pub = as_date(published.get(doc))
        article = part[~part["in_boilerplate"].astype(bool)]
        if article.empty:
            continue
        index = SentenceIndex(article["start"].to_numpy(), article["end"].to_numpy())
        starts, ends = index.starts, index.ends
        boiler = part[part["in_boilerplate"].astype(bool)][["start", "end"]].to_numpy()
        earlier: list[tuple[Candidate, dt.date | None]] = []
        for p_start, p_end in _paragraphs(text, starts, ends):
            for cand in _candidates(text, p_start, p_end, lex, shapes):
                first = index.holding(cand.start)
                if first < 0:
                    continue
                if len(boiler) and ((boiler[:, 0] < cand.end) & (boiler[:, 1] > cand.start)).any():
                    continue
                last = int(np.searchsorted(starts, cand.end, side="left")) - 1
                kind, date, basis = resolve(cand, text, p_start, earlier, pub, lex)
                earlier.append((cand, date))
                rows.append([
                    doc, cand.start, cand.end, text[cand.start:cand.end], kind,
                    f"{date:%Y-%m-%d}" if date else "", date is not None,
                    date is not None and PERIOD[0] <= date <= PERIOD[1], basis,
                    int(starts[first]), int(max(ends[first:last + 1].max(), ends[first])),
                ])
    if not rows:
        return _empty()
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS).astype(
        {"start": "int64", "end": "int64", "resolved": bool, "in_period": bool,
         "sentence_start": "int64", "sentence_end": "int64"})
    return frame.sort_values(["doc", "start"], kind="stable").reset_index(drop=True)


def as_date(value: object) -> dt.date | None:
    """A publication date (date, timestamp, NaT or None) as a ``datetime.date``, or None when unknown."""
    if value is None or value is pd.NaT:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        parsed = published_dates(pd.Series([value])).iloc[0]
        return None if pd.isna(parsed) else parsed.date()
    return pd.Timestamp(value).date()


def date_mentions(tables, lexicon_dir: str | Path | None = None) -> pd.DataFrame:
    """Every date mention in the corpus's article text, resolved against each document's publication date.

    Returns the columns of ``MENTION_COLUMNS`` (``text == tables.texts[doc][start:end]``; ``date``
    YYYY-MM-DD or "" when not resolved; ``basis`` the rule that gave the date or the reason there is none).

    >>> mentions = date_mentions(load_tables("../seeds"))                                   # doctest: +SKIP
    >>> mentions.loc[mentions["text"] == "On Friday", ["date", "basis"]].values.tolist()   # doctest: +SKIP
    [['2022-01-07', 'weekday before publication 2022-01-08']]
    """
    docs = tables.documents
    published = dict(zip(docs["doc"], published_dates(docs["published"])))
    return find_date_mentions(tables.texts, tables.sentences, published, lexicon_dir=lexicon_dir)



class StatedDates:
    """The calendar dates a sentence states (the ``explicit`` shapes: DAY MONTH [YEAR], MONTH DAY [, YEAR]),
    with the patterns of ``date_words.csv`` compiled once; a day and month without a year are dated as
    :func:`date_mentions` dates them, and left out when the publication date is unknown.

    >>> line = "Mass protests erupted in the cities of Zhanaozen and Aktau ... on January 2, where residents protested"
    >>> stated = StatedDates()                                                          # seed 001
    >>> [(line[s:e], d.isoformat()) for s, e, d in stated.find(line, 0, len(line), dt.date(2022, 1, 6))]
    [('January 2', '2022-01-02')]
    >>> stated.nearest(line, (0, len(line)), line.index("Aktau"), None)   # no year, no publication date
    ('', '')
    """

    def __init__(self, lexicon_dir: str | Path | None = None):
        self.lex = load_date_lexicon(lexicon_dir)
        self.shapes = [pattern for kind, pattern in _shapes(self.lex) if kind == "explicit"]

    def find(self, text: str, start: int, end: int, published: dt.date | None) -> list[tuple[int, int, dt.date]]:
        """The dates stated in ``text[start:end]`` as (start, end, date), the span without its lead ("on")."""
        found = []
        for pattern in self.shapes:
            for m in pattern.finditer(text, start, end):
                if not _capitalised(m):
                    continue
                month, day = month_of(m.group("month"), self.lex), int(m.group("day"))
                if m.group("year"):
                    date = calendar_date(int(m.group("year")), month, day)
                else:
                    date, _ = with_year(month, day, published)
                if date is not None:
                    found.append((min(m.start("day"), m.start("month")), m.end(), date))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        chosen: list[tuple[int, int, dt.date]] = []
        for f in found:
            if all(f[1] <= c[0] or f[0] >= c[1] for c in chosen):
                chosen.append(f)
        return chosen

    def nearest(self, text: str, sentence: tuple[int, int], position: int,
                published: dt.date | None) -> tuple[str, str]:
        """The date stated in ``sentence`` nearest ``position``, as (ISO date, the words); ("", "") if none."""
        dates = self.find(text, sentence[0], sentence[1], published)
        if not dates:
            return "", ""
        s, e, d = min(dates, key=lambda x: min(abs(x[0] - position), abs(x[1] - position)))
        return d.isoformat(), text[s:e]

def _statement_cues(lexicon_dir: str | Path | None = None) -> tuple[list[re.Pattern], ...]:
    """The ``statement`` cues of ``date_words.csv`` compiled by where they sit: before, opening, next to, adjacent."""
    words = date_words(lexicon_dir)
    cues = words[words["kind"] == "statement"]

    def compiled(place: str, shape: str) -> list[re.Pattern]:
        return [re.compile(shape.format(e=e)) for e in cues.loc[cues["value"] == place, "expression"]]

    return (compiled("before", r"\b(?:{e})(?:\s+(?:[A-Z][\w’'.-]*))*\s+$"),
            compiled("after_clause", r"^\s*,?\s*(?:[\w’'.-]+\s+){{0,8}}?(?:{e})\b"),
            compiled("after_clause", r"^\s+(?:{e})\b"),
            compiled("after_adjacent", r"^\s*(?:{e})\b"))


CLAUSE_BOUNDARY = re.compile(r"[,;:“”\"()—–]")


def statement_dates(mentions: pd.DataFrame, texts: Mapping[str, str], lexicon_dir: str | Path | None = None
                    ) -> pd.Series:
    """True where a date mention dates a statement (someone said, reported, addressed) rather than the event reported.

    The cues are the ``statement`` rows of ``date_words.csv`` (matched case-sensitively), by where
    they sit: ``before`` the date ("Pogrebinsky said on Wednesday", "In a televised address to the
    nation on 6 January"), ``after_clause`` (a date opening its clause, then a speaker and a speech
    verb: "On Friday, Russian Ambassador to the US Anatoly Antonov said"; or a speech verb right
    after the date: "the government late Wednesday said"), ``after_adjacent`` ("The January 6, 2022
    BelTA report"). "Riots erupted on January 2, police said" dates the riots: the date does not open
    its clause and the verb is not next to it.

    >>> text = "Mass protests in Kazakhstan are not accidental, Pogrebinsky said on Wednesday."
    >>> sentences = pd.DataFrame({"doc": ["001"], "start": [0], "end": [len(text)], "in_boilerplate": [False]})
    >>> mentions = find_date_mentions({"001": text}, sentences, {"001": dt.date(2022, 1, 7)})
    >>> statement_dates(mentions, {"001": text}).tolist()
    [True]
    """
    before, opening, next_to, adjacent = cached_knowledge(_statement_cues, lexicon_dir, ("date_words.csv",))
    flags = []
    for row in mentions.itertuples():
        text = texts[row.doc]
        lead = text[row.sentence_start:row.start]
        bounds = list(CLAUSE_BOUNDARY.finditer(lead))
        clause_before = lead[bounds[-1].end():] if bounds else lead
        after = text[row.end:row.sentence_end]
        opens_clause = not clause_before.strip()
        flags.append(
            any(p.search(clause_before) for p in before)
            or any(p.match(after) for p in (opening if opens_clause else next_to))
            or any(p.match(after) for p in adjacent)
        )
    return pd.Series(flags, index=mentions.index, dtype=bool)
