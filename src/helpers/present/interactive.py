"""Interactive tables with no network: the DataTables bundle of itables served from ``_static``, and the
cell values a reader sees (plain-English labels for codes, whole numbers without decimals, nothing for
a missing value).

The itables wheel ships DataTables (with its Buttons, column visibility and Select extensions) as one
ES module, ``itables/html/dt_bundle.js``. :func:`datatables_bundle` rewrites it as one classic
script, ``_static/itables-bundle.js``, that sets ``window.kzDataTables`` (a module script cannot be
loaded from a page opened as a file, and Jupyter Book adds every ``_static/*.js`` to each page as a
classic script). Each table is the HTML table pandas renders (escaped by :mod:`helpers.present.display`),
which :func:`datatable_script` turns into an itables ``ITable``: search, sort, paging, and a "Columns"
button that shows the columns hidden at first.
"""

from __future__ import annotations

import html
import json
import math
import re
from pathlib import Path

import pandas as pd

from helpers.knowledge import cached_knowledge, knowledge_path

BUNDLE_JS, BUNDLE_CSS = "itables-bundle.js", "itables-bundle.css"
GLOBAL = "kzDataTables"
PAGE_LENGTH = 25  # rows per page (the seeds' casualty ledger fits on one)
CLAMP_CHARS = 90  # a text cell longer than this is clamped to a few lines (the full text on click and hover)
_SNAKE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+")


def _itables_html(name: str) -> Path:
    import itables

    return Path(itables.__file__).parent / "html" / name


def datatables_bundle() -> str:
    """itables' DataTables ES module as a classic script whose exports become ``window.kzDataTables``.

    >>> "window.kzDataTables" in datatables_bundle() and "export{" not in datatables_bundle()
    True
    """
    source = _itables_html("dt_bundle.js").read_text(encoding="utf-8")
    exports = re.findall(r"export\{([^}]*)\};?", source)
    if len(exports) != 1 or re.search(r"^\s*import\b|import\.meta", source, flags=re.MULTILINE):
        raise ValueError(f"{_itables_html('dt_bundle.js')}: expected one export clause and no import; "
                         "the itables bundle changed shape")
    names = {}
    for item in exports[0].split(","):
        local, _, exported = item.strip().partition(" as ")
        names[exported or local] = local
    assignment = f"window.{GLOBAL}={{" + ",".join(f"{k}:{v}" for k, v in sorted(names.items())) + "};"
    body = source.replace("export{" + exports[0] + "}", assignment, 1)
    return '(function(){"use strict";\n' + body + "\n})();\n"


def datatables_files() -> dict[str, str]:
    """The files the book serves from ``_static`` for its tables: ``itables-bundle.js`` (classic script)
    and ``itables-bundle.css`` (the DataTables styles of itables, as shipped)."""
    return {BUNDLE_JS: datatables_bundle(), BUNDLE_CSS: _itables_html("dt_bundle.css").read_text(encoding="utf-8")}


# ---- the values a reader sees ----

KINDS = ("value", "column")


def _read_labels(knowledge_dir) -> dict[str, dict[str, str]]:
    path = knowledge_path("code_labels.csv", knowledge_dir)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"code", "kind", "label", "source"} - set(table.columns)
    if missing:
        raise ValueError(f"{path}: missing column(s) {sorted(missing)}")
    for i, row in table.iterrows():
        if not row["code"].strip() or not row["label"].strip() or row["kind"] not in KINDS:
            raise ValueError(f"{path}: line {i + 2} needs a code, a label and a kind of {KINDS} "
                             f"(has {row['code']!r}, {row['label']!r}, {row['kind']!r})")
    doubled = table[table.duplicated(["code", "kind"])]
    if len(doubled):
        raise ValueError(f"{path}: code(s) {sorted(set(doubled['code']))} are listed twice for one kind")
    return {kind: dict(zip(rows["code"], rows["label"])) for kind, rows in
            ((k, table[table["kind"] == k]) for k in KINDS)}


