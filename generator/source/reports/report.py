"""What a meeting report says, typed: the meeting's date and who was there for how long.

A reader fills a `Draft` with the report's rows and every date it holds; `resolve` settles
the day/month order (or refuses to guess) and gives the `Report`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.source.problems import UserError
from generator.source.reports.when import ORDERS, Order, Stamp, clashing, orders, spoken, told_apart

Table = list[tuple[int, list[str]]]


@dataclass(frozen=True)
class Attendee:
    """One row of the report (or one person of an event log): who, and seconds present."""

    row: int
    name: str
    email: str | None
    seconds: int


@dataclass(frozen=True)
class Report:
    shown: str  # the file as the user named it
    kind: str
    title: str | None
    date: dt.date  # the meeting's
    attendees: tuple[Attendee, ...]


@dataclass(frozen=True)
class Event:
    """A join or a leave, from the older Teams table that logs them one per row."""

    row: int
    name: str
    joins: bool
    at: Stamp


@dataclass
class Draft:
    kind: str
    title: str | None = None
    start: Stamp | None = None
    stamps: list[Stamp] = field(default_factory=list)
    attendees: list[Attendee] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def meeting_date(self, order: Order) -> dt.date | None:
        if self.start is not None:
            return self.start.date(order)
        moments = [m for s in self.stamps if (m := s.moment(order))]
        return min(moments).date() if moments else None


def resolve(shown: str, draft: Draft, settle: dt.date | None) -> Report:
    """The report, its dates read in the one order they allow, or in the order that makes
    the meeting fall on `settle` (--date); refuses when two readings remain."""
    every = [*([draft.start] if draft.start else []), *draft.stamps]
    if not every:
        raise UserError(f"{shown}: the report holds no date; nothing was changed")
    possible = orders(every)
    if not possible:
        day, month = clashing(every) or (every[0], every[0])
        raise UserError(
            f"{shown}:{month.row}: {month.column}: '{month.text}' reads only month first, but "
            f"'{day.text}' on row {day.row} reads only day first; nothing was changed"
        )
    order = possible[0]
    if len(possible) == 2 and told_apart(every):
        readings = {o: draft.meeting_date(o) for o in ORDERS}
        if settle is None:
            raise UserError(
                f"{shown}: the report's dates read two ways ({_two_ways(readings)}): give "
                "--date YYYY-MM-DD, the day of the meeting; nothing was changed"
            )
        chosen = [o for o in ORDERS if readings[o] == settle]
        if not chosen:
            raise UserError(
                f"{shown}: is the report of a meeting on {_two_ways(readings)}, not of "
                f"{settle.isoformat()} (--date); nothing was changed"
            )
        order = chosen[0]
    date = draft.meeting_date(order)
    assert date is not None  # every stamp reads in `order`
    if settle is not None and date != settle:
        raise UserError(
            f"{shown}: is the report of a meeting on {date.isoformat()} ({spoken(date)}), "
            f"not of {settle.isoformat()} (--date); nothing was changed"
        )
    people = [*draft.attendees, *_stays(draft, order)]
    return Report(shown, draft.kind, draft.title, date, tuple(people))


def _two_ways(readings: dict[Order, dt.date | None]) -> str:
    first, second = readings["day-first"], readings["month-first"]
    assert first and second
    if first.year == second.year:
        return f"{spoken(first).rsplit(' ', 1)[0]} or {spoken(second)}"
    return f"{spoken(first)} or {spoken(second)}"


def _stays(draft: Draft, order: Order) -> list[Attendee]:
    """Seconds present of each person of an event log: each join to the next leave; a leave
    with no join before it counts from the first event, a join with no leave to the last."""
    if not draft.events:
        return []
    moments = {e.row: e.at.moment(order) for e in draft.events}
    first, last = min(m for m in moments.values() if m), max(m for m in moments.values() if m)
    by_name: dict[str, list[Event]] = {}
    for e in draft.events:
        by_name.setdefault(e.name, []).append(e)
    out = []
    for name, events in by_name.items():
        seconds, since = 0.0, None
        for e in sorted(events, key=lambda e: (moments[e.row] or first, e.row)):
            at = moments[e.row] or first
            if e.joins:
                since = since or at
            else:
                seconds += (at - (since or first)).total_seconds()
                since = None
        if since is not None:
            seconds += (last - since).total_seconds()
        out.append(Attendee(events[0].row, name, None, int(seconds)))
    return out
