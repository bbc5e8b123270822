"""Mail and print for everyone: the HTML of every note and digest names its language and
starts its headings at level 1 with none skipped; a digest's items are lists, its links say
where they go, and no colour carries a meaning; the print pack keeps its headings in order."""

from __future__ import annotations

import email
from email import policy
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import run
from tests.test_goldens import _generate


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.levels: list[int] = []
        self.images: list[dict[str, str | None]] = []
        self.tags: list[str] = []  # every element, in order
        self.open: list[str] = []
        self.items_outside_lists = 0
        self.styles: list[str] = []
        self.links: list[str] = []  # the text of each link
        self._link: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        if found.get("style"):
            self.styles.append(str(found["style"]))
        if tag == "li" and not {"ul", "ol"} & set(self.open):
            self.items_outside_lists += 1
        if tag in ("ul", "ol", "a"):
            self.open.append(tag)
        if tag == "html":
            self.lang = found.get("lang")
        elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append(int(tag[1]))
        elif tag == "img":
            self.images.append(found)
        elif tag == "a":
            self._link = []

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()
        if tag == "a" and self._link is not None:
            self.links.append("".join(self._link).strip())
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.append(data)


def outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    return parser


def skipped(levels: list[int]) -> list[tuple[int, int]]:
    return [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]


def test_every_note_names_its_language_and_starts_at_h1(example: Path) -> None:
    assert run(example, "notify", "client-experience").exit_code == 0
    drafts = sorted((example / "outbox").rglob("*.eml"))
    assert drafts
    for path in drafts:
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
        found = outline(html)
        assert found.lang == "en", path
        assert found.levels[0] == 1 and found.levels.count(1) == 1, (path, found.levels)
        assert skipped(found.levels) == [], path
        assert all(img.get("alt") for img in found.images), path


def test_every_digest_is_readable_without_sight_or_colour(example: Path) -> None:
    """Both editions of both example initiatives, on a day with something in every list."""
    result = run(example, "digest", "--all", "--date", "2027-01-28", "--since", "2026-09-01")
    assert result.exit_code == 0, result.output
    drafts = sorted((example / "outbox").rglob("*.eml"))
    assert len(drafts) == 4
    for path in drafts:
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
        found = outline(html)
        assert found.lang == "en", path
        assert found.levels[0] == 1 and found.levels.count(1) == 1, (path, found.levels)
        assert skipped(found.levels) == [], path
        # Every item sits in a list; sections are headings, not bold lines.
        assert found.tags.count("li") > 5 and found.items_outside_lists == 0, path
        assert found.levels.count(2) >= 2, path
        # A link says which page it opens, not "here" or a bare address.
        assert found.links and all(t and not t.startswith("http") for t in found.links), path
        assert not {t.lower() for t in found.links} & {"here", "click here", "link", "more"}
        # No meaning carried by colour alone: no colour at all, text says "failing", "not signed".
        assert not [s for s in found.styles if "color" in s or "background" in s], path
        assert "<font" not in html and "color=" not in html, path


def test_an_item_outside_a_list_is_caught() -> None:
    assert outline("<ul><li>a</li></ul><li>b</li>").items_outside_lists == 1


def test_the_print_pack_keeps_its_headings_in_order() -> None:
    import markdown

    files = _generate(Path(__file__).resolve().parents[1], "leadership")
    packs = sorted(rel for rel in files if "/charters/_print" in rel)
    assert packs
    for rel in packs:
        html = markdown.markdown(files[rel].decode(), extensions=["tables", "md_in_html"])
        levels = outline(html).levels
        assert levels[0] == 1, rel
        assert skipped(levels) == [], (rel, levels)


def test_a_skipped_level_is_caught() -> None:
    assert skipped(outline("<h1>a</h1><h3>b</h3>").levels) == [(1, 3)]
