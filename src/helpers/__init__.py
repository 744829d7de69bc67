"""Helpers of the Kazakhstan January 2022 investigation book.

Chapters import what they need from here::

    from helpers import load_tables, enable_offline_renderer, write_table

Each name is imported from its module on first use (PEP 562), so ``import helpers`` (and any
``helpers.x`` submodule) loads nothing heavy: spaCy is imported only by what parses, altair only by
what draws (``tests/test_lazy_imports.py``).
"""

import importlib

_EXPORTS = {
    "DEFAULT_PIPELINE": "helpers.parse.pipeline",
    "STATUSES": "helpers.corpus.reader",
    "Tables": "helpers.parse.tables",
    "affiliation_family": "helpers.chapters.outlets",
    "build_pipeline": "helpers.parse.pipeline",
    "enable_offline_renderer": "helpers.present.charts",
    "load_tables": "helpers.parse.tables",
    "read_corpus": "helpers.corpus.reader",
    "save_svg": "helpers.present.charts",
    "show_table": "helpers.present.display",
    "write_table": "helpers.parse.tables_io",
    "write_tables": "helpers.parse.tables_io",
}

__all__ = [
    "DEFAULT_PIPELINE", "STATUSES", "Tables", "affiliation_family", "build_pipeline",
    "enable_offline_renderer", "load_tables", "read_corpus", "save_svg", "show_table", "write_table", "write_tables",
]


def __getattr__(name: str):
    """Import an exported name from its module when it is first asked for."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted({*globals(), *_EXPORTS})
