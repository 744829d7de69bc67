"""Provenance a click away: each document rendered with anchored sentences, and links to them.

The appendix page ``chapters/documents`` shows the text of each document exactly as analysed, every
sentence wrapped in an anchor ``#s-<slug>-<start>`` (start = the sentence's character offset; the slug
is unique per file name, see :func:`slug`), and boilerplate greyed. Each document is headed by its
headline, outlet, date, original address and access date (from ``sources.csv``; "not given" where it
says nothing), the spans the extractors coded are highlighted (:data:`HIGHLIGHTS`), and each sentence
that a chapter's table cites links back to that table (:data:`CITED_IN`). Chapters link each row to
the sentence that holds it with :func:`sentence_links`. All document text is HTML-escaped: a document
holding ``<script>`` shows it as text and runs nothing.
"""

from __future__ import annotations

import functools
import hashlib
import html
import itertools
import re
from urllib.parse import urlparse

import numpy as np
import pandas as pd

from helpers.extract.text import SentenceIndex
from helpers.present.display import WEB_ADDRESS

PAGE = "documents.html"
# The appendix renders at most this many documents (by name); a larger corpus links the rest to
# its text file in the data download instead, so the page stays a readable size.
RENDER_LIMIT = 200
NAME_HASH_CHARS = 10
NOT_GIVEN = "not given"
UNKNOWN = "unknown"  # what the corpus reader writes for a value sources.csv does not give

# extracted table -> (css class, what the legend calls it): the spans highlighted in the text
HIGHLIGHTS = {
    "casualties": ("kz-k-cas", "casualty figure"),
    "claims": ("kz-k-claim", "claim of foreign interference"),
    "places": ("kz-k-place", "place"),
    "actors": ("kz-k-actor", "actor"),
    "dates": ("kz-k-date", "date"),
}
# extracted table -> (what the link says, the chapter page and section whose rows link to the sentence);
# the actors' mentions are left out: their table counts mentions per actor and links no sentence
CITED_IN = {
    "casualties": ("casualties", "casualties.html#kz-casualties"),
    "claims": ("claims", "foreign_interference.html#kz-claims"),
    "quotes": ("statements", "actors.html#kz-statements"),
    "places": ("places", "geography.html#kz-places"),
    "dates": ("dates", "timeline.html#kz-dates"),
}
STYLE = (
    "<style>"
    ".kz-doc-contents li{margin:.2em 0}"
    "mark.kz-k-place,mark.kz-k-actor,mark.kz-k-date{background:none;color:inherit;padding:0}"
    "mark.kz-k-cas{background:#fdd9b5;color:inherit;padding:0}"
    "mark.kz-k-claim{background:#e3dcf5;color:inherit;padding:0}"
    "mark.kz-k-cas.kz-k-claim{background:#f3c9c9}"
    "mark.kz-k-place{text-decoration:underline 2px #1f6fb4}"
    "mark.kz-k-actor{border-bottom:2px dotted #2b7a3d}"
    "mark.kz-k-date{font-weight:bold}"
    ".kz-cited{font:.75em sans-serif;color:#555;user-select:none;white-space:nowrap}"
    ".kz-cited a{margin-left:.3em}"
    "</style>"
)