def code_labels(knowledge_dir: str | Path | None = None, kind: str = "value") -> dict[str, str]:
    """The plain-English label of every code a table may show (``code_labels.csv``): of cell values
    (``kind="value"``; an actor id such as ``kz_security_council`` is labelled by its canonical name in
    ``actors.csv``) or of column headings (``kind="column"``).

    >>> code_labels()["security_forces"], code_labels(kind="column")["victim_group"]
    ('security forces', 'victims')
    """
    labels = cached_knowledge(_read_labels, knowledge_dir, ("code_labels.csv",))[kind]
    if kind == "value":
        return {**cached_knowledge(_actor_labels, knowledge_dir, ("actors.csv",)), **labels}
    return labels


def _actor_labels(knowledge_dir) -> dict[str, str]:
    """Actor ids that look like codes (``kz_security_council``) and their canonical names (actors.csv)."""
    table = pd.read_csv(knowledge_path("actors.csv", knowledge_dir), dtype=str, keep_default_na=False)
    return {i: c for i, c in zip(table["actor_id"], table["canonical"]) if _SNAKE.fullmatch(i) and c.strip()}


class Badge:
    """A short label with its full text on hover (``title``), e.g. an outlet's ownership."""

    def __init__(self, short: str, full: str):
        self.short, self.full = str(short), str(full)

    def html(self) -> str:
        """The badge as escaped HTML.

        >>> Badge("state-owned", "state-owned (Rossiya Segodnya)").html()
        '<span class="kz-badge" title="state-owned (Rossiya Segodnya)">state-owned</span>'
        """
        return f'<span class="kz-badge" title="{html.escape(self.full)}">{html.escape(self.short)}</span>'

    def __str__(self) -> str:
        return self.short


