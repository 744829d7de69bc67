"""``load_tables``'s result kept beside the parse cache, reused while nothing it was made from changed.

Reading a corpus (decoding, py3langid's language guess, boilerplate rules) and assembling its
tables from the per-document parse results costs seconds per hundred documents. The build does it
once; the chapters that read the whole corpus (sources, documents, methodology) would each do it
again. :func:`load_tables` therefore writes what it returns to ``CACHE/tables/`` and, on the next
call for the same corpus folder and pipeline, returns that copy when its key still matches:

- every entry of the corpus folder: its name, its ``lstat`` mode and size, and the sha256 of the
  bytes of each regular file (``sources.csv`` included; a link or FIFO is never followed nor opened);
- the pipeline fingerprint (its name and version, spaCy's, the parse code, the parse's knowledge files);
- the code that reads a corpus and assembles the tables (``helpers/corpus/*.py``, this module,
  ``parse/tables.py``), every knowledge file in effect, ``max_bytes``, and the versions of the
  packages that read texts (py3langid, trafilatura, pandas).

One file per corpus folder and pipeline (the latest key replaces the earlier one), written with its
size and sha256 like a parse cache entry (:func:`helpers.parse.cache.write_checked`), and used only
if every document's parse cache entry is still there with the size and modification time it had when
the tables were saved (an entry damaged or rewritten since sends the call through the checked read).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from importlib import metadata
from pathlib import Path

from helpers.knowledge import knowledge_files
from helpers.parse.cache import read_checked, write_checked
from helpers.paths import PACKAGE

FOLDER = "tables"
PACKAGES = ("py3langid", "trafilatura", "pandas")


def _code_files() -> list[Path]:
    return [*sorted((PACKAGE / "corpus").glob("*.py")), PACKAGE / "parse" / "tables.py", Path(__file__)]


def folder_signature(corpus_dir: str | Path) -> str:
    """sha256 over every entry of the corpus folder: name, ``lstat`` mode and size, bytes of regular files."""
    digest = hashlib.sha256()
    for path in sorted(Path(corpus_dir).iterdir(), key=lambda p: p.name):
        info = path.lstat()
        digest.update(os.fsencode(path.name) + f"\0{info.st_mode}\0{info.st_size}\0".encode())
        if stat.S_ISREG(info.st_mode) and os.access(path, os.R_OK):
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        digest.update(b"\n")
    return digest.hexdigest()


def tables_key(corpus_dir: str | Path, fingerprint: str, knowledge_dir=None, max_bytes: int | None = None) -> str:
    """The key the saved tables of ``corpus_dir`` must carry to be reused (see the module's docstring)."""
    digest = hashlib.sha256(f"{Path(corpus_dir).resolve()}\0{fingerprint}\0{max_bytes}\0".encode())
    digest.update(folder_signature(corpus_dir).encode())
    for path in [*_code_files(), *knowledge_files(knowledge_dir)]:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    for name in PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none\n".encode())
    return digest.hexdigest()


def saved_path(cache_root: str | Path, corpus_dir: str | Path, fingerprint: str) -> Path:
    """Where the tables of this corpus folder and pipeline are kept."""
    name = hashlib.sha256(f"{Path(corpus_dir).resolve()}\0{fingerprint}".encode()).hexdigest()[:24]
    return Path(cache_root) / FOLDER / f"{name}.pkl"


def _entry_stats(tables) -> dict | None:
    """Size and modification time of every parse cache entry ``tables`` was assembled from (None if one is gone)."""
    from helpers.parse.cache import ParseCache

    cache = ParseCache(tables.cache_root, tables.fingerprint)
    stats = {}
    for key in sorted(set(tables.keys.values())):
        try:
            info = cache.path(key).stat()
        except OSError:
            return None
        stats[key] = (info.st_size, info.st_mtime_ns)
    return stats


def read_saved(path: Path, key: str):
    """The saved tables if ``path`` holds them under ``key`` and every parse cache entry they use is
    still there, untouched since they were saved (same size and modification time), else None: then
    :func:`helpers.parse.tables.load_tables` reads the entries again and checks each one, so a damaged
    entry is named, deleted and parsed again. A damaged saved file is deleted."""
    body, problem = read_checked(path)
    if problem:
        path.unlink(missing_ok=True)
    if body is None:
        return None
    saved_key, stats, tables = pickle.loads(body)
    if saved_key != key or stats is None or _entry_stats(tables) != stats:
        return None
    return tables


def save(path: Path, key: str, tables) -> None:
    """Keep ``tables`` under ``key`` (replacing what ``path`` held)."""
    write_checked(path, pickle.dumps((key, _entry_stats(tables), tables), protocol=pickle.HIGHEST_PROTOCOL))
