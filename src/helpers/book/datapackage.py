"""The data dictionary of ``OUT/data``: a Frictionless ``datapackage.json`` describing every CSV.

Each CSV becomes a tabular resource with its fields in header order. A field's type and description
come from the table's pandera schema where there is one (``helpers.parse.tables_io.SCHEMAS``); other
fields take their type from the values (read by pandas) and their description from the column
glossary ``columns.csv`` (a row for one table wins over a row for every table). A table's description
is the sentence the book's Data sections give it (``{download}`x.csv <...>`: what it holds``), else
the glossary's row for the table with an empty column, else its schema's description.
The file is rewritten only when its content changes, so an unchanged folder keeps its archive.

>>> field_type(pd.Series([1, 2]))
'integer'
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd

from helpers.knowledge import knowledge_path
from helpers.parse.tables_io import SCHEMAS
from helpers.paths import PROJECT_ROOT

NAME = "datapackage.json"
PROFILE = "tabular-data-package"
DOWNLOAD = re.compile(r"\{download\}`([\w.-]+\.csv) <[^>]*>`")


def field_type(values: pd.Series) -> str:
    """The Frictionless type of a column read by pandas (integer, number, boolean or string)."""
    if pd.api.types.is_bool_dtype(values):
        return "boolean"
    if pd.api.types.is_integer_dtype(values):
        return "integer"
    if pd.api.types.is_float_dtype(values):
        return "number"
    return "string"


def schema_type(dtype) -> str:
    """The Frictionless type of a pandera column type."""
    name = str(dtype).lower()
    for key, kind in (("bool", "boolean"), ("int", "integer"), ("float", "number")):
        if key in name:
            return kind
    return "string"


def column_glossary(knowledge_dir: str | Path | None = None) -> dict[tuple[str, str], str]:
    """(table, column) -> description from ``columns.csv``; table ``""`` applies to every table."""
    with open(knowledge_path("columns.csv", knowledge_dir), encoding="utf-8") as f:
        return {(row["table"], row["column"]): row["description"] for row in csv.DictReader(f)}


def table_descriptions(chapters_dir: str | Path | None = None) -> dict[str, str]:
    """File name -> what it holds, from the list items of the chapters' Data sections."""
    found: dict[str, str] = {}
    for path in sorted(Path(chapters_dir or PROJECT_ROOT / "chapters").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] != "markdown":
                continue
            for line in "".join(cell["source"]).splitlines():
                names = DOWNLOAD.findall(line)
                tail = DOWNLOAD.split(line)[-1]
                if names and tail.startswith(":"):
                    for name in names:
                        found.setdefault(name, tail[1:].strip())
    return found


def table_schema(path: Path, glossary: dict[tuple[str, str], str]) -> dict:
    """The Frictionless table schema of one CSV: every header column with a type and a description."""
    values = pd.read_csv(path, keep_default_na=True)
    declared = SCHEMAS[path.stem].columns if path.stem in SCHEMAS else {}
    fields = []
    for column in values.columns:
        spec = declared.get(column)
        kind = schema_type(spec.dtype) if spec is not None else field_type(values[column])
        if kind == "boolean" and not pd.api.types.is_bool_dtype(values[column]):
            kind = "string"  # a declared boolean with missing values is written as text
        description = (spec.description if spec is not None and spec.description else
                       glossary.get((path.name, column)) or glossary.get(("", column), ""))
        fields.append({"name": column, "type": kind, "description": description})
    return {"fields": fields, "missingValues": [""]}


def datapackage(data_dir: str | Path, chapters_dir: str | Path | None = None,
                knowledge_dir: str | Path | None = None) -> dict:
    """The data package of a data folder: one tabular resource per CSV, sorted by name."""
    data_dir = Path(data_dir)
    glossary = column_glossary(knowledge_dir)
    described = table_descriptions(chapters_dir)
    resources = []
    for path in sorted(data_dir.glob("*.csv")):
        schema_text = SCHEMAS[path.stem].description if path.stem in SCHEMAS else None
        resources.append({
            "name": re.sub(r"[^a-z0-9_.-]", "-", path.stem.lower()),
            "path": path.name,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": described.get(path.name) or glossary.get((path.name, "")) or schema_text or "",
            "schema": table_schema(path, glossary),
        })
    return {
        "profile": PROFILE,
        "name": "kazakhstan-january-2022-claims",
        "title": "Kazakhstan, January 2022: what the articles claim (tables of the book)",
        "description": ("Every table of the book as CSV. Rows of extracted claims carry the document and the "
                        "character span (start, end) of their quote in the original text, under texts/."),
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0 (tables and text written by the project)"}],
        "resources": resources,
    }


def write_datapackage(data_dir: str | Path, chapters_dir: str | Path | None = None) -> Path:
    """Write ``datapackage.json`` into ``data_dir`` (only when its content changed); return its path."""
    target = Path(data_dir) / NAME
    text = json.dumps(datapackage(data_dir, chapters_dir), indent=2, ensure_ascii=False) + "\n"
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target
