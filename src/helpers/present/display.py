"""Tables as readers see them: no index, text escaped, long quotes wrapped."""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from urllib.parse import urlparse

import pandas as pd
from pandas.io.formats.style import Styler


class Message:
    """A one-line HTML note shown in place of an empty table."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str:
        return f'<p class="empty-table"><em>{html.escape(self.text)}</em></p>'

    def __repr__(self) -> str:
        return self.text


# A relative address: no scheme (nothing like "javascript:" before the first "/", "?" or "#"), not
# "//host" (another host), no backslash, whitespace or control character (browsers drop some of
# them, so "java\tscript:" would be a scheme again).
_RELATIVE = re.compile(r"(?![/\\])[^:/?#\s\\\x00-\x1f\x7f]*(?:[/?#][^\s\\\x00-\x1f\x7f]*)?")
_WEB = re.compile(r"https?://[^\s\\/?#\x00-\x1f\x7f]+(?:[/?#][^\s\\\x00-\x1f\x7f]*)?", re.IGNORECASE)


def _link(value: str) -> str:
    """An escaped address as a link (the value arrives HTML-escaped already): a web address
    (``http``/``https``) shows its host; a relative link into the documents appendix
    (``documents.html#...``) shows "sentence". Anything else (``javascript:``, ``data:``, ``//host``)
    stays text.

    >>> _link("documents.html#doc-000-s3")
    '<a href="documents.html#doc-000-s3">sentence</a>'
    >>> _link("javascript:alert(1)//documents.html#x")
    'javascript:alert(1)//documents.html#x'
    """
    address = html.unescape(value)
    if _WEB.fullmatch(address):
        host = urlparse(address).netloc
        return f'<a href="{value}" rel="noopener">{html.escape(host)}</a>'
    if ".html#" in address and _RELATIVE.fullmatch(address):
        return f'<a href="{value}">sentence</a>'
    return value


class ShownTable(Styler):
    """A pandas Styler whose plain-text form names the table's size, not an address in memory (the
    executed notebook would otherwise differ from one build to the next)."""

    def __repr__(self) -> str:
        rows, columns = self.data.shape
        return f"<table: {rows} rows, {columns} columns>"


_table_ids: Counter = Counter()


def _table_id(table: pd.DataFrame) -> str:
    """An id for the rendered table derived from its content (pandas would draw a random one), with
    a running number when the same table is shown twice in one notebook, so ids stay unique."""
    digest = hashlib.sha256(table.to_csv().encode("utf-8", "surrogatepass")).hexdigest()[:12]
    _table_ids[digest] += 1
    return f"kz{digest}" + (f"_{_table_ids[digest]}" if _table_ids[digest] > 1 else "")


def show_table(table: pd.DataFrame, empty: str = "No rows.", max_rows: int = 500, precision: int = 0,
               links: tuple[str, ...] = ()):
    """Render ``table`` for the book: every cell HTML-escaped (document text never runs as markup).

    Columns named in ``links`` hold addresses, drawn as links. At most ``max_rows`` rows are drawn;
    the full table is in the chapter's CSV download.
    """
    if table.empty:
        return Message(empty)
    shown = table.head(max_rows)
    styler = ShownTable(shown, uuid=_table_id(shown)).hide(axis="index").format(precision=precision, escape="html", na_rep="–")
    if links:
        styler = styler.format({c: _link for c in links}, escape="html")
    styler = styler.set_table_attributes('class="dataframe kz-table"')
    if len(table) > max_rows:
        styler = styler.set_caption(f"first {max_rows} of {len(table):,} rows; all rows are in the CSV download")
    return styler
