"""A picture's figures as text, beside it: a screen reader and a printed page get the same
numbers as the drawing, and no meaning is carried by colour alone (WCAG 1.1.1, 1.4.1)."""

from __future__ import annotations

from collections.abc import Sequence

from generator.content.i18n import Wording
from generator.markdown.escape import attr


def as_text(
    title: str, words: Wording, rows: Sequence[Sequence[str]], head: Sequence[str] = ()
) -> str:
    """A `<details>` holding the figures: a table when `head` names the columns, else a list
    of the very lines the picture shows."""
    summary = words.gettext("%(picture)s: the figures as text") % {"picture": title}
    if head:
        th = "".join(f'<th scope="col">{attr(h)}</th>' for h in head)
        body = "".join("<tr>" + "".join(f"<td>{attr(c)}</td>" for c in r) + "</tr>" for r in rows)
        inner = f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"
    else:
        inner = "<ul>" + "".join(f"<li>{attr(' '.join(r))}</li>" for r in rows) + "</ul>"
    return f'<details class="pb-figure-text"><summary>{attr(summary)}</summary>{inner}</details>'
