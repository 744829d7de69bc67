"""Extraction-stage cache entries are verified on read: a damaged entry is named, deleted and extracted again."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.extract.stage import extract_corpus
from helpers.parse.tables import load_tables

TEXT = ("Police said 14 protesters were detained in Aktau on Wednesday. "
        "The interior ministry said 18 security officers were killed in Almaty.\n")


def _damage(path, how):
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "no_header":
        path.write_bytes(data.partition(b"\n")[2])
    elif how == "flipped_byte":
        head, _, body = data.partition(b"\n")
        path.write_bytes(head + b"\n" + body[:-1] + bytes([body[-1] ^ 1]))
    elif how == "empty":
        path.write_bytes(b"")


@pytest.mark.parametrize("how", ["truncated", "no_header", "flipped_byte", "empty"])
def test_a_damaged_extraction_entry_is_named_deleted_and_extracted_again(tmp_path, capsys, how):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT)
    cache_dir = tmp_path / "cache"
    tables = load_tables(corpus, pipeline="blank:en", cache_dir=cache_dir)
    first = extract_corpus(tables, cache_dir=cache_dir)
    casualties = first.frames["casualties"]
    assert set(casualties["number_text"]) == {"14", "18"}  # the two figures of the sentence
    entry = next(p for p in cache_dir.rglob("*.pkl") if p.parent.parent.name.startswith("extract-casualties-"))
    _damage(entry, how)
    capsys.readouterr()
    second = extract_corpus(tables, cache_dir=cache_dir)
    out = capsys.readouterr().out
    assert f"[extract] bad cache entry {entry}" in out
    pd.testing.assert_frame_equal(casualties, second.frames["casualties"])
    assert entry.exists()  # written again, and valid
    capsys.readouterr()
    extract_corpus(tables, cache_dir=cache_dir)
    assert "bad cache entry" not in capsys.readouterr().out