@functools.lru_cache(maxsize=4096)
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

    Only the rows and sentences of the documents the appendix shows are looked at, so the cost does
    not grow with the corpus beyond one pass over the ``doc`` column.

    >>> # a casualty claim in seed 001 links to "documents.html#s-001_c6950bd78c059d3e-txt-<sentence start>"
    """
    shown = set(rendered_docs(documents))
    out = np.full(len(rows), "", dtype=object)
    docs = rows["doc"].to_numpy()
    wanted = np.flatnonzero(rows["doc"].isin(shown).to_numpy())
    if len(wanted):
        index = SentenceIndex.by_doc(sentences[sentences["doc"].isin(shown)])
        starts = rows["start"].to_numpy()
        positions: dict[str, list[int]] = {}
        for pos in wanted.tolist():
            positions.setdefault(docs[pos], []).append(pos)
        for doc, found in positions.items():
            if doc not in index:
                continue
            prefix = f"{PAGE}#s-{slug(doc)}-"  # anchor(doc, start) without the slug's hash per row
            for pos, start in zip(found, index[doc].starts_before(starts[found]).tolist()):
                if start >= 0:
                    out[pos] = f"{prefix}{int(start)}"
    return pd.Series(out, index=rows.index, dtype=object)


def given(value) -> str:
    """A metadata value as a reader sees it: the value, or "not given" where sources.csv has none.

    >>> given("Sputnik International"), given("unknown"), given(float("nan"))
    ('Sputnik International', 'not given', 'not given')
    """
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()
    return NOT_GIVEN if text in ("", UNKNOWN) else text


def web_link(url, label: str | None = None) -> str:
    """An ``http(s)`` address as an escaped link showing its host (or ``label``); anything else as text.

    >>> web_link("https://sputniknews.com/20220108/x.html")
    '<a href="https://sputniknews.com/20220108/x.html" rel="noopener">sputniknews.com</a>'
    >>> web_link("javascript:alert(1)"), web_link("unknown")
    ('javascript:alert(1)', 'not given')
    """
    address = given(url)
    if not WEB_ADDRESS.fullmatch(address):
        return html.escape(address)
    shown = label if label is not None else urlparse(address).netloc
    return f'<a href="{html.escape(address)}" rel="noopener">{html.escape(shown)}</a>'


def day(value) -> str:
    """``2022-01-06`` as "6 January 2022"; anything that is not a date as :func:`given` shows it.

    >>> day("2022-01-06"), day("unknown")
    ('6 January 2022', 'not given')
    """
    stamp = pd.to_datetime(given(value), format="%Y-%m-%d", errors="coerce")
    return given(value) if pd.isna(stamp) else f"{stamp.day} {stamp:%B %Y}"


def dated(what: str, value) -> str:
    """``"published 6 January 2022"``, or ``"publication date not given"`` when sources.csv has none.

    >>> dated("accessed", "2026-11-22"), dated("accessed", "")
    ('accessed 22 November 2026', 'access date not given')
    """
    shown = day(value)
    if shown != NOT_GIVEN:
        return f"{what} {shown}"
    return {"published": "publication date", "accessed": "access date"}.get(what, what) + " not given"


def coded_spans(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The spans to highlight: ``doc``, ``start``, ``end``, ``css`` of every row of the tables in :data:`HIGHLIGHTS`.

    >>> coded_spans({"places": pd.DataFrame({"doc": ["a.txt"], "start": [3], "end": [9]})}).values.tolist()
    [['a.txt', 3, 9, 'kz-k-place']]
    """
    parts = [frame[["doc", "start", "end"]].assign(css=HIGHLIGHTS[name][0])
             for name, frame in frames.items() if name in HIGHLIGHTS and len(frame)]
    if not parts:
        return pd.DataFrame({"doc": pd.Series(dtype=str), "start": pd.Series(dtype="int64"),
                             "end": pd.Series(dtype="int64"), "css": pd.Series(dtype=str)})
    return pd.concat(parts, ignore_index=True).astype({"start": "int64", "end": "int64"})


def citations(frames: dict[str, pd.DataFrame], sentences: pd.DataFrame) -> pd.DataFrame:
    """Which tables cite each sentence: ``doc``, ``sentence`` (its start), ``table``, ``rows``, for the
    tables in :data:`CITED_IN` (a row cites the sentence that holds its start).

    >>> # seed 001's "At least 18 security officers were killed by the rioters." is cited by casualties
    """
    index = SentenceIndex.by_doc(sentences)
    docs, starts, tables = [], [], []
    for name, frame in frames.items():
        if name not in CITED_IN or frame.empty:
            continue
        for doc, part in frame.groupby("doc"):
            if doc in index:
                found = index[doc].starts_before(part["start"].to_numpy())
                found = found[found >= 0]
                docs.append(np.full(len(found), doc, dtype=object))
                starts.append(found)
                tables.append(np.full(len(found), name, dtype=object))
    if not docs:
        return pd.DataFrame(columns=["doc", "sentence", "table", "rows"])
    cited = pd.DataFrame({"doc": np.concatenate(docs), "sentence": np.concatenate(starts),
                          "table": np.concatenate(tables)})
    return cited.groupby(["doc", "sentence", "table"], sort=True).size().rename("rows").reset_index()


