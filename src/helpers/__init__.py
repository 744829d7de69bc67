"""Helpers of the Kazakhstan January 2022 investigation book.

Chapters import what they need from here::

    from helpers import load_tables, enable_offline_renderer, write_table
"""

from helpers.chapters.outlets import affiliation_family
from helpers.corpus.reader import STATUSES, read_corpus
from helpers.parse.pipeline import DEFAULT_PIPELINE, build_pipeline
from helpers.parse.tables import Tables, load_tables
from helpers.parse.tables_io import write_table, write_tables
from helpers.present.charts import enable_offline_renderer, save_svg
from helpers.present.display import show_table

__all__ = [
    "DEFAULT_PIPELINE", "STATUSES", "Tables", "affiliation_family", "build_pipeline",
    "enable_offline_renderer", "load_tables", "read_corpus", "save_svg", "show_table", "write_table", "write_tables",
]
