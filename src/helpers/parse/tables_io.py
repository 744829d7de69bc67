"""Writing tables: one place where tables become files, each validated against its schema first.

Schemas (pandera) document every column. ``write_table`` refuses a table whose spans do not slice
back to their text, so provenance is checked on every write, not only in tests. The schemas are built
(and pandera imported, about 0.4 s) when first used: ``SCHEMAS`` is read through the module's
``__getattr__``, so a chapter that writes only tables without a schema never loads pandera.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from helpers.corpus.reader import DOCUMENT_COLUMNS, STATUSES

if TYPE_CHECKING:
    import pandera.pandas as pa

SCHEMA_NAMES = ("documents", "boilerplate", "sentences", "entities")  # the tables with a schema


def __getattr__(name: str):
    if name == "SCHEMAS":
        return _schemas()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _spans_ordered(df: pd.DataFrame) -> pd.Series:
    return df["end"] >= df["start"]


@functools.cache
def _schemas() -> dict[str, pa.DataFrameSchema]:
    """The schema of each table of :data:`SCHEMA_NAMES`, by name (built once per process)."""
    import pandera.pandas as pa

    _span = {
        "doc": pa.Column(str, description="file name of the document in the corpus folder"),
        "start": pa.Column(int, pa.Check.ge(0), description="character offset into the document's original text"),
        "end": pa.Column(int, pa.Check.ge(0), description="end offset (exclusive) into the original text"),
    }

    schemas = {
        "documents": pa.DataFrameSchema(
            {
                "doc": pa.Column(str, unique=True, description="file name in the corpus folder"),
                "outlet": pa.Column(str, description="publisher, from sources.csv ('unknown' without a row)"),
                "outlet_affiliation": pa.Column(str, description="who owns or backs the outlet, from sources.csv"),
                "published": pa.Column(str, description="publication date YYYY-MM-DD, or 'unknown'"),
                "published_basis": pa.Column(str, description="how the date was established (cited or inferred)"),
                "sha256": pa.Column(str, description="sha256 of the file's bytes"),
                "status": pa.Column(str, pa.Check.isin(sorted(STATUSES)), description="ok, or why it was not analysed"),
                "reason": pa.Column(str, nullable=True, description="the reason, in words, for any status but ok"),
                "n_chars": pa.Column(int, pa.Check.ge(0), description="characters of the analysed text"),
                "boilerplate_share": pa.Column(float, pa.Check.in_range(0, 1),
                                               description="share of characters marked as boilerplate"),
            },
            strict=False,
            description="one row per entry of the corpus folder: metadata, hash, size, status and reason",
        ),
        "boilerplate": pa.DataFrameSchema(
            {**_span, "kind": pa.Column(str, description="caption, embed, widget, comment_form, footer, interface"),
             "rule_id": pa.Column(str, description="the rule of boilerplate.csv that marked the line")},
            checks=pa.Check(_spans_ordered), strict=True,
            description="lines detected as boilerplate (excluded from analysis, kept in the text)",
        ),
        "sentences": pa.DataFrameSchema(
            {**_span, "in_boilerplate": pa.Column(bool, description="true for a boilerplate line (not analysed)")},
            checks=pa.Check(_spans_ordered), strict=True,
            description="sentences of the article text, and boilerplate lines (in_boilerplate true)",
        ),
        "entities": pa.DataFrameSchema(
            {
                **_span,
                "text": pa.Column(str, description="the mention as written; equals the text at [start:end]"),
                "label": pa.Column(str, description="spaCy label: PERSON, ORG, NORP, GPE, LOC, FAC, DATE, ..."),
                "origin": pa.Column(str, pa.Check.isin(["model", "gazetteer", "gazetteer_title"]),
                                    description="statistical model, gazetteer name, or gazetteer title"),
                "entity_id": pa.Column(str, nullable=True, description="place:ID or actor:ID where a gazetteer resolved it"),
            },
            checks=pa.Check(_spans_ordered), strict=True,
            description="named entities: from the statistical model, or from the project's gazetteers",
        ),
    }
    return schemas


def check_spans(name: str, table: pd.DataFrame, texts: dict[str, str], text_column: str = "text") -> None:
    """Raise ValueError naming the first row whose ``texts[doc][start:end]`` differs from its text."""
    if text_column not in table.columns or table.empty:
        return
    for row in table[["doc", "start", "end", text_column]].itertuples(index=False):
        if texts[row.doc][row.start:row.end] != getattr(row, text_column):
            raise ValueError(
                f"{name}: span {row.doc}[{row.start}:{row.end}] is {texts[row.doc][row.start:row.end]!r}, "
                f"not {getattr(row, text_column)!r}"
            )


# OWASP's rule against CSV injection: a cell that a spreadsheet would read as a formula (it starts
# with = + - @, a tab or a carriage return) gets a leading apostrophe, which spreadsheets show as
# nothing and which makes the cell text. A cell that is already apostrophes followed by such a
# character gets one more, so :func:`read_table` undoes the rule exactly; other cells ("'Bloody
# January'") are left alone. A number (-3, +1.5e2) stays a number.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise_cell(value):
    """A text cell made safe for spreadsheets (OWASP CSV injection rule); numbers and non-text unchanged.

    >>> neutralise_cell("=1+2"), neutralise_cell("-12"), neutralise_cell("Almaty")
    ("'=1+2", '-12', 'Almaty')
    """
    if (isinstance(value, str) and value.lstrip("'").startswith(_FORMULA_START)
            and not _NUMBER.fullmatch(value)):
        return "'" + value
    return value


def restore_cell(value):
    """Undo :func:`neutralise_cell`.

    >>> restore_cell("'=1+2"), restore_cell("'Bloody January'")
    ('=1+2', "'Bloody January'")
    """
    if isinstance(value, str) and value.startswith("'") and value.lstrip("'").startswith(_FORMULA_START):
        return value[1:]
    return value


def neutralised(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every text cell passed through :func:`neutralise_cell` (numeric columns untouched)."""
    text_columns = [c for c in table.columns if not pd.api.types.is_numeric_dtype(table[c])
                    and not pd.api.types.is_bool_dtype(table[c])]
    starts = (*_FORMULA_START, "'")  # a cell the rule may change starts with one of these (a cheap first test)
    changing = [c for c in text_columns
                if any(isinstance(v, str) and v.startswith(starts) for v in table[c].tolist())]
    if not changing:
        return table
    out = table.copy()
    for column in changing:
        out[column] = out[column].map(neutralise_cell, na_action="ignore")
    return out


