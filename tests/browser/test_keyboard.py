"""The keyboard alone: every control is reached with Tab, works with Enter or Space, and shows
where the focus is (WCAG 2.1.1, 2.4.3, 2.4.7, 1.4.11 for the ring's contrast, 2.4.11: not
hidden under the sticky header), at desktop and phone widths.

The site has no tabs (neither Material's navigation.tabs nor content tabs are configured), so
there is nothing to switch with the arrow keys but the search results.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import LAPTOP, PHONE, Watch, watched_page

KINDS = {
    "home": "",
    "charter": "client-experience/charters/sam-okafor/",
    "scorecard": "client-experience/scorecard/",
    # The calendar links ("add to calendar", "subscribe") are on module pages.
    "module": "client-experience/training/case-for-change/",
    "stage": "client-experience/stages/development/",
    "what changed": "client-experience/what-changed/",
}
WIDTHS = {"desktop": LAPTOP, "phone": PHONE}
# Material reacts to a key a frame or two later, then its transitions run: wait for both.
SETTLE = """async () => {
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
}"""

# What the focused element shows, and where. The palette toggle is a hidden radio button whose
# label shows the ring. The ring's contrast is taken against what lies just outside it (inside
# it for a ring drawn inwards), the colours blended down to an opaque one.
FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const shown = e.matches('.md-option') ? e.nextElementSibling : e;
  const cs = getComputedStyle(shown), r = shown.getBoundingClientRect();
  const rgba = s => { const m = s.match(/[\\d.]+/g).map(Number);
                      return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3]));
  const backdrop = el => {
    const layers = [];
    for (let n = el; n; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    return layers.reduceRight((under, top) => over(top, under), [255, 255, 255]);
  };
  const lum = c => { const l = c.map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                            return (x + 0.05) / (y + 0.05); };
  const width = parseFloat(cs.outlineWidth), offset = parseFloat(cs.outlineOffset);
  const ring = cs.outlineStyle !== 'none' && width >= 1;
  let contrast = null;
  if (ring) {
    let behind = shown;
    if (offset >= 0) {
      // Beside the box, else above or below it: a full-width box on a phone has its side
      // rings off screen, and a point off screen has nothing behind it.
      const d = offset + width + 1, cx = r.left + r.width / 2, cy = r.top + r.height / 2;
      const at = [[r.left - d, cy], [r.right + d, cy], [cx, r.top - d], [cx, r.bottom + d]]
        .find(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
      behind = (at && document.elementsFromPoint(...at)
                  .find(n => n !== shown && !shown.contains(n))) || document.body;
    }
    const mine = backdrop(behind);
    contrast = ratio(over(rgba(cs.outlineColor), mine), mine);
  }
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  const visible = r.width > 0 && r.height > 0 && cs.visibility === 'visible'
                  && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  const name = (e.getAttribute('aria-label') || e.getAttribute('title') || e.textContent || '')
               .trim().replace(/\\s+/g, ' ').slice(0, 40);
  return {
    id: e.dataset.kbd || null,
    what: `${e.tagName.toLowerCase()}.${[...e.classList].filter(c => c !== 'focus-visible')
           .join('.')} "${name}"`,
    area: e.closest('.md-skip') ? 'skip' : e.closest('.md-header') ? 'header'
          : e.closest('.md-sidebar--primary') ? 'nav' : e.closest('.md-sidebar--secondary') ? 'toc'
          : e.closest('.md-content') ? 'content' : e.closest('.md-footer') ? 'footer' : 'other',
    visible, ring, contrast,
    shadow: cs.boxShadow !== 'none',
    covered: !!hit && hit !== shown && !shown.contains(hit) && !hit.contains(shown),
    under: hit ? `${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')}` : null,
  };
}"""

# Every control a reader can see and use, numbered so the walk can tell which it reached.
CONTROLS = """() => {
  const all = document.querySelectorAll(
      'a[href], button, input:not([type=hidden]), summary, [tabindex]:not([tabindex="-1"])');
  let n = 0;
  const out = [];
  for (const e of all) {
    const shown = e.matches('.md-option') ? e.nextElementSibling : e;
    const r = shown.getBoundingClientRect(), cs = getComputedStyle(shown);
    if (!r.width || !r.height || cs.visibility !== 'visible' || e.disabled || e.tabIndex < 0
        || e.closest('[hidden]') || e.closest('details:not([open]) > :not(summary)')) continue;
    e.dataset.kbd = String(++n);
    out.push(`${n} ${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
  }
  return out;
}"""


