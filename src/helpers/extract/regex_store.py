"""Compiled regular expressions and what is derived from them, kept per machine between processes.

Compiling the knowledge's large patterns (the casualty shapes: up to 12,000 characters each, with a
look-ahead of their first characters in front) and deriving their word gates
(:mod:`helpers.extract.regex_gate`) is most of what a fresh process pays before it extracts its first
document, and it is the same work in every process. :class:`RegexStore` keeps the result in
``CACHE/regex-<tag>/`` (``$BOOK_CACHE_DIR``, as the parse cache): for a compiled pattern, the program
``re.compile`` makes (its opcodes, flags and groups), rebuilt with ``_sre.compile`` exactly as
``re._compiler.compile`` does; for a gate, its requirements. An entry is named by the sha256 of its kind,
pattern and flags, and holds the pattern it is for (pickled); the tag is the sha256 of Python's version, ``_sre``'s
magic number and code size, and the code of this module and of ``regex_gate.py``, so another Python or
changed derivation code never reads an old entry. An entry is written with its size and sha256
(:func:`helpers.parse.cache.write_checked`); one that is damaged, is for another pattern or that ``_sre``
refuses is named on stdout, deleted and derived again, never trusted. A folder that cannot be written
only means the next process derives again.

>>> store = RegexStore(Path(tempfile.mkdtemp()))
>>> first = store.compiled("plain", r"\\b(?:killed|died)\\b", re.IGNORECASE, program)
>>> again = RegexStore(store.folder.parent)
>>> again.compiled("plain", r"\\b(?:killed|died)\\b", re.IGNORECASE, program) == re.compile(r"\\b(?:killed|died)\\b", re.I)
True
>>> store.written, again.read
(1, 1)
"""

from __future__ import annotations

import _sre
import functools
import hashlib
import os
import pickle
import re
import sys
import tempfile  # noqa: F401 (the docstring's example)
from collections.abc import Callable
from pathlib import Path
from re import _compiler
from re import _parser as sre_parse

from helpers.parse.cache import read_checked, write_checked

_CODE = (Path(__file__), Path(__file__).with_name("regex_gate.py"))


def _tag() -> str:
    digest = hashlib.sha256(f"{sys.version}\0{_sre.MAGIC}\0{_sre.CODESIZE}".encode())
    for path in _CODE:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def program(pattern: str, flags: int) -> dict:
    """What ``re.compile(pattern, flags)`` hands to ``_sre.compile``, as plain values (pickled in the store)."""
    tree = sre_parse.parse(pattern, flags)
    groups = tree.state.groupdict
    index = [None] * tree.state.groups
    for name, i in groups.items():
        index[i] = name
    return {"pattern": pattern, "flags": flags | tree.state.flags, "code": [int(c) for c in _compiler._code(tree, flags)],
            "groups": tree.state.groups - 1, "groupindex": dict(groups), "indexgroup": index}


def from_program(entry: dict) -> re.Pattern:
    """The compiled pattern of a :func:`program` (equal to ``re.compile``'s: same pattern, flags and code)."""
    return _sre.compile(entry["pattern"], entry["flags"], entry["code"], entry["groups"],
                        {str(k): int(v) for k, v in entry["groupindex"].items()}, tuple(entry["indexgroup"]))


class RegexStore:
    """The per-machine folder of compiled patterns and gates (see the module's docstring)."""

    def __init__(self, root: str | Path):
        self.folder = Path(root).resolve() / f"regex-{_tag()}"
        self.read = self.written = 0  # entries used / derived and written by this process
        self.rejected: list[str] = []  # "path: reason" of every bad entry found (and deleted)

    def _path(self, kind: str, pattern: str, flags: int) -> Path:
        key = hashlib.sha256(f"{kind}\0{flags}\0{pattern}".encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / key[:2] / f"{key}.pkl"

    def _entry(self, path: Path, kind: str, pattern: str, flags: int) -> dict | None:
        try:
            body, reason = read_checked(path)
        except OSError:  # no folder to read (a file in its place): nothing stored
            return None
        if body is not None:
            try:
                entry = pickle.loads(body)
                if not isinstance(entry, dict) or entry.get("for") != [kind, pattern, flags]:
                    reason = "an entry for another pattern"
                else:
                    return entry
            except Exception as exc:  # noqa: BLE001 (whatever unpickling raised: a damaged entry)
                reason = f"not a stored entry ({type(exc).__name__})"
        if reason:
            self._reject(path, reason)
        return None

    def _reject(self, path: Path, reason: str) -> None:
        self.rejected.append(f"{path}: {reason}")
        print(f"[regex] {path}: {reason}; derived again", flush=True)
        path.unlink(missing_ok=True)

    def _write(self, path: Path, entry: dict) -> None:
        try:
            write_checked(path, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
            self.written += 1
        except OSError:  # a read-only or full cache folder: the next process derives it again
            pass

    def compiled(self, kind: str, pattern: str, flags: int,
                 derive: Callable[[str, int], dict | None]) -> re.Pattern | None:
        """The pattern whose :func:`program` ``derive(pattern, flags)`` returns (None: no pattern), compiled:
        from the stored program, else derived and stored. ``derive`` raises ``re.error`` as ``re.compile``."""
        flags = int(flags)
        path = self._path(kind, pattern, flags)
        entry = self._entry(path, kind, pattern, flags)
        if entry is not None:
            try:
                compiled = None if entry["program"] is None else from_program(entry["program"])
                self.read += 1
                return compiled
            except (KeyError, TypeError, ValueError, RuntimeError, AttributeError) as exc:
                self._reject(path, f"not a valid compiled pattern ({type(exc).__name__})")
        stored = derive(pattern, flags)
        self._write(path, {"for": [kind, pattern, flags], "program": stored})
        return None if stored is None else from_program(stored)

    def derived(self, kind: str, pattern: str, flags: int, derive: Callable[[str, int], list]) -> list:
        """``derive(pattern, flags)`` (a list of plain values), from the stored entry, else derived and stored."""
        flags = int(flags)
        path = self._path(kind, pattern, flags)
        entry = self._entry(path, kind, pattern, flags)
        if entry is not None and isinstance(entry.get("value"), list):
            self.read += 1
            return entry["value"]
        if entry is not None:
            self._reject(path, "no list of values")
        value = derive(pattern, flags)
        self._write(path, {"for": [kind, pattern, flags], "value": value})
        return value


@functools.cache
def _store(root: str) -> RegexStore:
    return RegexStore(root)


def store() -> RegexStore:
    """This process's store, in ``$BOOK_CACHE_DIR`` (or the parse cache's default folder)."""
    from helpers.parse.tables import default_cache_dir

    return _store(os.fspath(default_cache_dir()))
