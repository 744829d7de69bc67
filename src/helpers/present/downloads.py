"""A chart's data as a CSV beside it: one call writes the frame and gives the link shown under the chart."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from IPython.display import Markdown

from helpers.parse.tables_io import write_table


def chart_data(name: str, frame: pd.DataFrame, data_dir: str | Path) -> Markdown:
    """Write ``frame`` (the rows a chart draws) as ``data_dir/name.csv``; return the line that links it.

    The line is MyST (``{download}`` role; the book renders Markdown outputs as MyST), pointing at
    the book's ``data/`` folder as every chapter's Data section does.

    >>> chart_data("casualty_chart_killed", frame, "../_build/data")          # doctest: +SKIP
    Data of this chart: {download}`casualty_chart_killed.csv <../data/casualty_chart_killed.csv>`
    """
    write_table(name, frame, data_dir)
    return Markdown(f"Data of this chart: {{download}}`{name}.csv <../data/{name}.csv>`")