def _marked(text: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> str:
    """``text[start:end]`` escaped, each stretch inside coded spans in a ``<mark>`` with their classes."""
    inside = [(max(s, start), min(e, end), css) for s, e, css in spans if s < end and e > start]
    if not inside:
        return html.escape(text[start:end])
    cuts = sorted({start, end, *(s for s, _, _ in inside), *(e for _, e, _ in inside)})
    out = []
    for a, b in itertools.pairwise(cuts):
        classes = sorted({css for s, e, css in inside if s <= a and e >= b})
        piece = html.escape(text[a:b])
        out.append(f'<mark class="{" ".join(classes)}">{piece}</mark>' if classes else piece)
    return "".join(out)


def _cited_html(cited: list[tuple[str, int]]) -> str:
    links = [f'<a href="{CITED_IN[t][1]}">{CITED_IN[t][0]}{f" ({n})" if n > 1 else ""}</a>' for t, n in cited]
    return f'<span class="kz-cited"> ↩{"".join(links)}</span>'


def document_html(doc: str, text: str, sentences: pd.DataFrame, spans: pd.DataFrame | None = None,
                  cited: pd.DataFrame | None = None) -> str:
    """The text of one document as HTML: sentences anchored, boilerplate greyed, ``spans`` (doc, start,
    end, css) highlighted, each sentence in ``cited`` (:func:`citations`) followed by links to the
    tables that cite it, everything escaped."""
    rows = sentences[sentences["doc"] == doc].sort_values("start")
    mine = [] if spans is None else [(int(s), int(e), c) for s, e, c in
                                     spans.loc[spans["doc"] == doc, ["start", "end", "css"]].itertuples(index=False)]
    by_sentence: dict[int, list[tuple[str, int]]] = {}
    if cited is not None:
        mine_cited = cited[cited["doc"] == doc]
        for start, table, n in zip(mine_cited["sentence"].tolist(), mine_cited["table"], mine_cited["rows"].tolist()):
            by_sentence.setdefault(start, []).append((table, n))
    parts, pos = [], 0
    for row in rows.itertuples():
        if row.start < pos:
            continue
        parts.append(html.escape(text[pos:row.start]))
        css = "kz-boilerplate" if row.in_boilerplate else "kz-sentence"
        body = html.escape(text[row.start:row.end]) if row.in_boilerplate else _marked(text, row.start, row.end, mine)
        parts.append(f'<span id="{anchor(doc, row.start)}" class="{css}">{body}</span>')
        if row.start in by_sentence:
            parts.append(_cited_html(by_sentence[row.start]))
        pos = row.end
    parts.append(html.escape(text[pos:]))
    return f'<pre class="kz-document" id="doc-{slug(doc)}">{"".join(parts)}</pre>'


def headline(meta: pd.Series) -> str:
    """The heading of a document: its headline from sources.csv, or "Headline not given"."""
    title = given(meta.get("title"))
    return "Headline not given" if title == NOT_GIVEN else title


def document_meta(meta: pd.Series) -> str:
    """The line under a document's heading: outlet, date, original address, access date, ownership, file."""
    facts = [
        f"<strong>{html.escape(given(meta.get('outlet')))}</strong>",
        html.escape(dated("published", meta.get("published"))),
        f"original address: {web_link(meta.get('url'))}",
        html.escape(dated("accessed", meta.get("accessed"))),
        f"ownership: {html.escape(given(meta.get('outlet_affiliation')))}",
        f"file <code>{html.escape(str(meta.name))}</code>",
    ]
    return " · ".join(facts)


def contents_html(documents: pd.DataFrame, limit: int = RENDER_LIMIT) -> str:
    """The list at the top of the appendix: one link per shown document, headline, outlet and date."""
    meta = documents.set_index("doc")
    items = [f'<li><a href="#{slug(doc)}">{html.escape(headline(meta.loc[doc]))}</a> '
             f'({html.escape(given(meta.loc[doc].get("outlet")))}, {html.escape(day(meta.loc[doc].get("published")))})</li>'
             for doc in rendered_docs(documents, limit)]
    return f'<nav class="kz-doc-contents"><ol>{"".join(items)}</ol></nav>' if items else ""


def legend_html() -> str:
    """What the highlights and the back-links mean."""
    keys = " ".join(f'<mark class="{css}">{html.escape(label)}</mark>' for css, label in HIGHLIGHTS.values())
    return (f'<p class="kz-doc-legend"><span>Highlighted: {keys}.</span> After a sentence, '
            '<span class="kz-cited">↩ casualties</span> links to the table of a chapter that cites it.</p>')


def documents_html(documents: pd.DataFrame, texts: dict[str, str], sentences: pd.DataFrame,
                   limit: int = RENDER_LIMIT, frames: dict[str, pd.DataFrame] | None = None) -> str:
    """The whole appendix body: a contents list, then for each shown document its heading (headline),
    its metadata and its anchored text; ``frames`` (the extracted tables by name) give the highlights
    and the back-links."""
    meta = documents.set_index("doc")
    shown = rendered_docs(documents, limit)
    # only the shown documents' rows are looked at, each document's once (not a scan of the corpus per document)
    sentences = sentences[sentences["doc"].isin(shown)]
    frames = {name: frame[frame["doc"].isin(shown)] if "doc" in frame.columns else frame
              for name, frame in (frames or {}).items()}
    spans, cited = coded_spans(frames), citations(frames, sentences)
    by_doc = {name: dict(list(frame.groupby("doc", sort=False)))
              for name, frame in (("sentences", sentences), ("spans", spans), ("cited", cited))}
    blocks = [STYLE, contents_html(documents, limit), legend_html() if frames else ""]
    for doc in shown:
        m = meta.loc[doc]
        mine = {name: parts.get(doc, frame.iloc[:0]) for (name, parts), frame
                in zip(by_doc.items(), (sentences, spans, cited))}
        blocks.append(
            f'<section class="kz-doc"><h3 id="{slug(doc)}" data-doc="{html.escape(doc)}">{html.escape(headline(m))}</h3>'
            f'<p class="kz-doc-meta">{document_meta(m)}</p>'
            f"{document_html(doc, texts[doc], mine['sentences'], mine['spans'], mine['cited'])}</section>"
        )
    return "\n".join(b for b in blocks if b)


class HTML:
    """Minimal HTML output object (what ``IPython.display.HTML`` does, without importing IPython here)."""

    def __init__(self, body: str):
        self.body = body

    def _repr_html_(self) -> str:
        return self.body

    def __repr__(self) -> str:
        """A string literal (glued values are read back with ``ast.literal_eval``) and no memory address
        (the executed notebook stays the same from build to build)."""
        return repr(f"HTML, {len(self.body)} characters")
