"""A role charter prints as a clean document to sign: one sheet of A4 or Letter."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

CHARTER = "client-experience/charters/sam-okafor/"
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")  # a page, not the /Pages tree
CHROME = [
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".md-search",
    ".md-top",
    ".pb-stage-banner",
]


def pages(page: Any, paper: str) -> int:
    return len(PAGE_OBJECT.findall(page.pdf(format=paper)))


def charters(site: Path) -> list[str]:
    return sorted(
        f"{p.parent.relative_to(site).as_posix()}/"
        for p in site.glob("*/charters/*/index.html")
        if not p.parent.name.startswith("_")  # the pack for print: every charter at once
    )


def test_page_count_sees_every_page(page: Any) -> None:
    """The counter counts pages: a charter padded to several sheets prints as several."""
    page.goto(CHARTER)
    page.evaluate("""() => { const pad = document.createElement('div');
        pad.style.height = '2500px'; document.querySelector('article').prepend(pad); }""")
    assert pages(page, "A4") >= 3


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_every_example_charter_prints_on_one_sheet(page: Any, site: Path, paper: str) -> None:
    found = charters(site)
    assert len(found) == 13
    counts = {}
    for path in found:
        page.goto(path)
        counts[path] = pages(page, paper)
    assert {p: n for p, n in counts.items() if n != 1} == {}


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_large_charter_prints_on_two_sheets(page: Any, paper: str) -> None:
    """Twice the stages, duties, activities and peers of the largest example still fits on
    two sheets: every list and table of the charter is doubled in place."""
    page.goto(CHARTER)
    page.evaluate("""() => {
        for (const list of document.querySelectorAll('article ul, article tbody'))
            for (const item of [...list.children]) list.append(item.cloneNode(true));
        const article = document.querySelector('article');
        const duties = [...article.children];
        const from = duties.findIndex(e => e.id === 'responsibilities-by-stage');
        const to = duties.findIndex(e => e.id === 'accountabilities');
        for (const e of duties.slice(from + 1, to).reverse())
            duties[to].before(e.cloneNode(true));
    }""")
    assert pages(page, paper) == 2


def test_print_shows_the_document_and_hides_the_site(page: Any) -> None:
    page.goto(CHARTER)
    assert not page.locator(".pb-signature").is_visible()
    assert not page.locator(".pb-print-only").is_visible()
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    shown = {sel: page.locator(sel).first.is_visible() for sel in CHROME}
    assert shown == dict.fromkeys(CHROME, False)
    assert page.locator("article h1").inner_text().rstrip("¶") == "Role charter: Sam Okafor"
    assert page.locator(".pb-print-only").inner_text() == (
        "Client Experience Transformation · current stage: Development"
    )
    signature = page.locator(".pb-signature")
    assert signature.is_visible()
    assert re.fullmatch(r"Signed: _+ Date: _+", signature.inner_text().strip())
    # Screen-only lines (the calendar feed link) are for the site, not the signed document.
    hidden = page.locator(
        "article :is(h2, h3, li, td, p):not(.pb-stage-banner *, .pb-screen-only *)"
    ).evaluate_all("els => els.filter(e => !e.checkVisibility()).map(e => e.textContent)")
    assert hidden == []  # nothing of the charter is dropped to fit the page


PACKS = {"client-experience": 9, "finance-close": 4}


def test_the_pack_of_charters_is_reached_from_the_team_page(page: Any) -> None:
    page.goto("client-experience/charters/")
    page.get_by_role("link", name="all charters, for print").click()
    assert page.url.endswith("/client-experience/charters/_print/")
    assert page.locator("article h1").first.inner_text().rstrip("¶") == "All charters, for print"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_pack_prints_each_charter_on_its_own_sheet(page: Any, paper: str) -> None:
    """Every charter of the initiative, one printed sheet each: a typical charter fits one
    sheet, and each starts on a new one."""
    for initiative, members in PACKS.items():
        page.goto(f"{initiative}/charters/_print/")
        titles = page.locator(".pb-charter-sheet > h1").all_inner_texts()
        assert len(titles) == members
        assert all(t.startswith("Role charter: ") for t in titles)
        assert pages(page, paper) == members, initiative


def test_the_pack_prints_the_charters_and_nothing_else(page: Any) -> None:
    page.goto("client-experience/charters/_print/")
    page.emulate_media(media="print")
    shown = page.locator("article > *").evaluate_all(
        "els => els.filter(e => e.checkVisibility()).map(e => e.className)"
    )
    assert shown == ["pb-charter-sheet"] * PACKS["client-experience"]
    signatures = page.locator(".pb-charter-sheet .pb-signature")
    assert signatures.count() == PACKS["client-experience"]
    assert all(signatures.nth(i).is_visible() for i in range(signatures.count()))


# The right edge of every table, past the printed text's: a table that does not wrap its text
# runs off the sheet (a printed page has no scroll bar).
TABLES_PAST_EDGE = """() => {
    const edge = document.querySelector('article').getBoundingClientRect().right;
    return [...document.querySelectorAll('article table')]
        .map(t => Math.round(t.getBoundingClientRect().right - edge)).filter(d => d > 1);
}"""


@pytest.mark.parametrize(
    "path",
    ["client-experience/stages/development/", "client-experience/what-changed/"],
)
def test_member_tables_wrap_within_a_printed_page(page: Any, path: str) -> None:
    """The roll-ups list members in tables, not a heading each: printed on A4, their rows wrap
    within the sheet."""
    page.set_viewport_size({"width": 710, "height": 1000})  # A4 less the print margins
    page.goto(path)
    page.emulate_media(media="print")
    assert page.locator("article table").count() >= 1
    assert page.evaluate(TABLES_PAST_EDGE) == []


def test_print_table_check_catches_a_table_past_the_edge(page: Any) -> None:
    page.set_viewport_size({"width": 710, "height": 1000})
    page.goto("client-experience/stages/development/")
    page.emulate_media(media="print")
    page.evaluate("""() => { const t = document.querySelector('article table td');
        t.style.whiteSpace = 'nowrap'; t.textContent = 'x'.repeat(400); }""")
    assert page.evaluate(TABLES_PAST_EDGE) != []
