"""The alignment scorecard's pictures: inline SVG the generator draws itself.

Each picture is narrow (a phone shows it at about three quarters of its size, and its
viewBox lets it scale), has real <text> and an accessible <title>, no script, and colours as
attributes on a white ground with black text, so it prints, and reads the same in the light
and the dark palette. Fills are light so black text on them stays readable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from generator.markdown.escape import attr

WIDTH = 440
INK = "#000"
TRACK = "#eeeeee"
EDGE = "#757575"
PART = "#1565c0"  # under way
WHOLE = "#2e7d32"  # complete
OVER = "#c62828"  # over budget
SUPPORT_FILL = {
    "resistant": "#ef9a9a",
    "skeptic": "#ffcc80",
    "neutral": "#e0e0e0",
    "supporter": "#c5e1a5",
    "champion": "#81c784",
}
OUTCOME_ORDER = ("open", "escalated", "improving", "resolved")
OUTCOME_FILL = {
    "open": "#ffcc80",
    "escalated": "#ef9a9a",
    "improving": "#90caf9",
    "resolved": "#a5d6a7",
}


def _svg(kind: str, key: str, title: str, height: int, body: list[str]) -> Markup:
    """`key` makes the title's id unique on its page (several pictures share a page)."""
    ident = f"pb-{kind}-{key}-title"
    return Markup(
        f'<div class="pb-figure"><svg class="pb-{kind}" role="img" aria-labelledby="{ident}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">'
        f'<title id="{ident}">{attr(title)}</title>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#fff"/>'
        + "".join(body)
        + "</svg></div>"
    )


def _text(x: float, y: float, text: str, size: int = 13, extra: str = "") -> str:
    return f'<text x="{x:g}" y="{y:g}" font-size="{size}" fill="{INK}"{extra}>{attr(text)}</text>'


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- counts: n of N ---------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    done: int
    total: int


def count_bars(key: str, bars: Sequence[Bar], title: str) -> Markup:
    """One labelled progress bar per count, `label: n of N`, green when complete."""
    body, y = [], 4
    for bar in bars:
        figure = f"{bar.done} of {bar.total}" if bar.total else "none"
        body.append(_text(2, y + 14, f"{bar.label}: {figure}"))
        body.append(
            f'<rect x="2" y="{y + 21}" width="{WIDTH - 4}" height="14" fill="{TRACK}" '
            f'stroke="{EDGE}" stroke-width="1"/>'
        )
        if bar.total and bar.done:
            fill = WHOLE if bar.done >= bar.total else PART
            width = (WIDTH - 4) * min(bar.done, bar.total) / bar.total
            body.append(f'<rect x="2" y="{y + 21}" width="{width:.1f}" height="14" fill="{fill}"/>')
        y += 46
    return _svg("bars", key, title, y, body)


# --- time to align ------------------------------------------------------------------------


def alignment_weeks(
    used: float, planned: float | None, floor: float | None, labels: Sequence[str], title: str
) -> Markup:
    """Weeks used as a bar, against markers for the plan and the rule of thumb.

    `labels` are the three lines of text: weeks used, the plan, the rule of thumb."""
    scale = max(used, planned or 0, floor or 0, 1) * 1.1
    span = WIDTH - 4

    def x(weeks: float) -> float:
        return 2 + span * weeks / scale

    over = planned is not None and used > planned
    body = [
        _text(2, 16, labels[0], extra=' font-weight="bold"'),
        f'<rect x="2" y="26" width="{span}" height="20" fill="{TRACK}" stroke="{EDGE}" '
        'stroke-width="1"/>',
        f'<rect x="2" y="26" width="{x(used) - 2:.1f}" height="20" '
        f'fill="{OVER if over else PART}"/>',
    ]
    y = 66
    for weeks, label, dash in ((planned, labels[1], ""), (floor, labels[2], "4 3")):
        if weeks is None:
            continue
        at = x(weeks)
        pattern = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(
            f'<line x1="{at:.1f}" y1="20" x2="{at:.1f}" y2="{y - 12}" stroke="{INK}" '
            f'stroke-width="2"{pattern}/>'
        )
        # The label sits beside its marker, clear of the line, on the side with room.
        end = at > WIDTH / 2
        anchor = ' text-anchor="end"' if end else ""
        body.append(_text(at - 5 if end else at + 5, y, label, 12, anchor))
        y += 18
    return _svg("alignment", "weeks", title, y - 4, body)


