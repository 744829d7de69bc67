"""The published tables of the last run, kept so that a changed corpus joins only its changed documents.

:func:`helpers.chapters.extracted.published_tables` joins each extraction-stage table with what the
chapters show beside it (outlet, family, date, sentence link, event words, excerpt). Six of these joins
are row by row (each row's result depends on its own document only), so when one document of a
thousand is added, the rows of the 999 others would come out as they did in the last run. After each
run the stage's writer keeps, in ``CACHE/published/``, per table, the key of each document behind the
rows it wrote to ``DATA/extracted/<table>.pkl`` (the document's extraction key, which covers its text,
metadata and parse, and whether the documents appendix shows it), each document's rows' place in that
table, and the size and modification time of the ``.pkl``. The next run reuses a document's rows from
that table only while

- the key shared by every document is the same: every extractor's key, every knowledge file in effect,
  the code of the joins (this module, :mod:`helpers.chapters.extracted` and what they import) and the
  pandas version;
- the document's own key is the same, and it has as many rows in the stage's table as then;
- the ``.pkl`` is untouched (same size and modification time), and the rows joined afresh have the
  columns and dtypes of the kept table.

Anything else joins the whole table again. The rows are spliced in the stage's document order, so the
table equals the one joined whole (``tests/test_stage.py`` compares them).
"""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

import numpy as np
import pandas as pd

FOLDER = "published"
ROW_BY_ROW = ("casualties", "places", "dates", "actors", "quotes", "claims")  # the joins spliced per document


def shared_key(extractor_keys: dict[str, str], knowledge_dir=None) -> str:
    """What every document's published rows depend on besides the document (see the module)."""
    from helpers.extract.stage import module_files
    from helpers.knowledge import knowledge_hash
    from helpers.paths import PACKAGE

    digest = hashlib.sha256(json.dumps(extractor_keys, sort_keys=True).encode())
    digest.update(knowledge_hash(knowledge_dir).encode() + pd.__version__.encode())
    for path in module_files("helpers.chapters.extracted") + module_files(__name__):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def document_keys(shared: str, doc_keys: dict[str, str], shown: set[str]) -> dict[str, str]:
    """Each document's key for its published rows: the shared key, its extraction key, whether it is shown."""
    return {doc: hashlib.sha256(f"{shared}\0{key}\0{doc in shown}".encode()).hexdigest()
            for doc, key in doc_keys.items()}


def runs(docs: pd.Series) -> list[tuple[str, int, int]] | None:
    """The ``(doc, start, end)`` row runs of a table grouped by document; None if a document's rows are split.

    >>> runs(pd.Series(["a", "a", "b"]))
    [('a', 0, 2), ('b', 2, 3)]
    >>> runs(pd.Series(["a", "b", "a"])) is None
    True
    """
    values = docs.to_numpy(dtype=object)
    if not len(values):
        return []
    cuts = np.flatnonzero(values[1:] != values[:-1]) + 1
    starts, ends = np.r_[0, cuts], np.r_[cuts, len(values)]
    out = [(values[a], int(a), int(b)) for a, b in zip(starts.tolist(), ends.tolist())]
    return out if len({doc for doc, _, _ in out}) == len(out) else None


def _path(cache_root, data_dir) -> Path:
    tag = hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:24]
    return Path(cache_root) / FOLDER / f"{tag}.pkl"


def read_kept(cache_root, data_dir, shared: str) -> dict[str, dict]:
    """Per table, the kept table and ``{doc: (key, start, end)}`` of its rows, if still usable (see the module)."""
    from helpers.parse.cache import file_stat, read_checked

    if cache_root is None:
        return {}
    path = _path(cache_root, data_dir)
    body, problem = read_checked(path)
    if problem:
        print(f"[extract] bad kept published tables {path}: {problem}; deleted, every table is joined whole",
              flush=True)
        path.unlink(missing_ok=True)
    if body is None:
        return {}
    record = pickle.loads(body)
    if record["shared"] != shared:
        return {}
    out = {}
    for name, entry in record["tables"].items():
        table = Path(data_dir) / "extracted" / f"{name}.pkl"
        if file_stat(table) == tuple(entry["stat"]):
            out[name] = {"frame": pickle.loads(table.read_bytes()), "rows": entry["rows"]}
    return out


def keep(cache_root, data_dir, shared: str, keys: dict[str, str], tables: dict[str, pd.DataFrame]) -> None:
    """Record, for each of ``tables`` (as written to ``DATA/extracted/``), whose rows it holds where."""
    from helpers.parse.cache import file_stat, write_checked

    if cache_root is None:
        return
    record: dict = {"shared": shared, "tables": {}}
    for name, frame in tables.items():
        found = runs(frame["doc"])
        stat = file_stat(Path(data_dir) / "extracted" / f"{name}.pkl")
        if found is None or stat is None or any(doc not in keys for doc, _, _ in found):
            continue
        record["tables"][name] = {"stat": stat, "rows": {doc: (keys[doc], a, b) for doc, a, b in found}}
    write_checked(_path(cache_root, data_dir), pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))


def spliced(join, frame: pd.DataFrame, kept: dict | None, keys: dict[str, str]) -> pd.DataFrame:
    """``join(frame)``, joining afresh only the documents whose rows ``kept`` cannot give (see the module)."""
    if not kept or not len(frame):
        return join(frame)
    found = runs(frame["doc"])
    if found is None:
        return join(frame)
    previous, rows = kept["frame"], kept["rows"]

    def reusable(doc: str, a: int, b: int) -> bool:
        entry = rows.get(doc)
        return entry is not None and entry[0] == keys.get(doc) and entry[2] - entry[1] == b - a

    reuse = [reusable(doc, a, b) for doc, a, b in found]
    if not any(reuse):
        return join(frame)
    fresh_at = [np.arange(a, b) for (_, a, b), r in zip(found, reuse) if not r]
    fresh = join(frame.iloc[np.concatenate(fresh_at)]) if fresh_at else None
    if fresh is not None and (list(fresh.columns) != list(previous.columns)
                              or list(map(str, fresh.dtypes)) != list(map(str, previous.dtypes))):
        return join(frame)
    pieces, run_source, run_index, at = [], None, [], 0

    def flush() -> None:
        if run_index:
            pieces.append(run_source.iloc[np.concatenate(run_index)])
            run_index.clear()

    for (doc, a, b), r in zip(found, reuse):
        source = previous if r else fresh
        span = np.arange(rows[doc][1], rows[doc][2]) if r else np.arange(at, at + b - a)
        at += 0 if r else b - a
        if source is not run_source:
            flush()
            run_source = source
        run_index.append(span)
    flush()
    out = pd.concat(pieces, ignore_index=True) if len(pieces) > 1 else pieces[0].reset_index(drop=True)
    return out