@pytest.fixture(params=list(WIDTHS))
def screen(request: pytest.FixtureRequest, browser: Any, base_url: str) -> Iterator[Any]:
    yield from _screen(browser, base_url, request.param, "light")


@pytest.fixture(params=[(w, p) for w in WIDTHS for p in ("light", "dark")], ids=str)
def palette_screen(request: pytest.FixtureRequest, browser: Any, base_url: str) -> Iterator[Any]:
    yield from _screen(browser, base_url, *request.param)


def _screen(browser: Any, base_url: str, width: str, palette: str) -> Iterator[Any]:
    watch = Watch()
    page = watched_page(browser, base_url, watch, color_scheme=palette, **WIDTHS[width])
    page.width_name = width
    yield page
    page.context.close()
    assert watch.problems() == []


def settle(page: Any) -> None:
    page.evaluate(SETTLE)


def press(page: Any, key: str) -> dict[str, Any] | None:
    page.keyboard.press(key)
    settle(page)
    state: dict[str, Any] | None = page.evaluate(FOCUS)
    return state


def open_page(page: Any, path: str) -> list[str]:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    settle(page)
    controls: list[str] = page.evaluate(CONTROLS)
    return controls


def walk(page: Any, limit: int = 400) -> list[dict[str, Any]]:
    """Tab from the top of the page until the focus leaves the page or comes round again."""
    seen: list[dict[str, Any]] = []
    for _ in range(limit):
        state = press(page, "Tab")
        if state is None or (seen and state["what"] == seen[0]["what"]):
            return seen
        seen.append(state)
    raise AssertionError(f"Tab never left the page after {limit} stops: {seen[-5:]}")


