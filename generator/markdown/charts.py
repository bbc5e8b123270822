"""The alignment scorecard's pictures: inline SVG the generator draws itself.

Each picture is narrow (a phone shows it at about three quarters of its size, and its
viewBox lets it scale), has real <text> and an accessible <title>, no script, and colours as
attributes on a white ground with black text, so it prints, and reads the same in the light
and the dark palette. Fills are light so black text on them stays readable.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.content.figures import Bar, OutcomeRow, SupportRow
from generator.content.i18n import Wording, wording
from generator.markdown.escape import attr
from generator.markdown.figures import as_text
from generator.source.markers import Nn_
from generator.source.pulse import QuestionTally

if TYPE_CHECKING:
    from generator.content.scorecard import AlignmentUse

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
# A count of entries in one outcome, inside its segment: the words agree with the number.
OUTCOME_COUNTS = {
    "open": Nn_("%(num)d open", "%(num)d open"),
    "escalated": Nn_("%(num)d escalated", "%(num)d escalated"),
    "improving": Nn_("%(num)d improving", "%(num)d improving"),
    "resolved": Nn_("%(num)d resolved", "%(num)d resolved"),
}
OUTCOME_FILL = {
    "open": "#ffcc80",
    "escalated": "#ef9a9a",
    "improving": "#90caf9",
    "resolved": "#a5d6a7",
}


def _svg(kind: str, key: str, title: str, height: int, body: list[str], text: str) -> Markup:
    """`key` makes the title's id unique on its page (several pictures share a page); `text`
    is the figures as text, shown beside the picture."""
    ident = f"pb-{kind}-{key}-title"
    return Markup(
        f'<div class="pb-figure"><svg class="pb-{kind}" role="img" aria-labelledby="{ident}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">'
        f'<title id="{ident}">{attr(title)}</title>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#fff"/>'
        + "".join(body)
        + "</svg>"
        + text
        + "</div>"
    )


def _text(x: float, y: float, text: str, size: int = 13, extra: str = "") -> str:
    return f'<text x="{x:g}" y="{y:g}" font-size="{size}" fill="{INK}"{extra}>{attr(text)}</text>'


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- counts: n of N ---------------------------------------------------------------------


def count_bars(
    key: str, bars: Sequence[Bar], initiative: str, stage: str, words: Wording | None = None
) -> Markup:
    """One labelled progress bar per count, `label: n of N`, green when complete. A bar's
    label is a message id (the words translate it)."""
    words = words or wording()
    title = words.gettext("%(initiative)s: %(stage)s, charters, training and activities") % {
        "initiative": initiative,
        "stage": stage,
    }
    body, y = [], 4
    lines: list[tuple[str, ...]] = []
    for bar in bars:
        figure = (
            words.gettext("%(done)s of %(total)s") % {"done": bar.done, "total": bar.total}
            if bar.total
            else words.gettext("none")
        )
        label = words.gettext("%(label)s: %(figure)s")
        line = label % {"label": words.gettext(bar.label), "figure": figure}
        lines.append((line,))
        body.append(_text(2, y + 14, line))
        body.append(
            f'<rect x="2" y="{y + 21}" width="{WIDTH - 4}" height="14" fill="{TRACK}" '
            f'stroke="{EDGE}" stroke-width="1"/>'
        )
        if bar.total and bar.done:
            fill = WHOLE if bar.done >= bar.total else PART
            width = (WIDTH - 4) * min(bar.done, bar.total) / bar.total
            body.append(f'<rect x="2" y="{y + 21}" width="{width:.1f}" height="14" fill="{fill}"/>')
        y += 46
    return _svg("bars", key, title, y, body, as_text(title, words, lines))


# --- time to align ------------------------------------------------------------------------


def alignment_weeks(use: AlignmentUse, initiative: str, words: Wording | None = None) -> Markup:
    """Weeks used as a bar, against markers for the plan and the rule of thumb."""
    words = words or wording()
    used, planned, floor = use.used, use.planned, use.floor
    title = words.gettext("%(initiative)s: alignment time used against the plan") % {
        "initiative": initiative
    }
    labels = [
        words.gettext("Used: %(weeks)s weeks since %(date)s")
        % {"weeks": words.number(used), "date": words.date(use.began)},
        words.gettext("Plan: %(weeks)s weeks") % {"weeks": words.number(planned or 0)},
        words.gettext("%(factor)s x first estimate: %(weeks)s weeks")
        % {"factor": use.factor, "weeks": words.number(floor or 0)},
    ]
    scale = max(used, planned or 0, floor or 0, 1) * 1.1
    span = WIDTH - 4

    def x(weeks: float) -> float:
        return 2 + span * weeks / scale

    over = planned is not None and used > planned
    if over:  # red is not the only sign that the plan is overrun
        labels[0] += " – " + words.gettext("over the plan")
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
    shown = [labels[0]] + [
        t for w, t in zip((planned, floor), labels[1:], strict=True) if w is not None
    ]
    text = as_text(title, words, [(t,) for t in shown])
    return _svg("alignment", "weeks", title, y - 4, body, text)


# --- support over time (core) ---------------------------------------------------------------

CHIP_W, CHIP_H, CHIP_GAP, PER_LINE = 92, 24, 16, 4


def support_over_time(
    rows: Sequence[SupportRow], initiative: str, words: Wording | None = None
) -> Markup:
    """Each member's assessments as coloured chips in order, dated, oldest first; an
    undated latest assessment is marked as the latest."""
    words = words or wording()
    title = words.gettext("%(initiative)s: support of each member over time") % {
        "initiative": initiative
    }
    latest, flag = words.gettext("latest"), words.gettext("still skeptic or resistant")
    body, y = [], 4
    lines: list[tuple[str, ...]] = []
    for row in rows:
        weight = ' font-weight="bold"' if row.stuck else ""
        name = _clip(row.name, 30) + (f" – {flag}" if row.stuck else "")
        body.append(_text(2, y + 14, name, 13, weight))
        steps = [
            f"{words.label('support', support)} ({words.date(date) if date else latest})"
            for date, support in row.points
        ]
        lines.append((f"{row.name}{f' – {flag}' if row.stuck else ''}:", " → ".join(steps)))
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
            edge = 2.5 if row.stuck and i >= len(row.points) - 2 else 0.5
            body.append(
                f'<rect x="{x}" y="{y}" width="{CHIP_W}" height="{CHIP_H}" rx="4" '
                f'fill="{SUPPORT_FILL[support]}" stroke="{INK}" stroke-width="{edge}"/>'
            )
            shown = words.label("support", support)
            body.append(_text(x + CHIP_W / 2, y + 16, shown, 12, _MIDDLE))
            when = words.date(date) if date else latest
            body.append(_text(x + CHIP_W / 2, y + CHIP_H + 13, when, 11, _MIDDLE))
        y += CHIP_H + 26
    return _svg("support", "members", title, y, body, as_text(title, words, lines))


_MIDDLE = ' text-anchor="middle"'


# --- resistance by outcome over time (core) --------------------------------------------------


def outcomes_over_time(
    rows: Sequence[OutcomeRow], initiative: str, words: Wording | None = None
) -> Markup:
    """A legend, then one stacked bar per date: resistance entries by outcome, with counts."""
    words = words or wording()
    title = words.gettext("%(initiative)s: resistance entries by outcome over time") % {
        "initiative": initiative
    }
    names = {o: words.label("outcome", o) for o in OUTCOME_ORDER}
    body = []
    x = 2.0
    for outcome in OUTCOME_ORDER:
        body.append(
            f'<rect x="{x:g}" y="4" width="14" height="14" fill="{OUTCOME_FILL[outcome]}" '
            f'stroke="{INK}" stroke-width="0.5"/>'
        )
        body.append(_text(x + 19, 16, names[outcome], 12))
        x += 19 + 8 * len(names[outcome]) + 22
    y = 30
    span = WIDTH - 4
    lines: list[tuple[str, ...]] = []
    for row in rows:
        total = sum(row.counts.values())
        when = words.date(row.on)
        if row.today:
            when = words.gettext("today, %(date)s") % {"date": when}
        body.append(_text(2, y + 13, when, 12))
        counts = [
            words.ngettext(*OUTCOME_COUNTS[o], row.counts[o]) % {"num": row.counts[o]}
            for o in OUTCOME_ORDER
            if row.counts.get(o)
        ]
        lines.append((f"{when}:", ", ".join(counts)))
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
            named = words.ngettext(*OUTCOME_COUNTS[outcome], n) % {"num": n}
            label = named if width >= 7.5 * len(named) else str(n)
            if width >= 14:
                body.append(_text(at + width / 2, y + 34, label, 12, _MIDDLE))
            at += width
        y += 48
    return _svg("outcomes", "resistance", title, y, body, as_text(title, words, lines))


# --- the pulse: the spread of the answers ----------------------------------------------------

SPREAD_FILL = ("#ef9a9a", "#ffcc80", "#e0e0e0", "#c5e1a5", "#81c784")  # 1 (disagree) .. 5


def pulse_spread(
    key: str,
    questions: Sequence[QuestionTally],
    initiative: str,
    stage: str,
    words: Wording | None = None,
) -> Markup:
    """Per question (only those with enough answers to show), how many answered 1 to 5: five
    columns, each with its count written under it, and the median."""
    words = words or wording()
    title = words.gettext("%(initiative)s: %(stage)s, the spread of the pulse's answers") % {
        "initiative": initiative,
        "stage": stage,
    }
    column = (WIDTH - 4) / 5
    body, y = [], 4
    lines: list[list[str]] = []
    for q in questions:
        assert q.counts is not None and q.median is not None
        heading = words.gettext("%(question)s: median %(median)s, %(done)s of %(total)s") % {
            "question": _clip(q.text, 34),
            "median": words.number(q.median),
            "done": q.answered,
            "total": q.asked,
        }
        body.append(_text(2, y + 14, heading, 12, ' font-weight="bold"'))
        lines.append(
            [
                words.gettext("%(question)s: median %(median)s, %(done)s of %(total)s")
                % {
                    "question": q.text,
                    "median": words.number(q.median),
                    "done": q.answered,
                    "total": q.asked,
                }
            ]
        )
        top = y + 22
        for i, n in enumerate(q.counts):
            x = 2 + i * column
            height = 30 * n / max(q.answered, 1)
            body.append(
                f'<rect x="{x + 4:.1f}" y="{top}" width="{column - 8:.1f}" height="30" '
                f'fill="{TRACK}" stroke="{EDGE}" stroke-width="1"/>'
            )
            if n:
                body.append(
                    f'<rect x="{x + 4:.1f}" y="{top + 30 - height:.1f}" width="{column - 8:.1f}" '
                    f'height="{height:.1f}" fill="{SPREAD_FILL[i]}" stroke="{INK}" '
                    'stroke-width="0.5"/>'
                )
            label = words.gettext("%(answer)s: %(count)s") % {"answer": i + 1, "count": n}
            body.append(_text(x + column / 2, top + 46, label, 12, _MIDDLE))
            lines.append([f"{q.text}, {label}"])
        y = top + 56
    return _svg("spread", key, title, y, body, as_text(title, words, lines))