# --- support over time (core) ---------------------------------------------------------------

CHIP_W, CHIP_H, CHIP_GAP, PER_LINE = 92, 24, 16, 4


@dataclass(frozen=True)
class SupportRow:
    name: str
    points: tuple[tuple[dt.date | None, str], ...]  # (date, support), oldest first
    flag: str  # why the member is flagged, or ""


def support_over_time(rows: Sequence[SupportRow], latest: str, title: str) -> Markup:
    """Each member's assessments as coloured chips in order, dated, oldest first; `latest`
    dates an undated latest assessment."""
    body, y = [], 4
    for row in rows:
        weight = ' font-weight="bold"' if row.flag else ""
        name = _clip(row.name, 30) + (f" – {row.flag}" if row.flag else "")
        body.append(_text(2, y + 14, name, 13, weight))
        y += 22
        for i, (date, support) in enumerate(row.points):
            col = i % PER_LINE
            if i and not col:
                y += CHIP_H + 22
            x = 2 + col * (CHIP_W + CHIP_GAP)
            if col:
                body.append(
                    f'<path d="M{x - CHIP_GAP + 3} {y + 12} l{CHIP_GAP - 7} 0 m-4 -4 l4 4 '
                    f'l-4 4" fill="none" stroke="{INK}" stroke-width="1.5"/>'
                )
            # The two assessments that flag a member get a heavy edge.
            edge = 2.5 if row.flag and i >= len(row.points) - 2 else 0.5
            body.append(
                f'<rect x="{x}" y="{y}" width="{CHIP_W}" height="{CHIP_H}" rx="4" '
                f'fill="{SUPPORT_FILL[support]}" stroke="{INK}" stroke-width="{edge}"/>'
            )
            body.append(_text(x + CHIP_W / 2, y + 16, support.capitalize(), 12, _MIDDLE))
            when = date.isoformat() if date else latest
            body.append(_text(x + CHIP_W / 2, y + CHIP_H + 13, when, 11, _MIDDLE))
        y += CHIP_H + 26
    return _svg("support", "members", title, y, body)


_MIDDLE = ' text-anchor="middle"'


# --- resistance by outcome over time (core) --------------------------------------------------


@dataclass(frozen=True)
class OutcomeRow:
    label: str  # the date, as shown
    counts: dict[str, int]  # outcome -> entries


def outcomes_over_time(rows: Sequence[OutcomeRow], title: str) -> Markup:
    """A legend, then one stacked bar per date: resistance entries by outcome, with counts."""
    body = []
    x = 2.0
    for outcome in OUTCOME_ORDER:
        body.append(
            f'<rect x="{x:g}" y="4" width="14" height="14" fill="{OUTCOME_FILL[outcome]}" '
            f'stroke="{INK}" stroke-width="0.5"/>'
        )
        body.append(_text(x + 19, 16, outcome.capitalize(), 12))
        x += 19 + 8 * len(outcome) + 22
    y = 30
    span = WIDTH - 4
    for row in rows:
        total = sum(row.counts.values())
        body.append(_text(2, y + 13, row.label, 12))
        at = 2.0
        for outcome in OUTCOME_ORDER:
            n = row.counts.get(outcome, 0)
            if not n:
                continue
            width = span * n / total
            body.append(
                f'<rect x="{at:.1f}" y="{y + 19}" width="{width:.1f}" height="20" '
                f'fill="{OUTCOME_FILL[outcome]}" stroke="{INK}" stroke-width="0.5"/>'
            )
            # Words where they fit, the count alone where they do not; the legend names colours.
            label = f"{n} {outcome}" if width >= 7.5 * (len(outcome) + 3) else str(n)
            if width >= 14:
                body.append(_text(at + width / 2, y + 34, label, 12, _MIDDLE))
            at += width
        y += 48
    return _svg("outcomes", "resistance", title, y, body)
