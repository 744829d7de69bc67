"""The built book's charts in headless Chromium at a desktop and a phone width: every chart renders, none is
wider than its container or the page, and the timeline's tooltip writes its date as a day."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, open_page, serve
from test_book_render import pages

pytestmark = [pytest.mark.book, pytest.mark.browser]
SHOTS = ROOT / "_build" / "screenshots"
WIDTHS = (1280, 390)

# Per chart: the drawing's box, its container's, whether the container scrolls, and the parts of the
# drawing (titles, axes, legends) that reach past its edges: the drawing clips them, so a legend or an
# axis label wider than the chart would be cut off although the drawing itself fits.
MEASURE = """() => [...document.querySelectorAll('div.altair-chart')].map(div => {
  const mark = div.querySelector('svg.marks, canvas.marks');
  const box = mark ? mark.getBoundingClientRect() : null, own = div.getBoundingClientRect();
  const cut = !mark ? [] : [...mark.querySelectorAll('.role-title, .role-legend, .role-axis-label, .role-axis-title')]
    .map(g => [g.getAttribute('class'), g.textContent.slice(0, 40), g.getBoundingClientRect()])
    .filter(([, , r]) => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1))
    .map(([c, t, r]) => [c, t, Math.round(r.left - box.left), Math.round(r.right - box.right)]);
  return {id: div.id, drawn: !!mark, left: box && box.left, right: box && box.right, width: box && box.width,
          container_left: own.left, container_right: own.right, scroll: div.scrollWidth, client: div.clientWidth,
          viewport: document.documentElement.clientWidth, cut: cut};
})"""


@pytest.fixture(scope="module")
def server(built_book):
    with serve(built_book / "html") as url:
        yield url


def wait_for_charts(page) -> int:
    """Wait until every chart div of the page holds its drawing; the number of charts."""
    count = page.locator("div.altair-chart").count()
    if count:
        page.wait_for_function("() => [...document.querySelectorAll('div.altair-chart')]"
                               ".every(d => d.querySelector('svg.marks, canvas.marks'))", timeout=20000)
    return count


@pytest.mark.parametrize("width", WIDTHS)
def test_no_chart_is_wider_than_its_container(built_book, server, browser, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    failures, charts = [], 0
    for path in pages(built_book):
        page, errors, blocked = open_page(browser, server, path)
        page.set_viewport_size({"width": width, "height": 900})
        charts += wait_for_charts(page)
        page.wait_for_timeout(600)  # the page opened at 1280 px: every chart redraws on the resize
        drawings = page.evaluate("() => [...document.querySelectorAll('div.altair-chart')]"
                                 ".map(d => d.querySelectorAll('svg.marks, canvas.marks').length)")
        if any(n != 1 for n in drawings):
            failures.append((path, width, "drawings per chart", drawings))
        for chart in page.evaluate(MEASURE):
            too_wide = (not chart["drawn"] or chart["right"] > chart["container_right"] + 1
                        or chart["left"] < chart["container_left"] - 1 or chart["scroll"] > chart["client"] + 1
                        or chart["right"] > chart["viewport"] or chart["cut"])
            if too_wide:
                failures.append((path, width, chart["id"], {k: chart[k] for k in ("left", "right", "container_left",
                                 "container_right", "scroll", "client", "cut")}))
        if page.locator("div.altair-chart").count():
            page.screenshot(path=str(SHOTS / f"charts-{width}-{path.replace('/', '__')}.png"), full_page=True)
        if errors or blocked:
            failures.append((path, width, errors, blocked))
        page.close()
    assert charts >= 14  # the seeds' book: every chapter with its charts
    assert not failures, failures


def test_the_timeline_tooltip_and_axis_write_days_not_epoch_milliseconds(server, browser):
    page, errors, _ = open_page(browser, server, "chapters/timeline.html")
    page.set_viewport_size({"width": 390, "height": 900})
    wait_for_charts(page)
    page.wait_for_timeout(600)
    chart = page.locator("div.altair-chart").first
    axis = chart.locator("svg.marks .role-axis-label text").all_text_contents()
    assert any(re.fullmatch(r"\d{1,2} Jan", label) for label in axis), axis
    point = chart.locator("svg.marks g.mark-symbol.role-mark path").first
    point.scroll_into_view_if_needed()
    point.hover(force=True)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert re.search(r"\b\d{1,2} January 2022\b", text), text
    assert not re.search(r"\d{12,}", text), text  # no epoch milliseconds
    assert not errors
    page.close()


def test_the_map_shows_every_event_city_on_a_phone(server, browser):
    page, _, _ = open_page(browser, server, "chapters/geography.html")
    page.set_viewport_size({"width": 390, "height": 900})
    wait_for_charts(page)
    page.wait_for_timeout(600)
    chart = page.locator("div.altair-chart").first
    box = chart.locator("svg.marks").bounding_box()
    labels = chart.locator("svg.marks .mark-text text")
    shown = {}
    for i in range(labels.count()):
        label = labels.nth(i)
        b = label.bounding_box()
        if b:
            shown[label.text_content()] = b
    assert {"Almaty", "Zhanaozen", "Aktau", "Nur-Sultan"} <= set(shown), sorted(shown)
    for name in ("Almaty", "Zhanaozen", "Aktau", "Nur-Sultan"):
        b = shown[name]
        assert box["x"] <= b["x"] and b["x"] + b["width"] <= box["x"] + box["width"] + 1, (name, b, box)
    page.close()
