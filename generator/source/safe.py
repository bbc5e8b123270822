"""The two rules about user text that more than one layer needs.

`safe_url` decides which links a playbook may hold: validation refuses the others
(source/references.py) and the Markdown writer turns any that slip through into dead links.
`attr` is user text in HTML that we generate ourselves: pictures, and the navigation titles
content builds for MkDocs. The rest of the escaping is markdown/escape.py's, which re-exports
both; they live here, the lowest layer, so that every layer may use them.
"""

from __future__ import annotations

__all__ = ["attr", "safe_url"]


def attr(value: object) -> str:
    """Text for an HTML/SVG attribute or element we generate ourselves.

    Braces become character references too: the Markdown then holds no `{{` or `{%` at
    all, so no later template pass (a MkDocs macros plugin, say) could evaluate user text.
    """
    return (
        str(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


def safe_url(url: str) -> bool:
    """http(s) and mailto URLs, and relative paths; nothing that could run script."""
    lowered = url.strip().lower()
    if lowered.startswith(("http://", "https://", "mailto:")):
        return True
    head = lowered.split("/", 1)[0]
    return ":" not in head and not lowered.startswith("//") and "\\" not in lowered
