"""Time zones and session times: what `timezone` and a session's `start` may say.

Zones are read from the `tzdata` package, never from the machine's own zone database: every
machine then knows the same zones with the same rules, so the same playbook gives the same
calendar bytes (VTIMEZONE included) wherever it is built.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import re
import zoneinfo

from generator.source.explain import explain, found

__all__ = [
    "DEFAULT_ZONE",
    "TIME_PATTERN",
    "check_time",
    "check_zone",
    "exists",
    "instant",
    "local_time",
    "names",
    "zone",
]

DEFAULT_ZONE = "UTC"
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
_TIME = re.compile(TIME_PATTERN)
_TIME_RULE = 'a 24-hour time as "HH:MM" in quotes, e.g. "09:00"'


@functools.cache
def names() -> frozenset[str]:
    """Every zone name the tzdata package knows (canonical names and their aliases)."""
    listing = importlib.resources.files("tzdata").joinpath("zones").read_text("utf-8")
    return frozenset(listing.split())


@functools.cache
def zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone `name` (already validated), with the tzdata package's rules."""
    if name not in names():
        raise KeyError(name)
    data = importlib.resources.files("tzdata.zoneinfo").joinpath(*name.split("/"))
    with data.open("rb") as fh:
        return zoneinfo.ZoneInfo.from_file(fh, key=name)


def check_zone(value: str) -> str:
    """Validator of `timezone`: a real IANA zone name, or a message saying which is meant."""
    if value in names():
        return value
    raise ValueError(
        explain(
            f"unknown time zone {found(value, bare=True)}",
            "expected an IANA time zone name such as Europe/London or America/New_York",
            value,
            names(),
        )
    )


def check_time(value: object) -> object:
    """Validator of a session's `start`, before typing: a 24-hour "HH:MM" text."""
    if isinstance(value, str):
        if _TIME.match(value):
            return value
        raise ValueError(
            explain(f"not a time: {found(value, bare=True)}", f"expected {_TIME_RULE}")
        )
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 10:30 as sexagesimal, the number 630.
        raise ValueError(
            explain(
                f"found {found(value)}",
                f"expected {_TIME_RULE}: unquoted, YAML reads a time such as 10:30 as a number",
            )
        )
    return value  # anything else is refused by the type check, in the usual words


def local_time(value: str) -> dt.time:
    """A validated "HH:MM"."""
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


def instant(day: dt.date, start: str, name: str) -> dt.datetime:
    """The aware start of a session; an hour repeated when clocks go back is its first run."""
    return dt.datetime.combine(day, local_time(start), tzinfo=zone(name))


def exists(day: dt.date, start: str, name: str) -> bool:
    """False for a time the clocks skip when they go forward (02:30 on a spring-forward day)."""
    at = instant(day, start, name)
    back = at.astimezone(dt.timezone.utc).astimezone(at.tzinfo)
    return back.replace(tzinfo=None) == at.replace(tzinfo=None)
