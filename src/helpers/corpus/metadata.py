"""``sources.csv``: the metadata of a corpus, checked.

Fatal (``SourcesError``, naming the file, the row and the fix): a ``sources.csv`` that is not a
regular file or cannot be read, is not UTF-8 (or UTF-16 with a byte-order mark), is not CSV, has no
``doc`` column, has a row with more or fewer fields than the header, or lists a document twice: the
metadata of every document would be in doubt.

Listed, not fatal: a ``published`` value that is not a date ``YYYY-MM-DD`` ("yesterday",
"2022-13-45") is shown as unknown, and the value is reported in the document's ``metadata_issues``.

>>> check_published("2022-01-06"), check_published(""), check_published("2022-13-45")[0]
(('2022-01-06', ''), ('', ''), '')
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd

from helpers.corpus.entries import read_entry

METADATA_FILE = "sources.csv"
METADATA_COLUMNS = [
    "title", "outlet", "outlet_country", "outlet_affiliation", "published", "published_basis", "url",
    "confidence", "note", "accessed",
]
MAX_METADATA_BYTES = 50_000_000
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class SourcesError(ValueError):
    """A ``sources.csv`` that cannot be used; the message names the file, what is wrong and the fix."""


def check_published(value: str) -> tuple[str, str]:
    """``(date, issue)``: the value if it is a real date ``YYYY-MM-DD`` (or empty), else ``""`` and the issue."""
    value = value.strip()
    if not value:
        return "", ""
    if DATE.fullmatch(value):
        try:
            dt.date.fromisoformat(value)
            return value, ""
        except ValueError:
            pass
    return "", f"published {value!r} is not a date YYYY-MM-DD; shown as unknown"


def _text(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourcesError(f"{path}: not valid {encoding.replace('-sig', '').upper()} at byte {exc.start}; "
                           "save it as UTF-8 (CSV UTF-8 in a spreadsheet)") from None


def _rows(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """The non-blank rows with their line numbers, each checked to have one field per column."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise SourcesError(f"{path}: not valid CSV at line {reader.line_num} ({exc}); "
                           "quote fields that hold commas or quotes") from None
    if not rows:
        raise SourcesError(f"{path}: the file is empty; give a header row with a 'doc' column, or remove the file")
    width = len(rows[0][1])
    for line, row in rows[1:]:
        if len(row) != width:
            raise SourcesError(f"{path}: line {line} has {len(row)} field(s), the header has {width}; "
                               "every row needs one field per column (quote fields that hold commas)")
    return rows


def read_metadata(folder: Path) -> pd.DataFrame:
    """Read ``folder/sources.csv`` (one row per document, column ``doc`` = file name); empty if absent.

    Every column is a string; ``published`` holds only valid dates or ``""``, and the column
    ``metadata_issues`` says what was wrong with a row's values. Raises :class:`SourcesError`.
    """
    path = Path(folder) / METADATA_FILE
    columns = ["doc", *METADATA_COLUMNS, "metadata_issues"]
    if not path.exists() and not path.is_symlink():
        return pd.DataFrame({c: pd.Series(dtype="str") for c in columns})
    entry = read_entry(path, MAX_METADATA_BYTES)
    if entry.status != "ok":
        raise SourcesError(f"{path}: {entry.reason or entry.status}; it must be a regular, readable CSV file")
    rows = _rows(path, _text(path, entry.data))
    header = [name.strip() for name in rows[0][1]]
    if "doc" not in header:
        raise SourcesError(f"{path}: needs a 'doc' column with the file name of each document "
                           f"(the header is {header})")
    twice = sorted({name for name in header if header.count(name) > 1})
    if twice:
        raise SourcesError(f"{path}: the column(s) {twice} appear twice in the header; keep one of each")
    meta = pd.DataFrame([row for _, row in rows[1:]], columns=header, dtype="str")
    meta["doc"] = meta["doc"].str.strip()
    unnamed = [line for (line, _), doc in zip(rows[1:], meta["doc"]) if not doc]
    if unnamed:
        raise SourcesError(f"{path}: line {unnamed[0]} has an empty 'doc'; give the file name of the document")
    duplicated = sorted(set(meta["doc"][meta["doc"].duplicated()]))
    if duplicated:
        raise SourcesError(f"{path}: documents listed twice: {duplicated}; keep one row per document")
    for column in METADATA_COLUMNS:
        if column not in meta.columns:
            meta[column] = ""
    checked = [check_published(value) for value in meta["published"]]
    meta["published"] = pd.Series([date for date, _ in checked], index=meta.index, dtype="str")
    meta["metadata_issues"] = pd.Series([f"{METADATA_FILE}: {issue}" if issue else "" for _, issue in checked],
                                        index=meta.index, dtype="str")
    return meta[columns]
