"""Provenance a click away: each document rendered with anchored sentences, and links to them.

The appendix page ``chapters/documents`` shows the text of each document exactly as analysed, every
sentence wrapped in an anchor ``#s-<slug>-<start>`` (start = the sentence's character offset; the slug
is unique per file name, see :func:`slug`), and
boilerplate greyed. Chapters link each row to the sentence that holds it with :func:`sentence_links`.
All document text is HTML-escaped: a document holding ``<script>`` shows it as text and runs nothing.
"""

from __future__ import annotations

import hashlib
import html
import re

import pandas as pd

from helpers.extract.text import SentenceIndex

PAGE = "documents.html"
# The appendix renders at most this many documents (by name); a larger corpus links the rest to
# its text file in the data download instead, so the page stays a readable size.
RENDER_LIMIT = 200


NAME_HASH_CHARS = 10


def slug(doc: str) -> str:
    """A document name made safe for an HTML id, and unique to the exact name.

    The readable part keeps ``[A-Za-z0-9_-]`` and turns every other character into ``-``, so
    ``Алматы.txt`` and ``Астана.txt`` (or ``a b.txt`` and ``a-b.txt``) would share it; the first ten
    hex digits of the sha256 of the exact name (UTF-8) tell them apart, the same in every build.

    >>> slug("000_271d7d01dcf743bd.txt")
    '000_271d7d01dcf743bd-txt-d249dc9d89'
    >>> slug("a b.txt") != slug("a-b.txt")
    True
    """
    digest = hashlib.sha256(doc.encode("utf-8", "surrogateescape")).hexdigest()[:NAME_HASH_CHARS]
    return f"{re.sub(r'[^A-Za-z0-9_-]', '-', doc)}-{digest}"


def anchor(doc: str, start: int) -> str:
    """The id of the sentence of ``doc`` that starts at character ``start``: ``s-<slug>-<start>``."""
    return f"s-{slug(doc)}-{int(start)}"


def rendered_docs(documents: pd.DataFrame, limit: int = RENDER_LIMIT) -> list[str]:
    """The documents the appendix shows: the first ``limit`` analysed documents by name."""
    return sorted(documents.loc[documents["status"] == "ok", "doc"])[:limit]


def sentence_links(rows: pd.DataFrame, sentences: pd.DataFrame, documents: pd.DataFrame) -> pd.Series:
    """For each row (doc, start), the link to the sentence holding its start in the appendix.

    >>> # a casualty claim in seed 001 links to "documents.html#s-001_c6950bd78c059d3e-txt-<sentence start>"
    """
    shown = set(rendered_docs(documents))
    index = SentenceIndex.by_doc(sentences)
    out = pd.Series("", index=rows.index, dtype=object)
    for doc, part in rows.groupby("doc"):
        if doc not in shown or doc not in index:
            continue
        for idx, start in zip(part.index, index[doc].starts_before(part["start"].to_numpy())):
            if start >= 0:
                out[idx] = f"{PAGE}#{anchor(doc, int(start))}"
    return out


def document_html(doc: str, text: str, sentences: pd.DataFrame) -> str:
    """The text of one document as HTML: sentences anchored, boilerplate greyed, everything escaped."""
    spans = sentences[sentences["doc"] == doc].sort_values("start")
    parts, pos = [], 0
    for row in spans.itertuples():
        if row.start < pos:
            continue
        parts.append(html.escape(text[pos:row.start]))
        css = "kz-boilerplate" if row.in_boilerplate else "kz-sentence"
        parts.append(f'<span id="{anchor(doc, row.start)}" class="{css}">{html.escape(text[row.start:row.end])}</span>')
        pos = row.end
    parts.append(html.escape(text[pos:]))
    return f'<pre class="kz-document" id="doc-{slug(doc)}">{"".join(parts)}</pre>'


def documents_html(documents: pd.DataFrame, texts: dict[str, str], sentences: pd.DataFrame,
                   limit: int = RENDER_LIMIT) -> str:
    """The whole appendix body: for each shown document, its metadata and its anchored text."""
    meta = documents.set_index("doc")
    blocks = []
    for doc in rendered_docs(documents, limit):
        m = meta.loc[doc]
        facts = " · ".join(html.escape(str(v)) for v in (m["outlet"], m["published"], m["outlet_affiliation"]))
        blocks.append(
            f'<section class="kz-doc"><h3 id="{slug(doc)}">{html.escape(doc)}</h3>'
            f'<p class="kz-doc-meta"><strong>{html.escape(str(m["title"]))}</strong><br>{facts}</p>'
            f"{document_html(doc, texts[doc], sentences)}</section>"
        )
    return "\n".join(blocks)


class HTML:
    """Minimal HTML output object (what ``IPython.display.HTML`` does, without importing IPython here)."""

    def __init__(self, body: str):
        self.body = body

    def _repr_html_(self) -> str:
        return self.body

    def __repr__(self) -> str:  # no memory address in the executed notebook (determinism)
        return f"<HTML: {len(self.body)} characters>"
