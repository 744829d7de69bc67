"""Reading a corpus folder into a documents table.

One row per entry of the folder (and per ``sources.csv`` row without a file), with a ``status``
and a ``reason``: nothing is dropped silently. Only rows with ``status == "ok"`` are analysed.

Offsets everywhere in the project are Python character offsets into the document's *text*:
for ``.txt`` and ``.md`` files that is the file's bytes decoded (UTF-8, or UTF-16 where the file
is UTF-16; column ``encoding``), unchanged (no newline translation, no stripping); for ``.html`` it
is the main text extracted by trafilatura. The text is written next to the tables
(``texts/DOC.txt``, UTF-8) so every span can be checked.

Only regular files are read; links, FIFOs, sockets and devices are listed, never opened
(:mod:`helpers.corpus.entries`). The metadata come from ``sources.csv`` (:mod:`helpers.corpus.metadata`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.corpus.boilerplate import COLUMNS as BOILERPLATE_COLUMNS
from helpers.corpus.boilerplate import boilerplate_rows, load_rules
from helpers.corpus.decoding import decode, language
from helpers.corpus.entries import read_entry
from helpers.corpus.metadata import METADATA_COLUMNS, METADATA_FILE, SourcesError, read_metadata

__all__ = [
    "DOCUMENT_COLUMNS",
    "METADATA_FILE",
    "STATUSES",
    "UNKNOWN",
    "Corpus",
    "SourcesError",
    "published_dates",
    "read_corpus",
    "read_metadata",
]

FORMATS = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html"}
MAX_BYTES = 2_000_000
UNKNOWN = "unknown"
DOCUMENT_COLUMNS = [
    "doc", "format", *METADATA_COLUMNS, "metadata", "metadata_issues", "encoding", "language", "sha256",
    "n_bytes", "n_chars", "boilerplate_chars", "boilerplate_share", "status", "reason",
]
STRING_COLUMNS = [c for c in DOCUMENT_COLUMNS if c not in {"n_bytes", "n_chars", "boilerplate_chars",
                                                           "boilerplate_share"}]
STATUSES = {
    "ok": "read and analysed",
    "empty": "the file is empty or blank",
    "binary": "the file holds binary data, not text",
    "undecodable": "the file is not valid UTF-8 (or UTF-16)",
    "duplicate": "same content as an earlier document",
    "too_large": "larger than the size limit",
    "other_language": "not in English",
    "no_main_text": "no article text could be extracted from the HTML",
    "unsupported": "not a .txt, .md or .html file",
    "symlink": "a symbolic link: links are not followed",
    "special_file": "a FIFO, socket or device: only regular files are read",
    "unreadable": "the file could not be opened or read",
    "missing": "listed in sources.csv, but no such file",
}


@dataclass
class Corpus:
    """A read corpus: the documents table, the analysable text of each ok document, boilerplate spans."""

    folder: Path
    documents: pd.DataFrame
    texts: dict[str, str] = field(repr=False)
    boilerplate: pd.DataFrame = field(repr=False)

    @property
    def ok(self) -> pd.DataFrame:
        return self.documents[self.documents["status"] == "ok"]

    def content_hash(self) -> str:
        """sha256 over (doc, sha256, status) of every row: changes when any document or its reading does."""
        digest = hashlib.sha256()
        for row in self.documents[["doc", "sha256", "status"]].itertuples(index=False):
            digest.update("\t".join(map(str, row)).encode() + b"\n")
        return digest.hexdigest()


def published_dates(published: pd.Series) -> pd.Series:
    """Publication dates as timestamps; anything not written YYYY-MM-DD ("unknown") becomes NaT.

    >>> published_dates(pd.Series(["2022-01-06", "unknown"])).dt.day.tolist()
    [6.0, nan]
    """
    return pd.to_datetime(published, format="%Y-%m-%d", errors="coerce")


def _markdown_title(text: str) -> str:
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", text, flags=re.MULTILINE)
    return match.group(1) if match else ""


def _html_text(raw: str) -> tuple[str | None, str]:
    """Main text and title of an HTML page, by trafilatura (scripts, menus and comments left out).

    trafilatura's log is silenced meanwhile: on a page that is not HTML it logs errors to stderr, which
    would fail a chapter; the page gets status ``no_main_text`` instead."""
    import trafilatura

    log = logging.getLogger("trafilatura")
    level = log.level
    log.setLevel(logging.CRITICAL + 1)
    try:
        text = trafilatura.extract(raw, include_comments=False, include_tables=False, deduplicate=False)
        metadata = trafilatura.extract_metadata(raw)
    finally:
        log.setLevel(level)
    title = (metadata.title if metadata is not None and metadata.title else "") or ""
    return text, title


def _row(name: str, status: str = "ok", reason: str = "", **values) -> dict:
    row = {"doc": name, "format": FORMATS.get(Path(name).suffix.lower(), ""), "sha256": "", "n_bytes": 0,
           "n_chars": 0, "boilerplate_chars": 0, "status": status, "reason": reason, "title": "",
           "encoding": "", "language": ""}
    row.update(values)
    return row


def _read_text(path: Path, row: dict, max_bytes: int, seen: dict[str, str]) -> str | None:
    """Read, decode and check one entry; fill ``row`` (status, reason, hash, ...); return the text if usable."""
    entry = read_entry(path, max_bytes)
    row["n_bytes"] = entry.size
    if entry.status == "ok" and not row["format"]:
        entry = type(entry)("unsupported", f"extension {path.suffix or '(none)'!r} is not read; use .txt, .md or .html",
                            size=entry.size)
    if entry.status != "ok":
        row["status"], row["reason"] = entry.status, entry.reason
        return None
    data = entry.data
    row["sha256"] = hashlib.sha256(data).hexdigest()
    text, row["status"], row["reason"], row["encoding"] = decode(data)
    if text is not None and row["sha256"] in seen:
        return _fail(row, "duplicate", f"same bytes as {seen[row['sha256']]}")
    if text is not None:
        seen[row["sha256"]] = path.name
    if text is not None and row["format"] == "html":
        text, row["title"] = _html_text(text)
        if not text or not text.strip():
            return _fail(row, "no_main_text", "trafilatura found no article text in the page")
    elif text is not None and row["format"] == "markdown":
        row["title"] = _markdown_title(text)
    return text


def _fail(row: dict, status: str, reason: str) -> None:
    """Set a row's status and reason; returns None (no text), so callers can ``return _fail(...)``."""
    row["status"], row["reason"] = status, reason


