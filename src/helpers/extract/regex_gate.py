"""A cheap, exact pre-test of a regular expression: the words every match of it must hold.

Most clauses of a news article hold no number, no speech verb and no cue word, yet every pattern of a
lexicon used to be run on every clause. :func:`gate` reads a compiled pattern's own syntax tree
(``re._parser``, the parser ``re.compile`` uses) and derives what any match must contain: a list of
requirements, each a set of strings (folded: see :func:`fold`) of which the matched text holds at
least one, and :data:`DIGIT` for "a digit". A literal run (``killed``), an alternation of literal
words (``(?:foreign|external)``), a character class of a few characters and ``\\d`` each give one;
lookarounds, ``\\b`` and optional parts give none. :meth:`Gate.may_match` tests them on the folded
text of the span a scan would cover: when it says no, the pattern cannot match there, so the scan is
skipped (a speed-up only: it never drops a match, see ``tests/test_regex_gate.py``).

:func:`with_first_chars` is the same pattern with a look-ahead for the characters a match can begin with
in front (``(?=(?i:[...]))``): the same matches, groups and spans, but a position where no match can start
is rejected at once instead of after every optional word and look-behind of the pattern (the casualty
shapes start with an optional qualifier and thirteen look-behinds).

>>> g = gate(re.compile(r"\\b(?:foreign|external)\\s+(?:forces|hand)\\b", re.IGNORECASE))
>>> [sorted(r) for r in g.requirements]
[['external', 'foreign'], ['forces', 'hand']]
>>> g.may_match(fold("External Forces were blamed")), g.may_match(fold("Police detained protesters"))
(True, False)
"""

from __future__ import annotations

import functools
import re
from re import _constants as C  # the parser's opcodes
from re import _parser as sre_parse

from helpers.extract.regex_store import program, store

DIGIT = "\\d"  # the requirement "a digit" (\d: any Unicode decimal digit unless the pattern is ASCII-only)
_DIGIT_RE = re.compile(r"\d")
# re's IGNORECASE equates these with ASCII letters although str.lower() does not: 'İ' (i), 'ı' (i), 'ſ' (s)
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_MAX_CLASS = 16  # a character class of more characters than this requires nothing useful
_MAX_REQUIREMENTS = 4  # the most selective requirements kept per pattern


def fold(text: str) -> str:
    """``text`` lower-cased, with the three letters re's IGNORECASE equates with ASCII ones mapped to them;
    one character for one, so ``fold(text)[a:b] == fold(text[a:b])``."""
    return text.translate(_FOLD).lower()


def _usable(char: str) -> bool:
    """A character a requirement may hold: ASCII, or a character without case (a curly quote, a dash)."""
    return char.isascii() or (char.lower() == char and char.upper() == char)


