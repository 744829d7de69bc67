"""Outputs are a pure function of the inputs: a document removed from the corpus, or a table no
chapter writes any more, is gone from ``OUT/data``, ``data.zip`` and the html after a rebuild."""

import subprocess
import zipfile

from hostile.small_books import TABLES_CELL, build, build_command, build_env, write_book, write_corpus

# each document has one boilerplate line: a corpus without any does not build yet (issue 16, item 1)
KEPT = ("The interior ministry said on 6 January that 18 officers had been killed in Almaty.\n"
        "A burnt car in a street (Photo credit: the test)\n")
REMOVED = "A document that the reader deletes from the corpus after the first build: Zhanaozen.\n"
EXTRA = ('import pandas as pd\n'
         'write_table("extra_table", pd.DataFrame({"doc": ["kept.txt"], "note": ["only in the first build"]}), '
         'data_dir)')


def published_files(out):
    return [p for folder in (out / "data", out / "html") for p in sorted(folder.rglob("*")) if p.is_file()]


def test_a_removed_document_and_a_table_no_chapter_writes_are_no_longer_published(tmp_path):
    root = write_book(tmp_path / "book", {"sources": TABLES_CELL, "extra": TABLES_CELL + "\n" + EXTRA},
                      {"sources": ["documents.csv"], "extra": ["extra_table.csv"]})
    write_corpus(root / "corpus", {"kept.txt": KEPT, "removed.txt": REMOVED})
    out = tmp_path / "out"
    build(root, out)
    assert sorted(p.name for p in (out / "data" / "texts").iterdir()) == ["kept.txt", "removed.txt"]
    assert (out / "data" / "extra_table.csv").exists()

    (root / "corpus" / "removed.txt").unlink()
    write_book(root, {"sources": TABLES_CELL}, {"sources": ["documents.csv"]})
    (root / "chapters" / "extra.ipynb").unlink()
    log = build(root, out).stdout
    assert "removed from the data, as no part of this build writes them: extra_table.csv" in log

    assert sorted(p.name for p in (out / "data" / "texts").iterdir()) == ["kept.txt"]
    assert not (out / "data" / "extra_table.csv").exists()
    with zipfile.ZipFile(out / "data" / "data.zip") as archive:
        names = archive.namelist()
    assert "data/texts/kept.txt" in names and "data/documents.csv" in names
    assert not [n for n in names if "removed.txt" in n or "extra_table" in n], names
    # nothing published (data, html and its downloads) still holds the removed document or table
    for path in published_files(out):
        data = path.read_bytes()
        assert b"Zhanaozen" not in data and b"removed.txt" not in data and b"extra_table" not in data, path
    assert not (out / "BUILDING").exists()
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # no temporary folder left

    # a build that fails leaves the published pair as it was, and says it is incomplete
    before = {p: p.read_bytes() for p in published_files(out)}
    (root / "corpus" / "new.txt").write_text(KEPT.replace("18 officers", "19 officers"), encoding="utf-8")
    write_book(root, {"sources": TABLES_CELL + "\nraise RuntimeError('a chapter that fails')"},
               {"sources": ["documents.csv"]})
    failed = subprocess.run(build_command(root, out), cwd=root, env=build_env(), capture_output=True, text=True,
                            check=False)
    assert failed.returncode != 0 and "chapters/sources.ipynb failed in cell 3" in failed.stdout + failed.stderr
    assert (out / "BUILDING").exists()
    assert {p: p.read_bytes() for p in published_files(out)} == before
