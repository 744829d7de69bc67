"""The regular-expression gate (helpers.extract.regex_gate): it may skip a scan only where the pattern cannot match.

Checked on every pattern the extractors gate (the interference cues and their coding patterns, the casualty count
and shapes, the date shapes and the date lexicon's relative and vague words, all compiled from the CSV knowledge
files) against every match they find in the seeds and the dev tune half: the gate passes on each match's own text,
the smallest span a scan could cover. And on hand-made patterns for the constructs it must not over-read.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from helpers.extract.regex_gate import DIGIT, fold, gate, with_first_chars

ROOT = Path(__file__).resolve().parents[1]


def _lexicon_patterns() -> dict[str, list[re.Pattern]]:
    from helpers.extract import casualties, dates
    from helpers.extract.casualty_lexicon import lexicon_with
    from helpers.extract.date_lexicon import load_date_lexicon
    from helpers.extract.interference_lexicon import load_lexicon

    lex = load_lexicon()
    cas, shapes = lexicon_with(casualties._shapes, None)
    dlex = load_date_lexicon()
    return {
        "interference_lexicon.csv": [p for p, _, _ in lex.cues] + [p for p, _ in lex.targets + lex.evidence]
        + lex.hedges + lex.reports + list(lex.vetoes),
        "casualty shapes": [casualties._count_gate(cas.count_re)] + [p for _, p, _ in shapes],
        "date shapes and words": [p for _, p in dates._shapes(dlex)]
        + [p for p, _ in dlex.relative] + list(dlex.vague),
    }


@pytest.fixture(scope="module")
def texts() -> list[str]:
    folders = [ROOT / "seeds", ROOT / "tests" / "corpora" / "dev" / "tune"]
    return [p.read_text(encoding="utf-8") for f in folders for p in sorted(f.glob("*.txt"))]


def test_every_lexicon_row_is_gated_from_the_csv():
    """Every row of interference_lexicon.csv is one gated pattern, and most rows' gates require words."""
    import pandas as pd

    table = pd.read_csv(ROOT / "src" / "helpers" / "data" / "interference_lexicon.csv", dtype=str, keep_default_na=False)
    patterns = _lexicon_patterns()["interference_lexicon.csv"]
    assert sorted(p.pattern for p in patterns) == sorted(table["pattern"])
    required = [p for p in patterns if gate(p).requirements]
    assert len(required) == len(patterns)  # each cue names words: no row is scanned on every clause for nothing


def test_no_match_of_any_lexicon_pattern_is_gated_out(texts):
    """Every match of every gated pattern in the seeds and the tune half passes its gate on its own text."""
    checked = 0
    for where, patterns in _lexicon_patterns().items():
        for pattern in patterns:
            g = gate(pattern)
            for text in texts:
                for m in pattern.finditer(text):
                    if m.end() > m.start():
                        assert g.may_match(fold(m.group(0))), (where, pattern.pattern[:80], m.group(0))
                        checked += 1
    assert checked > 1000  # the corpora exercise the patterns


def test_the_gate_skips_clauses_without_the_words():
    """A clause without any cue word is skipped; a clause that holds a cue is not."""
    from helpers.extract.interference_lexicon import load_lexicon

    cues = [p for p, _, _ in load_lexicon().cues]
    quiet = fold("Police detained protesters in the main square on Wednesday evening.")
    assert not any(gate(p).may_match(quiet) for p in cues)
    cue = "Gangs backed by foreign nations are behind the violence"  # the interference lexicon's doctest (seed 000)
    assert [p for p in cues if p.search(cue)] == [p for p in cues if p.search(cue) and gate(p).may_match(fold(cue))]
    assert any(p.search(cue) for p in cues)