def tab_to(page: Any, selector: str, limit: int = 200) -> dict[str, Any]:
    """Press Tab until the focus is on `selector`; fails if it never gets there."""
    for _ in range(limit):
        state = press(page, "Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            assert state is not None
            return state
    raise AssertionError(f"Tab never reached {selector}")


def faults(stop: dict[str, Any]) -> list[str]:
    found = []
    if not stop["visible"]:
        found.append("focus on something not shown")
    elif stop["covered"]:
        found.append(f"covered by {stop['under']}")
    if not (stop["ring"] or stop["shadow"]):
        found.append("no focus ring")
    elif stop["ring"] and stop["contrast"] < 3:
        found.append(f"ring contrast {stop['contrast']:.2f}:1")
    return found


@pytest.mark.parametrize("kind", list(KINDS))
def test_tab_reaches_every_control_in_order_with_a_visible_focus(
    palette_screen: Any, kind: str
) -> None:
    screen = palette_screen
    controls = open_page(screen, KINDS[kind])
    stops = walk(screen)
    problems = [f"{s['what']}: {f}" for s in stops for f in faults(s)]
    reached = {s["id"] for s in stops}
    problems += [f"never reached: {c}" for c in controls if c.split()[0] not in reached]
    assert problems == [], f"{kind} on {screen.width_name}:\n" + "\n".join(problems)

    # A sensible order: skip link, header, navigation, page, footer.
    areas = [s["area"] for s in stops]
    order = ["skip", "header", "nav", "toc", "content", "footer"]
    assert areas[0] == "skip"
    ranks = [order.index(a) for a in areas if a in order]
    assert ranks == sorted(ranks), areas
    assert "content" in areas and "header" in areas
    # On a phone the closed drawer keeps its links out of the way.
    assert ("nav" in areas) == (screen.width_name == "desktop"), areas


def test_the_ring_check_catches_a_hidden_ring_and_a_covered_control(page: Any) -> None:
    """The checks can fail: a link with its outline taken away, one under the header."""
    open_page(page, KINDS["module"])
    page.add_style_tag(content="a:focus-visible { outline: 2px solid #ccc !important; }")
    page.locator("article a[href*='stages']:not(.md-tag)").first.focus()
    assert any(f.startswith("ring contrast") for f in faults(page.evaluate(FOCUS)))
    page.add_style_tag(content="a.md-tag:focus-visible { outline: none !important; }")
    page.locator("a.md-tag").first.focus()
    assert "no focus ring" in faults(page.evaluate(FOCUS))
    page.add_style_tag(content=".md-header { position: fixed; inset: 0; height: 100vh; }")
    page.locator("article a[href*='stages']:not(.md-tag)").first.focus()
    assert any(f.startswith("covered by") for f in faults(page.evaluate(FOCUS)))


def test_the_skip_link_moves_the_keyboard_to_the_page(screen: Any) -> None:
    open_page(screen, KINDS["module"])
    assert press(screen, "Tab")["area"] == "skip"  # type: ignore[index]
    press(screen, "Enter")
    assert screen.evaluate("location.hash") == "#building-the-collective-case-for-change"
    after = press(screen, "Tab")
    assert after is not None and after["area"] == "content", after


def test_slash_opens_search_arrows_reach_results_escape_returns(page: Any) -> None:
    open_page(page, KINDS["module"])
    link = page.locator(".md-sidebar--primary a.md-nav__link").first
    link.focus()
    page.keyboard.press("/")
    settle(page)
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("okafor")
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("!!document.activeElement.closest('.md-search-result')")
    page.keyboard.press("Escape")
    settle(page)
    assert not page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("(l) => document.activeElement === l", link.element_handle())


def test_search_field_opens_with_enter_and_tab_leaves_it_closed(page: Any) -> None:
    open_page(page, "")
    tab_to(page, "input.md-search__input")
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.type("okafor")
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("Enter")  # the best result
    page.wait_for_url("**/*okafor*")


# Which of Material's toggles the focused button opens (the label it sits in is for it).
OPENS = "document.activeElement.matches('button') && document.activeElement.parentElement.htmlFor"


def test_phone_search_button_opens_with_enter_and_escape_returns(phone: Any) -> None:
    open_page(phone, "")
    button = phone.locator("label.md-header__button[for='__search'] > button")
    assert button.get_attribute("aria-label") == "Search"
    tab_to(phone, "label[for='__search'] > button")
    phone.keyboard.press("Enter")
    settle(phone)
    assert phone.evaluate("document.getElementById('__search').checked")
    assert phone.evaluate("document.activeElement.classList.contains('md-search__input')")
    phone.keyboard.press("Escape")
    settle(phone)
    assert phone.evaluate(OPENS) == "__search"


def test_phone_drawer_opens_from_the_keyboard(phone: Any) -> None:
    open_page(phone, KINDS["stage"])
    press(phone, "Tab")
    state = press(phone, "Tab")
    assert phone.evaluate(OPENS) == "__drawer", state
    assert phone.evaluate("document.activeElement.getAttribute('aria-label')") == "Navigation"
    for key in ("Enter", " "):
        if key == " ":
            phone.keyboard.press("Escape")
            phone.evaluate("document.getElementById('__drawer').click()")
            settle(phone)
            phone.locator("label.md-header__button[for='__drawer'] > button").focus()
        state = press(phone, key)
        assert phone.evaluate("document.getElementById('__drawer').checked"), key
        assert state is not None and state["area"] == "nav" and faults(state) == [], state
    # Inside the drawer, Tab stops only on what one can see, each with its ring.
    stops = [press(phone, "Tab") for _ in range(12)]
    nav = [s for s in stops if s and s["area"] == "nav"]
    assert nav and all(faults(s) == [] for s in nav), [(s["what"], faults(s)) for s in nav]


def test_palette_toggle_switches_with_enter(screen: Any) -> None:
    open_page(screen, "")
    before = screen.evaluate("document.body.getAttribute('data-md-color-scheme')")
    tab_to(screen, "input.md-option")
    screen.keyboard.press("Enter")
    settle(screen)
    after = screen.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert {before, after} == {"default", "slate"}
    # The focus stays on the toggle, so Enter again switches back.
    assert screen.evaluate("document.activeElement.classList.contains('md-option')")
    state = screen.evaluate(FOCUS)
    assert faults(state) == [], state


@pytest.mark.parametrize("key", ["Enter", " "])
def test_figures_as_text_open_with_enter_and_space(page: Any, key: str) -> None:
    open_page(page, KINDS["scorecard"])
    details = page.locator("details.pb-figure-text").first
    assert details.get_attribute("open") is None
    state = tab_to(page, "details.pb-figure-text > summary")
    assert faults(state) == [], state
    page.keyboard.press(key)
    assert page.evaluate("document.activeElement.parentElement.open")
    page.keyboard.press(key)
    assert not page.evaluate("document.activeElement.parentElement.open")


def test_nav_section_folds_with_enter(page: Any) -> None:
    open_page(page, KINDS["module"])
    toggle = page.locator(".md-sidebar--primary label.md-nav__link[tabindex='0']").first
    target = toggle.get_attribute("for")
    checked = f"document.getElementById('{target}').checked"
    before = page.evaluate(checked)
    toggle.focus()
    page.keyboard.press("Enter")
    settle(page)
    assert page.evaluate(checked) != before
