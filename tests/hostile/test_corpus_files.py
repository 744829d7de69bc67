"""Regular files only: links, FIFOs, sockets, devices and unreadable files are listed, never read, never fatal."""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

import pytest

from helpers.book.files import corpus_hash
from helpers.corpus.reader import read_corpus
from helpers.parse.tables import load_tables
from helpers.parse.tables_io import write_tables

SENTENCE = "Police said 14 protesters were detained in Aktau on Wednesday.\n"
SECRET = "kz-hostile-secret-91c2: this text lives outside the corpus folder\n"


@pytest.fixture(autouse=True)
def no_hang():
    """Fail instead of hanging forever (the old reader blocked on a FIFO)."""
    def fail(*_):
        raise TimeoutError("reading the corpus blocked for 60 s")
    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _statuses(folder: Path) -> dict[str, str]:
    return read_corpus(folder).documents.set_index("doc")["status"].to_dict()


def test_a_link_to_a_file_outside_the_folder_is_listed_and_not_read(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(SECRET)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SENTENCE)
    (corpus / "leak.txt").symlink_to(outside)
    (corpus / "inside.txt").symlink_to(corpus / "a.txt")  # links inside the folder are not followed either
    read = read_corpus(corpus)
    docs = read.documents.set_index("doc")
    assert docs["status"].to_dict() == {"a.txt": "ok", "inside.txt": "symlink", "leak.txt": "symlink"}
    assert "links are not followed" in docs.loc["leak.txt", "reason"]
    assert list(read.texts) == ["a.txt"]
    tables = load_tables(corpus, pipeline="blank:en", cache_dir=tmp_path / "cache")
    out = tmp_path / "out"
    write_tables(tables, out)
    for path in out.rglob("*"):
        if path.is_file():
            assert SECRET.strip().encode() not in path.read_bytes(), path
    assert sorted(p.name for p in (out / "texts").iterdir()) == ["a.txt"]


def test_a_dangling_link_is_listed_not_fatal(tmp_path):
    (tmp_path / "a.txt").write_text(SENTENCE)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    docs = read_corpus(tmp_path).documents.set_index("doc")
    assert docs.loc["gone.txt", "status"] == "symlink"
    assert "does not exist" in docs.loc["gone.txt", "reason"]
    assert docs.loc["a.txt", "status"] == "ok"
    corpus_hash(tmp_path)  # the build's corpus hash does not abort on it either


def test_a_fifo_a_socket_and_a_device_are_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "socket.md"))
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    try:
        docs = read_corpus(tmp_path).documents.set_index("doc")
        hashed = corpus_hash(tmp_path)  # nor does the build's hash of the folder open them
    finally:
        server.close()
    assert docs["status"].to_dict() == {"pipe.txt": "special_file", "socket.md": "special_file",
                                        "zero.txt": "symlink"}
    assert docs.loc["pipe.txt", "reason"] == "a FIFO (named pipe): only regular files are read"
    assert docs.loc["socket.md", "reason"] == "a socket: only regular files are read"
    assert len(hashed) == 64


def test_an_unreadable_file_is_listed_with_the_reason(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(SENTENCE)
    (tmp_path / "locked.txt").write_text(SENTENCE.replace("14", "15"))
    real_open = os.open

    def refusing(path, flags, *args, **kwargs):
        if os.fsdecode(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    docs = read_corpus(tmp_path).documents.set_index("doc")
    assert docs.loc["locked.txt", "status"] == "unreadable"
    assert docs.loc["locked.txt", "reason"] == "cannot be opened: Permission denied"
    assert docs.loc["a.txt", "status"] == "ok"


def test_a_file_name_that_is_not_utf8_is_listed_escaped(tmp_path):
    (tmp_path / "a.txt").write_text(SENTENCE)
    with open(os.fsencode(tmp_path) + b"/bad\xff.txt", "wb") as handle:
        handle.write(SENTENCE.encode())
    read = read_corpus(tmp_path)
    docs = read.documents.set_index("doc")
    assert docs.loc["bad\\xff.txt", "status"] == "unsupported"
    assert "not valid UTF-8" in docs.loc["bad\\xff.txt", "reason"]
    tables = load_tables(tmp_path, pipeline="blank:en", cache_dir=tmp_path.parent / f"{tmp_path.name}-cache")
    write_tables(tables, tmp_path.parent / f"{tmp_path.name}-out")  # the documents table can be written


def test_a_file_larger_than_the_limit_is_not_read_into_memory(tmp_path):
    with open(tmp_path / "big.txt", "wb") as handle:
        handle.truncate(3_000_000_000)  # 3 GB, sparse: reading it whole would exhaust memory
    docs = read_corpus(tmp_path).documents.set_index("doc")
    assert docs.loc["big.txt", "status"] == "too_large"
    assert docs.loc["big.txt", "reason"].startswith("3,000,000,000 bytes")
