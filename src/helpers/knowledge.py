"""Where the project's knowledge files live, and their fingerprint.

Knowledge (gazetteers, lexicons, boilerplate rules, vague-number values) is data under
``helpers/data/``. A user can point ``knowledge_dir`` at a folder of their own: a file found there
replaces the packaged file of the same name; files it lacks fall back to the packaged ones.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from helpers.paths import PACKAGE_DATA


def split_list(value: str) -> list[str]:
    """Split a semicolon-separated cell of a knowledge file into trimmed, non-empty names."""
    return [v.strip() for v in str(value).split(";") if v.strip()]


def knowledge_path(name: str, knowledge_dir: str | Path | None = None) -> Path:
    """Path of the knowledge file ``name``: the user's copy if ``knowledge_dir`` has one, else ours.

    >>> knowledge_path("boilerplate.csv").name
    'boilerplate.csv'
    """
    if knowledge_dir is not None:
        folder = Path(knowledge_dir)
        if not folder.is_dir():
            raise FileNotFoundError(f"knowledge_dir {folder} does not exist or is not a folder")
        candidate = folder / name
        if candidate.is_file():
            return candidate
    path = PACKAGE_DATA / name
    if not path.is_file():
        raise FileNotFoundError(f"knowledge file {name!r} is neither in {knowledge_dir} nor in {PACKAGE_DATA}")
    return path


def require_columns(table: pd.DataFrame, columns, what: str) -> None:
    """Raise ``ValueError("<what> lacks column(s) [...]")`` when ``table`` lacks any of ``columns``.

    >>> require_columns(pd.DataFrame({"doc": []}), ["doc", "start"], "sentences")
    Traceback (most recent call last):
    ...
    ValueError: sentences lacks column(s) ['start']
    """
    lacking = set(columns) - set(table.columns)
    if lacking:
        raise ValueError(f"{what} lacks column(s) {sorted(lacking)}")


def read_knowledge(name: str, knowledge_dir: str | Path | None, required, **read_options) -> pd.DataFrame:
    """The knowledge file ``name`` in effect as a DataFrame, after checking it has the ``required`` columns.

    Cells are read as text with empty cells kept as ``""`` unless ``read_options`` (passed on to
    :func:`pandas.read_csv`) say otherwise. A file lacking a required column raises ``ValueError``
    naming the file and the missing columns.

    >>> bool(read_knowledge("speech_cues.csv", None, ["cue", "kind", "source"])["kind"].eq("verb").any())
    True
    """
    path = knowledge_path(name, knowledge_dir)
    options = {"dtype": str, "keep_default_na": False, **read_options}
    table = pd.read_csv(path, **options)
    require_columns(table, required, f"{path}:")
    return table


def knowledge_files(knowledge_dir: str | Path | None = None) -> list[Path]:
    """Every knowledge file in effect (packaged names, overridden by the user's copies)."""
    names = sorted(p.name for p in PACKAGE_DATA.iterdir() if p.suffix == ".csv")
    if knowledge_dir is not None:
        names = sorted(set(names) | {p.name for p in Path(knowledge_dir).glob("*.csv")})
    return [knowledge_path(n, knowledge_dir) for n in names]


def knowledge_hash(knowledge_dir: str | Path | None = None, names: tuple[str, ...] | None = None) -> str:
    """sha256 over the names and bytes of the knowledge files in effect (all, or those ``names``)."""
    digest = hashlib.sha256()
    paths = knowledge_files(knowledge_dir) if names is None else [knowledge_path(n, knowledge_dir) for n in names]
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def knowledge_inventory(knowledge_dir: str | Path | None = None):
    """One row per knowledge file in effect: name, rows, whether it is the user's copy, sha256 prefix."""
    rows = []
    for path in knowledge_files(knowledge_dir):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        rows.append({"file": path.name, "rows": len(table), "columns": ", ".join(table.columns),
                     "copy": "packaged" if path.parent == PACKAGE_DATA else str(path.parent),
                     "sha256": hashlib.sha256(path.read_bytes()).hexdigest()[:12]})
    return pd.DataFrame(rows)


# ---- knowledge loaded once per process ----

_LOADED: dict[tuple, object] = {}


def cached_knowledge(loader, knowledge_dir: str | Path | None, names: tuple[str, ...], *args):
    """``loader(knowledge_dir, *args)``, computed once per process for the same content of ``names``.

    The key is the loader, ``args`` and :func:`knowledge_hash` of the knowledge files ``names`` in
    effect, so an edited or overriding copy of a file is read again, while the same bytes (packaged or
    a user's copy) reuse what was loaded: parsed tables, compiled patterns, name indexes. A loaded
    DataFrame is returned as a copy; any other object is shared, and callers must not change it. A
    loader that raises caches nothing.

    >>> from helpers.extract.places import read_places
    >>> cached_knowledge(read_places, None, ("places.csv",)) is cached_knowledge(read_places, None, ("places.csv",))
    True
    """
    key = (loader.__module__, loader.__qualname__, knowledge_hash(knowledge_dir, names), args)
    if key not in _LOADED:
        _LOADED[key] = loader(knowledge_dir, *args)
    loaded = _LOADED[key]
    return loaded.copy() if isinstance(loaded, pd.DataFrame) else loaded


def knowledge_cache(*names: str):
    """Decorator form of :func:`cached_knowledge` for a loader ``f(knowledge_dir=None)`` reading ``names``.

    The undecorated loader stays reachable as ``f.uncached``.
    """
    def decorate(loader):
        def cached(knowledge_dir: str | Path | None = None):
            return cached_knowledge(loader, knowledge_dir, names)

        cached.__name__, cached.__qualname__, cached.__doc__ = loader.__name__, loader.__qualname__, loader.__doc__
        cached.__module__, cached.__wrapped__, cached.uncached = loader.__module__, loader, loader
        return cached

    return decorate
