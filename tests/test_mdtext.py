from __future__ import annotations

import pytest

from generator.mdtext import block, cell, inline, linktext, safe_url, url


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain **bold** [link](https://example.com)", "plain **bold** [link](https://example.com)"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a & b", "a &amp; b"),
        ("{{ 7*7 }}", "\\{\\{ 7*7 \\}\\}"),
        ("[x](javascript:alert(1))", "[x]\\(javascript:alert(1))"),
        ("[x]( JaVaScRiPt:alert(1))", "[x]\\( JaVaScRiPt:alert(1))"),
        ("[x](mailto:a@b.c)", "[x](mailto:a@b.c)"),
        ("code `<b>` stays", "code `<b>` stays"),
        ("- not a list", "\\- not a list"),
        ("two\nlines", "two lines"),
    ],
)
def test_inline(text: str, expected: str) -> None:
    assert str(inline(text)) == expected


def test_reference_definitions_with_unsafe_scheme_are_neutralised() -> None:
    assert str(block("see [x]\n\n[x]: javascript:alert(1)")) == (
        "see [x]\n\n\\[x]: javascript:alert(1)"
    )


def test_block_indents_continuation_lines() -> None:
    assert str(block("one\n\n- two\n- three", indent=4)) == "one\n\n    - two\n    - three"


def test_cell_and_linktext() -> None:
    assert str(cell("a | b")) == "a \\| b"
    assert str(linktext("a [b]")) == "a \\[b\\]"


@pytest.mark.parametrize(
    ("value", "ok"),
    [("https://x.org/a", True), ("http://x", True), ("docs/a.md", True), ("../a.pdf", True),
     ("javascript:alert(1)", False), ("data:text/html,x", False), ("//evil.example", False),
     ("mailto:a@b.c", True)],
)
def test_safe_url(value: str, ok: bool) -> None:
    assert safe_url(value) is ok
    assert (str(url(value)) == "#") is (not ok)
