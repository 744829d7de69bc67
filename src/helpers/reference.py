"""Reference facts from later reporting, each row with the address where it was read (``reference/``).

These are the comparison points of the book (official figures over time, statements on foreign
interference and their rebuttals, the timeline, place variants). They are cited, never merged into
the claims extracted from the corpus.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.paths import PROJECT_ROOT

REFERENCE_DIR = PROJECT_ROOT / "reference"
FILES = {
    "official_figures": "official_figures.csv",
    "interference_statements": "interference_statements.csv",
    "timeline": "timeline.csv",
    "place_variants": "place_variants.csv",
    "seed_sources": "seed_sources.csv",
}


def read_reference(name: str, reference_dir: str | Path | None = None) -> pd.DataFrame:
    """Read one reference table by name; raise naming the file if it is missing or has no ``url`` column.

    >>> read_reference("official_figures").loc[0, "announced_by"]               # doctest: +SKIP
    'Interior Ministry press service'
    """
    path = Path(reference_dir or REFERENCE_DIR) / FILES[name]
    if not path.exists():
        raise FileNotFoundError(f"reference table {path} does not exist")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "url" not in table.columns and name != "place_variants":
        raise ValueError(f"{path}: every reference row needs its address in a 'url' column")
    return table


def official_figures(reference_dir: str | Path | None = None) -> pd.DataFrame:
    """Official figures over time with numeric ``low``/``high`` and a ``retracted`` flag.

    ``value_low``/``value_high`` are empty where the words give no bound; ``value`` is the number drawn
    (``low`` where there is one). The 9 January figure of 164 dead was withdrawn the same day.
    """
    table = read_reference("official_figures", reference_dir)
    table["announced"] = pd.to_datetime(table["announced"], errors="coerce")
    table["low"] = pd.to_numeric(table["value_low"], errors="coerce")
    table["high"] = pd.to_numeric(table["value_high"], errors="coerce")
    table["value"] = table["low"].fillna(table["high"])
    table["retracted"] = table["note"].str.contains("RETRACTED", case=False)
    return table
