"""Files: hashes, JSON records and copies that leave unchanged files alone."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from helpers.book.layout import SKIP_NAMES
from helpers.corpus.entries import entry_signature
from helpers.paths import PACKAGE


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tree_files(folder: Path, skip: Callable[[Path], bool] | None = None) -> list[Path]:
    """Files under ``folder`` (sorted, recursive), leaving out caches, checkpoints and build folders."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_NAMES)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if not name.endswith((".pyc", ".tmp")) and not (skip and skip(path)):
                found.append(path)
    return found


def tree_hash(path: Path) -> str:
    """sha256 over the relative names and bytes of every file under ``path`` (or of the file itself).

    >>> tree_hash(Path("/no/such/folder"))[:12]
    'e3b0c44298fc'
    """
    digest = hashlib.sha256()
    if path.is_file():
        digest.update(file_sha256(path).encode())
    elif path.is_dir():
        for file in tree_files(path):
            digest.update(f"{file.relative_to(path).as_posix()}\0{file_sha256(file)}\n".encode())
    return digest.hexdigest()


def helpers_hash() -> str:
    """Hash of the helper package: every module and data file under ``src/helpers/``."""
    return tree_hash(PACKAGE)


def same_file(source: Path, target: Path) -> bool:
    """Whether ``target`` already holds ``source``'s bytes (same size and mtime, or same bytes)."""
    try:
        a, b = source.stat(), target.stat()
    except FileNotFoundError:
        return False
    if a.st_size != b.st_size:
        return False
    if a.st_mtime_ns == b.st_mtime_ns:
        return True
    return file_sha256(source) == file_sha256(target)


def sync_file(source: Path, target: Path, keep_mtime: bool = False) -> bool:
    """Copy ``source`` to ``target`` unless the bytes are already there; True if copied.

    A copied file gets the time of the copy (Sphinx re-reads a source newer than its last read,
    so an older mtime carried over could hide a change), unless ``keep_mtime``.
    """
    if same_file(source, target):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    (shutil.copy2 if keep_mtime else shutil.copyfile)(source, target)
    return True


def sync_tree(source: Path, target: Path, skip: Callable[[Path], bool] | None = None, delete: bool = False,
              keep_mtime: bool = False) -> int:
    """Mirror ``source`` into ``target`` file by file, copying changed files only; return how many were copied.

    ``delete``: remove files of ``target`` that ``source`` does not have.
    """
    copied = 0
    wanted = set()
    for path in tree_files(source, skip):
        rel = path.relative_to(source)
        wanted.add(rel)
        copied += sync_file(path, target / rel, keep_mtime)
    if delete and target.exists():
        for path in tree_files(target):
            if path.relative_to(target) not in wanted:
                path.unlink()
    return copied


def publish_tree(source: Path, target: Path) -> int:
    """Replace ``target`` by a copy of ``source`` in one step; return how many files were copied.

    The copy is assembled in a temporary folder beside ``target`` (a file whose bytes ``target``
    already holds is hard-linked from it, keeping its time; published files are only ever replaced,
    never written in place), then renamed over ``target``: a reader sees the old tree or the new
    one, never a mix, and files ``source`` lacks are gone.
    """
    staging = target.with_name(f".{target.name}.new-{os.getpid()}")
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    for leftover in (staging, old):
        shutil.rmtree(leftover, ignore_errors=True)
    copied = 0
    for path in tree_files(source):
        rel = path.relative_to(source)
        dest = staging / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        published = target / rel
        if same_file(path, published):
            os.link(published, dest)
        else:
            shutil.copy2(path, dest)
            copied += 1
    staging.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return copied


def remove_leftovers(out: Path) -> None:
    """Clear what an interrupted :func:`publish_tree` left in ``out``: half-assembled copies are
    removed; an old tree whose replacement never arrived is put back."""
    for path in sorted(out.glob(".*.new-*")):
        shutil.rmtree(path, ignore_errors=True)
    for path in sorted(out.glob(".*.old-*")):
        target = out / path.name[1:].rsplit(".old-", 1)[0]
        if target.exists():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.rename(target)


def tree_signature(folder: Path, leave_out: set[str]) -> str:
    """sha256 over (relative name, size, mtime) of every file under ``folder``: cheap change detection."""
    digest = hashlib.sha256()
    for path in tree_files(folder):
        rel = path.relative_to(folder).as_posix()
        if rel in leave_out:
            continue
        st = path.stat()
        digest.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def write_json(path: Path, value: dict, sort_keys: bool = True) -> None:
    """Write ``value`` as indented JSON, atomically (temporary file beside it, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(value, indent=2, sort_keys=sort_keys) + "\n", encoding="utf-8")
    tmp.replace(path)


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def corpus_hash(folder: Path) -> str:
    """sha256 over the names and bytes of every entry of the corpus folder (sources.csv included)."""
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        kind = entry_signature(path)  # never follows a link nor opens a FIFO or device
        digest.update(f"{path.name}\0{kind}\n".encode())
    return digest.hexdigest()


def json_hash(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()