def _class(items) -> frozenset[str] | None:
    """The characters a character class ``[...]`` matches, folded, or None when too many or unknown."""
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL and _usable(chr(av)):
            out.add(fold(chr(av)))
        elif op is C.RANGE and av[1] - av[0] < _MAX_CLASS and all(_usable(chr(c)) for c in range(av[0], av[1] + 1)):
            out.update(fold(chr(c)) for c in range(av[0], av[1] + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            out.add(DIGIT)
        else:  # NEGATE, another category, a wide range: the class may match almost anything
            return None
    return frozenset(out) if 0 < len(out) <= _MAX_CLASS else None


def _score(requirement: frozenset[str]) -> tuple[int, int]:
    """How selective a requirement is: its shortest string first (a digit counts one), then fewest strings."""
    return min(len(s) for s in requirement), -len(requirement)


def _sequence(items) -> list[frozenset[str]]:
    """The requirements of a sequence of parsed items: each item's, and each run of literal characters."""
    out: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is C.LITERAL and _usable(chr(av)):
            run += fold(chr(av))
            continue
        if run:
            out.append(frozenset({run}))
            run = ""
        out += _item(op, av)
    if run:
        out.append(frozenset({run}))
    return out


def _item(op, av) -> list[frozenset[str]]:
    """The requirements of one parsed item (an empty list: it requires nothing the gate can test)."""
    if op is C.SUBPATTERN:
        return _sequence(av[3])
    if op is C.ATOMIC_GROUP:
        return _sequence(av)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return _sequence(av[2]) if av[0] >= 1 else []
    if op is C.IN:
        chars = _class(av)
        return [chars] if chars else []
    if op is C.CATEGORY and av is C.CATEGORY_DIGIT:
        return [frozenset({DIGIT})]
    if op is C.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            needs = _sequence(alternative)
            if not needs:
                return []  # one alternative requires nothing: neither does the alternation
            union |= max(needs, key=_score)
        return [frozenset(union)]
    return []  # lookarounds, anchors, \b, '.', other categories, back-references: nothing required


class Gate:
    """What every match of one pattern holds; :meth:`may_match` is False only where it cannot match."""

    def __init__(self, requirements: tuple[frozenset[str], ...]):
        self.requirements = requirements
        self._plain = tuple(tuple(sorted(r - {DIGIT})) for r in requirements)
        self._digit = tuple(DIGIT in r for r in requirements)

    def may_match(self, folded: str) -> bool:
        """Whether the pattern may match within the text whose :func:`fold` is ``folded`` (the span a scan covers)."""
        for words, digit in zip(self._plain, self._digit):
            if not any(w in folded for w in words) and not (digit and _DIGIT_RE.search(folded)):
                return False
        return True


def _requirements(pattern: str, flags: int) -> list[list[str]]:
    """The most selective requirements of the pattern (each sorted: a value the regex store can keep)."""
    needs = _sequence(sre_parse.parse(pattern, flags))
    unique = sorted(set(needs), key=lambda r: (_score(r), sorted(r)), reverse=True)
    return [sorted(r) for r in unique[:_MAX_REQUIREMENTS]]


@functools.lru_cache(maxsize=4096)
def gate(pattern: re.Pattern) -> Gate:
    """The :class:`Gate` of a compiled ``pattern`` (derived once per pattern per machine: :mod:`regex_store`)."""
    found = store().derived("gate", pattern.pattern, pattern.flags, _requirements)
    return Gate(tuple(frozenset(r) for r in found))


_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
               C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}


class _Unknown(Exception):
    """An item whose first character the look-ahead cannot state (any character, a back-reference)."""


def _first_class(items) -> list[str]:
    out = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is C.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is C.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:  # NEGATE and the rest
            raise _Unknown
    return out


def _first(items) -> tuple[set[str], bool]:
    """The class pieces a match of the sequence ``items`` can begin with, and whether it can match empty."""
    out: set[str] = set()
    for op, av in items:
        chars, empty = _first_item(op, av)
        out |= chars
        if not empty:
            return out, False
    return out, True


def _first_item(op, av) -> tuple[set[str], bool]:
    if op is C.LITERAL:
        return {re.escape(chr(av))}, False
    if op is C.IN:
        return set(_first_class(av)), False
    if op is C.CATEGORY and av in _CATEGORIES:
        return {_CATEGORIES[av]}, False
    if op is C.SUBPATTERN:
        return _first(av[3])
    if op is C.ATOMIC_GROUP:
        return _first(av)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        chars, empty = _first(av[2])
        return chars, empty or av[0] == 0
    if op is C.BRANCH:
        out, empty = set(), False
        for alternative in av[1]:
            chars, can = _first(alternative)
            out, empty = out | chars, empty or can
        return out, empty
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero-width: consumes nothing, the next item begins the match
        return set(), True
    raise _Unknown


@functools.lru_cache(maxsize=4096)
def with_first_chars(pattern: re.Pattern) -> re.Pattern:
    r"""``pattern`` with a look-ahead for the characters its matches can begin with (case-insensitive, so a
    superset), or ``pattern`` itself when that set is unknown or the pattern can match the empty string.

    >>> p = with_first_chars(re.compile(r"(?<!no\s)\b(?:\d+|several)\s+killed", re.IGNORECASE))
    >>> p.pattern[:14], [m.group(0) for m in p.finditer("Several killed; 12 killed")]
    ('(?=(?i:[\\ds]))', ['Several killed', '12 killed'])
    """
    return store().compiled("prefixed", pattern.pattern, pattern.flags, _prefixed) or pattern


def _prefixed(pattern: str, flags: int) -> dict | None:
    """The program of ``pattern`` behind its first-character look-ahead, or None when there is none to add."""
    try:
        chars, empty = _first(sre_parse.parse(pattern, flags))
    except _Unknown:
        return None
    if empty or not chars:
        return None
    try:
        return program(f"(?=(?i:[{''.join(sorted(chars))}]))(?:{pattern})", flags)
    except re.error:  # global inline flags, verbose comments: keep the pattern as it is
        return None


def _fast(pattern: str, flags: int) -> dict:
    return _prefixed(pattern, flags) or program(pattern, flags)


@functools.lru_cache(maxsize=256)
def fast_compile(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)`` with :func:`with_first_chars`: the same matches, found faster (the pattern
    compiled once, behind its look-ahead, not twice; kept per machine by :mod:`regex_store`)."""
    return store().compiled("fast", pattern, flags, _fast)
