"""Microsoft Teams attendance reports: the sectioned report and the older single table.

The sectioned one (`1. Summary`, `2. Participants`, `3. In-Meeting Activities`) gives each
participant's total time in `2. Participants`: that is read, and the activities (one row per
join) only when a report has no participants section. The older report logs `Joined` /
`Left` events (`Full Name, User Action, Timestamp`); the time present comes from the pairs.
"""

from __future__ import annotations

import re

from generator.source.problems import short
from generator.source.reports.report import Attendee, Draft, Event, Table
from generator.source.reports.text import RowError, header_word
from generator.source.reports.when import duration, stamp

KIND = "Teams attendance report"
KIND_OLD = "Teams attendance report (single table)"

NAME = ("name", "full name", "participant name")
EMAIL = ("email", "e-mail", "email address", "user email")
UPN = ("participant id (upn)", "upn")
TOTAL = ("in-meeting duration", "attendance duration", "duration")
JOIN = ("first join", "join time")
LEAVE = ("last leave", "leave time")
START = ("start time", "meeting start time")
TITLE = ("meeting title", "title")
A_DATE = "a date and time such as 4/11/2026, 9:02:11 AM"
_ACTIVITIES = {"join time", "leave time", "duration"}
_HEADING = re.compile(r"^\d+\.\s*\S")


def is_table(words: set[str]) -> bool:
    """A participants or activities header of the sectioned report."""
    named = any(n in words for n in NAME)
    return named and ("in-meeting duration" in words or words >= _ACTIVITIES)


def is_log(words: set[str]) -> bool:
    return {"full name", "user action", "timestamp"} <= words


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    words = [header_word(c) for c in header]
    return next((words.index(n) for n in names if n in words), None)


def _cell(cells: list[str], at: int | None) -> str:
    return cells[at] if at is not None and at < len(cells) else ""


def read(table: Table, errors: list[RowError]) -> Draft:
    draft = Draft(KIND)
    headers = [i for i, (_, cells) in enumerate(table) if is_table({header_word(c) for c in cells})]
    participants = [i for i in headers if "in-meeting duration" in map(header_word, table[i][1])]
    chosen = (participants or headers)[0]
    _summary(table[: headers[0]], draft, errors)
    header_row, header = table[chosen]
    cols = {k: _column(header, names) for k, names in _COLUMNS.items()}
    shown = {k: header[i] for k, i in cols.items() if i is not None}
    for row, cells in table[chosen + 1 :]:
        if _HEADING.match(cells[0] if len(cells) == 1 else "") or is_table(
            {header_word(c) for c in cells}
        ):
            break
        if not cells:
            continue
        _participant(row, cells, cols, shown, draft, errors)
    if cols["total"] is None:
        errors.append(RowError(header_row, "", "no In-Meeting Duration column (expected one)"))
    return draft


_COLUMNS = {"name": NAME, "email": EMAIL, "upn": UPN, "total": TOTAL, "join": JOIN, "leave": LEAVE}


def _summary(rows: Table, draft: Draft, errors: list[RowError]) -> None:
    for row, cells in rows:
        if len(cells) < 2:
            continue
        key, value = header_word(cells[0]), cells[1]
        if key in TITLE:
            draft.title = value
        elif key in START and value:
            draft.start = stamp(row, cells[0], value)
            if draft.start is None:
                errors.append(RowError(row, cells[0], f"{short(value)} is not {A_DATE}"))


def _participant(
    row: int,
    cells: list[str],
    cols: dict[str, int | None],
    shown: dict[str, str],
    draft: Draft,
    errors: list[RowError],
) -> None:
    name = _cell(cells, cols["name"])
    if not name:
        errors.append(RowError(row, shown.get("name", "Name"), "empty (expected the name)"))
    for key in ("join", "leave"):
        text = _cell(cells, cols[key])
        if text:
            found = stamp(row, shown[key], text)
            if found is None:
                errors.append(RowError(row, shown[key], f"{short(text)} is not {A_DATE}"))
            else:
                draft.stamps.append(found)
    spent = duration(_cell(cells, cols["total"])) if cols["total"] is not None else 0
    if spent is None:
        text = _cell(cells, cols["total"])
        errors.append(
            RowError(
                row, shown["total"], f"{short(text)} is not a duration (expected one like 1h 2m 3s)"
            )
        )
    email = _cell(cells, cols["email"]) or _cell(cells, cols["upn"])
    if name and spent is not None:
        draft.attendees.append(Attendee(row, name, email if "@" in email else None, spent))


_ACTIONS = {"joined": True, "joined before": True, "left": False}


def read_log(table: Table, errors: list[RowError]) -> Draft:
    draft = Draft(KIND_OLD)
    start = next(i for i, (_, cells) in enumerate(table) if is_log({header_word(c) for c in cells}))
    header = table[start][1]
    name_at, action_at, time_at = (
        _column(header, (n,)) for n in ("full name", "user action", "timestamp")
    )
    for row, cells in table[start + 1 :]:
        if not cells:
            continue
        name, action, text = (_cell(cells, i) for i in (name_at, action_at, time_at))
        joins = _ACTIONS.get(header_word(action))
        at = stamp(row, header[time_at or 0], text)
        if not name:
            errors.append(RowError(row, header[name_at or 0], "empty (expected the name)"))
        if joins is None:
            errors.append(
                RowError(
                    row,
                    header[action_at or 0],
                    f"{short(action)} is not an action (expected Joined, Joined before or Left)",
                )
            )
        if at is None:
            errors.append(RowError(row, header[time_at or 0], f"{short(text)} is not {A_DATE}"))
        if name and joins is not None and at is not None:
            draft.stamps.append(at)
            draft.events.append(Event(row, name, joins, at))
    return draft
