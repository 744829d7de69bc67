"""The text a statement is read from: paragraphs, quotation marks, sentences that never cut a quotation,
and the trimming of a phrase to its words (the quotes extractor's own segmentation, no language model)."""

from __future__ import annotations

import re

LEADING = {"and", "but", "while", "meanwhile", "thus", "also", "however", "so", "then", "as", "when", "after",
           "before", "with", "by", "for", "yesterday", "separately"}
AUX = {"has", "have", "had", "also", "then", "later", "further", "again", "did", "does", "do", "reportedly"}
SENTENCE_END = re.compile(r"[.!?…][”\"’)]*(?=\s+[“\"‘(]?[A-Z0-9])")
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "prof", "no",
                 # month abbreviations of wire datelines ("on the night of Jan. 5, saying ...")
                 "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec"}


def paragraphs(text: str, boilerplate: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-empty lines of ``text`` that no boilerplate span touches, as (start, end) offsets.

    >>> text = "Please enter your comment!\\nPlease enter your name here"  # seed 003's comment form
    >>> paragraphs(text, [(0, 26)])
    [(27, 54)]
    """
    out, position = [], 0
    for line in text.split("\n"):
        start, end = position, position + len(line)
        position = end + 1
        if line.strip() and not any(s < end and start < e for s, e in boilerplate):
            out.append((start, end))
    return out


def quotation_spans(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Quotations in ``text[start:end]``: (open mark, end after the closing mark, opened).

    Curly marks pair as written; a straight mark opens after a space and closes before one. A closing
    mark with no opening one ('... in Serbia,” Vucic said') gives ``opened = False`` and starts at the
    paragraph start (the caller narrows it); a mark left open runs to the paragraph end.

    >>> line = 'had foreign support," Lebedev said. "These provocateurs, guides, and sponsors".'  # seed 002
    >>> quotation_spans(line, 0, len(line))
    [(0, 21, False), (36, 78, True)]
    """
    spans: list[tuple[int, int, bool]] = []
    pending: int | None = None
    for m in re.finditer(r"[“”\"]", text[start:end]):
        i = start + m.start()
        mark = m.group(0)
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if mark == "“":
            kind = "open"
        elif mark == "”":
            kind = "close"
        elif (before.isspace() or before in "([—–-") and not after.isspace():
            kind = "open"
        elif after.isspace() or after in ".,;:!?)":
            kind = "close"
        else:
            kind = "close" if pending is not None else "open"
        if kind == "open":
            pending = i
        elif pending is not None:
            spans.append((pending, i + 1, True))
            pending = None
        else:
            spans.append((start, i + 1, False))
    if pending is not None:
        spans.append((pending, end, True))
    return spans


def inside_quotation(position: int, spans) -> bool:
    """Whether ``position`` is inside a quotation (one whose opening mark is in the text)."""
    return any(s < position < e - 1 for s, e, *rest in spans if not rest or rest[0])


def sentence_spans(text: str, start: int, end: int, quotes: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """Sentences of a paragraph, never cut inside a quotation.

    >>> line = ('As the expert stressed, “it is impossible to believe that the Kazakh protests erupted '
    ...         'spontaneously.” “Otherwise, why have they been supporting thousands of non-governmental '
    ...         'organizations,” he said.')  # seed 001
    >>> sentence_spans(line, 0, len(line), quotation_spans(line, 0, len(line)))
    [(0, 101), (102, 198)]
    """
    cuts = [start]
    for m in SENTENCE_END.finditer(text, start, end):
        word = re.search(r"(\w+)[.!?…]$", text[cuts[-1]:m.start() + 1])
        if word and (word.group(1).lower() in ABBREVIATIONS or (len(word.group(1)) == 1 and word.group(1).isupper())):
            continue
        if inside_quotation(m.end(), quotes):  # after the closing mark, if any: '... spontaneously.” “Otherwise'
            continue
        cuts.append(m.end())
    spans = []
    for a, b in zip(cuts, cuts[1:] + [end]):
        a += len(text[a:b]) - len(text[a:b].lstrip())
        if a < b:
            spans.append((a, b))
    return spans


def strip_phrase(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim spaces, punctuation, leading conjunctions/adverbs and trailing auxiliaries from text[a:b]."""
    while True:
        m = re.match(r"[\s,;:—–\-(\[]*(?:(\w+)\b[\s,]*)?", text[a:b])
        word = m.group(1) if m else None
        if word and word.lower() in LEADING:
            a += m.end()
            continue
        a += len(text[a:b]) - len(text[a:b].lstrip(" \u00a0,;:—–-([\n"))
        break
    while True:
        piece = text[a:b].rstrip(" \u00a0,;:—–-)]\n")
        b = a + len(piece)
        m = re.search(r"(?:^|\s)(\w+)$", piece)
        if m and m.group(1).lower() in AUX:
            b = a + m.start(1)
            continue
        break
    return a, max(a, b)


def after_last_comma(text: str, a: int, b: int, quotes) -> int:
    last = a
    for m in re.finditer(r"[,;—–]|\s-\s", text[a:b]):
        if not inside_quotation(a + m.start(), quotes):
            last = a + m.end()
    return last

