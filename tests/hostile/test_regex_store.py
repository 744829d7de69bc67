"""The per-machine regex store: what a fresh process reads back equals what ``re`` compiles, and a damaged,
misplaced or stale entry is named, deleted and derived again, never trusted."""

from __future__ import annotations

import pickle
import re

import pytest

from helpers.extract import casualties, regex_gate, regex_store
from helpers.extract.casualty_lexicon import load_lexicon
from helpers.extract.regex_store import RegexStore
from helpers.parse.cache import write_checked

COUNT = r"(?<!no\s)\b(?P<value>\d+|several|dozens)\s+(?:people|officers)\s+(?:were\s+)?killed"


def _fast(store: RegexStore, pattern: str) -> re.Pattern:
    return store.compiled("fast", pattern, re.IGNORECASE, regex_gate._fast)


def _entry(store: RegexStore):
    (path,) = sorted(store.folder.rglob("*.pkl"))
    return path


def test_the_casualty_shapes_read_back_equal_what_re_compiles(tmp_path, monkeypatch):
    """Every casualty shape (the largest patterns of the knowledge): the stored program, read by a new store,
    is the pattern re.compile makes of the same text (Pattern equality compares flags, text and opcodes),
    with the same first-character look-ahead, matches and groups; and the gates read back are the derived ones."""
    sources: list[str] = []
    monkeypatch.setattr(casualties, "fast_compile", lambda p, flags: sources.append(p) or re.compile(p, flags))
    plain = [p for _, p, _ in casualties._shapes(load_lexicon())]
    first, second = RegexStore(tmp_path), RegexStore(tmp_path)
    made = [_fast(first, s) for s in sources]
    read = [_fast(second, s) for s in sources]
    assert len(sources) > 10 and first.written == len(sources) and second.read == len(sources)
    assert not second.rejected
    for source, a, b, p in zip(sources, made, read, plain):
        assert a == b == re.compile(b.pattern, re.IGNORECASE)
        assert b.pattern.startswith("(?=(?i:[") and b.pattern.endswith(f"(?:{source})")
        assert b.groupindex == p.groupindex and b.groups == p.groups
    text = ("On Friday at least 12 police officers were killed, 3 of the dead were children, "
            "and the death toll rose to 164; 26 armed criminals were liquidated.")
    assert [[m.span() for m in p.finditer(text)] for p in read] == [[m.span() for m in p.finditer(text)] for p in plain]
    assert any(p.search(text) for p in read)
    gates = [first.derived("gate", p.pattern, p.flags, regex_gate._requirements) for p in read]
    assert [second.derived("gate", p.pattern, p.flags, regex_gate._requirements) for p in read] == gates
    assert gates == [regex_gate._requirements(p.pattern, p.flags) for p in read]


def _damage(path, how):
    data = path.read_bytes()
    head, _, body = data.partition(b"\n")
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "same_size_other_bytes":
        path.write_bytes(head + b"\n" + body.replace(b"killed", b"killer", 1))
    elif how == "other_pattern":  # a well-formed entry, checksum and all, for another pattern
        entry = pickle.loads(body)
        entry["for"][1] = entry["for"][1].replace("killed", "wounded")
        write_checked(path, pickle.dumps(entry))
    elif how == "invalid_code":  # a well-formed entry whose opcodes _sre refuses
        entry = pickle.loads(body)
        entry["program"]["code"] = entry["program"]["code"][:-3] + [99999, 1, 2]
        write_checked(path, pickle.dumps(entry))
    elif how == "not_pickle":
        write_checked(path, b"{not a pickle")


@pytest.mark.parametrize("how", ["truncated", "empty", "same_size_other_bytes", "other_pattern", "invalid_code",
                                 "not_pickle"])
def test_a_damaged_entry_is_named_deleted_and_derived_again(tmp_path, how, capsys):
    first = RegexStore(tmp_path)
    expected = _fast(first, COUNT)
    path = _entry(first)
    _damage(path, how)
    second = RegexStore(tmp_path)
    assert _fast(second, COUNT) == expected == re.compile(expected.pattern, re.IGNORECASE)
    assert len(second.rejected) == 1 and second.rejected[0].startswith(str(path))
    assert str(path) in capsys.readouterr().out
    assert second.written == 1  # derived again and stored again
    third = RegexStore(tmp_path)
    assert _fast(third, COUNT) == expected and third.read == 1 and not third.rejected


def test_a_damaged_gate_is_derived_again(tmp_path):
    pattern = re.compile(COUNT, re.IGNORECASE)
    first = RegexStore(tmp_path)
    expected = first.derived("gate", pattern.pattern, pattern.flags, regex_gate._requirements)
    path = _entry(first)
    entry = pickle.loads(path.read_bytes().partition(b"\n")[2])
    entry["value"] = "not a list"
    write_checked(path, pickle.dumps(entry))
    second = RegexStore(tmp_path)
    assert second.derived("gate", pattern.pattern, pattern.flags, regex_gate._requirements) == expected
    assert len(second.rejected) == 1


def test_other_code_or_python_reads_another_folder(tmp_path, monkeypatch):
    """The folder's tag covers the derivation code: an edited regex_gate.py never reads the old entries."""
    before = RegexStore(tmp_path).folder
    edited = tmp_path / "regex_gate.py"
    edited.write_bytes(regex_gate.__loader__.get_data(regex_gate.__file__) + b"\n# edited\n")
    monkeypatch.setattr(regex_store, "_CODE", (regex_store._CODE[0], edited))
    assert RegexStore(tmp_path).folder != before
    monkeypatch.setattr(regex_store.sys, "version", "3.99.0 (another build)")
    assert RegexStore(tmp_path).folder != before


def test_an_unwritable_folder_only_means_deriving_again(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the store's folder would be")
    store = RegexStore(blocker)
    assert _fast(store, COUNT) == re.compile(regex_gate._fast(COUNT, re.IGNORECASE)["pattern"], re.IGNORECASE)
    assert store.written == 0 and _fast(store, COUNT).search("Police said 12 people were killed")


def test_a_pattern_re_refuses_raises_as_re_compile_does(tmp_path):
    with pytest.raises(re.error):
        _fast(RegexStore(tmp_path), r"(?<=\w+)killed")  # a look-behind of no fixed width
    assert not list(RegexStore(tmp_path).folder.rglob("*.pkl"))
