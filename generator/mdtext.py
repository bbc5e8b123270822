"""User text into Markdown: inline formatting and links survive; HTML, unsafe links don't.

User text is data. Everything a user wrote passes through one of these functions before it
reaches a page, and the Jinja2 environment applies `inline` to any value a template prints
without a filter (see `render.environment`).
"""

from __future__ import annotations

import re

from markupsafe import Markup

_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)
# `[text](target` and `![alt](target`, where target starts with a scheme
_LINK_SCHEME = re.compile(r"\]\(\s*<?\s*([A-Za-z][A-Za-z0-9+.\-]*)\s*:")
# `[label]: target` reference definitions
_REF_DEF = re.compile(r"^(\s{0,3})\[([^\]]*)\]:\s*<?\s*([A-Za-z][A-Za-z0-9+.\-]*)\s*:", re.M)
_SAFE_SCHEMES = {"http", "https", "mailto"}


def _neutralise_links(text: str) -> str:
    def link(m: re.Match[str]) -> str:
        if m.group(1).lower() in _SAFE_SCHEMES:
            return m.group(0)
        return "]\\(" + m.group(0)[2:]

    def ref(m: re.Match[str]) -> str:
        if m.group(3).lower() in _SAFE_SCHEMES:
            return m.group(0)
        return m.group(1) + "\\[" + m.group(0)[len(m.group(1)) + 1 :]

    return _REF_DEF.sub(ref, _LINK_SCHEME.sub(link, text))


def _escape_html(text: str) -> str:
    # `{` and `}` are escaped too so no Markdown extension reads user text as attributes.
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("{", "\\{").replace("}", "\\}")
    )


def _escape(text: str) -> str:
    text = _neutralise_links(text)
    out: list[str] = []
    pos = 0
    for m in _CODE_SPAN.finditer(text):
        out.append(_escape_html(text[pos : m.start()]))
        out.append(m.group(0))  # Markdown escapes code spans itself
        pos = m.end()
    out.append(_escape_html(text[pos:]))
    return "".join(out)


def inline(value: object) -> Markup:
    """One line of user Markdown: newlines fold into spaces; a leading block marker is kept literal."""
    text = re.sub(r"[ \t]*\r?\n\s*", " ", str(value))
    text = re.sub(r"^([#>+\-*]|\d+[.)])(?=\s|$)", r"\\\1", text)
    return Markup(_escape(text))


def linktext(value: object) -> Markup:
    """User text as the text of a link we generate: brackets cannot close it early."""
    return Markup(str(inline(value)).replace("[", "\\[").replace("]", "\\]"))


def cell(value: object) -> Markup:
    """User Markdown inside a table cell: one line, pipes escaped."""
    return Markup(str(inline(value)).replace("|", "\\|"))


def block(value: object, indent: int = 0) -> Markup:
    """Multi-line user Markdown (paragraphs, lists), indented to sit inside a list item."""
    text = str(value).replace("\r\n", "\n").strip("\n")
    lines = _escape(text).split("\n")
    pad = " " * indent
    return Markup("\n".join((pad + ln) if ln.strip() and i else ln for i, ln in enumerate(lines)))


def attr(value: object) -> str:
    """Text for an HTML/SVG attribute or element we generate ourselves."""
    return (
        str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&quot;").replace("'", "&#39;")
    )


def safe_url(url: str) -> bool:
    """http(s) and mailto URLs, and relative paths; nothing that could run script."""
    lowered = url.strip().lower()
    if lowered.startswith(("http://", "https://", "mailto:")):
        return True
    head = lowered.split("/", 1)[0]
    return ":" not in head and not lowered.startswith("//") and "\\" not in lowered


def url(value: str) -> Markup:
    """A user URL as a Markdown link target; unsafe ones become a dead link."""
    if not safe_url(value):
        return Markup("#")
    out = value.strip()
    for char, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"),
                       (">", "%3E"), ('"', "%22"), ("`", "%60")):
        out = out.replace(char, code)
    return Markup(out)
