"""Bytes to text: UTF-16 decoded, NULs anywhere detected, the language told by py3langid on short texts."""

from __future__ import annotations

import pytest

from helpers.corpus.reader import read_corpus

SENTENCE = "Police said 14 protesters were detained in Aktau on Wednesday."


def _one(tmp_path, name: str, data: bytes):
    (tmp_path / name).write_bytes(data)
    corpus = read_corpus(tmp_path)
    return corpus.documents.set_index("doc").loc[name], corpus.texts.get(name)


@pytest.mark.parametrize("encoding,expected", [("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
                                               ("utf-16-be", "utf-16-be")])
def test_utf16_with_or_without_bom_is_decoded(tmp_path, encoding, expected):
    row, text = _one(tmp_path, "a.txt", (SENTENCE + "\n").encode(encoding))
    assert (row["status"], row["encoding"]) == ("ok", expected)
    assert text == SENTENCE + "\n"
    assert row["n_chars"] == len(SENTENCE) + 1


def test_a_nul_after_the_first_8_kib_makes_the_file_binary(tmp_path):
    data = (SENTENCE + "\n").encode() * 200 + b"\0\0\0 hidden"
    assert len(data) > 8192 and b"\0" not in data[:8192]
    row, text = _one(tmp_path, "a.txt", data)
    assert row["status"] == "binary"
    assert row["reason"] == f"NUL byte at offset {len(SENTENCE + chr(10)) * 200:,}: a binary file, not text"
    assert text is None


def test_utf8_is_still_read_unchanged(tmp_path):
    data = "Алматы: police said 14 protesters were detained.\r\n".encode()
    row, text = _one(tmp_path, "a.txt", data)
    assert (row["status"], row["encoding"], text) == ("ok", "utf-8", data.decode())


@pytest.mark.parametrize("text,language", [
    ("Беспорядки в Казахстане начались второго января.", "ru"),
    ("Die Polizei hat 14 Demonstranten in Aktau festgenommen.", "de"),
    ("La police a arrêté 14 manifestants à Aktau mercredi.", "fr"),
])
def test_short_non_english_files_are_not_analysed_as_english(tmp_path, text, language):
    row, read = _one(tmp_path, "a.txt", text.encode())
    assert row["status"] == "other_language"
    assert row["language"] == language and repr(language) in row["reason"]
    assert read is None


@pytest.mark.parametrize("text", [SENTENCE, "Tokayev said.", "Kazakhstan unrest: 164 dead"])
def test_short_english_texts_are_kept(tmp_path, text):
    row, read = _one(tmp_path, "a.txt", text.encode())
    assert row["status"] == "ok" and read == text


def test_a_page_that_is_not_html_is_listed_and_logs_nothing(tmp_path, caplog):
    row, _ = _one(tmp_path, "page.html", b"\x01 Police said 14 protesters were detained in Aktau.")
    assert row["status"] == "no_main_text"
    # trafilatura's log errors would reach a chapter's stderr, which fails the build
    assert [r.getMessage() for r in caplog.records if r.name.startswith("trafilatura")] == []
