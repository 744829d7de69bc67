"""The built book in headless Chromium with the network cut: every chart renders, nothing errs or leaves."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import ROOT

pytestmark = [pytest.mark.book, pytest.mark.browser]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "_build" / "screenshots"


@pytest.fixture(scope="module")
def server(built_book):
    handler = functools.partial(QuietHandler, directory=str(built_book / "html"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
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


def pages(book: Path) -> list[str]:
    html = book / "html"
    return sorted(
        p.relative_to(html).as_posix() for p in html.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts and p.stem not in {"genindex", "search"}
    )


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


def test_every_page_renders_its_charts_offline_without_errors(built_book, server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    checked = pages(built_book)
    assert "index.html" in checked and "chapters/sources.html" in checked
    failures = []
    for path in checked:
        page, errors, blocked = open_page(browser, server, path)
        n_charts = page.locator("div.altair-chart").count()
        if n_charts:
            page.wait_for_function(
                "() => [...document.querySelectorAll('div.altair-chart')]"
                ".every(d => d.querySelector('svg.marks, canvas.marks'))", timeout=15000)
        page.screenshot(path=str(SHOTS / (path.replace("/", "__") + ".png")), full_page=True)
        rendered = page.locator("div.altair-chart svg.marks, div.altair-chart canvas.marks").count()
        if rendered != n_charts or errors or blocked:
            failures.append((path, n_charts, rendered, errors, blocked))
        page.close()
    assert not failures, failures


def test_corpus_chapter_shows_glued_numbers_and_its_chart(built_book, server, browser):
    page, errors, _ = open_page(browser, server, "chapters/sources.html")
    page.wait_for_selector("div.altair-chart svg.marks", timeout=15000)
    text = page.inner_text("main")
    assert "The corpus folder holds 5 entries; 5 articles were read, from 5 outlets" in text
    assert "between 6 January 2022 and 8 January 2022" in text
    assert page.locator("div.altair-chart svg.marks .mark-rect path").count() >= 3  # bars drawn
    assert not errors
    page.close()
