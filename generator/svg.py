"""Inline SVG pictures the generator draws itself: real text, no script, prints as-is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from generator.mdtext import attr

BOX_W = 180
BOX_H = 64
GAP = 16


@dataclass(frozen=True)
class TimelineStage:
    name: str
    starts: dt.date | None
    ends: dt.date | None
    current: bool
    done: bool


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def timeline(stages: list[TimelineStage], title: str) -> Markup:
    """Stages as boxes in order, current one filled, with dates under the names."""
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
        parts.append(f'<g class="{css}">')
        parts.append(
            f'<rect x="{x}" y="1" width="{BOX_W}" height="{BOX_H}" rx="8" '
            f'stroke-width="2"/>'
        )
        parts.append(
            f'<text x="{x + BOX_W // 2}" y="26" text-anchor="middle" font-size="15" '
            f'font-weight="bold">{attr(_clip(s.name, 22))}</text>'
        )
        dates = " – ".join(d.isoformat() for d in (s.starts, s.ends) if d)
        if dates:
            parts.append(
                f'<text x="{x + BOX_W // 2}" y="48" text-anchor="middle" '
                f'font-size="11">{attr(dates)}</text>'
            )
        if s.current:
            parts.append(
                f'<text x="{x + BOX_W // 2}" y="{BOX_H + 20}" text-anchor="middle" '
                f'font-size="12" font-weight="bold">▲ current stage</text>'
            )
        parts.append("</g>")
        if i < len(stages) - 1:
            ax = x + BOX_W
            parts.append(
                f'<path class="pb-arrow" d="M{ax + 2} {BOX_H // 2 + 1} l{GAP - 6} 0 '
                f'm-5 -5 l5 5 l-5 5" fill="none" stroke-width="2"/>'
            )
    parts.append("</svg>")
    return Markup('<div class="pb-figure">' + "".join(parts) + "</div>")
