"""Every CSV of ``OUT/data`` is byte-identical to the tables the code produced before a restructuring.

``tests/fixtures/table_hashes.json`` holds the sha256 of every CSV of a build on the seeds and on
``tests/corpora/second`` (default pipeline). A change that alters a table on purpose updates the
fixture in the same commit and says which table changed and why. Regenerate it with
``python tests/test_table_hashes.py OUT_SEEDS/data OUT_SECOND/data``.

Set ``KZ_TEST_BOOK`` / ``KZ_TEST_SECOND`` to the output folder of existing builds to check those
instead of building.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "table_hashes.json"
SECOND = ROOT / "tests" / "corpora" / "second"

pytestmark = pytest.mark.book


def table_hashes(data_dir: Path) -> dict[str, str]:
    """sha256 of every CSV directly in ``data_dir``, by file name."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(Path(data_dir).glob("*.csv"))}


def _compare(data_dir: Path, corpus: str) -> None:
    expected = json.loads(FIXTURE.read_text())[corpus]
    found = table_hashes(data_dir)
    missing = sorted(set(expected) - set(found))
    changed = sorted(name for name in expected if name in found and found[name] != expected[name])
    assert not missing, f"{corpus}: tables no longer written: {missing}"
    assert not changed, f"{corpus}: tables whose bytes changed: {changed}"


def test_seed_tables_are_byte_identical(built_book):
    _compare(built_book / "data", "seeds")


@pytest.fixture(scope="module")
def second_out(cache_dir) -> Path:
    if os.environ.get("KZ_TEST_SECOND"):
        return Path(os.environ["KZ_TEST_SECOND"])
    from helpers.book.build import build_book

    out = ROOT / "_build" / "test-second"
    cwd = os.getcwd()
    try:
        build_book(corpus=SECOND, out=out)
    finally:
        os.chdir(cwd)
    return out


def test_second_corpus_tables_are_byte_identical(second_out):
    _compare(second_out / "data", "second")


if __name__ == "__main__":  # regenerate: python tests/test_table_hashes.py SEEDS_DATA SECOND_DATA
    seeds, second = map(Path, sys.argv[1:3])
    FIXTURE.write_text(json.dumps({"second": table_hashes(second), "seeds": table_hashes(seeds)},
                                  indent=1, sort_keys=True) + "\n")
