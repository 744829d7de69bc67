"""Casualty claims: every statement of a count of people killed, injured, detained or beheaded.

Rule-based, no language model. Each sentence (from the project's sentence table) is cut into
clauses at sentence punctuation (so a line-long "sentence" still works), and a handful of regular
expression shapes find a count next to an outcome word:

=========  ===================================================  =========================================
shape      skeleton                                             seed example
=========  ===================================================  =========================================
subject    COUNT [of the] [modifier] VICTIM [who] [aux] OUTCOME  "at least 12 police officers have been killed"
bare       COUNT [who] aux OUTCOME                              "two who were killed"
object     OUTCOME COUNT [of the] [modifier] VICTIM             "The rioters beheaded 2 police officers"
of         OUTCOME-NOUN of COUNT [of VICTIM]                    "the death of “dozens” of people"
nominal    COUNT [of] OUTCOME-NOUN/ADJ [and OUTCOME]            "eight deaths", "several dead and wounded"
tally      number of [VICTIM] OUTCOME ... at COUNT              "number of officers killed in the clashes at thirteen"
subcount   including COUNT                                      "..., including two while cleaning the airport"
=========  ===================================================  =========================================

The knowledge is in ``helpers/data`` (overridable with ``lexicon_dir``): ``casualty_terms.csv``
(outcome words), ``victim_groups.csv`` (victim nouns and context rules), ``vague_numbers.csv``
("dozens" -> low/best/high) and ``number_words.csv``. The code holds only the grammar: the
shapes above, the qualifier phrases ("at least", "more than", "over", "about"), attribution cue
verbs ("said", "told", "according to") and modal verbs that mark a forecast.

Sub-counts ("at least 12 police officers have been killed ..., including two who were killed
while on an operation") are kept as claims of their own (they are statements of a count, with
their own circumstances), and :func:`is_subcount` flags them so that a reconciliation does not
treat "two" as a rival estimate of the total.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.extract.casualty_claimant import Cue, claimant, clause_cues, named_speaker
from helpers.extract.casualty_grammar import (
    GrammarClaim,
    grammar_claims,
    load_paths,
    merge_candidates,
    parser_pipeline,
)
from helpers.extract.casualty_lexicon import (
    VERB_QUALIFIERS,
    Lexicon,
    alternation,
    lexicon_with,
    load_lexicon,
    outcome_of,
    parse_count,
    vague_number_table,
    victim_group_of,
)
from helpers.extract.casualty_revisions import superseded_figures
from helpers.extract.casualty_scope import carry_scopes, clause_place, clause_window, scope_cues, scope_of
from helpers.extract.casualty_surface import CARE_RE, more_shapes, part_before_whole
from helpers.extract.regex_gate import fast_compile, fold, gate
from helpers.extract.text import analysed_sentences, split_clauses

__all__ = ["CLAIM_COLUMNS", "analysed_sentences", "casualty_claims", "is_subcount", "load_lexicon",
           "parse_count", "split_clauses", "vague_number_table", "with_superseded"]

CLAIM_COLUMNS = [
    "doc", "start", "end", "quote", "number_text", "low", "best", "high", "qualifier", "outcome",
    "victim_group", "location", "claimant", "forecast", "sentence_start", "sentence_end",
    "scope", "scope_place", "scope_basis",
]

# ---- grammar (the regular-expression skeleton; the vocabulary lives in helpers/data) ----

AUX = (
    r"(?:have|has|had|been|were|was|are|is|be|being|remain|remains|remained|still|will|would|could|might|may|reportedly|reported|later|also|"
    r"allegedly|all|now|already|found|(?!fatally\b)\w+ly)"  # "fatally" is part of the outcome ("fatally wounded")
)
FILLER = rf"(?:{AUX}\s+){{0,4}}"
LONG_SUBJECT_STOP = (r"where|which|that|who|whom|when|while|as|in|at|on|after|before|during|since|from|to|by|with|"
                     r"were|was|are|is|be|been|have|has|had|said|says|say|and\s+\d|\w+ed")  # "-ed": a verb of another clause
AUX_REQUIRED = r"(?:(?:have|has|had)\s+been|were|was|are|is|remain|remains|remained)\s+"
# one modifier before a victim noun: a capitalised word or an adjective-like ending ("26 armed rioters");
# case-sensitive even inside the case-insensitive shapes
MODIFIER = r"(?:(?-i:[A-Z][\w’'-]*|[a-z]+(?:ed|al|ive|ous|ful|less|ian|ing))\s+)?"
SUBCOUNT_CUE = re.compile(r"\b(?:including|among them|among whom|among which|of whom|of them|of which|from them)\s*$",
                          re.IGNORECASE)
# a modal marks a forecast, except with a perfect ("may have died" is a report of the past, hedged)
FORECAST_RE = re.compile(r"\b(?:will|would|could|might|may|shall)\b(?!\s+have\b)|\b(?:going|threatens?) to\b")
_MONTHS = "|".join(m for m in list(calendar.month_name) + list(calendar.month_abbr) if m)
MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s+$")
MONTH_AFTER = re.compile(rf"\s+(?:of\s+)?(?:{_MONTHS})\b")
PARTITIVE_BEFORE = re.compile(r"\b\d[\d,.]*\s+of\s+(?:the\s+|those\s+|these\s+)?$", re.IGNORECASE)
YEAR_BEFORE = re.compile(r"\b(?:in|since|by|of|from|until|before|after)\s+$", re.IGNORECASE)


@dataclass
class _Candidate(GrammarClaim):
    """A claim found by the surface shapes or the parse, with the rank of the shape that found it."""

    rank: int = 0


def _shapes(lex: Lexicon) -> list[tuple[int, re.Pattern, str]]:
    """The claim shapes in order of precedence: (rank, compiled pattern, where the quote starts)."""
    c, v = lex.count_re, lex.victim_re
    of_the = r"(?:of\s+(?:the\s+|those\s+|these\s+)?)?"
    verb, adj, noun = rf"\b(?:{lex.verbs})\b", rf"\b(?:{lex.adjectives})\b", rf"\b(?:{lex.nouns})\b"
    tally_verb = rf"\s(?=(?:{'|'.join(VERB_QUALIFIERS)})\s)"  # "nears ten thousand": the verb is the qualifier
    shapes = [
        # subject: "at least 12 police officers have been killed", "several people died"
        (rf"{c}\s+{of_the}{MODIFIER}{v}\s+(?:who\s+)?{FILLER}(?P<out>{adj})", "count"),
        # long subject: "at least 30 members of the national guard and police have died" (a first word with an
        # of-phrase must be a victim noun: "24 complaints of torture of people detained" is not; then up to ten
        # words before the last victim noun, none of them a verb of being, a clause word or a preposition of place
        # or time)
        ((rf"{c}\s+{MODIFIER}(?=(?:{alternation(lex.victims['term'].tolist())})\b|(?![\w’'-]+\s+of\b))"
          rf"(?:(?!(?:{LONG_SUBJECT_STOP})\b)[\w’'-]+\s+){{1,10}}?{v}\s+(?:who\s+)?{FILLER}(?P<out>{adj})"),
         "count"),
        # object: "beheaded 2 police officers"
        (rf"(?P<out>{verb})\s+{c}\s+{of_the}{MODIFIER}{v}", "out"),
        # of: "the death of “dozens” of people"
        (rf"(?P<out>{noun})\s+of\s+{c}(?:\s+of\s+(?:the\s+)?{MODIFIER}{v})?", "out"),
        # tally: "the total number of officers killed in the clashes at thirteen", "death toll rose to 164"
        # ("the number of those detained stood at 9,900", "the toll hits 225")
        ((rf"(?:\b(?:number|tally|count)\s+of\s+(?:those\s+)?(?:{MODIFIER}{v}\s+)?(?P<out>{adj})"
          rf"|\bnumber\s+of\s+(?P<out_n>{noun})|(?P<out_t>{noun})\s+toll"
          rf"|\b(?P<out_b>toll))[^.;:]{{0,40}}?(?:\b(?:at|to|reached|of|hits?)\s+|{tally_verb}){c}"), "match"),
        # headline tally: "detentions top 3,000", "Arrests now nearly 9,900"
        (rf"(?P<out>{noun})\s+(?:now\s+(?:at\s+)?|(?<=\s)(?=(?:{'|'.join(VERB_QUALIFIERS)})\s)){c}", "out"),
        # partitive of an outcome word: "149 of those killed", "three of the dead" (not when a verb of its own
        # follows: "two of the wounded later died")
        (rf"{c}\s+of\s+(?:the|those)\s+(?P<out>{adj})\b(?![^,.;:]*\b(?:{verb})\b)", "count"),
        # victims among an outcome word: "the names of only 19 security officials among the dead"
        # ("three children were among the dead", "19 were among those killed")
        ((rf"{c}\s+(?:(?:[\w’'-]+\s+){{0,3}}?{v}\s+)?(?:(?:were|are|was|is)\s+)?among\s+(?:the|those)\s+"
          rf"(?P<out>{adj})\b"), "count"),
        # inverted: "among the detained are 44 foreigners"
        (rf"\bamong\s+(?:the|those)\s+(?P<out>{adj})\s+(?:were|are|was|is)\s+{c}(?:\s+{of_the}{MODIFIER}{v})?", "match"),
        # bare: "two who were killed"
        (rf"{c}\s+(?:who\s+|of\s+(?:them|whom)\s+|of\s+(?:the|those)\s+(?:{adj})\s+)?{AUX_REQUIRED}{FILLER}(?P<out>{verb})",
         "count"),  # ("two of the dead had been beheaded")
        # unknown victim noun: "26 armed criminals were liquidated" (group mixed_unspecified unless known)
        ((rf"{c}\s+{of_the}{MODIFIER}(?P<victim>(?-i:[a-z]+(?:s|men|people|children)))\s+(?:who\s+)?"
          rf"{AUX_REQUIRED}{FILLER}(?P<out>{verb})"), "count"),
        # nominal: "eight deaths", "hundreds or thousands of deaths", "several dead and wounded"
        (rf"{c}\s+(?:of\s+)?{MODIFIER}(?P<out>{noun}|{adj})(?:\s+(?:and|or)\s+(?P<second>{noun}|{adj}))?", "count"),
        # table line: "Killed: 225", "Dead - 164" (live blogs and trackers: the outcome word, a colon or dash, the count)
        (rf"(?:^|(?<=[\n;.]\s)|(?<=[\n;.]))(?P<out>{noun}|{adj})\s*(?::|\s[-–—])\s*{c}(?!\s*[-–—:]?\s*\d)", "out"),
        # subcount: "including two while cleaning the airport" (outcome and victims from the head count)
        # (a victim phrase after the count is part of it: "including 3,393 law enforcement officers")
        # (and a count added to the one before: "police detained 40 rioters, as well as 25 looters")
        (rf"\b(?:including|as\s+well\s+as)\s+{c}\b(?:\s+{of_the}{MODIFIER}{v})?(?!\s+(?:who\b|of\s+(?:them|whom)\b))",
         "match"),
    ]
    shapes += more_shapes(lex, c, v, {"of_the": of_the, "modifier": MODIFIER, "aux": AUX_REQUIRED, "filler": FILLER,
                                      "verb": verb, "adj": adj, "noun": noun})
    # with_first_chars: the same matches, a position no match can begin at rejected at once (speed only)
    return [(rank, fast_compile(p, re.IGNORECASE), at) for rank, (p, at) in enumerate(shapes)]


OBJECT_RANK = 2  # the rank of the object shape ("beheaded 2 police officers") in _shapes


def _defer_to_objects(parsed: list, candidates: list) -> list:
    """The parse's claims without those whose count the object shape reads as the object of another outcome
    verb right before it: "officers eliminated about 10 criminals and 153 were detained", where the parse
    made "criminals" the subject of "detained"."""
    objects = {c.count_start: c.outcome for c in candidates if c.rank == OBJECT_RANK}
    return [p for p in parsed if objects.get(p.count_start, p.outcome) == p.outcome]


@functools.lru_cache(maxsize=16)
def _count_gate(count_re: str) -> re.Pattern:
    return fast_compile(count_re, re.IGNORECASE)


def _candidates(text: str, a: int, b: int, lex: Lexicon, shapes) -> list[_Candidate]:
    """Claims in the clause ``text[a:b]``: one per (count, outcome), the first shape that fits."""
    found: list[_Candidate] = []
    low, count = fold(text[a:b]), _count_gate(lex.count_re)
    if not gate(count).may_match(low) or not count.search(text, a, b):
        return []  # every shape holds a count: a clause without one is not scanned (a speed-up only)
    for rank, pattern, starts_at in shapes:
        if not gate(pattern).may_match(low):
            continue  # the shape's words are not in the clause: it cannot match (speed only)
        for m in pattern.finditer(text, a, b):
            if re.search(r"\bno\s*$", text[max(a, m.start() - 4):m.start()], re.IGNORECASE):
                continue  # "no one was killed"
            if MONTH_BEFORE.search(text, max(a, m.start("value") - 12), m.start("value")) \
                    or MONTH_AFTER.match(text, m.end("value")):
                continue  # "On January 5 police detained ...", "5 January": a date, not a count
            if PARTITIVE_BEFORE.search(text, max(a, m.start("value") - 40), m.start("value")) and not (
                    m.groupdict().get("out") and CARE_RE.fullmatch(m.group("out"))):
                continue  # "175 of those 225 died": 225 is the whole the count before it is part of (but "19 of
                # the 766 people still in custody": a whole in custody or in hospital is a figure too)
            if not m.group("qual") and re.fullmatch(r"(?:19|20)\d\d", m.group("value")) and YEAR_BEFORE.search(
                    text, max(a, m.start("value") - 8), m.start("value")):
                continue  # "In 2011 the strike ended and police detained ...": a year
            g = m.groupdict()
            count_start = m.start("qual") if g["qual"] else m.start("value")
            start = {"count": count_start, "out": m.start(), "match": m.start()}[starts_at]
            out_text = g.get("out") or g.get("out_t") or g.get("out_b") or g.get("out_n")
            out_end = m.end("out") if g.get("out") else m.end()
            end = out_end if starts_at == "count" else m.end()
            outcome = outcome_of(out_text, lex) if out_text else None
            found.append(_Candidate(start, end, count_start, m.end("value"), g["qual"], g["value"], outcome,
                                    g.get("victim"), rank))
            if g.get("second"):
                found.append(_Candidate(count_start, m.end("second"), count_start, m.end("value"), g["qual"],
                                        g["value"], outcome_of(g["second"], lex), None, rank))
    chosen: dict[tuple[int, str | None], _Candidate] = {}
    for cand in sorted(found, key=lambda c: c.rank):
        if cand.outcome is None and any(k[0] == cand.count_start for k in chosen):
            continue
        chosen.setdefault((cand.count_start, cand.outcome), cand)
    # a sub-count without an outcome gives way to a shape that found the same count with one ("including 62 in
    # intensive care")
    claims = sorted((c for c in chosen.values() if c.outcome is not None or not any(
        o.outcome and o.count_start == c.count_start for o in chosen.values())), key=lambda c: (c.start, c.end))
    # a sub-count takes the outcome of the nearest claim before it in the clause
    for i, cand in enumerate(claims):
        if cand.outcome is None:
            heads = [h for h in claims[:i] if h.outcome is not None]
            cand.outcome = heads[-1].outcome if heads else None
    return [c for c in claims if c.outcome is not None]


# ---- who says so, where, and whether it is a forecast ----


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in CLAIM_COLUMNS})
    return frame.astype({"start": "int64", "end": "int64", "low": "float64", "best": "float64",
                         "high": "float64", "forecast": bool, "sentence_start": "int64", "sentence_end": "int64"})


def casualty_claims(
    texts: Mapping[str, str], sentences: pd.DataFrame, lexicon_dir: str | Path | None = None,
    pipeline: str | None = None, sentence_docs: Callable | None = None,
) -> pd.DataFrame:
    """Every casualty claim in the non-boilerplate sentences, one row each, with its provenance.

    ``texts`` maps a document to its full original text; ``sentences`` has columns ``doc, start,
    end, in_boilerplate`` (offsets into ``texts[doc]``; boilerplate sentences are skipped).
    Returns the columns of ``CLAIM_COLUMNS``, sorted by doc and start, with
    ``quote == texts[doc][start:end]``. ``claimant`` is who the sentence says gives the figure
    ("" when the article states it in its own voice); "he added" / "they also pointed out" take the
    speaker of the nearest preceding sentence that names one. With a ``pipeline`` that has a dependency
    parser, the figures its parse joins to an outcome word (:mod:`helpers.extract.casualty_grammar`) come
    first and the rule grammar adds the counts they lack; without one (``blank:en``), the rule grammar alone.

    >>> text = "The interior ministry of the country has said that at least 12 police officers have been killed."
    >>> row = casualty_claims({"000": text}, pd.DataFrame(
    ...     {"doc": ["000"], "start": [0], "end": [len(text)], "in_boilerplate": [False]})).iloc[0]
    >>> row["quote"], float(row["low"]), row["qualifier"], row["victim_group"], row["claimant"]
    ('at least 12 police officers have been killed', 12.0, 'at_least', 'security_forces', 'The interior ministry of the country')
    """
    analysed = analysed_sentences(texts, sentences)
    lex, shapes = lexicon_with(_shapes, lexicon_dir)  # loaded and compiled once per process
    scopes = scope_cues(lexicon_dir)
    # sentence_docs(doc, spans): the parse's own Docs of those sentences (DocTables.sentence_docs), else parse again
    nlp = parser_pipeline(pipeline) if pipeline and sentence_docs is None else None
    paths = load_paths(lexicon_dir) if nlp or sentence_docs else None
    rows = []
    for doc, text, spans in analysed:
        earlier_speakers: list[str | None] = []  # named speaker of each earlier clause of this document
        parsed = [_Candidate(**vars(g), rank=-1) for g in grammar_claims(
            text, spans, nlp, lex, paths, sentence_docs and functools.partial(sentence_docs, doc))] if paths is not None else []
        for sent_start, sent_end in spans:
            for a, b in split_clauses(text, sent_start, sent_end):
                candidates = _candidates(text, a, b, lex, shapes)
                claims = part_before_whole(text, merge_candidates(candidates, _defer_to_objects(parsed, candidates), a, b))
                spans = [(c.start, c.end) for c in claims]
                cues = clause_cues(text, a, b, spans)
                clause = _Clause(doc, text, a, b, sent_start, sent_end, claims, cues, earlier_speakers)
                rows += [_row(clause, claim, lex, scopes) for claim in claims]
                earlier_speakers.append(named_speaker(cues))
    if not rows:
        return _empty()
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    frame = frame.astype({"start": "int64", "end": "int64", "low": "float64", "best": "float64",
                          "high": "float64", "forecast": bool, "sentence_start": "int64", "sentence_end": "int64"})
    frame = frame.sort_values(["doc", "start", "end"], kind="stable").reset_index(drop=True)
    return carry_scopes(frame, texts, scopes)


@dataclass(frozen=True)
class _Clause:
    """One clause being read: where it is, its sentence, the claims and cues found in it, and the named
    speaker of each earlier clause of the document."""

    doc: str
    text: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    claims: list[_Candidate]
    cues: list[Cue]
    earlier: list[str | None]


def _row(clause: _Clause, claim: _Candidate, lex: Lexicon, scopes) -> list:
    """The table row of one claim of a clause."""
    text, b = clause.text, clause.end
    qualifier, low, best, high = parse_count(claim.qualifier_text, claim.value_text, lex)
    group = victim_group_of(claim.victim_text, lex)
    if group is None and claim.victim_text:  # a noun the lexicon does not know ("gendarmes")
        group = "mixed_unspecified"
    if group is None:  # "eight deaths", "two who were killed": the victims named by a claim in the same clause
        named = [c for c in clause.claims if c is not claim and victim_group_of(c.victim_text, lex)]
        named.sort(key=lambda c: (c.start > claim.start, abs(c.start - claim.start)))
        group = victim_group_of(named[0].victim_text, lex) if named else "mixed_unspecified"
    before, after = clause_window(text, clause.start, b, claim.start, claim.end)
    if group == "mixed_unspecified" and claim.victim_text:
        for pattern, context_group in zip(lex.contexts["term"], lex.contexts["victim_group"]):
            if re.match(rf"\s*(?:\w+\s+){{0,2}}?{pattern}", text[claim.end:b], re.IGNORECASE):
                group = context_group
                break
    number_text = text[claim.count_start:claim.count_end].replace("“", "").replace("”", "").replace('"', "")
    forecast = bool(FORECAST_RE.search(before) or FORECAST_RE.search(text[claim.start:claim.end]))
    place, who = clause_place(before, after), claimant(text, claim, clause.cues, clause.earlier)
    return [
        clause.doc, claim.start, claim.end, text[claim.start:claim.end], number_text, low, best, high, qualifier,
        claim.outcome, group, place, who, forecast, clause.sentence_start, clause.sentence_end,
        *scope_of(text[claim.start:claim.end] + after, before, place, who, scopes,
                  text[clause.sentence_start:claim.start]),
    ]


def with_superseded(claims: pd.DataFrame, texts: Mapping[str, str],
                    lexicon_dir: str | Path | None = None) -> pd.DataFrame:
    """``claims`` (with ``subcount``) plus ``superseded``, ``superseded_by`` and ``superseded_cue``
    (:func:`helpers.extract.casualty_revisions.superseded_figures`): "eight deaths" in "... at thirteen, after
    eight deaths were confirmed" (seed 003) is superseded by "thirteen" of the same sentence."""
    return pd.concat([claims, superseded_figures(claims, texts, lexicon_dir)], axis=1)


