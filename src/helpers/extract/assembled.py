"""The stage's corpus-wide tables kept from the last run, so unchanged documents' rows are not unpickled again.

:func:`helpers.extract.stage.extract_corpus` concatenates every document's cached rows, one small
pickled frame per document and extractor; at a thousand documents reading those thousands of
files is most of the stage's seconds when one document was added. After each run the stage keeps,
per corpus folder, pipeline and extractor, the table it assembled with the document keys it holds,
each key's number of rows and the size and modification time of the key's cache entry
(``CACHE/assembled/``). The next run takes a document's rows from that table only while its entry
is still there, untouched (same size and modification time), and the extractor's key is the same;
any other document goes through the checked read of its entry (:meth:`ExtractCache.find`), so a
damaged entry is still named, deleted and extracted again. A damaged kept table is named, deleted
and not used.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.parse.cache import file_stat, read_checked, write_checked

FOLDER = "assembled"


@dataclass(frozen=True)
class Rows:
    """A document's rows inside the kept table: ``frame.iloc[start:end]``."""

    frame: pd.DataFrame
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


def _path(cache, corpus_folder, fingerprint: str, name: str) -> Path:
    tag = hashlib.sha256(f"{Path(corpus_folder).resolve()}\0{fingerprint}\0{name}".encode()).hexdigest()[:24]
    return cache.root / FOLDER / f"{tag}.pkl"


def kept_rows(cache, corpus_folder, fingerprint: str, name: str) -> dict[str, Rows]:
    """The rows of each document key the kept table of extractor ``name`` can still give (see the module)."""
    if corpus_folder is None:
        return {}
    path = _path(cache, corpus_folder, fingerprint, name)
    body, problem = read_checked(path)
    if problem:
        print(f"[extract] bad kept table {path}: {problem}; deleted, the rows are read from the cache", flush=True)
        path.unlink(missing_ok=True)
    if body is None:
        return {}
    record = pickle.loads(body)
    if record["extractor"] != cache.keys[name]:
        return {}
    frame, found, start = record["frame"], {}, 0
    for key, count, stat in zip(record["keys"], record["counts"], record["stats"]):
        if file_stat(cache.path(name, key)) == stat:
            found[key] = Rows(frame, start, start + count)
        start += count
    return found


def keep(cache, corpus_folder, fingerprint: str, name: str, keys: list[str], counts: list[int],
         frame: pd.DataFrame) -> None:
    """Keep extractor ``name``'s corpus-wide ``frame`` (``counts[i]`` rows of ``keys[i]``, in order)."""
    if corpus_folder is None:
        return
    record = {"extractor": cache.keys[name], "keys": keys, "counts": counts,
              "stats": [file_stat(cache.path(name, key)) for key in keys], "frame": frame}
    write_checked(_path(cache, corpus_folder, fingerprint, name), pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))


def pieces(frames: list) -> list[pd.DataFrame]:
    """The non-empty rows of ``frames`` (frames or :class:`Rows`), in order, consecutive kept rows taken at once."""
    out: list[pd.DataFrame] = []
    run: list[Rows] = []

    def flush() -> None:
        if run:
            index = np.concatenate([np.arange(r.start, r.end) for r in run])
            out.append(run[0].frame.iloc[index])
            run.clear()

    for f in frames:
        if not len(f):
            continue
        if isinstance(f, Rows):
            if run and run[-1].frame is not f.frame:
                flush()
            run.append(f)
        else:
            flush()
            out.append(f)
    flush()
    return out
