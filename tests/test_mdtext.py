from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from generator.markdown.escape import block, cell, inline, linktext, safe_url, url
from tests.conftest import minimal, run, write


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "plain **bold** [link](https://example.com)",
            "plain **bold** [link](https://example.com)",
        ),
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
    [
        ("https://x.org/a", True),
        ("http://x", True),
        ("docs/a.md", True),
        ("../a.pdf", True),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("//evil.example", False),
        ("mailto:a@b.c", True),
    ],
)
def test_safe_url(value: str, ok: bool) -> None:
    assert safe_url(value) is ok
    assert (str(url(value)) == "#") is (not ok)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Browsers drop tabs and newlines inside a URL: `java<TAB>script:` is `javascript:`.
        ("[x](java\tscript:alert(1))", "[x]\\(java\tscript:alert(1))"),
        ("[x](<javascript:alert(1)>)", "[x]\\(&lt;javascript:alert(1)&gt;)"),
        ("[x](\x01javascript:alert(1))", "[x]\\(\x01javascript:alert(1))"),
        # Entities cannot spell a scheme: `&` is escaped, so the target stays relative.
        ("[x](&#106;avascript:alert(1))", "[x](&amp;#106;avascript:alert(1))"),
        # Images would be requests to another host: never an image.
        ("![t](https://tracker.example/p.gif)", "!\\[t](https://tracker.example/p.gif)"),
        ("\\![t](https://x.example/p.gif)", "\\!\\[t](https://x.example/p.gif)"),
        # A backtick Markdown does not read as code does not shelter HTML.
        ("\\`<img src=x onerror=alert(1)>\\`", "\\`&lt;img src=x onerror=alert(1)&gt;\\`"),
    ],
)
def test_inline_closes_side_doors(text: str, expected: str) -> None:
    assert str(inline(text)) == expected


def test_definitions_are_neutralised_anywhere_a_block_may_start() -> None:
    assert str(block("- [x]: javascript:alert(1)\n> [y]:\n  vbscript:x")) == (
        "- \\[x]: javascript:alert(1)\n&gt; \\[y]:\n  vbscript:x"
    )
    assert str(block("[ok]: https://example.com")) == "[ok]: https://example.com"


def test_code_spans_do_not_cross_lines_in_blocks() -> None:
    assert str(block("a ` b\n\n<script>alert(1)</script>\n\nc ` d")) == (
        "a ` b\n\n&lt;script&gt;alert(1)&lt;/script&gt;\n\nc ` d"
    )


def test_linktext_cannot_hold_a_link_nor_double_our_escapes() -> None:
    assert str(linktext("a [b](javascript:x) \\ c")) == "a \\[b\\](javascript:x) \\\\ c"


def test_url_encodes_whitespace_that_could_end_a_line() -> None:
    assert str(url("docs/a b\tc\nd.md")) == "docs/a%20b%09c%0Ad.md"


def test_pipes_in_one_line_text_never_split_a_table_cell() -> None:
    assert str(inline("a | b `x|y`")) == "a \\| b `x|y`"
    assert str(linktext("Ann | Lee")) == "Ann \\| Lee"
    assert str(block("| a | b |\n|---|---|")) == "| a | b |\n|---|---|"  # user tables stay


def test_a_name_with_a_pipe_keeps_every_table_row_whole(blank: Path) -> None:
    minimal(blank)
    write(blank, "playbooks/people/bo-chen.yml", "name: Bo | Chen\ntitle: COO\nfunction: Ops\n")
    assert run(blank, "render").exit_code == 0
    for page in ("small/index.md", "small/decision-rights.md", "small/charters/index.md"):
        html = markdown.markdown(
            (blank / "generated" / page).read_text(), extensions=["tables", "md_in_html"]
        )
        for table in re.findall(r"<table>.*?</table>", html, re.S):
            rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
            widths = {len(re.findall(r"<t[hd][ >]", row)) for row in rows}
            assert len(widths) == 1, (page, rows)
        assert "Bo | Chen" in html, page
