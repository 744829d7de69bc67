"""Shared fixtures: the project root, the seeds, a built book (built once per session), a browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
# papermill's "python3" kernel must be this environment's, not a user-wide kernelspec of another Python
os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")
SEEDS = ROOT / "seeds"
SEED_DOCS = sorted(p.name for p in SEEDS.glob("*.txt"))


def line_sentences(texts: dict[str, str]) -> pd.DataFrame:
    """One sentence row per non-empty line, offsets into the original text (no boilerplate marked):
    the extractors cut lines into clauses themselves, so their tests need no spaCy model."""
    rows = []
    for doc, text in texts.items():
        position = 0
        for line in text.split("\n"):
            if line.strip():
                rows.append((doc, position, position + len(line), False))
            position += len(line) + 1
    return pd.DataFrame(rows, columns=["doc", "start", "end", "in_boilerplate"])


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
    from helpers.book.build import build_book

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


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1 (a free port) for the duration of the block; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Debian's Chromium driven by Playwright (no browser download), headless, network flags off."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed; `make test` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


def open_page(browser, server, path):
    """Open a page with every off-host request blocked; return (page, errors, blocked)."""
    page = browser.new_page()
    errors, blocked = [], []
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.on("console", lambda msg: msg.type == "error" and errors.append(f"console: {msg.text}"))

    def route(r):
        if urlparse(r.request.url).hostname in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(f"{server}/{path}", wait_until="load")
    return page, errors, blocked


def registered(tables, name: str, doc: str) -> pd.DataFrame:
    """The rows of the registered extractor ``name`` on one document of ``tables``, as the extraction
    stage computes them (``extract(doc_tables, knowledge_dir=None)``, after what it depends on)."""
    from helpers.extract.registry import run_document, split_tables

    doc_tables = next(d for d in split_tables(tables) if d.doc == doc)
    return run_document(doc_tables, names=[name])[name]


def row_starting(frame: pd.DataFrame, column: str, text: str) -> pd.Series:
    """The one row of ``frame`` whose ``column`` starts with ``text``."""
    rows = frame[frame[column].astype(str).str.startswith(text)]
    assert len(rows) == 1, (text, len(rows))
    return rows.iloc[0]
