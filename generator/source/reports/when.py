"""Dates, times and durations as meeting tools write them in their organiser's locale.

`4/11/2026` is 4 November in New York and 11 April in London. The order is never guessed:
it is settled only by a value that reads one way (a day above 12, or a year first), across
every date of the file; else by the meeting date the user gives.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "ORDERS",
    "Order",
    "Stamp",
    "clashing",
    "duration",
    "orders",
    "spoken",
    "stamp",
    "told_apart",
]

Order = Literal["day-first", "month-first"]
ORDERS: tuple[Order, ...] = ("day-first", "month-first")

_TIME = (
    r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:[.,]\d+)?"
    r"(?:\s*(?P<ampm>[AaPp])\.?\s?[Mm]\.?)?"
)
# A zone after the time is read past: the date is the one the tool wrote, in its zone
# (Google Forms: `2027/01/18 9:14:03 AM GMT+1`).
_ZONE = r"(?:\s*(?:Z|(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}))?"
_YEAR_FIRST = re.compile(
    rf"^(?P<y>\d{{4}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})"
    rf"(?:[T,\s]+{_TIME}{_ZONE})?Z?$"
)
_YEAR_LAST = re.compile(
    rf"^(?P<a>\d{{1,2}})(?P<sep>[-/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}})\.?"
    rf"(?:,?\s+{_TIME}{_ZONE})?$"
)
_DURATION = re.compile(
    r"^(?:(?P<h>\d+)\s*h(?:ours?|rs?)?)?\s*(?:(?P<m>\d+)\s*m(?:in(?:utes?)?)?)?\s*"
    r"(?:(?P<s>\d+)\s*s(?:ec(?:onds?)?)?)?$"
)
_CLOCK = re.compile(r"^(?P<h>\d+):(?P<m>\d{2}):(?P<s>\d{2})$")


@dataclass(frozen=True)
class Stamp:
    """A date (and time) as written, its day/month order not yet known."""

    row: int
    column: str
    text: str
    first: int  # year-first: the month; else the first number
    second: int
    year: int
    fixed: bool  # year first: no second reading
    seconds: int | None  # since midnight

    def date(self, order: Order) -> dt.date | None:
        if self.fixed:
            month, day = self.first, self.second
        elif order == "day-first":
            day, month = self.first, self.second
        else:
            month, day = self.first, self.second
        try:
            return dt.date(self.year, month, day)
        except ValueError:
            return None

    def moment(self, order: Order) -> dt.datetime | None:
        day = self.date(order)
        if day is None:
            return None
        return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=self.seconds or 0)


def stamp(row: int, column: str, text: str) -> Stamp | None:
    """The date in `text`, or None when it is not a date as a meeting tool writes one."""
    text = " ".join(text.split())
    found = _YEAR_FIRST.match(text)
    if found:
        first, second, year, fixed = int(found["m"]), int(found["d"]), int(found["y"]), True
    else:
        found = _YEAR_LAST.match(text)
        if not found:
            return None
        year = int(found["y"])
        first, second, fixed = int(found["a"]), int(found["b"]), False
        year += 2000 if year < 100 else 0
    seconds = _seconds(found)
    if found["h"] is not None and seconds is None:
        return None
    made = Stamp(row, column, text, first, second, year, fixed, seconds)
    return made if any(made.date(o) for o in ORDERS) else None


def _seconds(found: re.Match[str]) -> int | None:
    if found["h"] is None:
        return 0
    hour, minute, sec = int(found["h"]), int(found["mi"]), int(found["s"] or 0)
    if found["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if found["ampm"] in "Pp" else 0)
    if hour > 23 or minute > 59 or sec > 59:
        return None
    return hour * 3600 + minute * 60 + sec


def duration(text: str) -> int | None:
    """Seconds in a duration as Teams writes it (`1h 2m 3s`, `45m 10s`, `30s`, `1:02:03`)."""
    text = text.strip().casefold()
    clock = _CLOCK.match(text)
    if clock:
        return int(clock["h"]) * 3600 + int(clock["m"]) * 60 + int(clock["s"])
    found = _DURATION.match(text)
    if not text or not found or not any(found.groups()):
        return None
    return int(found["h"] or 0) * 3600 + int(found["m"] or 0) * 60 + int(found["s"] or 0)


def orders(stamps: Iterable[Stamp]) -> tuple[Order, ...]:
    """The orders every date of the file reads in."""
    every = list(stamps)
    return tuple(o for o in ORDERS if all(s.date(o) is not None for s in every))


def clashing(stamps: Sequence[Stamp]) -> tuple[Stamp, Stamp] | None:
    """Two dates that read only day-first and only month-first: the file mixes orders."""
    day = next((s for s in stamps if s.date("month-first") is None), None)
    month = next((s for s in stamps if s.date("day-first") is None), None)
    return (day, month) if day and month else None


def told_apart(stamps: Sequence[Stamp]) -> bool:
    """Whether the two orders read any date of the file differently."""
    return any(s.date("day-first") != s.date("month-first") for s in stamps)


_MONTHS: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July")
_MONTHS += ("August", "September", "October", "November", "December")


def spoken(day: dt.date) -> str:
    """A date in words no locale misreads (and no locale setting changes): 4 November 2026."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
