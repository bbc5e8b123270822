"""Zoom participants exports: one row per join, with the minutes of each.

Zoom may put the meeting's own header first (`Topic, ID, Host, Duration (Minutes), Start
Time, ...`, one row of values, a blank line): its topic and start are read from it. Time in
the waiting room (`In Waiting Room: Yes`) is not time in the meeting.
"""

from __future__ import annotations

from generator.source.problems import short
from generator.source.reports.report import Attendee, Draft, Table
from generator.source.reports.text import RowError, header_word
from generator.source.reports.when import stamp

KIND = "Zoom participants export"
NAME = ("name (original name)", "name", "participant name")
EMAIL = ("user email", "email", "email address")
MINUTES = ("duration (minutes)", "total duration (minutes)", "duration (mins)")
A_DATE = "a date and time such as 11/04/2026 09:02:11 AM"


def is_header(words: set[str]) -> bool:
    named = "name (original name)" in words or ("name" in words and "user email" in words)
    return named and any(m in words for m in MINUTES) and "topic" not in words


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    words = [header_word(c) for c in header]
    return next((words.index(n) for n in names if n in words), None)


def _cell(cells: list[str], at: int | None) -> str:
    return cells[at] if at is not None and at < len(cells) else ""


def read(table: Table, errors: list[RowError]) -> Draft:
    draft = Draft(KIND)
    start = next(i for i, (_, c) in enumerate(table) if is_header({header_word(w) for w in c}))
    _meeting(table[:start], draft, errors)
    header = table[start][1]
    cols = {
        "name": _column(header, NAME),
        "email": _column(header, EMAIL),
        "minutes": _column(header, MINUTES),
        "join": _column(header, ("join time",)),
        "leave": _column(header, ("leave time",)),
        "waiting": _column(header, ("in waiting room",)),
    }
    shown = {k: header[i] for k, i in cols.items() if i is not None}
    for row, cells in table[start + 1 :]:
        if cells:
            _row(row, cells, cols, shown, draft, errors)
    return draft


def _meeting(rows: Table, draft: Draft, errors: list[RowError]) -> None:
    """The meeting header: its names row, then the row of values."""
    filled = [(row, cells) for row, cells in rows if cells]
    for (_, names), (row, values) in zip(filled, filled[1:], strict=False):
        words = [header_word(c) for c in names]
        if "topic" not in words:
            continue
        for word, cell, value in zip(words, names, values, strict=False):
            if word == "topic":
                draft.title = value
            elif word == "start time" and value:
                draft.start = stamp(row, cell, value)
                if draft.start is None:
                    errors.append(RowError(row, cell, f"{short(value)} is not {A_DATE}"))
        return


def _row(
    row: int,
    cells: list[str],
    cols: dict[str, int | None],
    shown: dict[str, str],
    draft: Draft,
    errors: list[RowError],
) -> None:
    name = _cell(cells, cols["name"])
    if not name:
        errors.append(RowError(row, shown["name"], "empty (expected the name)"))
    for key in ("join", "leave"):
        text = _cell(cells, cols[key])
        if text:
            found = stamp(row, shown[key], text)
            if found is None:
                errors.append(RowError(row, shown[key], f"{short(text)} is not {A_DATE}"))
            else:
                draft.stamps.append(found)
    text = _cell(cells, cols["minutes"])
    try:
        minutes = float(text.replace(",", "."))
    except ValueError:
        minutes = -1.0
    if not 0 <= minutes < 100_000:
        errors.append(RowError(row, shown["minutes"], f"{short(text)} is not a number of minutes"))
    waiting = header_word(_cell(cells, cols["waiting"])) == "yes"
    email = _cell(cells, cols["email"])
    if name and minutes >= 0 and not waiting:
        draft.attendees.append(Attendee(row, name, email or None, round(minutes * 60)))
