"""Mail and print for everyone: the HTML of every note names its language and starts its
headings at level 1 with none skipped; the print pack keeps its headings in order."""

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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append(int(tag[1]))
        elif tag == "img":
            self.images.append(dict(attrs))


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
