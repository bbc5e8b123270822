"""The alignment scorecard in a real browser: reached from home and the overview, fits a phone,
prints its pictures as drawn, and reads well in both palettes; the core site's trends too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import harness
from tests.browser.conftest import LAPTOP, PHONE, Watch, watched_page
from tests.browser.test_site import READ, WIDEST, contrast, visit

SCORECARD = "client-experience/scorecard/"
FINANCE = "finance-close/scorecard/"
# Every picture's ground and text, as the browser paints them.
PAINT = """svg => [...svg.querySelectorAll(':scope > rect:first-of-type, text')].map(
    e => getComputedStyle(e).fill)"""


@pytest.fixture(scope="module")
def core_url(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[str]:
    site = harness.build_example_site(tmp_path_factory.mktemp("core"), "core")
    with harness.serve(site) as url:
        yield url


@pytest.fixture
def core_phone(browser: Any, core_url: str) -> Iterator[Any]:
    watch = Watch()
    page = watched_page(browser, core_url, watch, **PHONE)
    yield page
    page.context.close()
    assert watch.problems() == []


def test_home_one_liner_leads_to_the_scorecard(page: Any) -> None:
    visit(page, "")
    link = page.locator("article").get_by_role(
        "link", name="charters 4 of 4 signed as they stand, 3 of 4 trained this stage"
    )
    link.click()
    page.wait_for_url(re.compile(r"/finance-close/scorecard/$"))
    assert page.title() == "Alignment scorecard - Change playbooks"
    assert "Not yet trained this stage: Rafael Costa" in page.locator("article").inner_text()


def test_overview_navigation_has_the_scorecard(page: Any) -> None:
    visit(page, "client-experience/")
    page.locator(".md-nav").get_by_role("link", name="Alignment scorecard").first.click()
    page.wait_for_url(re.compile(r"/client-experience/scorecard/$"))


def test_pictures_are_named_images(page: Any) -> None:
    visit(page, SCORECARD)
    names = page.locator("article svg[role=img]").evaluate_all(
        "svgs => svgs.map(s => document.getElementById(s.getAttribute('aria-labelledby'))"
        ".textContent)"
    )
    assert names == [
        "Client Experience Transformation: alignment time used against the plan",
        "Client Experience Transformation: Infancy, charters, training and activities",
        "Client Experience Transformation: Infancy, the spread of the pulse's answers",
        "Client Experience Transformation: Development, charters, training and activities",
    ]
    assert page.get_by_role("img", name=names[1]).is_visible()


@pytest.mark.parametrize("path", [SCORECARD, FINANCE])
def test_fits_a_phone_screen(phone: Any, path: str) -> None:
    visit(phone, path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.evaluate(WIDEST) <= 390
    # The pictures shrink to the column rather than scroll: all of each stays in view.
    boxes = phone.locator("article .pb-figure").evaluate_all(
        "fs => fs.map(f => [f.scrollWidth, f.clientWidth])"
    )
    assert boxes and all(scroll <= client for scroll, client in boxes)


def test_core_trends_fit_a_phone_screen(core_phone: Any) -> None:
    visit(core_phone, SCORECARD)
    assert core_phone.locator("article svg.pb-support").is_visible()
    assert core_phone.locator("article svg.pb-outcomes").is_visible()
    assert core_phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert core_phone.evaluate(WIDEST) <= 390


def test_print_keeps_the_pictures_and_their_colours(page: Any) -> None:
    visit(page, FINANCE)
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").first.is_visible() is False
    figures = page.locator("article .pb-figure svg")
    # The alignment time, the two stages' bars and the pulse's spread of the stage left.
    assert figures.count() == 4
    width = page.locator("article").evaluate("a => a.getBoundingClientRect().width")
    for i in range(figures.count()):
        svg = figures.nth(i)
        assert svg.is_visible()
        assert svg.evaluate("s => s.getBoundingClientRect().width") <= width
        paint = svg.evaluate(PAINT)
        assert paint[0] == "rgb(255, 255, 255)"
        assert set(paint[1:]) == {"rgb(0, 0, 0)"}
    bars = page.locator("article svg.pb-bars rect[fill='#2e7d32']").first
    assert bars.evaluate("r => getComputedStyle(r).fill") == "rgb(46, 125, 50)"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_light_and_dark_palettes_are_readable(page: Any) -> None:
    visit(page, FINANCE)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    seen = {}
    for _ in range(2):
        text = {s: round(contrast(page, s), 2) for s in READ if page.locator(s).count()}
        # The pictures keep their own white ground and black text in either palette.
        paint = page.locator("article .pb-figure svg").evaluate_all(f"svgs => svgs.map({PAINT})")
        seen[page.evaluate(scheme)] = (
            text,
            {p[0] for p in paint},
            {c for p in paint for c in p[1:]},
        )
        page.locator("form[data-md-component='palette'] label:not([hidden])").click()
    assert set(seen) == {"default", "slate"}
    for text, grounds, inks in seen.values():
        assert {s: c for s, c in text.items() if c < 4.5} == {}
        assert (grounds, inks) == ({"rgb(255, 255, 255)"}, {"rgb(0, 0, 0)"})


def test_scorecard_pages_exist_only_where_built(site: Path) -> None:
    assert sorted(p.parent.parent.name for p in site.glob("*/scorecard/index.html")) == [
        "client-experience",
        "finance-close",
    ]


def test_laptop_page_has_no_script_error(browser: Any, base_url: str) -> None:
    watch = Watch()
    page = watched_page(browser, base_url, watch, **LAPTOP)
    visit(page, SCORECARD)
    page.context.close()
    assert watch.problems() == []
