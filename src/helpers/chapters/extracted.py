"""The extracted tables as the chapters read them: written once per build, then read by name.

:func:`run_stage` runs the extraction stage (:func:`helpers.extract.stage.extract_corpus`, every
registered extractor once per document, cached) and writes the corpus-wide tables to ``data_dir``:
``casualties.csv``, ``places.csv``, ``dates.csv``, ``timeline_events.csv``, ``actors.csv``,
``quotes.csv`` and ``claims.csv`` (each with its outlet, date and sentence link, spans checked by
:func:`helpers.parse.tables_io.write_table`), and every table as it was computed (dtypes kept) in
``data_dir/extracted/``, with ``stage.json`` saying which corpus they come from and a hash of each
table's content. Chapters call :func:`ensure_extracted` (which runs the stage only when
``data_dir`` holds no tables of that corpus, e.g. a chapter run alone with papermill) and
:func:`load_extracted`; they extract nothing themselves.

>>> ensure_extracted("../seeds", "../_build/data")                       # doctest: +SKIP
>>> load_extracted("../_build/data", "casualties").columns[:3].tolist()   # doctest: +SKIP
['doc', 'start', 'end']
"""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

import pandas as pd

from helpers.extract.stage import extract_corpus, extractor_keys
from helpers.parse.tables_io import check_spans, write_table

FOLDER = "extracted"
RECORD = "stage.json"
# the tables written as CSV, with the column that equals text[start:end]
CSV_TABLES = {"casualties": "quote", "places": "text", "dates": "text", "timeline_events": "text",
              "actors": "text", "quotes": "statement", "claims": "quote"}


def published_tables(tables, frames: dict[str, pd.DataFrame], knowledge_dir=None, kept: dict | None = None,
                     keys: dict[str, str] | None = None) -> dict[str, pd.DataFrame]:
    """The stage's rows with what the chapters show beside them (outlet, family, date, sentence link, ...).

    These joins read the whole corpus (the appendix links the first documents by name), so they run
    on the corpus-wide tables, after the per-document extraction. ``kept`` (the last run's tables,
    :func:`helpers.chapters.published_kept.read_kept`) and ``keys`` (each document's key for them) let
    the row-by-row joins join only the documents whose rows changed (same tables).
    """
    # imported here: a chapter that only reads the published tables (the documents appendix) loads no charts
    from helpers.chapters import actors, casualties, foreign_interference, geography, timeline
    from helpers.chapters.published_kept import spliced

    joins = {
        "casualties": lambda f: casualties.claims_table(tables, f),
        "places": lambda f: geography.mentions_table(tables, f, knowledge_dir=knowledge_dir),
        "dates": lambda f: timeline.mentions_table(tables, f),
        "actors": lambda f: actors.mentions_table(tables, f),
        "quotes": lambda f: actors.speakers_table(tables, f),
        "claims": lambda f: foreign_interference.claims_table(tables, f),
    }
    out = {name: spliced(join, frames[name], (kept or {}).get(name), keys or {}) for name, join in joins.items()}
    out["leftovers"] = frames["leftovers"]
    out["timeline_events"] = timeline.dated_events(tables, out["dates"])
    return out


