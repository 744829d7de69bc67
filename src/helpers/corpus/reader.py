"""Reading a corpus folder into a documents table.

One row per entry of the folder (and per ``sources.csv`` row without a file), with a ``status``
and a ``reason``: nothing is dropped silently. Only rows with ``status == "ok"`` are analysed.

Offsets everywhere in the project are Python character offsets into the document's *text*:
for ``.txt`` and ``.md`` files that is the file's bytes decoded as UTF-8, unchanged (no newline
translation, no stripping); for ``.html`` it is the main text extracted by trafilatura, which is
written next to the tables (``texts/DOC.txt``) so every span can be checked.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.corpus.boilerplate import COLUMNS as BOILERPLATE_COLUMNS
from helpers.corpus.boilerplate import boilerplate_rows, load_rules

METADATA_FILE = "sources.csv"
FORMATS = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html"}
MAX_BYTES = 2_000_000
UNKNOWN = "unknown"
METADATA_COLUMNS = [
    "title", "outlet", "outlet_country", "outlet_affiliation", "published", "published_basis", "url",
    "confidence", "note",
]
DOCUMENT_COLUMNS = [
    "doc", "format", *METADATA_COLUMNS, "metadata", "sha256", "n_bytes", "n_chars", "boilerplate_chars",
    "boilerplate_share", "status", "reason",
]
STATUSES = {
    "ok": "read and analysed",
    "empty": "the file is empty or blank",
    "binary": "the file holds binary data, not text",
    "undecodable": "the file is not valid UTF-8",
    "duplicate": "same content as an earlier document",
    "too_large": "larger than the size limit",
    "other_language": "does not look like English",
    "no_main_text": "no article text could be extracted from the HTML",
    "unsupported": "not a .txt, .md or .html file",
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


def read_metadata(folder: Path) -> pd.DataFrame:
    """Read ``folder/sources.csv`` (one row per document, column ``doc`` = file name); empty if absent."""
    path = folder / METADATA_FILE
    if not path.exists():
        return pd.DataFrame(columns=["doc", *METADATA_COLUMNS])
    meta = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "doc" not in meta.columns:
        raise ValueError(f"{path}: needs a 'doc' column with the file name of each document")
    duplicated = meta["doc"][meta["doc"].duplicated()].tolist()
    if duplicated:
        raise ValueError(f"{path}: documents listed twice: {duplicated}")
    for column in METADATA_COLUMNS:
        if column not in meta.columns:
            meta[column] = ""
    return meta


def _decode(data: bytes) -> tuple[str | None, str, str]:
    """Return (text, status, reason) for the bytes of a text file."""
    if not data.strip():
        return None, "empty", "the file has no characters" if not data else "the file holds only blanks"
    if b"\0" in data[:8192]:
        return None, "binary", "NUL bytes in the first 8 KiB: a binary file, not text"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, "undecodable", f"not valid UTF-8 at byte {exc.start} ({exc.reason}); convert it to UTF-8"
    controls = len(CONTROL.findall(text, 0, 8192))
    if controls > 0.05 * min(len(text), 8192):
        return None, "binary", f"{controls} control characters in the first 8 KiB: not text"
    return text, "ok", ""


WORD = re.compile(r"[^\W\d_]+")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def english_share(text: str) -> tuple[float, int]:
    """Share of words that are English function words (spaCy's English stop-word list), and word count.

    >>> round(english_share("The riots first broke out in the city of Zhanaozen.")[0], 2)
    0.56
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    words = WORD.findall(text[:200_000].lower())
    if not words:
        return 0.0, 0
    return sum(w in STOP_WORDS for w in words) / len(words), len(words)


def _markdown_title(text: str) -> str:
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", text, flags=re.MULTILINE)
    return match.group(1) if match else ""


def _html_text(raw: str) -> tuple[str | None, str]:
    """Main text and title of an HTML page, by trafilatura (scripts, menus and comments left out)."""
    import trafilatura

    text = trafilatura.extract(raw, include_comments=False, include_tables=False, deduplicate=False)
    metadata = trafilatura.extract_metadata(raw)
    title = (metadata.title if metadata is not None and metadata.title else "") or ""
    return text, title


def read_corpus(
    corpus_dir: str | Path,
    max_bytes: int = MAX_BYTES,
    min_english_share: float = 0.15,
    boilerplate_rules: str | Path | None = None,
) -> Corpus:
    """Read every entry of ``corpus_dir`` into a :class:`Corpus`.

    Raises ``FileNotFoundError`` naming the path when the folder does not exist. Metadata come from
    ``corpus_dir/sources.csv`` when present; what it does not give is ``"unknown"``.

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
        row = {"doc": path.name, "format": FORMATS.get(path.suffix.lower(), ""), "sha256": "",
               "n_bytes": 0, "n_chars": 0, "boilerplate_chars": 0, "status": "ok", "reason": "", "title": ""}
        if path.is_dir() or not row["format"]:
            row["status"] = "unsupported"
            row["reason"] = ("a folder: sub-folders are not read" if path.is_dir()
                             else f"extension {path.suffix or '(none)'!r} is not read; use .txt, .md or .html")
            rows.append(row)
            continue
        data = path.read_bytes()
        row["n_bytes"] = len(data)
        row["sha256"] = hashlib.sha256(data).hexdigest()
        if len(data) > max_bytes:
            row["status"] = "too_large"
            row["reason"] = f"{len(data):,} bytes, over the limit of {max_bytes:,} (parameter max_bytes)"
            rows.append(row)
            continue
        text, row["status"], row["reason"] = _decode(data)
        if text is not None and row["sha256"] in seen:
            text, row["status"], row["reason"] = None, "duplicate", f"same bytes as {seen[row['sha256']]}"
        if text is not None:
            seen[row["sha256"]] = path.name
        if text is not None and row["format"] == "html":
            text, row["title"] = _html_text(text)
            if not text or not text.strip():
                text, row["status"] = None, "no_main_text"
                row["reason"] = "trafilatura found no article text in the page"
        elif text is not None and row["format"] == "markdown":
            row["title"] = _markdown_title(text)
        if text is not None:
            share, n_words = english_share(text)
            if n_words >= 20 and share < min_english_share:
                text, row["status"] = None, "other_language"
                row["reason"] = (f"English function words are {share:.0%} of {n_words} words "
                                 f"(under {min_english_share:.0%}); only English is analysed")
        if text is not None:
            texts[path.name] = text
            row["n_chars"] = len(text)
            found = boilerplate_rows(path.name, text, rules)
            spans += found
            row["boilerplate_chars"] = sum(end - start for _, start, end, _, _ in found)
        rows.append(row)
    for name in sorted(set(meta.index) - {r["doc"] for r in rows}):
        rows.append({"doc": name, "format": "", "sha256": "", "n_bytes": 0, "n_chars": 0,
                     "boilerplate_chars": 0, "status": "missing", "title": "",
                     "reason": f"{METADATA_FILE} lists it, but {folder / name} does not exist"})
    documents = pd.DataFrame(rows)
    documents = _join_metadata(documents, meta)
    documents["boilerplate_share"] = (
        documents["boilerplate_chars"] / documents["n_chars"].where(documents["n_chars"] > 0)
    ).fillna(0.0).round(4)
    documents = documents[DOCUMENT_COLUMNS].astype(
        {"n_bytes": "int64", "n_chars": "int64", "boilerplate_chars": "int64"}
    )
    boilerplate = pd.DataFrame(spans, columns=BOILERPLATE_COLUMNS).astype({"start": "int64", "end": "int64"})
    return Corpus(folder=folder, documents=documents, texts=texts, boilerplate=boilerplate)


def _join_metadata(documents: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """Fill the metadata columns from sources.csv; what is missing becomes 'unknown'."""
    documents["metadata"] = documents["doc"].map(lambda d: METADATA_FILE if d in meta.index else "none")
    for column in METADATA_COLUMNS:
        given = documents["doc"].map(meta[column]) if len(meta) else pd.Series("", index=documents.index)
        given = given.fillna("").astype(str).str.strip()
        if column == "title":
            given = given.where(given != "", documents["title"].fillna("").astype(str))
        documents[column] = given.where(given != "", UNKNOWN)
    return documents
