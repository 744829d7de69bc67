"""The whole book built on another corpus (two seeds, an HTML page, a Markdown file and a document
without metadata, one of them full of markup), as `make book CORPUS=...` does it."""

import json
import subprocess
import sys

import pytest
from conftest import ROOT, open_page, serve

pytestmark = [pytest.mark.book, pytest.mark.browser]
SECOND = ROOT / "tests" / "corpora" / "second"


@pytest.fixture(scope="module")
def second_book(cache_dir):
    out = ROOT / "_build" / "test-second"
    subprocess.run([sys.executable, "-m", "helpers", "build", "--corpus", str(SECOND), "--out", str(out)],
                   check=True, cwd=ROOT)
    return out


@pytest.fixture(scope="module")
def second_server(second_book):
    with serve(second_book / "html") as url:
        yield url


def test_the_book_states_the_figures_of_the_corpus_it_was_built_on(second_book):
    manifest = json.loads((second_book / "data" / "manifest.json").read_text())
    assert manifest["corpus"].endswith("tests/corpora/second")
    page = (second_book / "html" / "chapters" / "sources.html").read_text(encoding="utf-8")
    assert 'The corpus folder holds <span class="pasted-text">5</span> entries' in page
    documents = (second_book / "data" / "documents.csv").read_text(encoding="utf-8")
    assert "003_europa_press_wire.html" in documents and "voi_no_metadata.md" in documents
    default = (ROOT / "_build" / "test-book" / "data" / "manifest.json")
    if default.exists():  # building elsewhere leaves the default build untouched
        assert json.loads(default.read_text())["corpus"].endswith("seeds")


def test_markup_in_a_document_is_shown_as_text_and_runs_nothing(second_book, second_server, browser):
    dialogs = []
    for path in ["chapters/documents.html", "chapters/casualties.html", "chapters/sources.html"]:
        page, errors, blocked = open_page(browser, second_server, path)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.wait_for_timeout(500)
        assert page.evaluate("window.__kz_xss === undefined"), path
        assert not blocked and not errors, (path, errors, blocked)
        if path.endswith("documents.html"):
            text = page.inner_text("main")
            assert '<script>window.__kz_xss = 1; alert("script ran")</script>' in text
            assert "<img src=\"x\" onerror=" in text
        page.close()
    assert dialogs == []
