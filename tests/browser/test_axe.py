"""axe-core on every kind of page: each audience, light and dark, desktop and phone.

The site ships its theme configuration and overrides, so a violation in Material's chrome is
ours to fix in site_overrides/, never by switching a rule off. axe-core comes bundled with
axe-playwright-python (a maintained binding), injected into each page after it loads.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import harness
from tests.browser.conftest import LAPTOP, Watch, watched_page

AUDIENCES = ("everyone", "leadership", "core")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Best practice in axe, not WCAG-tagged: a dialog without a name is announced as "dialog";
# a role the element may not take (a label as a button) is read unreliably, and Lighthouse's
# accessibility score counts both.
EXTRA_RULES = ["aria-dialog-name", "aria-allowed-role"]
# Link text that alone names no purpose (WCAG 2.4.4, Lighthouse's "link-text").
PURPOSELESS = {"more", "click here", "here", "read more", "learn more", "link", "details",
               "this", "go", "start", "continue", "weiteres", "mehr", "plus", "más"}  # fmt: skip

# Every kind of page, and the audiences it is published to (SPEC: who may see what).
ALL = frozenset(AUDIENCES)
ABOVE = frozenset({"leadership", "core"})
KINDS: dict[str, tuple[str, frozenset[str]]] = {
    "home": ("", ALL),
    "overview": ("client-experience/", ALL),
    "charters index": ("client-experience/charters/", ABOVE),
    "charter": ("client-experience/charters/sam-okafor/", ABOVE),
    "print pack": ("client-experience/charters/_print/", ABOVE),
    # A module page holds the "add to calendar" links (the site has no page of calendars
    # of its own: the feeds are linked from module and charter pages).
    "module": ("client-experience/training/case-for-change/", ALL),
    "stage": ("client-experience/stages/development/", ALL),
    "decision rights": ("client-experience/decision-rights/", ABOVE),
    "scorecard": ("client-experience/scorecard/", ABOVE),
    "engagement": ("client-experience/engagement/", frozenset({"core"})),
    "what changed": ("client-experience/what-changed/", ABOVE),
    "people": ("people/", ABOVE),
    "person": ("people/sam-okafor/", ABOVE),
    "tags": ("tags/", ALL),
    "about": ("pages/about/", ALL),
    "404": ("404.html", ALL),
}
WIDTHS = {"desktop": LAPTOP, "phone": {**LAPTOP, "viewport": {"width": 375, "height": 812}}}
PALETTES = {"light": "light", "dark": "dark"}
SCHEME = {"light": "default", "dark": "slate"}

RUN_AXE = """async ([tags, extra]) => {
    const rules = axe.getRules(tags).map(r => r.ruleId).concat(extra);
    const r = await axe.run(document, {runOnly: {type: 'rule', values: rules},
                                       resultTypes: ['violations']});
    return r.violations.map(v => ({id: v.id, targets: v.nodes.map(n => n.target.join(' '))}));
}"""
LINK_NAMES = """() => {
    axe.setup(document);
    try {
        return [...document.querySelectorAll('a[href]')]
            .filter(a => a.getClientRects().length)
            .map(a => [axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(a)).trim(),
                       axe.utils.getSelector(a)]);
    } finally { axe.teardown(); }
}"""


@pytest.fixture(scope="session")
def axe_script() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return str(Axe().axe_script)


@pytest.fixture(scope="session")
def audience_urls(
    tmp_path_factory: pytest.TempPathFactory, browser: Any
) -> Iterator[dict[str, str]]:
    """Each audience's site built once and served on 127.0.0.1."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        urls = {}
        for audience in AUDIENCES:
            site = harness.build_example_site(tmp_path_factory.mktemp(audience), audience)
            urls[audience] = stack.enter_context(harness.serve(site))
        yield urls


def problems(page: Any, axe_script: str, url: str) -> list[str]:
    """axe violations and purpose-less link names on the page at `url`, one line each."""
    page.goto(url, wait_until="load")
    page.evaluate(axe_script)
    found = [
        f"{v['id']}: {url} {target}"
        for v in page.evaluate(RUN_AXE, [TAGS, EXTRA_RULES])
        for target in v["targets"]
    ]
    for name, target in page.evaluate(LINK_NAMES):
        if name.casefold() in PURPOSELESS:
            found.append(f"link-purpose ({name!r}): {url} {target}")
    return found


def summary(found: list[str]) -> str:
    counts = Counter(line.split(":", 1)[0] for line in found)
    return ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items()))


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("palette", list(PALETTES))
@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_axe_violation_on_any_kind_of_page(
    browser: Any,
    audience_urls: dict[str, str],
    axe_script: str,
    audience: str,
    palette: str,
    width: str,
) -> None:
    started = time.monotonic()
    watch = Watch()
    page = watched_page(
        browser, audience_urls[audience], watch, color_scheme=PALETTES[palette], **WIDTHS[width]
    )
    found: list[str] = []
    try:
        for path, audiences in KINDS.values():
            if audience not in audiences:
                continue
            found += problems(page, axe_script, audience_urls[audience] + path)
            scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert scheme == SCHEME[palette], (path, scheme)
    finally:
        page.context.close()
    print(f"axe {audience}/{palette}/{width}: {len(found)} in {time.monotonic() - started:.1f} s")
    assert watch.problems() == []
    if found:
        pytest.fail(f"{summary(found)}\n" + "\n".join(found), pytrace=False)


def test_axe_finds_a_violation_and_a_purposeless_link(
    browser: Any, audience_urls: dict[str, str], axe_script: str
) -> None:
    """The check can fail: a low-contrast paragraph and a link reading "More" are caught."""
    base = audience_urls["everyone"]
    page = watched_page(browser, base, Watch(), **LAPTOP)
    page.route(
        "**/bad.html",
        lambda r: r.fulfill(
            content_type="text/html",
            body=(
                '<!doctype html><html lang="en"><title>Bad</title><main>'
                '<p style="color:#bbb;background:#fff">faint</p>'
                '<p><a href="/">More</a></p></main></html>'
            ),
        ),
    )
    try:
        found = problems(page, axe_script, base + "bad.html")
    finally:
        page.context.close()
    assert any(f.startswith("color-contrast: ") and "bad.html p" in f for f in found), found
    assert any(f.startswith("link-purpose ('More'): ") for f in found), found


def test_every_kind_is_published_where_the_test_expects(audience_urls: dict[str, str]) -> None:
    """The table of kinds is the site's: a kind hidden from an audience is a 404 there."""
    import urllib.error
    import urllib.request

    missing = []
    for kind, (path, audiences) in KINDS.items():
        for audience in AUDIENCES:
            try:
                with urllib.request.urlopen(audience_urls[audience] + path) as r:
                    served = r.status == 200
            except urllib.error.HTTPError:
                served = False
            if (audience in audiences) != served and path != "404.html":
                missing.append(f"{kind} in {audience}: served={served}")
    assert missing == []