def reader_value(value, labels: dict[str, str], precision: int = 0):
    """One cell as a reader sees it: missing is ``""``, a whole number has no decimals, another number
    ``precision`` decimals (at least one, so 0.5 is not shown as 0), a date its day, a code its label.

    >>> labels = code_labels()
    >>> [reader_value(v, labels) for v in (201.0, float("nan"), None, "mixed_unspecified", 12.5, True)]
    ['201', '', '', 'people (unspecified)', '12.5', 'yes']
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, Badge):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, (int, float)) or hasattr(value, "dtype"):
        number = float(value)
        if math.isnan(number):
            return ""
        if number.is_integer() and abs(number) < 1e15:
            return str(int(number))
        return f"{number:.{max(precision, 1)}f}"
    text = str(value)
    return labels.get(text, text)


def reader_header(name, labels: dict[str, str]) -> str:
    """A column heading without snake_case: its label if listed, else the words with spaces.

    >>> reader_header("n_claims", code_labels(kind="column")), reader_header("outcome", code_labels(kind="column"))
    ('claims', 'outcome')
    """
    text = str(name)
    return labels.get(text, text.replace("_", " ") if _SNAKE.fullmatch(text) else text)


def reader_frame(table: pd.DataFrame, precision: int = 0, raw: tuple[str, ...] = (), knowledge_dir=None) -> pd.DataFrame:
    """``table`` with every cell as :func:`reader_value` shows it and every heading as :func:`reader_header`;
    the columns in ``raw`` keep their codes (a column that lists the codes themselves).

    >>> reader_frame(pd.DataFrame({"victim_group": ["security_forces"], "best": [18.0]})).values.tolist()
    [['security forces', '18']]
    """
    labels, headers = code_labels(knowledge_dir), code_labels(knowledge_dir, "column")
    out = table.astype(object).map(lambda v: reader_value(v, labels, precision))
    for column in raw:
        out[column] = table[column].astype(object).map(lambda v: reader_value(v, {}, precision))
    out.columns = [reader_header(c, headers) for c in table.columns]
    return out


# ---- the table's behaviour in the page ----

def datatable_options(columns: list[str], rows: int, visible: list[str] | None = None) -> dict:
    """DataTables options for a table of ``columns`` and ``rows``: search, sort and the count of rows
    shown always; paging when the rows do not fit on one page; the columns not in ``visible`` hidden, and a "Columns" button
    (DataTables' column visibility) to show them.

    >>> datatable_options(["quote", "outcome", "span"], 25, visible=["quote", "outcome"])["columnDefs"]
    [{'targets': [2], 'visible': False}]
    """
    hidden = [i for i, c in enumerate(columns) if visible is not None and c not in visible]
    paged = rows > PAGE_LENGTH
    controls: list = ["pageLength"] if paged else []
    if hidden or len(columns) > 3:
        controls.append({"buttons": [{"extend": "colvis", "text": "Columns"}]})
    options = {
        "layout": {"topStart": controls or None, "topEnd": "search",
                   "bottomStart": "info", "bottomEnd": "paging" if paged else None},
        "paging": paged, "pageLength": PAGE_LENGTH, "lengthMenu": [10, 25, 50, 100],
        "order": [], "autoWidth": False,
        "language": {"search": "Search:", "emptyTable": "No rows.", "zeroRecords": "No row matches."},
    }
    if hidden:
        options["columnDefs"] = [{"targets": hidden, "visible": False}]
    return options


def datatable_script(table_id: str, options: dict) -> str:
    """The inline script that turns the table ``table_id`` into an itables ``ITable`` once the bundle
    is loaded (with DataTables' dark styles when the book's theme is dark); a clamped cell opens and closes
    on click. ``options`` is written as JSON that is safe
    inside ``<script>`` (no raw ``<``, ``>`` or ``&``)."""
    data = re.sub("[<>&\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", json.dumps(options, sort_keys=True))
    return (
        "<script>(function(){var id=" + json.dumps(table_id) + ",opts=" + data + ";"
        "function go(){var el=document.getElementById(id),lib=window." + GLOBAL + ";"
        "if(!el||el.classList.contains('dataTable'))return;"
        "if(!lib){el.insertAdjacentHTML('beforebegin','<p class=\"kz-table-note\">The table controls did not load; all rows are shown.</p>');return;}"
        "if(lib.set_or_remove_dark_class)lib.set_or_remove_dark_class();"  # DataTables' dark styles follow the theme
        "new lib.ITable(el,opts);"
        "el.addEventListener('click',function(e){var c=e.target.closest('.kz-clamp');if(c)c.classList.toggle('kz-open');});}"
        "if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',go);else go();"
        "})();</script>"
    )


def shown_first(table: pd.DataFrame, visible, raw: tuple[str, ...] = (), reorder: bool = True) -> pd.DataFrame:
    """``table`` with the columns ``visible`` first, in that order (unless not ``reorder``: a table that is
    also written as CSV keeps its columns), marked for :func:`helpers.present.display.show_table`: those
    are shown, the others hidden (under "Columns"); the columns ``raw`` keep their codes.

    >>> shown = shown_first(pd.DataFrame({"span": ["001 [0:11]"], "quote": ["At least 18"]}), ["quote"])
    >>> list(shown.columns), shown.attrs
    (['quote', 'span'], {'visible': ['quote'], 'raw': []})
    """
    first = [c for c in visible if c in table.columns]
    table = table[first + [c for c in table.columns if c not in first]] if reorder else table.copy()
    table.attrs["visible"] = first
    table.attrs["raw"] = list(raw)
    return table


def badges(short, full) -> list[Badge]:
    """One :class:`Badge` per row: ``short`` shown, ``full`` on hover (an outlet's ownership family and note).

    >>> [b.html() for b in badges(["state-owned"], ["state-owned (Rossiya Segodnya)"])]
    ['<span class="kz-badge" title="state-owned (Rossiya Segodnya)">state-owned</span>']
    """
    return [Badge(s, f) for s, f in zip(short, full)]