def content_hash(frame: pd.DataFrame) -> str:
    """sha256 of a table's columns, dtypes and values: equal tables, equal hashes.

    The values enter as pandas' own hash of each row (:func:`pandas.util.hash_pandas_object`: 64 bits a row
    from the values' bytes, with a fixed key, so the same in every process whatever Python's hash seed),
    about five times faster than writing the table as CSV; a table whose cells pandas cannot hash (a list
    in a cell) is hashed as its CSV. The row hash sees what the CSV would (a string "1" and an int 1 in an
    object column hash alike, as they print alike) and more (a float's every bit).

    >>> content_hash(pd.DataFrame({"a": [1, 2]})) == content_hash(pd.DataFrame({"a": [1, 2]}))
    True
    >>> content_hash(pd.DataFrame({"a": [1, 2]})) == content_hash(pd.DataFrame({"a": [2, 1]}))
    False
    """
    digest = hashlib.sha256(repr(list(zip(frame.columns, map(str, frame.dtypes)))).encode())
    try:
        digest.update(b"rows\0" + pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    except TypeError:  # unhashable cells
        digest.update(b"csv\0" + frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return digest.hexdigest()


def corpus_signature(corpus_dir: str | Path) -> str:
    """sha256 over the names and bytes of every file of the corpus folder."""
    folder = Path(corpus_dir)
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _record(corpus_dir, pipeline: str, knowledge_dir) -> dict:
    return {"corpus": str(Path(corpus_dir).resolve()), "corpus_sha256": corpus_signature(corpus_dir),
            "pipeline": pipeline, "knowledge_dir": None if knowledge_dir is None else str(Path(knowledge_dir).resolve()),
            "extractors": extractor_keys(knowledge_dir)}


def write_extracted(tables, frames: dict[str, pd.DataFrame], data_dir: str | Path, record: dict,
                    knowledge_dir=None, doc_keys: dict[str, str] | None = None, cache_dir=None) -> dict[str, str]:
    """Write the published tables (CSV and ``extracted/``) and ``stage.json``; return each table's content hash.

    A table whose content did not change is not rewritten, so its file keeps its date. With ``doc_keys``
    (each document's extraction key) and ``cache_dir``, the row-by-row joins reuse the rows of the documents
    that did not change since the last run (:mod:`helpers.chapters.published_kept`).
    """
    from helpers.chapters import published_kept
    from helpers.present.provenance import rendered_docs

    data_dir = Path(data_dir)
    folder = data_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    previous = read_record(data_dir) or {}
    keys, kept, shared = {}, {}, None
    if doc_keys is not None and cache_dir is not None:
        shared = published_kept.shared_key(record["extractors"], knowledge_dir)
        keys = published_kept.document_keys(shared, doc_keys, set(rendered_docs(tables.documents)))
        kept = published_kept.read_kept(cache_dir, data_dir, shared)
    hashes, published = {}, published_tables(tables, frames, knowledge_dir, kept, keys)
    for name, frame in published.items():
        hashes[name] = content_hash(frame)
        unchanged = (previous.get("tables", {}).get(name) == hashes[name] and (folder / f"{name}.pkl").exists()
                     and (name not in CSV_TABLES or (data_dir / f"{name}.csv").exists()))
        if unchanged:
            continue
        if name in CSV_TABLES:
            write_table(name, frame, data_dir, tables.texts, text_column=CSV_TABLES[name])
        else:
            check_spans(name, frame, tables.texts)
        tmp = folder / f".{name}.pkl.tmp"
        tmp.write_bytes(pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(folder / f"{name}.pkl")
    (folder / RECORD).write_text(json.dumps({**record, "tables": hashes}, indent=1, sort_keys=True) + "\n")
    if shared is not None:
        published_kept.keep(cache_dir, data_dir, shared, keys,
                            {name: published[name] for name in published_kept.ROW_BY_ROW})
    return hashes


def read_record(data_dir: str | Path) -> dict | None:
    """``data_dir/extracted/stage.json`` (which corpus the tables come from, each table's hash), or None."""
    path = Path(data_dir) / FOLDER / RECORD
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def default_pipeline() -> str:
    """The pinned pipeline's name (imported when asked for: :mod:`helpers.parse.pipeline` loads spaCy)."""
    from helpers.parse.pipeline import DEFAULT_PIPELINE

    return DEFAULT_PIPELINE


def run_stage(corpus_dir: str | Path, data_dir: str | Path, pipeline: str | None = None, knowledge_dir=None,
              tables=None, workers: int = 1, scheduler: str | None = None, cache_dir=None):
    """Extract every document of ``corpus_dir`` (cached) and write the tables to ``data_dir``.

    ``tables``: the corpus's parse if the caller has it (else it is loaded, from the parse cache);
    ``cache_dir``: the cache folder (default: the parse cache's); ``workers``, ``scheduler``: the engine.
    Returns the stage's :class:`helpers.extract.stage.Extracted`.
    """
    pipeline = pipeline or default_pipeline()
    if tables is None:
        from helpers.parse.tables import load_tables

        tables = load_tables(corpus_dir, pipeline=pipeline, knowledge_dir=knowledge_dir, cache_dir=cache_dir)
    from helpers.parse.tables import default_cache_dir

    result = extract_corpus(tables, knowledge_dir=knowledge_dir, cache_dir=cache_dir, workers=workers,
                            scheduler=scheduler)
    write_extracted(tables, result.frames, data_dir, _record(corpus_dir, pipeline, knowledge_dir), knowledge_dir,
                    result.keys, cache_dir or default_cache_dir())
    return result


def ensure_extracted(corpus_dir: str | Path, data_dir: str | Path, pipeline: str | None = None,
                     knowledge_dir=None) -> None:
    """Make sure ``data_dir`` holds the extracted tables of ``corpus_dir`` (same bytes, pipeline,
    knowledge and extractor code); run the stage if not. In a build the stage already ran: nothing to do."""
    pipeline = pipeline or default_pipeline()
    record = read_record(data_dir)
    current = _record(corpus_dir, pipeline, knowledge_dir)
    if record is None or any(record.get(k) != v for k, v in current.items()):
        run_stage(corpus_dir, data_dir, pipeline=pipeline, knowledge_dir=knowledge_dir)


def load_extracted(data_dir: str | Path, name: str) -> pd.DataFrame:
    """The extracted table ``name`` of ``data_dir`` (as the stage computed it, dtypes kept)."""
    path = Path(data_dir) / FOLDER / f"{name}.pkl"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no extracted table {name!r}; run `python -m helpers extract --corpus "
                                f"CORPUS --out {data_dir}` (or ensure_extracted) first")
    return pickle.loads(path.read_bytes())


def table_hashes(data_dir: str | Path, names) -> dict[str, str | None]:
    """The content hash of each of the extracted tables ``names`` of ``data_dir`` (None if absent)."""
    tables = (read_record(data_dir) or {}).get("tables", {})
    return {name: tables.get(name) for name in names}
