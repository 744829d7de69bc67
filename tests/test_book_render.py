"""The built book in headless Chromium with the network cut: every chart renders, nothing errs or leaves."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, open_page, serve

pytestmark = [pytest.mark.book, pytest.mark.browser]
SHOTS = ROOT / "_build" / "screenshots"


@pytest.fixture(scope="module")
def server(built_book):
    with serve(built_book / "html") as url:
        yield url


def pages(book: Path) -> list[str]:
    html = book / "html"
    return sorted(
        p.relative_to(html).as_posix() for p in html.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts and p.stem not in {"genindex", "search"}
    )


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


def test_printed_pages_show_the_static_svg_instead_of_the_interactive_chart(built_book, server, browser):
    page, _, _ = open_page(browser, server, "chapters/sources.html")
    page.wait_for_selector("div.altair-chart svg.marks", timeout=15000)
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('div.altair-chart')).display") == "none"
    static = page.locator("div.chart-static svg").first
    assert static.is_visible()
    assert "Documents by publication date" in static.inner_html()
    page.close()


def test_a_claim_row_links_to_its_sentence_in_the_documents_appendix(built_book, server, browser):
    page, errors, _ = open_page(browser, server, "chapters/casualties.html")
    row = page.locator("table.kz-table tr", has_text="At least 18 security officers were killed")
    row.locator("a", has_text="sentence").click()
    page.wait_for_load_state("load")
    assert page.url.split("/")[-1].startswith("documents.html#s-001_c6950bd78c059d3e-txt-")
    target = page.locator(":target")
    assert target.inner_text() == "At least 18 security officers were killed by the rioters."
    assert not errors
    page.close()


def _seed_sources() -> list[dict]:
    import csv

    with open(ROOT / "seeds" / "sources.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_corpus_chapter_shows_each_seed_headline_and_links_its_original_address(built_book, server, browser):
    page, errors, _ = open_page(browser, server, "chapters/sources.html")
    for row in _seed_sources():
        item = page.locator("ol.kz-sources > li", has=page.locator(f'a[href="{row["url"]}"]'))
        assert item.count() == 1, row["doc"]
        shown = item.locator("strong").first.inner_text()
        assert shown == (row["title"] or "Headline not given")
        assert "access date not given" in item.inner_text()  # seeds/sources.csv gives no access date
    assert not errors
    page.close()


def test_the_appendix_heading_of_a_seed_is_its_headline_and_the_contents_link_lands_on_it(built_book, server, browser):
    from helpers.present.provenance import slug

    row = next(r for r in _seed_sources() if r["doc"].startswith("002_"))
    page, errors, _ = open_page(browser, server, "chapters/documents.html")
    heading = page.locator(f'h3[id="{slug(row["doc"])}"]')
    assert heading.inner_text() == row["title"]
    page.locator("nav.kz-doc-contents a", has_text=row["title"]).click()
    assert page.url.endswith(f"#{slug(row['doc'])}")
    meta = heading.locator("xpath=following-sibling::p[1]")
    assert meta.locator(f'a[href="{row["url"]}"]').count() == 1 and row["outlet"] in meta.inner_text()
    assert not errors
    page.close()


def test_a_back_link_from_a_sentence_lands_on_the_table_that_cites_it(built_book, server, browser):
    page, errors, _ = open_page(browser, server, "chapters/documents.html")
    sentence = page.locator("span.kz-sentence", has_text="At least 18 security officers were killed by the rioters.")
    assert sentence.locator("mark.kz-k-cas").inner_text() == "At least 18 security officers were killed"
    sentence.locator("xpath=following-sibling::span[1][contains(@class, 'kz-cited')]").locator(
        "a", has_text="casualties").click()
    page.wait_for_load_state("load")
    assert page.url.split("/")[-1] == "casualties.html#kz-casualties"
    assert page.locator("#kz-casualties").count() == 1
    # the ledger it lands on holds the row that cites the sentence
    assert page.locator("table", has_text="At least 18 security officers were killed").count() >= 1
    assert not errors
    page.close()
