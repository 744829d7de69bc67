"""Tables as readers see them: no index, text escaped, long text clamped, links only to safe addresses,
drawn as interactive tables (search, sort, paging, column visibility) by :mod:`helpers.present.interactive`."""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from urllib.parse import urlparse

import pandas as pd
from pandas.io.formats.style import Styler

from helpers.present.interactive import (
    CLAMP_CHARS,
    Badge,
    code_labels,
    datatable_options,
    datatable_script,
    reader_frame,
    reader_header,
)


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
# A web address: http(s), a host, then no whitespace, backslash or control character. Also used by
# present/provenance.py for the documents' original addresses.
WEB_ADDRESS = re.compile(r"https?://[^\s\\/?#\x00-\x1f\x7f]+(?:[/?#][^\s\\\x00-\x1f\x7f]*)?", re.IGNORECASE)


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
    if WEB_ADDRESS.fullmatch(address):
        host = urlparse(address).netloc
        return f'<a href="{value}" rel="noopener">{html.escape(host)}</a>'
    if ".html#" in address and _RELATIVE.fullmatch(address):
        return f'<a href="{value}">sentence</a>'
    return value


class ShownTable(Styler):
    """A pandas Styler whose plain-text form names the table's size, not an address in memory (the
    executed notebook would otherwise differ from one build to the next), and whose HTML form in a
    notebook carries the script that makes it an interactive table (:mod:`helpers.present.interactive`)."""

    datatable: dict | None = None

    def __repr__(self) -> str:
        rows, columns = self.data.shape
        return f"<table: {rows} rows, {columns} columns>"

    def _repr_html_(self) -> str:
        page = self.to_html()
        if self.datatable is not None:
            page += datatable_script(f"T_{self.uuid}", self.datatable)
        return page


_table_ids: Counter = Counter()


def _table_id(table: pd.DataFrame) -> str:
    """An id for the rendered table derived from its content (pandas would draw a random one), with
    a running number when the same table is shown twice in one notebook, so ids stay unique."""
    digest = hashlib.sha256(table.to_csv().encode("utf-8", "surrogatepass")).hexdigest()[:12]
    _table_ids[digest] += 1
    return f"kz{digest}" + (f"_{_table_ids[digest]}" if _table_ids[digest] > 1 else "")


def _cell(value) -> str:
    """A cell's HTML (its text arrives HTML-escaped already): a badge as a span with its title, a long
    text clamped to a few lines with the full text on hover and on click."""
    if isinstance(value, Badge):
        return value.html()
    text = str(value)
    if len(html.unescape(text)) > CLAMP_CHARS:
        return f'<div class="kz-clamp" title="{text}">{text}</div>'
    return text


def show_table(table: pd.DataFrame, empty: str = "No rows.", max_rows: int = 500, precision: int = 0,
               links: tuple[str, ...] = (), visible: tuple[str, ...] | None = None):
    """Render ``table`` for the book as an interactive table: every cell HTML-escaped (document text
    never runs as markup), codes as their labels, whole numbers without decimals, missing values empty
    (:func:`helpers.present.interactive.reader_frame`).

    Columns named in ``links`` hold addresses, drawn as links. ``visible`` (or the table's
    ``attrs["visible"]``, set by the chapter's table function) names the columns shown first; the others
    are hidden until the reader picks them in "Columns". The columns in ``attrs["raw"]`` keep their codes. At most ``max_rows`` rows are drawn; the full
    table is in the chapter's CSV download.

    >>> show_table(pd.DataFrame({"victim_group": ["security_forces"], "best": [18.0]})).data.values.tolist()
    [['security forces', '18']]
    """
    if table.empty:
        return Message(empty)
    visible = visible if visible is not None else table.attrs.get("visible")
    shown = reader_frame(table.head(max_rows), precision, raw=tuple(table.attrs.get("raw", ())))
    headers = {c: reader_header(c, code_labels(kind="column")) for c in table.columns}
    link_columns = {headers.get(c, c) for c in links}
    styler = ShownTable(shown, uuid=_table_id(shown), cell_ids=False).hide(axis="index")
    styler = styler.format({c: (_link if c in link_columns else _cell) for c in shown.columns}, escape="html")
    styler = styler.format_index(escape="html", axis=1)
    styler = styler.set_table_attributes('class="dataframe kz-table display compact"')
    if len(table) > max_rows:
        styler = styler.set_caption(f"first {max_rows} of {len(table):,} rows; all rows are in the CSV download")
    styler.datatable = datatable_options(list(shown.columns), len(shown),
                                         None if visible is None else [headers.get(c, c) for c in visible])
    return styler
