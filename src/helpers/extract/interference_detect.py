"""Claims of foreign interference, detected: the spans that claim, rebut or qualify a foreign hand, and their coding.

The detection half of :mod:`helpers.extract.interference` (which attributes the claims to their speakers).
Rule-based, no language model (so ``pipeline="blank:en"`` gives the same rows as the pinned model,
up to sentence boundaries). Each non-boilerplate sentence is cut into sentence parts with
:func:`helpers.extract.text.split_clauses`; in each part:

1. **cues** — the ``claim``, ``rebuttal`` and ``qualification`` patterns of
   ``interference_lexicon.csv`` are matched (addresses are masked first, so a URL such as
   ``.../foreign_spy_agencies_behind_riots/`` is not a claim); a claim cue inside a ``not_claim`` span
   ("no one should interfere from the outside", foreign citizens evacuated) is dropped. Parts of fewer than four words
   ("Foreign Interference", a subheading) are labels, not statements, and are skipped.
2. **the quote** — each cue grows to the sentence part that holds it: a quotation of five words or
   more that contains it, else the text after a colon, after "said that" / "did not rule out that",
   or after ", where" / ", blaming" / ", to"; it stops at a closing quotation mark, ", which",
   ", according to", ", X said". Cues whose quotes overlap make one claim.
3. **coding** — from the same lexicon: ``target`` (the first target named in the quote),
   ``evidence`` (the first evidence type, in the lexicon's order, named in the quote; ``none`` when
   no ground is given), ``hedged`` (a hedge anywhere in the sentence part: "allegedly", "what he
   called", "suggestions of possible", "claims"), ``narrative`` (every narrative of
   ``narratives.csv`` whose pattern occurs in the quote), and the stance as if the outlet spoke
   (:func:`stance_of`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from helpers.extract.interference_lexicon import Lexicon, load_lexicon
from helpers.extract.interference_marks import MIN_WORDS, is_headline, is_question_line, mask_urls, quotations
from helpers.extract.regex_gate import fold, gate, with_first_chars
from helpers.extract.text import analysed_sentences, split_clauses

CLAIM_COLUMNS = [
    "doc", "start", "end", "quote", "speaker", "speaker_id", "speaker_affiliation", "stance", "target",
    "evidence", "hedged", "narrative", "sentence_start", "sentence_end", "attribution",
]
OUTLET = "outlet"

# ---- grammar: where a claim's quote starts and stops (the vocabulary lives in helpers/data) ----

LONG_QUOTE_WORDS = 5  # a quotation this long is a statement of its own; a shorter one is a phrase in one
REPORTING_THAT = re.compile(
    r"\b(?:said|says|say|stated|states|noted|notes|stressed|stresses|added|argued|argues|claimed|claims|believes?|"
    r"explained|warned|announced|declared|insisted|reaffirmed|denied|denies|rule\s+out|ruled\s+out|told|tells|"
    r"asserted|alleged|alleges|suggested|suggests|maintained|maintains|emphasi[sz]ed|underlined|recalled|"
    r"acknowledged|admitted|confirmed|concluded|wrote|agreed|thinks|thought|feared|hinted|"
    r"is\s+(?:obvious|clear|evident))\b[^.;:“”\"]{0,80}?\bthat\s+|\b(?:and|but)\s+that\s+",
    re.IGNORECASE,
)
LEFT_COMMA = re.compile(r",\s+(?=(?:where|while|whereas|blaming|accusing|saying|claiming|alleging|insisting|arguing|to)\b)",
                        re.IGNORECASE)
# between two cues of one sentence part, a join of clauses makes them two claims ("... had attacked Almaty, and that
# the attackers included fighters from abroad"; "... were used, and the protests had been backed by ...")
CLAUSE_JOIN = re.compile(r",\s+(?:and|but|while|whereas)\s+|\s(?:and|but)\s+that\s+|;\s+", re.IGNORECASE)
# a claim and the answer to it are also cut at a comma, a spaced dash or hyphen, or a bare "but" ("... attacked Almaty
# - a claim for which no evidence has been presented", "... but did not say which countries"); two claims are not (a
# dash inside one claim, a wire dateline's hyphen)
CLAUSE_OR_COMMA = re.compile(CLAUSE_JOIN.pattern + r"|,\s+|\s[-–—]\s+|\s+but\s+", re.IGNORECASE)
COLON = re.compile(r":\s+")
RIGHT_STOP = re.compile(
    r";|\s[–—]\s|,\s+(?:which|according\s+to|vowing|before|while|whereas)\b|,?\s+and\s+that\s|,\s+and\s+(?=(?:the|a|an|his|her|their|its|he|she|they|it|we|I)\s)|"
    r",\s+(?:[^,;:“”\"]{0,60}?\s)?(?:said|says|stressed|noted|added|told|wrote|pointed\s+out|concluded|explained)\b",
    re.IGNORECASE,
)
LEADING = re.compile(r"^(?:(?:and|but|so|thus)\b[\s,]*)+", re.IGNORECASE)
TRAILING = " \t,;:.–—"


def claim_quote(text: str, a: int, b: int, s: int, e: int) -> tuple[int, int]:
    """The span of the claim around the cue ``text[s:e]`` inside the sentence part ``text[a:b]``.

    >>> part = ("Serbian President Aleksandar Vucic told reporters on Thursday: Foreign intelligence "
    ...         "services are behind the mass riots in Kazakhstan, which will result in hundreds")
    >>> s = part.index("Foreign intelligence")
    >>> start, end = claim_quote(part, 0, len(part), s, s + 20)
    >>> part[start:end]
    'Foreign intelligence services are behind the mass riots in Kazakhstan'
    """
    left, right = a, b
    for o, c in quotations(text, a, b):
        if o <= s and e <= c:
            if len(text[o:c].split()) >= LONG_QUOTE_WORDS:
                left, right = o, c
            elif c < b:
                right = max(right, c + 1)
            break
    before = text[left:s]
    for rule in (REPORTING_THAT, COLON, LEFT_COMMA):
        for m in rule.finditer(before):
            left = max(left, s - len(before) + m.end())
    stop = RIGHT_STOP.search(text, e, right)
    if stop:
        right = stop.start()
    piece = text[left:right]
    lead = LEADING.match(piece)
    if lead:
        left += lead.end()
    while right > left and text[right - 1] in TRAILING:
        right -= 1
    while left < right and (text[left].isspace() or text[left] in "#*"):  # a Markdown heading's marks
        left += 1
    return left, right


def merge_cue_quotes(text: str, a: int, b: int, cues: list[tuple[int, int, str]]) -> list[list[int]]:
    """The claims of one sentence part ``text[a:b]`` from its cues ``(start, end, signal)``: each cue's quote
    (:func:`claim_quote`), overlapping quotes merged into one claim, unless a join of clauses (``CLAUSE_JOIN``) lies
    between their cues, which cuts them into two claims there; a claim and a rebuttal (or qualification) are
    also cut at a comma or a spaced dash between them ("... terrorists he says were trained abroad, a claim for which officials
    have produced no proof": the outlet's remark is a row of its own).

    >>> s = "Tokayev said 20,000 bandits had attacked Almaty, and that the attackers included fighters from abroad"
    >>> cues = [(s.index("20,000"), s.index(" Almaty"), "claim"), (s.index("from abroad"), len(s), "claim")]
    >>> [s[x:y] for x, y in merge_cue_quotes(s, 0, len(s), cues)]
    ['Tokayev said 20,000 bandits had attacked Almaty', 'the attackers included fighters from abroad']
    """
    merged: list[list[int]] = []
    last_cue_end, last_kind = a, ""
    for (s, e), (cs, ce, signal) in sorted((claim_quote(text, a, b, cs, ce), (cs, ce, sig)) for cs, ce, sig in cues):
        kind = "claim" if signal == "claim" else "answer"
        if merged and s < merged[-1][1]:
            join = None
            joins = CLAUSE_JOIN if kind == last_kind else CLAUSE_OR_COMMA
            for m in joins.finditer(text, last_cue_end, cs):
                join = m
            if join is None:
                merged[-1][1] = max(merged[-1][1], e)
                last_cue_end, last_kind = max(last_cue_end, ce), kind
                continue
            merged[-1][1] = min(merged[-1][1], join.start())
            while merged[-1][1] > merged[-1][0] and text[merged[-1][1] - 1] in TRAILING:
                merged[-1][1] -= 1
            s = max(s, join.end())
        merged.append([s, e])
        last_cue_end, last_kind = ce, kind
    return merged


# ---- coding ----


def _first(patterns: list[tuple[re.Pattern, str]], text: str, a: int, b: int, by_position: bool) -> str | None:
    """The value of the first pattern found in ``text[a:b]``: by position in the text, or by row order."""
    hits = []
    for rank, (pattern, value) in enumerate(patterns):
        m = pattern.search(text, a, b)
        if m:
            hits.append(((m.start(), -(m.end() - m.start()), rank) if by_position else (rank,), value))
    return min(hits)[1] if hits else None


def code_quote(text: str, start: int, end: int, part_start: int, part_end: int, lex: Lexicon) -> dict:
    """Target, evidence, hedging, narratives and stance cue of the claim ``text[start:end]``.

    >>> lex = load_lexicon()
    >>> s = "The bandits who are acting in Almaty are highly organized, which proves that they were seriously trained abroad"
    >>> coded = code_quote(s, 0, len(s), 0, len(s), lex)
    >>> coded["target"], coded["evidence"], coded["hedged"], coded["narrative"]
    ('abroad', 'assertion_of_training', False, 'foreign-trained terrorists')
    """
    # a rebuttal counts up to the claim's end ("X denied that ..."), not when it follows it ("..., a claim for which")
    rebuts = any(p.search(text, part_start, end) for p, sig, _ in lex.cues if sig == "rebuttal")
    qualifies = any(p.search(text, part_start, end) for p, sig, _ in lex.cues if sig == "qualification")
    narratives = [name for name, patterns in lex.narrative_patterns
                  if any(p.search(text, start, end) for p in patterns)]
    return {
        "target": _first(lex.targets, text, start, end, by_position=True) or "",
        "evidence": _first(lex.evidence, text, start, end, by_position=False) or "none",
        "hedged": any(p.search(text, part_start, part_end) for p in lex.hedges),
        "narrative": "; ".join(narratives),
        "cue_stance": "rebuts" if rebuts else ("qualifies" if qualifies else ""),
        "reported": any(p.search(text, part_start, part_end) for p in lex.reports),
    }


def stance_of(cue_stance: str, reported: bool, speaker_id: str) -> str:
    """``rebuts``/``qualifies`` from a cue; the outlet's own voice naming another's claim ``reports``.

    >>> stance_of("", True, "outlet")  # "..., Claims Serbian President" (001 headline)
    'reports'
    >>> stance_of("", True, "vucic")
    'asserts'
    """
    if cue_stance:
        return cue_stance
    return "reports" if speaker_id == OUTLET and reported else "asserts"


# ---- the extractor ----


def part_cues(text: str, a: int, b: int, lex: Lexicon, low: str | None = None) -> list[tuple[int, int, str]]:
    """The cues ``(start, end, signal)`` of the sentence part ``text[a:b]``, without the claim cues that lie inside a
    ``not_claim`` span of the lexicon (a call for non-interference, foreign citizens as evacuees: no claim).
    ``low`` is the part folded (:func:`helpers.extract.regex_gate.fold`): a pattern whose gate excludes it is not
    scanned (speed only).

    >>> s = "It was important that no one interfered from the outside, the spokesman said"
    >>> part_cues(s, 0, len(s), load_lexicon())
    []
    >>> s = "The riots had been directed from the outside, the spokesman said"
    >>> [s[x:y] for x, y, _ in part_cues(s, 0, len(s), load_lexicon())]
    ['from the outside']
    """
    def scanned(pattern: re.Pattern) -> bool:
        return low is None or gate(pattern).may_match(low)

    vetoed = [m.span() for p in lex.vetoes if scanned(p) for m in with_first_chars(p).finditer(text, a, b)]
    return [(*m.span(), signal) for pattern, signal, _ in lex.cues if scanned(pattern)  # with_first_chars: same matches
            for m in with_first_chars(pattern).finditer(text, a, b)
            if signal != "claim" or not any(vs <= m.start() and m.end() <= ve for vs, ve in vetoed)]


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in CLAIM_COLUMNS})
    return frame.astype({"start": "int64", "end": "int64", "hedged": bool, "sentence_start": "int64",
                         "sentence_end": "int64"})


def detect_claims(texts: Mapping[str, str], sentences: pd.DataFrame, lexicon_dir: str | Path | None = None,
                  lex: Lexicon | None = None) -> pd.DataFrame:
    """Every claim span in the non-boilerplate sentences, coded, before attribution.

    Returns the columns of ``CLAIM_COLUMNS`` (``speaker`` columns empty; ``stance`` as if the outlet
    spoke) plus ``headline``, ``cue_stance`` and ``reported``, sorted by doc and start; ``quote ==
    texts[doc][start:end]``.

    >>> text = "Tokayev stated that “terrorist groups which received extensive training abroad” have attacked."
    >>> row = detect_claims({"000": text}, pd.DataFrame(
    ...     {"doc": ["000"], "start": [0], "end": [len(text)], "in_boilerplate": [False]})).iloc[0]
    >>> row["quote"], row["target"], row["evidence"]
    ('terrorist groups which received extensive training abroad', 'abroad', 'assertion_of_training')
    """
    analysed = analysed_sentences(texts, sentences)
    lex = lex or load_lexicon(lexicon_dir)
    rows = []
    for doc, text, spans in analysed:
        masked = mask_urls(text)
        folded = fold(masked)  # a cue's scan is skipped where its gate says it cannot match (speed only)
        for sent_start, sent_end in spans:
            for a, b in split_clauses(text, sent_start, sent_end):
                if len(re.findall(r"\w+", masked[a:b])) < MIN_WORDS:
                    continue
                if is_question_line(text, a, b):
                    continue
                merged = merge_cue_quotes(masked, a, b, part_cues(masked, a, b, lex, folded[a:b]))
                headline = is_headline(text, a, b)
                for s, e in merged:
                    coded = code_quote(masked, s, e, a, b, lex)
                    rows.append({
                        "doc": doc, "start": s, "end": e, "quote": text[s:e], "speaker": "", "speaker_id": "",
                        "speaker_affiliation": "", "stance": stance_of(coded["cue_stance"], coded["reported"], OUTLET),
                        "target": coded["target"], "evidence": coded["evidence"], "hedged": coded["hedged"],
                        "narrative": coded["narrative"], "sentence_start": sent_start, "sentence_end": sent_end,
                        "attribution": "", "headline": headline, "cue_stance": coded["cue_stance"],
                        "reported": coded["reported"],
                    })
    if not rows:
        return _empty().assign(headline=pd.Series(dtype=bool), cue_stance=pd.Series(dtype=object),
                               reported=pd.Series(dtype=bool))
    frame = pd.DataFrame(rows)
    frame = frame.astype({"start": "int64", "end": "int64", "hedged": bool, "sentence_start": "int64",
                          "sentence_end": "int64", "headline": bool, "reported": bool})
    return frame.sort_values(["doc", "start", "end"], kind="stable").reset_index(drop=True)