def _has_carriage_return(table: pd.DataFrame) -> bool:
    return any(table[c].astype(str).str.contains("\r", regex=False).any() for c in table.columns
               if not pd.api.types.is_numeric_dtype(table[c])) or any("\r" in str(c) for c in table.columns)


def read_table(path: str | Path, **kwargs) -> pd.DataFrame:
    """Read a CSV written by :func:`write_table`, undoing the formula neutralising (the values as computed)."""
    table = pd.read_csv(path, **kwargs)
    for column in table.columns:
        if table[column].dtype == object or pd.api.types.is_string_dtype(table[column]):
            table[column] = table[column].map(restore_cell, na_action="ignore")
    return table


def write_bytes_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically (temporary file beside it, then rename) unless the file
    already holds these bytes; True if written. An unchanged file keeps its time."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def write_table(name: str, table: pd.DataFrame, out_dir: str | Path, texts: dict[str, str] | None = None,
                text_column: str = "text") -> Path:
    """Validate ``table`` (schema if one is known; spans against ``texts``) and write ``out_dir/name.csv``.

    Text cells that a spreadsheet would run as a formula are neutralised (:func:`neutralise_cell`;
    :func:`read_table` reads the values back as they were). The file is replaced atomically, and left
    alone when its bytes would not change.
    """
    if name in SCHEMA_NAMES:
        _schemas()[name].validate(table)
    if texts is not None:
        check_spans(name, table, texts, text_column)
    path = Path(out_dir) / f"{name}.csv"
    buffer = io.StringIO()
    safe = neutralised(table)
    # Python 3.11's csv writer leaves a field holding a carriage return unquoted when rows end in
    # "\n", which splits the row for a reader: such a table is written with every field quoted.
    quoting = csv.QUOTE_ALL if _has_carriage_return(safe) else csv.QUOTE_MINIMAL
    safe.to_csv(buffer, index=False, lineterminator="\n", float_format="%.6g", quoting=quoting)
    write_bytes_if_changed(path, buffer.getvalue().encode("utf-8"))
    return path


def text_file_name(doc: str) -> str:
    """The name of a document's text in ``texts/``.

    >>> text_file_name("000_271d7d01dcf743bd.txt"), text_file_name("a.html")
    ('000_271d7d01dcf743bd.txt', 'a.html.txt')
    """
    return doc if doc.lower().endswith(".txt") else f"{doc}.txt"


def write_tables(tables, out_dir: str | Path) -> list[Path]:
    """Write documents, boilerplate, sentences and entities as CSV, and each document's text.

    ``texts/`` holds the text every offset refers to, under the document's own name for a ``.txt``
    file and ``DOC.txt`` otherwise (``a.md.txt``, ``a.html.txt``), so no name ends in ``.txt.txt``.
    Any other file of ``texts/`` (a document no longer in the corpus) is removed.
    """
    out_dir = Path(out_dir)
    written = [
        write_table("documents", tables.documents[DOCUMENT_COLUMNS], out_dir),
        write_table("boilerplate", tables.boilerplate, out_dir),
        write_table("sentences", tables.sentences, out_dir),
        write_table("entities", tables.entities, out_dir, tables.texts),
    ]
    text_dir = out_dir / "texts"
    text_dir.mkdir(parents=True, exist_ok=True)
    wanted = {text_file_name(doc) for doc in tables.texts}
    for path in sorted(text_dir.iterdir()):
        if path.name not in wanted:
            if path.is_dir() and not path.is_symlink():
                raise ValueError(f"{path}: a folder in texts/ that no document of the corpus writes; remove it")
            path.unlink()
    for doc, text in tables.texts.items():
        write_bytes_if_changed(text_dir / text_file_name(doc), text.encode("utf-8"))
    return written


def schema_table() -> pd.DataFrame:
    """Every column of the validated tables with its type and description (for the methodology page)."""
    rows = []
    for name, schema in _schemas().items():
        for column, spec in schema.columns.items():
            rows.append({"table": f"{name}.csv", "column": column, "type": str(spec.dtype),
                         "description": spec.description or ""})
    return pd.DataFrame(rows)
