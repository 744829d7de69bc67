"""A bad sources.csv: a clear error naming the file and the fix (one line from the CLI), or a listed value."""

from __future__ import annotations

import string
import subprocess
import sys

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.corpus.metadata import SourcesError, check_published
from helpers.corpus.reader import published_dates, read_corpus

SENTENCE = "Police said 14 protesters were detained in Aktau on Wednesday.\n"


def _corpus(folder, sources: bytes):
    (folder / "a.txt").write_text(SENTENCE)
    (folder / "b.txt").write_text(SENTENCE.replace("14", "15"))
    (folder / "sources.csv").write_bytes(sources)
    return folder


@pytest.mark.parametrize("sources,message", [
    (b"file,outlet\na.txt,X\n", r"sources\.csv: needs a 'doc' column .*the header is \['file', 'outlet'\]"),
    ("doc,outlet\na.txt,Радио Азаттык\n".encode("cp1251"), r"sources\.csv: not valid UTF-8 at byte \d+; save it as UTF-8"),
    (b"doc,outlet,published\na.txt,X,2022-01-06\nb.txt,Y,2022-01-07,extra\n",
     r"sources\.csv: line 3 has 4 field\(s\), the header has 3"),
    (b"doc,outlet\na.txt,X\nb.txt\n", r"sources\.csv: line 3 has 1 field\(s\), the header has 2"),
    (b"doc,outlet\na.txt,X\na.txt,Y\n", r"sources\.csv: documents listed twice: \['a\.txt'\]; keep one row"),
    (b"doc,outlet\n,X\n", r"sources\.csv: line 2 has an empty 'doc'"),
    (b'doc,outlet\na.txt,"unclosed\n', r"sources\.csv: not valid CSV"),
    (b"doc,doc\na.txt,b.txt\n", r"sources\.csv: the column\(s\) \['doc'\] appear twice"),
    (b"", r"sources\.csv: the file is empty"),
])
def test_a_bad_sources_csv_is_an_error_naming_the_file_and_the_fix(tmp_path, sources, message):
    _corpus(tmp_path, sources)
    with pytest.raises(SourcesError, match=message):
        read_corpus(tmp_path)


def test_the_cli_prints_one_line_and_exits_1(tmp_path):
    _corpus(tmp_path, b"doc,outlet\na.txt,X\na.txt,Y\n")
    result = subprocess.run([sys.executable, "-m", "helpers", "extract", "--corpus", str(tmp_path), "--out",
                             str(tmp_path / "out"), "--pipeline", "blank:en"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [(f"[extract] FAILED: {tmp_path / 'sources.csv'}: documents listed twice: ['a.txt']; "
                     "keep one row per document")]


def test_a_utf16_sources_csv_is_read(tmp_path):
    _corpus(tmp_path, "doc,outlet\na.txt,Радио Азаттык\n".encode("utf-16"))
    assert read_corpus(tmp_path).documents.set_index("doc").loc["a.txt", "outlet"] == "Радио Азаттык"


def test_a_sources_csv_that_is_a_link_is_refused(tmp_path):
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("doc,outlet\na.txt,X\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SENTENCE)
    (corpus / "sources.csv").symlink_to(outside)
    with pytest.raises(SourcesError, match="a symbolic link"):
        read_corpus(corpus)


def test_bad_published_values_are_reported_by_value_and_shown_as_unknown(tmp_path):
    _corpus(tmp_path, b"doc,outlet,published\na.txt,X,yesterday\nb.txt,Y,2022-13-45\n")
    docs = read_corpus(tmp_path).documents.set_index("doc")
    assert docs["published"].tolist() == ["unknown", "unknown"]
    assert docs.loc["a.txt", "metadata_issues"] == (
        "sources.csv: published 'yesterday' is not a date YYYY-MM-DD; shown as unknown")
    assert "'2022-13-45'" in docs.loc["b.txt", "metadata_issues"]
    assert docs["status"].tolist() == ["ok", "ok"]  # the documents are still analysed


def test_the_corpus_report_lists_the_bad_values(tmp_path):
    from helpers.chapters.sources import corpus_report

    _corpus(tmp_path, b"doc,outlet,published\na.txt,X,yesterday\nb.txt,Y,2022-01-06\n")
    report = corpus_report(read_corpus(tmp_path).documents)
    assert report["doc"].tolist() == ["a.txt"]
    assert "'yesterday'" in report.loc[0, "reason"]


@settings(max_examples=30, deadline=None)
@given(st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.text(alphabet=string.digits + "-/. aeyrsdt", max_size=12),
    st.from_regex(r"\d{4}-\d{2}-\d{2}", fullmatch=True),
))
def test_published_is_a_real_date_or_reported_never_silently_dropped(value):
    date, issue = check_published(value)
    if date:
        assert not issue and published_dates(__import__("pandas").Series([date])).notna().all()
    elif value.strip():
        assert repr(value.strip()) in issue
    else:
        assert issue == ""


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"),
                                 max_size=8), min_size=1, max_size=4), min_size=1, max_size=5))
def test_any_generated_sources_csv_reads_or_fails_with_a_named_error(tmp_path_factory, rows):
    import csv
    import io

    folder = tmp_path_factory.mktemp("gen")
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["doc", "outlet", "published"][: len(rows[0])], *rows[1:]])
    _corpus(folder, buffer.getvalue().encode("utf-8"))
    try:
        docs = read_corpus(folder).documents
    except SourcesError as exc:
        assert str(exc).startswith(str(folder / "sources.csv") + ": ")
        return
    assert {"a.txt", "b.txt"} <= set(docs["doc"])
    assert docs["published"].map(lambda v: v == "unknown" or check_published(v)[0] == v).all()
