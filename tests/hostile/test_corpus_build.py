"""Whole-book builds of ordinary and hostile corpora: one plain sentence, an empty folder, and a folder of
links, FIFOs, a socket and an unreadable file. Each must exit 0, list what it skipped, and publish nothing
from outside the corpus folder.

The three builds (rule-only pipeline, about 30 s each) run once, in one module-scoped fixture, through the
command line a user runs. The unreadable file is made unreadable for the build and every chapter kernel by a
``sitecustomize`` module on ``PYTHONPATH`` that makes ``os.open`` raise PermissionError for it (the tests run
as root, for whom ``chmod 000`` changes nothing).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

SECRET = "kz-hostile-secret-7f3a: this line lives outside every corpus folder"
LOCKED = "locked.txt"
SITECUSTOMIZE = f'''
import os
_open = os.open
def _refusing_open(path, flags, *args, **kwargs):
    if os.path.basename(os.fsdecode(path)) == {LOCKED!r}:
        raise PermissionError(13, "Permission denied", os.fsdecode(path))
    return _open(path, flags, *args, **kwargs)
os.open = _refusing_open
'''


def _hostile_corpus(folder: Path, outside: Path) -> Path:
    folder.mkdir()
    (folder / "outside.txt").symlink_to(outside)
    (folder / "dangling.txt").symlink_to(folder.parent / "no_such_file.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(folder / "socket.txt"))
    server.close()
    (folder / LOCKED).write_text("Police said 14 protesters were detained in Aktau on Wednesday.\n")
    return folder


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Build the three corpora with ``python -m helpers build``; return {name: (result, out folder)}."""
    base = tmp_path_factory.mktemp("hostile-builds")
    outside = base / "outside.txt"
    outside.write_text(SECRET + "\n")
    one = base / "one"
    one.mkdir()
    (one / "a.txt").write_text("Police said 14 protesters were detained in Aktau on Wednesday.\n")
    empty = base / "empty"
    empty.mkdir()
    hostile = _hostile_corpus(base / "hostile", outside)
    site = base / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT / "src")]),
           "BOOK_CACHE_DIR": str(base / "cache")}
    results = {}
    for corpus in (one, empty, hostile):
        out = base / f"book-{corpus.name}"
        result = subprocess.run(
            [sys.executable, "-m", "helpers", "build", "--corpus", str(corpus), "--out", str(out),
             "--pipeline", "blank:en"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)
        results[corpus.name] = (result, out)
    return results


@pytest.mark.parametrize("name", ["one", "empty", "hostile"])
def test_the_book_builds_and_exits_0(builds, name):
    result, out = builds[name]
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert (out / "html" / "index.html").exists()
    assert (out / "html" / "chapters" / "sources.html").exists()


def test_one_plain_sentence_gives_its_claim_linked_to_its_sentence(builds):
    _, out = builds["one"]
    claims = pd.read_csv(out / "data" / "casualties.csv", dtype=str, keep_default_na=False)
    row = claims.set_index("quote").loc["14 protesters were detained"]
    assert (row["doc"], row["outcome"], row["best"], row["location"]) == ("a.txt", "detained", "14", "Aktau")
    anchor = row["sentence_link"].split("#", 1)[1]
    assert f'id="{anchor}"' in (out / "html" / "chapters" / "documents.html").read_text()


def test_an_empty_folder_gives_a_book_that_says_it_holds_nothing(builds):
    _, out = builds["empty"]
    page = re.sub(r"<[^>]+>", "", (out / "html" / "chapters" / "sources.html").read_text())
    assert "The corpus folder holds 0 entries; 0 articles were read" in page
    assert pd.read_csv(out / "data" / "documents.csv").empty


def test_links_fifos_sockets_and_unreadable_files_are_listed_with_their_reasons(builds):
    _, out = builds["hostile"]
    docs = pd.read_csv(out / "data" / "documents.csv", dtype=str, keep_default_na=False).set_index("doc")
    assert docs["status"].to_dict() == {
        "dangling.txt": "symlink", LOCKED: "unreadable", "outside.txt": "symlink", "pipe.txt": "special_file",
        "socket.txt": "special_file", "zero.txt": "symlink",
    }
    assert "does not exist" in docs.loc["dangling.txt", "reason"]
    assert "FIFO" in docs.loc["pipe.txt", "reason"] and "socket" in docs.loc["socket.txt", "reason"]
    assert "Permission denied" in docs.loc[LOCKED, "reason"]
    page = (out / "html" / "chapters" / "sources.html").read_text()
    for name in docs.index:
        assert name in page


def test_nothing_from_outside_the_corpus_folder_is_published(builds):
    for _, out in builds.values():
        for path in out.rglob("*"):
            if path.is_file() and not path.is_symlink() and "cache" not in path.parts:
                assert SECRET.encode() not in path.read_bytes(), path
            if path.suffix == ".zip":
                with zipfile.ZipFile(path) as archive:
                    for member in archive.namelist():
                        assert SECRET.encode() not in archive.read(member), (path, member)
