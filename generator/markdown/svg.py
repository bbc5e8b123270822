"""Inline SVG pictures the generator draws itself: real text, no script, prints as-is."""

from __future__ import annotations

from markupsafe import Markup

from generator.content.figures import MapPoint, TimelineStage
from generator.content.i18n import Wording, wording
from generator.markdown.escape import attr
from generator.markdown.figures import as_text

BOX_W = 180
BOX_H = 64
GAP = 16


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def timeline(stages: list[TimelineStage], initiative: str, words: Wording | None = None) -> Markup:
    """Stages as boxes in order, current one filled, with dates under the names."""
    words = words or wording()
    title = words.gettext("%(initiative)s: stages") % {"initiative": initiative}
    current = words.gettext("current stage")
    status = {"pb-current": current, "pb-done": words.gettext("done"),
              "pb-next": words.gettext("upcoming")}  # fmt: skip
    rows = []
    width = len(stages) * (BOX_W + GAP) - GAP + 2
    height = BOX_H + 26
    parts = [
        f'<svg class="pb-timeline" role="img" aria-labelledby="pb-tl-title" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="pb-tl-title">{attr(title)}</title>',
    ]
    for i, s in enumerate(stages):
        x = 1 + i * (BOX_W + GAP)
        css = "pb-current" if s.current else ("pb-done" if s.done else "pb-next")
        dates = " – ".join(words.date(d) for d in (s.starts, s.ends) if d)
        rows.append((s.name, dates, status[css]))
        parts.append(f'<g class="{css}">')
        parts.append(
            f'<rect x="{x}" y="1" width="{BOX_W}" height="{BOX_H}" rx="8" stroke-width="2"/>'
        )
        parts.append(
            f'<text x="{x + BOX_W // 2}" y="26" text-anchor="middle" font-size="15" '
            f'font-weight="bold">{"✓ " if s.done else ""}{attr(_clip(s.name, 22))}</text>'
        )
        if dates:
            parts.append(
                f'<text x="{x + BOX_W // 2}" y="48" text-anchor="middle" '
                f'font-size="11">{attr(dates)}</text>'
            )
        if s.current:
            parts.append(
                f'<text x="{x + BOX_W // 2}" y="{BOX_H + 20}" text-anchor="middle" '
                f'font-size="12" font-weight="bold">▲ {attr(current)}</text>'
            )
        parts.append("</g>")
        if i < len(stages) - 1:
            ax = x + BOX_W
            parts.append(
                f'<path class="pb-arrow" d="M{ax + 2} {BOX_H // 2 + 1} l{GAP - 6} 0 '
                f'm-5 -5 l5 5 l-5 5" fill="none" stroke-width="2"/>'
            )
    parts.append("</svg>")
    head = (words.gettext("Stage"), words.gettext("Date"), words.gettext("Status"))
    parts.append(as_text(title, words, rows, head))
    return Markup('<div class="pb-figure">' + "".join(parts) + "</div>")


SUPPORT_ORDER = ("resistant", "skeptic", "neutral", "supporter", "champion")
INFLUENCE_ORDER = ("high", "medium", "low")  # top row first
_SUPPORT_FILL = {
    "resistant": "#c62828",
    "skeptic": "#ef6c00",
    "neutral": "#757575",
    "supporter": "#7cb342",
    "champion": "#2e7d32",
}
MAP_CELL_W = 150
MAP_LINE_H = 18
MAP_LEFT = 84
MAP_TOP = 8


def _map_axes(base: int, grid_w: int, words: Wording) -> list[str]:
    """The support labels under the grid, and the two axes' names."""
    axis, influence_axis = words.gettext("Support for the change"), words.gettext("Influence")
    parts = [
        f'<text x="{MAP_LEFT + c * MAP_CELL_W + MAP_CELL_W // 2}" y="{base + 16}" '
        f'text-anchor="middle" font-size="12" fill="#000">'
        f"{attr(words.label('support', support))}</text>"
        for c, support in enumerate(SUPPORT_ORDER)
    ]
    parts.append(
        f'<text x="{MAP_LEFT + grid_w // 2}" y="{base + 36}" text-anchor="middle" '
        f'font-size="12" font-weight="bold" fill="#000">{attr(axis)} →</text>'
    )
    parts.append(
        f'<text x="12" y="{MAP_TOP + 12}" font-size="12" font-weight="bold" '
        f'fill="#000">{attr(influence_axis)}</text>'
    )
    return parts


def stakeholder_map(
    points: list[MapPoint], initiative: str, words: Wording | None = None
) -> Markup:
    """Influence (rows, high on top) by support (columns, resistant to champion).

    Each member is a dot with their name as real text beside it, stacked in their cell;
    colours are attributes, not CSS, so the picture prints as it shows.
    """
    words = words or wording()
    title = words.gettext("%(initiative)s: stakeholder map") % {"initiative": initiative}
    cells: dict[tuple[str, str], list[MapPoint]] = {}
    for p in points:
        cells.setdefault((p.influence, p.support), []).append(p)
    per_cell = max([3, *(len(v) for v in cells.values())])
    cell_h = per_cell * MAP_LINE_H + 12
    grid_w = len(SUPPORT_ORDER) * MAP_CELL_W
    width = MAP_LEFT + grid_w + 2
    height = MAP_TOP + len(INFLUENCE_ORDER) * cell_h + 44
    parts = [
        f'<svg class="pb-stakeholders" role="img" aria-labelledby="pb-sm-title" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">',
        f'<title id="pb-sm-title">{attr(title)}</title>',
    ]
    for r, influence in enumerate(INFLUENCE_ORDER):
        y = MAP_TOP + r * cell_h
        parts.append(
            f'<text x="{MAP_LEFT - 8}" y="{y + cell_h // 2 + 4}" text-anchor="end" '
            f'font-size="12" fill="#000">{attr(words.label("influence", influence))}</text>'
        )
        for c, support in enumerate(SUPPORT_ORDER):
            x = MAP_LEFT + c * MAP_CELL_W
            parts.append(
                f'<rect x="{x}" y="{y}" width="{MAP_CELL_W}" height="{cell_h}" '
                f'fill="#fff" stroke="#9e9e9e" stroke-width="1"/>'
            )
            for i, p in enumerate(cells.get((influence, support), [])):
                cy = y + 14 + i * MAP_LINE_H
                ring = ' stroke="#000" stroke-width="2"' if p.flagged else ""
                parts.append(
                    f'<circle cx="{x + 12}" cy="{cy}" r="5" fill="{_SUPPORT_FILL[support]}"{ring}/>'
                )
                label = _clip(p.name, 17) + (" (!)" if p.flagged else "")
                weight = ' font-weight="bold"' if p.flagged else ""
                parts.append(
                    f'<text x="{x + 22}" y="{cy + 4}" font-size="12" fill="#000"{weight}>'
                    f"{attr(label)}</text>"
                )
    parts += _map_axes(MAP_TOP + len(INFLUENCE_ORDER) * cell_h, grid_w, words)
    parts.append("</svg>")
    rows = [
        (p.name + (" (!)" if p.flagged else ""), words.label("influence", p.influence),
         words.label("support", p.support))
        for p in sorted(points, key=lambda p: (INFLUENCE_ORDER.index(p.influence),
                                               SUPPORT_ORDER.index(p.support)))
    ]  # fmt: skip
    head = (words.gettext("Member"), words.gettext("Influence"), words.gettext("Support"))
    parts.append(as_text(title, words, rows, head))
    return Markup('<div class="pb-figure">' + "".join(parts) + "</div>")