def is_subcount(claims: pd.DataFrame, texts: Mapping[str, str]) -> pd.Series:
    """True for a claim that counts part of an earlier claim in the same sentence ("including two").

    A sub-count is a claim of its own (with its own circumstances), but it is not a rival estimate
    of the total: a reconciliation should leave it out. A row is a sub-count when its quote starts
    with, or follows, "including" / "among them" / "of whom", and an earlier claim in the same
    sentence has the same outcome and victim group (or counts people of any group: "225 people, including
    19 security officers, died").

    >>> text = ("The interior ministry of the country has said that at least 12 police officers have been "
    ...         "killed by the rioters, including two who were killed while on an operation.")
    >>> claims = casualty_claims({"000": text}, pd.DataFrame(
    ...     {"doc": ["000"], "start": [0], "end": [len(text)], "in_boilerplate": [False]}))
    >>> is_subcount(claims, {"000": text}).tolist()
    [False, True]
    """
    flags = []
    for row in claims.itertuples():
        text = texts[row.doc]
        lead = text[max(row.sentence_start, row.start - 30):row.start]
        cue = bool(SUBCOUNT_CUE.search(lead)) or row.quote.lower().startswith("including ")
        if not cue:  # no cue, no sub-count: the earlier claims are looked up only after a cue
            flags.append(False)
            continue
        heads = claims[
            (claims["doc"] == row.doc) & (claims["sentence_start"] == row.sentence_start)
            & (claims["start"] < row.start) & (claims["outcome"] == row.outcome)
            & claims["victim_group"].isin([row.victim_group, "mixed_unspecified"])
        ]
        flags.append(len(heads) > 0)
    return pd.Series(flags, index=claims.index, dtype=bool)