def read_corpus(
    corpus_dir: str | Path,
    max_bytes: int = MAX_BYTES,
    min_language_probability: float = 0.5,
    boilerplate_rules: str | Path | None = None,
    guess_language=language,
) -> Corpus:
    """Read every entry of ``corpus_dir`` into a :class:`Corpus`.

    Raises ``FileNotFoundError`` naming the path when the folder does not exist, and
    :class:`SourcesError` for a ``sources.csv`` that cannot be used. Metadata come from
    ``corpus_dir/sources.csv`` when present; what it does not give is ``"unknown"``. A text that
    py3langid puts in another language than English with a probability of at least
    ``min_language_probability`` is listed as ``other_language`` and not analysed (``guess_language``:
    what guesses, :func:`helpers.corpus.decoding.language` or a cache of its answers).

    >>> corpus = read_corpus("seeds")                                   # doctest: +SKIP
    >>> corpus.documents.loc[0, ["doc", "outlet", "status"]].tolist()   # doctest: +SKIP
    ['000_271d7d01dcf743bd.txt', 'The Cradle', 'ok']
    """
    folder = Path(corpus_dir)
    if not folder.exists():
        raise FileNotFoundError(f"corpus folder {folder.resolve()} does not exist")
    if not folder.is_dir():
        raise NotADirectoryError(f"corpus path {folder.resolve()} is a file, not a folder")
    meta = read_metadata(folder).set_index("doc")
    rules = load_rules(boilerplate_rules)
    rows, texts, spans, seen = [], {}, [], {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name == METADATA_FILE:
            continue
        row = _row(path.name)
        text = None
        try:
            path.name.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8 in the name: shown escaped, not read
            row["doc"] = os.fsencode(path.name).decode("utf-8", "backslashreplace")
            _fail(row, "unsupported", "the file name is not valid UTF-8; rename the file")
        else:
            text = _read_text(path, row, max_bytes, seen)
        if text is not None:
            code, probability = guess_language(text)
            row["language"] = code
            if code != "en" and probability >= min_language_probability:
                text = _fail(row, "other_language", f"py3langid reads it as {code!r} (probability {probability:.2f}); "
                             "only English is analysed")
        if text is not None:
            texts[path.name] = text
            row["n_chars"] = len(text)
            found = boilerplate_rows(path.name, text, rules)
            spans += found
            row["boilerplate_chars"] = sum(end - start for _, start, end, _, _ in found)
        rows.append(row)
    for name in sorted(set(meta.index) - {r["doc"] for r in rows}):
        rows.append(_row(name, "missing", f"{METADATA_FILE} lists it, but the corpus folder holds no such file",
                         format=""))
    documents = _join_metadata(pd.DataFrame(rows, columns=list(_row("").keys())), meta)
    documents["boilerplate_share"] = (
        documents["boilerplate_chars"] / documents["n_chars"].where(documents["n_chars"] > 0)
    ).fillna(0.0).round(4)
    documents = documents[DOCUMENT_COLUMNS].astype(
        {"n_bytes": "int64", "n_chars": "int64", "boilerplate_chars": "int64", "boilerplate_share": "float64",
         **{c: "str" for c in STRING_COLUMNS}}
    )
    boilerplate = pd.DataFrame(spans, columns=BOILERPLATE_COLUMNS).astype(
        {"doc": "str", "start": "int64", "end": "int64", "kind": "str", "rule_id": "str"})
    return Corpus(folder=folder, documents=documents, texts=texts, boilerplate=boilerplate)


def _join_metadata(documents: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """Fill the metadata columns from sources.csv; what is missing becomes 'unknown'."""
    documents["metadata"] = documents["doc"].map(lambda d: METADATA_FILE if d in meta.index else "none")
    issues = documents["doc"].map(meta["metadata_issues"]) if len(meta) else None
    documents["metadata_issues"] = "" if issues is None else issues.fillna("").astype(str)
    for column in METADATA_COLUMNS:
        given = documents["doc"].map(meta[column]) if len(meta) else pd.Series("", index=documents.index)
        given = given.fillna("").astype(str).str.strip()
        if column == "title":
            given = given.where(given != "", documents["title"].fillna("").astype(str))
        documents[column] = given.where(given != "", UNKNOWN)
    return documents
