"""The example site in a real browser: offline, navigable, searchable, phone-sized, readable."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import LAPTOP, Watch, watched_page

OVERVIEW = "client-experience/"
CHARTER = "client-experience/charters/sam-okafor/"
STAGE = "client-experience/stages/development/"
DECISIONS = "client-experience/decision-rights/"
WHAT_CHANGED = "client-experience/what-changed/"
TOURED = [
    "",
    OVERVIEW,
    STAGE,
    CHARTER,
    DECISIONS,
    WHAT_CHANGED,
    "client-experience/training/case-for-change/",
    "people/",
    "people/sam-okafor/",
    "finance-close/",
    "pages/about/",
    "404.html",
]


def visit(page: Any, path: str) -> None:
    page.goto(path)
    page.wait_for_load_state("networkidle")


def test_pages_make_no_foreign_request_and_no_script_error(page: Any, watch: Watch) -> None:
    for path in TOURED:
        visit(page, path)
    assert watch.problems() == []


def test_the_watch_catches_a_foreign_request_and_a_script_error(
    browser: Any, base_url: str
) -> None:
    """The offline check can fail: a page without our headers that reaches out is caught."""
    watch = Watch()
    page = watched_page(browser, base_url, watch, **LAPTOP)
    page.route(
        "**/bare.html",
        lambda r: r.fulfill(
            content_type="text/html",
            body=(
                '<img src="http://example.com/pixel.png"><script>throw new Error("boom")</script>'
            ),
        ),
    )
    page.goto("bare.html")
    page.wait_for_load_state("networkidle")
    page.context.close()
    assert watch.foreign == ["http://example.com/pixel.png"]
    assert any("boom" in e for e in watch.errors)


def test_the_browser_refuses_other_hosts_on_our_pages(browser: Any, base_url: str) -> None:
    """Offline by construction: the site's Content-Security-Policy stops a load from another
    host (say a Markdown image or a CDN script) before it leaves the browser."""
    watch = Watch()
    page = watched_page(browser, base_url, watch, **LAPTOP)
    visit(page, OVERVIEW)
    page.evaluate("""() => {
        for (const [tag, attr] of [['img', 'src'], ['script', 'src'], ['link', 'href']]) {
            const e = document.createElement(tag);
            if (tag === 'link') e.rel = 'stylesheet';
            e[attr] = 'https://cdn.example.com/x';
            document.body.append(e);
        }
        fetch('https://cdn.example.com/data.json').catch(() => {});
    }""")
    page.wait_for_timeout(500)
    page.context.close()
    assert watch.foreign == []
    refused = [e for e in watch.errors if "Content Security Policy" in e]
    for directive in ("script-src", "style-src", "img-src", "connect-src"):
        assert any(f'directive: "{directive}' in e for e in refused), (directive, watch.errors)


def test_built_site_references_no_other_host(site: Path) -> None:
    """No page loads a stylesheet, script, image or font from a URL with a host, and no
    page asks for Mermaid (Material would fetch it from a CDN)."""
    loads = re.compile(r'<(?:script|img|iframe|source|link)\b[^>]*?\b(?:src|href)="(?:https?:)?//')
    bad = []
    for html in sorted(site.rglob("*.html")):
        text = html.read_text(encoding="utf-8")
        for m in loads.finditer(text):
            tag = text[m.start() : text.index(">", m.start()) + 1]
            if not tag.startswith("<link") or re.search(
                r'rel="(?:stylesheet|preload|'
                r'preconnect|icon|modulepreload)"',
                tag,
            ):
                bad.append(f"{html.relative_to(site)}: {tag}")
        if 'class="mermaid"' in text:
            bad.append(f"{html.relative_to(site)}: a Mermaid diagram")
    for css in sorted(site.rglob("*.css")):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", css.read_text("utf-8")):
            bad.append(f"{css.relative_to(site)}: {url}")
    assert bad == []


def test_home_to_charter_in_two_clicks(page: Any) -> None:
    visit(page, "")
    page.locator("article").get_by_role("link", name="Client Experience Transformation").click()
    page.wait_for_url(re.compile(r"/client-experience/$"))
    page.locator("article").get_by_role("link", name="Sam Okafor").first.click()
    page.wait_for_url(re.compile(r"/client-experience/charters/sam-okafor/$"))
    assert page.title() == "Role charter: Sam Okafor - Change playbooks"


def test_search_finds_an_executive_by_surname(page: Any) -> None:
    visit(page, "")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Okafor")  # as a reader types
    first = page.locator(".md-search-result__item").first
    first.wait_for(state="visible", timeout=10_000)
    links = page.locator(".md-search-result__item a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert any(re.search(r"(people|charters)/sam-okafor/", h) for h in links), links
    assert "Sam Okafor" in page.locator(".md-search-result").inner_text()


def test_overview_shows_the_current_stage(page: Any) -> None:
    visit(page, OVERVIEW)
    box = page.locator("article .admonition:has(> .admonition-title)", has_text="Current stage")
    assert box.locator(".admonition-title").inner_text() == "Current stage"
    assert box.is_visible()
    assert "Development (2 of 3)" in box.inner_text()


@pytest.mark.parametrize("path", [OVERVIEW, STAGE, CHARTER, DECISIONS])
def test_every_initiative_page_shows_the_stage_banner(page: Any, path: str) -> None:
    visit(page, path)
    banner = page.locator(".pb-stage-banner")
    assert banner.is_visible()
    assert banner.inner_text().split() == ["Current", "stage:", "Development"]
    banner.get_by_role("link", name="Development").click()
    page.wait_for_url(re.compile(r"/client-experience/stages/development/$"))


def test_pages_outside_an_initiative_have_no_stage_banner(page: Any) -> None:
    visit(page, "")
    assert page.locator(".pb-stage-banner").count() == 0


# Content wider than the screen would push the page sideways; html has overflow-x hidden in
# Material, so also measure every element's right edge outside a scrolling box.
WIDEST = """() => {
    const scrolls = e => { for (; e; e = e.parentElement) {
        const o = getComputedStyle(e).overflowX;
        if ((o === 'auto' || o === 'scroll') && e !== document.documentElement) return true; }
        return false; };
    let right = document.documentElement.scrollWidth;
    for (const e of document.querySelectorAll('.md-main *')) {
        if (!e.getClientRects().length || scrolls(e.parentElement)) continue;
        right = Math.max(right, Math.ceil(e.getBoundingClientRect().right));
    }
    return right;
}"""


@pytest.mark.parametrize("path", ["", OVERVIEW, CHARTER, DECISIONS, STAGE, WHAT_CHANGED])
def test_fits_a_phone_screen(phone: Any, path: str) -> None:
    visit(phone, path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.evaluate(WIDEST) <= 390


def test_wide_tables_scroll_inside_their_box_on_a_phone(phone: Any) -> None:
    visit(phone, DECISIONS)
    boxes = phone.locator("article .md-typeset__scrollwrap").evaluate_all(
        "bs => bs.map(b => [b.scrollWidth, b.clientWidth])"
    )
    assert boxes, "the decision rights page has no table"
    assert max(w for w, _ in boxes) > 390  # the matrix is wider than the phone...
    assert all(c <= 390 for _, c in boxes)  # ...and scrolls inside its box


def test_phone_check_catches_a_too_wide_page(phone: Any) -> None:
    visit(phone, CHARTER)
    phone.evaluate("""() => { const d = document.createElement('div');
        d.style.width = '600px'; d.textContent = 'wide';
        document.querySelector('article').append(d); }""")
    assert phone.evaluate(WIDEST) > 390


def _rgba(css: str) -> tuple[float, float, float, float]:
    m = re.fullmatch(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)", css)
    assert m, f"unexpected colour {css!r}"
    r, g, b, a = m.groups()
    return float(r), float(g), float(b), float(a) if a is not None else 1.0


def _over(
    top: tuple[float, float, float, float], under: tuple[float, float, float]
) -> tuple[float, float, float]:
    a = top[3]
    return (
        top[0] * a + under[0] * (1 - a),
        top[1] * a + under[1] * (1 - a),
        top[2] * a + under[2] * (1 - a),
    )


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(page: Any, selector: str) -> float:
    """WCAG contrast of an element's text against what is painted behind it."""
    colours = page.locator(selector).first.evaluate("""e => {
        const out = [getComputedStyle(e).color];
        for (let x = e; x; x = x.parentElement) out.push(getComputedStyle(x).backgroundColor);
        return out; }""")
    background: tuple[float, float, float] = (255.0, 255.0, 255.0)
    for layer in reversed(colours[1:]):
        background = _over(_rgba(layer), background)
    text = _over(_rgba(colours[0]), background)
    light, dark = sorted((_luminance(text), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


READ = ["article > p", "article li", "article td", "article p a", "article .admonition p"]


def test_light_and_dark_palettes_are_readable(page: Any) -> None:
    visit(page, OVERVIEW)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    seen = {}
    for _ in range(2):  # light, then dark, then back to light
        seen[page.evaluate(scheme)] = {s: round(contrast(page, s), 2) for s in READ}
        page.locator("form[data-md-component='palette'] label:not([hidden])").click()
    assert page.evaluate(scheme) == "default"
    assert set(seen) == {"default", "slate"}
    weak = {f"{s} in {scheme}": c for scheme, by in seen.items() for s, c in by.items() if c < 4.5}
    assert weak == {}
