"""Marks the interference extractor reads before coding a claim: addresses (masked), headlines (the outlet's
own voice) and quotations (where a quoted claim starts and stops)."""

from __future__ import annotations

import re

MIN_WORDS = 4  # a sentence part shorter than this is a label ("Foreign Interference"), not a statement
URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
OPEN_QUOTES, CLOSE_QUOTES, BOTH_QUOTES = "“", "”", '"'


def mask_urls(text: str) -> str:
    """``text`` with every address blanked out (same length, so offsets still hold).

    >>> masked = mask_urls("Belgrade (https://www.reddit.com/r/N_N_N/foreign_spy_agencies/) said:")
    >>> masked.split(), len(masked)
    (['Belgrade', '(', 'said:'], 69)
    """
    return URL_RE.sub(lambda m: " " * len(m.group(0)), text)


def is_headline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a headline: a whole line of four or more words, most of its
    longer words capitalised, no sentence-final punctuation.

    >>> line = "Riot, Arson, Killings In Kazakhstan: Foreign Spy Agencies Behind, Claims Serbian President"
    >>> is_headline(line, 0, len(line))
    True
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:line_end].strip() != text[start:end].strip():
        return False
    part = text[start:end].strip()
    if not part or part[-1] in ".!?”\"’":
        return False
    words = re.findall(r"[A-Za-z][\w’'-]*", part)
    long_words = [w for w in words if len(w) >= 4]
    if len(words) < MIN_WORDS or not long_words:
        return False
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6


def is_question_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a question standing alone on its line, as the subheadings of a Q&A
    ("How many foreigners were detained?"): it asks, it claims nothing.

    >>> s = "Has any evidence been shown?" + chr(10) + "Not in public."
    >>> is_question_line(s, 0, 28), is_question_line(s, 29, len(s))
    (True, False)
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].strip()
    return bool(line) and line == text[start:end].strip() and line.endswith("?")


def _quote_kind(text: str, i: int) -> str:
    """'open' or 'close' for the quotation mark at ``text[i]``."""
    ch = text[i]
    if ch in OPEN_QUOTES:
        return "open"
    if ch in CLOSE_QUOTES:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return "open" if (before.isspace() or before in "([—–-") and not after.isspace() else "close"


def quotations(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The quotations in ``text[a:b]`` as (first character, closing mark) pairs; a quotation opened
    before the part or closed after it runs to the part's edge.

    >>> s = 'Tokayev stated that “terrorist groups which received extensive training abroad” have attacked'
    >>> [s[o:c] for o, c in quotations(s, 0, len(s))]
    ['terrorist groups which received extensive training abroad']
    """
    pairs, opened = [], None
    for i in range(a, b):
        if text[i] not in OPEN_QUOTES + CLOSE_QUOTES + BOTH_QUOTES:
            continue
        if _quote_kind(text, i) == "open":
            if opened is None:
                opened = i + 1
        else:
            pairs.append((a if opened is None else opened, i))
            opened = None
    if opened is not None:
        pairs.append((opened, b))
    return pairs
