"""Tables as readers see them: no index, text escaped, long quotes wrapped."""

from __future__ import annotations

import html
from urllib.parse import urlparse

import pandas as pd


class Message:
    """A one-line HTML note shown in place of an empty table."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str:
        return f'<p class="empty-table"><em>{html.escape(self.text)}</em></p>'

    def __repr__(self) -> str:
        return self.text


def _link(value: str) -> str:
    """An escaped address as a link (the value arrives HTML-escaped already): a web address shows its
    host; a link into the documents appendix (``documents.html#...``) shows "sentence"."""
    if value.startswith(("http://", "https://")):
        host = urlparse(html.unescape(value)).netloc
        return f'<a href="{value}" rel="noopener">{html.escape(host)}</a>'
    if ".html#" in value:
        return f'<a href="{value}">sentence</a>'
    return value


def show_table(table: pd.DataFrame, empty: str = "No rows.", max_rows: int = 500, precision: int = 0,
               links: tuple[str, ...] = ()):
    """Render ``table`` for the book: every cell HTML-escaped (document text never runs as markup).

    Columns named in ``links`` hold addresses, drawn as links. At most ``max_rows`` rows are drawn;
    the full table is in the chapter's CSV download.
    """
    if table.empty:
        return Message(empty)
    shown = table.head(max_rows)
    styler = shown.style.hide(axis="index").format(precision=precision, escape="html", na_rep="–")
    if links:
        styler = styler.format({c: _link for c in links}, escape="html")
    styler = styler.set_table_attributes('class="dataframe kz-table"')
    if len(table) > max_rows:
        styler = styler.set_caption(f"first {max_rows} of {len(table):,} rows; all rows are in the CSV download")
    return styler
