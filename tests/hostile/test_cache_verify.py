"""Parse cache entries are verified on read: a damaged entry is named, deleted and parsed again."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.parse.cache import CacheEntryError, ParseCache
from helpers.parse.tables import load_tables

SENTENCES = ("Police said 14 protesters were detained in Aktau on Wednesday. "
             "The interior ministry said 18 security officers were killed in Almaty.\n")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(SENTENCES)
    (folder / "b.txt").write_text("Tokayev said that Almaty was attacked by terrorists.\n")
    return folder


def _entries(cache_dir):
    return sorted(p for p in cache_dir.rglob("*.json"))


def _damage(path, how):
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "no_header":
        path.write_bytes(data.partition(b"\n")[2])
    elif how == "same_size_other_bytes":
        head, _, body = data.partition(b"\n")
        path.write_bytes(head + b"\n" + body.replace(b"[", b"{", 1))
    elif how == "empty":
        path.write_bytes(b"")


@pytest.mark.parametrize("how", ["truncated", "no_header", "same_size_other_bytes", "empty"])
def test_a_damaged_entry_is_named_deleted_and_parsed_again(corpus, tmp_path, capsys, how):
    cache_dir = tmp_path / "cache"
    first = load_tables(corpus, pipeline="blank:en", cache_dir=cache_dir)
    assert first.parsed == 2
    entries = _entries(cache_dir)
    assert len(entries) == 2
    _damage(entries[0], how)
    capsys.readouterr()
    second = load_tables(corpus, pipeline="blank:en", cache_dir=cache_dir)
    out = capsys.readouterr().out
    assert f"[cache] bad entry {entries[0]}" in out and "parsed again" in out
    assert second.parsed == 1
    pd.testing.assert_frame_equal(first.sentences, second.sentences)
    pd.testing.assert_frame_equal(first.entities, second.entities)
    third = load_tables(corpus, pipeline="blank:en", cache_dir=cache_dir)  # repaired: nothing to parse
    assert third.parsed == 0


def test_an_entry_damaged_after_it_was_checked_is_an_error_naming_it(tmp_path):
    cache = ParseCache(tmp_path, "f" * 64)
    cache.put("ab" + "0" * 62, {"sentences": [[0, 5]], "entities": []})
    assert cache.get("ab" + "0" * 62) == {"sentences": [[0, 5]], "entities": []}
    path = cache.path("ab" + "0" * 62)
    path.write_bytes(path.read_bytes()[:-3])
    with pytest.raises(CacheEntryError, match=str(path)):
        cache.get("ab" + "0" * 62)
    assert not path.exists()
    assert cache.get("ab" + "0" * 62) is None
