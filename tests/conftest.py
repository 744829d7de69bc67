"""Shared fixtures: the project root, the seeds, and a built book (built once per test session)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# papermill's "python3" kernel must be this environment's, not a user-wide kernelspec of another Python
os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")
SEEDS = ROOT / "seeds"
SEED_DOCS = sorted(p.name for p in SEEDS.glob("*.txt"))


def seed_text(doc: str) -> str:
    """The original text of a seed, as every offset in the project refers to it."""
    return (SEEDS / doc).read_bytes().decode("utf-8")


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory) -> Path:
    """One parse cache for the whole test session, so the seeds are parsed once per pipeline."""
    path = tmp_path_factory.mktemp("cache")
    os.environ["BOOK_CACHE_DIR"] = str(path)
    return path


@pytest.fixture(scope="session")
def seed_tables(cache_dir):
    from helpers import load_tables

    return load_tables(SEEDS, cache_dir=cache_dir)


@pytest.fixture(scope="session")
def built_book(cache_dir) -> Path:
    """Build the whole book from the seeds into _build/test-book (papermill runs every chapter).

    Set KZ_TEST_BOOK=path to reuse a book built by `make book` instead (faster when iterating).
    """
    from helpers.build import build_book

    if os.environ.get("KZ_TEST_BOOK"):
        return Path(os.environ["KZ_TEST_BOOK"])
    out = ROOT / "_build" / "test-book"
    if out.exists():
        shutil.rmtree(out / "html", ignore_errors=True)
    cwd = os.getcwd()
    try:
        build_book(out=out)
    finally:
        os.chdir(cwd)
    return out
