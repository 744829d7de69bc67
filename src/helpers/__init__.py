"""Helpers of the Kazakhstan January 2022 investigation book.

Chapters import what they need from here::

    from helpers import load_tables, enable_offline_renderer, write_table
"""

from helpers.charts import affiliation_family, enable_offline_renderer, save_svg
from helpers.corpus import STATUSES, read_corpus
from helpers.display import show_table
from helpers.nlp import DEFAULT_PIPELINE, build_pipeline
from helpers.tables import Tables, load_tables
from helpers.tables_io import write_table, write_tables

__all__ = [
    "DEFAULT_PIPELINE", "STATUSES", "Tables", "affiliation_family", "build_pipeline",
    "enable_offline_renderer", "load_tables", "read_corpus", "save_svg", "show_table", "write_table", "write_tables",
]
