"""User text into Markdown: inline formatting and links survive; HTML, unsafe links don't.

User text is data. Everything a user wrote passes through one of these functions before it
reaches a page, and the Jinja2 environment applies `inline` to any value a template prints
without a filter (see `render.environment`).
"""

from __future__ import annotations

import re

from markupsafe import Markup

from generator.source.safe import attr, safe_url

__all__ = ["attr", "block", "cell", "inline", "linktext", "safe_url", "url"]

# A code span as Markdown reads it: an unescaped run of backticks closed on the same line.
# Anything we do not recognise as code is escaped; so a span must never be wider than
# Markdown's, or text Markdown reads as HTML would slip through unescaped.
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)([^`\n]|[^`\n][^\n]*?[^`\n])\1(?!`)")
# Where a link target starts: `[text](target` (and images), `[label]: target` definitions.
_LINK_OPEN = re.compile(r"\]\(")
_REF_DEF = re.compile(r"\[([^\[\]]*)\]:")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}
# Text that needs no escaping at all: no HTML, link, code, brace, pipe or line-break
# characters, and no leading block marker.
_PLAIN = re.compile(r"(?![#>+\-*]|\d+[.)])[^&<>{}\[\]()`\\\n\r:|]*")


def _unsafe_target(rest: str) -> bool:
    """Does a link target starting `rest` carry a scheme other than http(s) or mailto?

    Browsers drop tabs and newlines anywhere in a URL and leading spaces and control
    characters, so `java<TAB>script:` is `javascript:`; we read the target the same way.
    """
    head = re.sub(r"[\t\r\n]", "", rest[:200]).lstrip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f <"
    )
    m = _SCHEME.match(head)
    return m is not None and m.group(1).lower() not in _SAFE_SCHEMES


def _escaped(text: str, at: int) -> bool:
    """Is the character at `at` backslash-escaped (an odd run of backslashes before it)?"""
    run = len(text[:at]) - len(text[:at].rstrip("\\"))
    return run % 2 == 1


def _neutralise_links(text: str) -> str:
    """Escape the bracket that would make a link or a definition of an unsafe target.

    Definitions are caught anywhere, not only at the start of a line: inside a list item or
    a quote Markdown reads them too.
    """
    out, pos = [], 0
    hits = sorted(
        [(m.start(), m.end(), "link") for m in _LINK_OPEN.finditer(text)]
        + [(m.start(), m.end(), "ref") for m in _REF_DEF.finditer(text)]
    )
    for start, end, kind in hits:
        if start < pos or _escaped(text, start) or not _unsafe_target(text[end:]):
            continue
        if kind == "link":  # `](` -> `]\(`: no longer a link
            out.append(text[pos : start + 1] + "\\(")
        else:  # `[label]:` -> `\[label]:`: no longer a definition
            out.append(text[pos:start] + "\\[" + text[start + 1 : end])
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _escape_html(text: str) -> str:
    # `{` and `}` are escaped too so no Markdown extension reads user text as attributes.
    # `![` loses its image: an image from user text would be a request to another host.
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("{", "\\{")
        .replace("}", "\\}")
        .replace("![", "!\\[")
    )


def _escape_inline(text: str) -> str:
    # A pipe would split a table cell; `\|` reads as `|` everywhere (the tables extension
    # makes it an escape), so one-line text escapes it wherever it is printed.
    return _escape_html(text).replace("|", "\\|")


def _escape(text: str, one_line: bool = False) -> str:
    text = _neutralise_links(text)
    escape = _escape_inline if one_line else _escape_html
    out: list[str] = []
    pos = 0
    for m in _CODE_SPAN.finditer(text):
        out.append(escape(text[pos : m.start()]))
        out.append(m.group(0))  # Markdown escapes code spans itself; tables skip their pipes
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def inline(value: object) -> Markup:
    """One line of user Markdown: newlines fold into spaces; a leading list marker stays text."""
    text = str(value)
    if _PLAIN.fullmatch(text):
        return Markup(text)  # nothing to escape: the common case, kept fast
    text = re.sub(r"[ \t]*\r?\n\s*", " ", text)
    text = re.sub(r"^([#>+\-*]|\d+[.)])(?=\s|$)", r"\\\1", text)
    return Markup(_escape(text, one_line=True))


def linktext(value: object) -> Markup:
    """User text as the text of a link we generate: brackets cannot close it early.

    Brackets and backslashes are escaped before anything else, so the text holds no link of
    its own and no escape of ours is shown doubled.
    """
    text = str(value).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return inline(text)


def cell(value: object) -> Markup:
    """User Markdown inside a table cell: `inline` already keeps it to one line and escapes
    pipes; the name says where the value goes."""
    return inline(value)


def block(value: object, indent: int = 0) -> Markup:
    """Multi-line user Markdown (paragraphs, lists), indented to sit inside a list item."""
    text = str(value).replace("\r\n", "\n").strip("\n")
    lines = _escape(text).split("\n")
    pad = " " * indent
    return Markup("\n".join((pad + ln) if ln.strip() and i else ln for i, ln in enumerate(lines)))


def url(value: str) -> Markup:
    """A user URL as a Markdown link target; unsafe ones become a dead link."""
    if not safe_url(value):
        return Markup("#")
    out = value.strip()
    for char, code in (
        (" ", "%20"),
        ("(", "%28"),
        (")", "%29"),
        ("<", "%3C"),
        (">", "%3E"),
        ('"', "%22"),
        ("`", "%60"),
        ("\t", "%09"),
        ("\n", "%0A"),
        ("\r", "%0D"),
    ):
        out = out.replace(char, code)
    return Markup(out)
