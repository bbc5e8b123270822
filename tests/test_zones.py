"""`timezone` is a real IANA zone and a session's `start` a real 24-hour time, or a clear error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.source import zones
from tests.conftest import edited, minimal, run
from tests.test_validation_errors import INI, errors, one_error

ZONE = ("current_stage: start\n", "current_stage: start\ntimezone: {}\n")
SESSION = ("    duration_minutes: 60\n", "    duration_minutes: 60\n    sessions:\n      - {}\n")


def _zone(name: str) -> tuple[str, str]:
    return ZONE[0], ZONE[1].format(name)


def _session(text: str) -> tuple[str, str]:
    return SESSION[0], SESSION[1].format(text)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "Europe/Londn",
            f"{INI}:6:11: timezone: unknown time zone 'Europe/Londn' (expected an IANA time zone "
            "name such as Europe/London or America/New_York; did you mean 'Europe/London'?)",
        ),
        (
            "europe/paris",
            f"{INI}:6:11: timezone: unknown time zone 'europe/paris' (expected an IANA time zone "
            "name such as Europe/London or America/New_York; did you mean 'Europe/Paris'?)",
        ),
        (
            "Mars/Olympus_Mons",
            f"{INI}:6:11: timezone: unknown time zone 'Mars/Olympus_Mons' (expected an IANA time "
            "zone name such as Europe/London or America/New_York)",
        ),
    ],
)
def test_unknown_zone(blank: Path, name: str, message: str) -> None:
    assert one_error(blank, _zone(name)) == message


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (
            '"25:00"',
            f"{INI}:40:35: training[0].sessions[0].start: not a time: '25:00' (expected a 24-hour "
            'time as "HH:MM" in quotes, e.g. "09:00")',
        ),
        (
            '"9:30"',
            f"{INI}:40:35: training[0].sessions[0].start: not a time: '9:30' (expected a 24-hour "
            'time as "HH:MM" in quotes, e.g. "09:00")',
        ),
        (
            "10:30",
            f"{INI}:40:35: training[0].sessions[0].start: found the number 630 (expected a "
            '24-hour time as "HH:MM" in quotes, e.g. "09:00": unquoted, YAML reads a time such '
            "as 10:30 as a number)",
        ),
    ],
)
def test_session_start_is_a_24_hour_time(blank: Path, start: str, message: str) -> None:
    assert one_error(blank, _session(f"{{date: 2026-03-10, start: {start}}}")) == message


def test_a_time_the_clocks_skip_is_refused(blank: Path) -> None:
    # 2026-03-29, 01:00 GMT: London's clocks jump to 02:00 BST; 01:30 never happens there.
    found = one_error(blank, _zone("Europe/London"), _session('{date: 2026-03-29, start: "01:30"}'))
    assert found == (
        f"{INI}:41:35: training[0].sessions[0].start: 01:30 does not exist on 2026-03-29 in "
        "Europe/London: the clocks go forward that day (expected a time outside the hour they "
        "skip)"
    )


def test_every_error_at_once(blank: Path) -> None:
    pairs = (_zone("Nowhere/City"), _session('{date: 2026-03-10, start: "24:00"}'))
    minimal(blank, edited(*pairs))
    assert [e.split(": ")[1] for e in errors(blank)] == [
        "timezone",
        "training[0].sessions[0].start",
    ]


def test_zone_and_time_default_and_valid(blank: Path) -> None:
    minimal(
        blank, edited(_zone("America/New_York"), _session('{date: 2026-03-08, start: "23:59"}'))
    )
    assert run(blank, "validate").exit_code == 0


def test_zones_come_from_the_tzdata_package() -> None:
    london = zones.zone("Europe/London")
    assert london.key == "Europe/London"
    summer = dt.datetime(2026, 7, 1, 9, tzinfo=london)
    assert summer.utcoffset() == dt.timedelta(hours=1)
    assert "Etc/UTC" in zones.names() and "Europe/Kyiv" in zones.names()
    with pytest.raises(KeyError):
        zones.zone("../../etc/passwd")