@pytest.mark.parametrize("pattern, flags, text", [
    (r"\bforeign\s+forces\b", re.IGNORECASE, "FOREIGN  Forces"),
    (r"(?-i:US)-backed", re.IGNORECASE, "US-backed"),
    (r"(?<!counter\s)\binternational\s+terror", re.IGNORECASE, "International terror"),
    (r"(?:killed|died)?\s*\d+", re.IGNORECASE, "12"),           # an optional word requires nothing
    (r"(?:foo|)bar", 0, "bar"),                          # an empty alternative: the alternation requires nothing
    (r"[0-3]?\d\s+people", re.IGNORECASE, "7 people"),
    (r"\bdeath\b", re.IGNORECASE, "DEATH"),
    (r"kill", re.IGNORECASE, "\u212aILL"),                        # the Kelvin sign matches k under IGNORECASE
    (r"saw", re.IGNORECASE, "\u017fAW"),                           # the long s matches s
    (r"in", re.IGNORECASE, "\u0130N"),                              # the dotted capital I matches i
    (r"\d+\s+dead", 0, "\u0663 dead"),                     # an Arabic-Indic digit is a digit
])
def test_the_gate_passes_wherever_the_pattern_matches(pattern, flags, text):
    compiled = re.compile(pattern, flags)
    assert compiled.search(text)
    assert gate(compiled).may_match(fold(text))


def test_requirements_read_from_the_syntax():
    g = gate(re.compile(r"\b(?:\d+|several)\s+(?:were\s+)?(?:killed|injured)\b", re.IGNORECASE))
    assert set(g.requirements) == {frozenset({DIGIT, "several"}), frozenset({"killed", "injured"})}
    assert gate(re.compile(r"(?:foo|)bar")).requirements == (frozenset({"bar"}),)
    assert gate(re.compile(r"\w+")).requirements == ()


def test_fold_equates_what_ignorecase_equates():
    """Every character re's IGNORECASE matches with a letter or digit folds to that letter (exhaustively)."""
    every = "".join(chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    for char in "abcdefghijklmnopqrstuvwxyz0123456789 -'’":
        matched = set(re.findall(re.escape(char), every, re.IGNORECASE))
        assert {fold(c) for c in matched} == {char}, char
    assert len(fold(every)) == len(every)  # one character for one: a slice of the folded text is the slice folded


def test_first_chars_find_the_same_matches(texts):
    """Every gated lexicon pattern and the speech cues, with the first-character look-ahead: the same matches
    (spans and groups) on the seeds and the tune half; most patterns get the look-ahead."""
    from helpers.extract.quotes.cues import CueLexicon, speech_cues

    patterns = [p for group in _lexicon_patterns().values() for p in group]
    plain = [re.compile(p.pattern.split("(?:", 1)[1][:-1] if p.pattern.startswith("(?=(?i:[") else p.pattern, p.flags)
             for p in patterns] + [CueLexicon.from_table(speech_cues()).pattern]
    faster = [with_first_chars(p) for p in plain]
    assert sum(f is not p for f, p in zip(faster, plain)) > len(plain) * 0.9
    for p, f in zip(plain, faster):
        for text in texts:
            assert [(m.span(), m.groupdict()) for m in p.finditer(text)] == \
                [(m.span(), m.groupdict()) for m in f.finditer(text)], p.pattern[:80]


@pytest.mark.parametrize("pattern, changed", [
    (r"(?:a|)b", True), (r"\w*x", True), (r"(\w)\1", True), (r"(?<!x)\bKILLED", True),
    (r"(?<=a)", False), (r"a?", False),      # can match the empty string: any position may begin a match
    (r".abc", False), (r"[^a]bc", False),    # any character, a negated class: the first characters are unknown
])
def test_first_chars_only_where_it_can_read_them(pattern, changed):
    """The look-ahead is added only where the first characters are known and no match is empty; same matches."""
    compiled = re.compile(pattern, re.IGNORECASE)
    faster = with_first_chars(compiled)
    assert (faster is not compiled) == changed
    sample = "ab b aab xx wx ww killed Killed xkilled, abc zbc 12"
    assert [m.span() for m in faster.finditer(sample)] == [m.span() for m in compiled.finditer(sample)]
