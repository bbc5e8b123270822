"""Calendars: sessions written for this test (not the examples) land at the right instant.

Every file is read back by two independent parsers (icalendar, and ical); the expected UTC
instants are written out by hand, not computed with the zone library the generator uses.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from generator.content.audience import filter_project
from generator.content.plan import plan
from generator.content.settings import Settings
from generator.pipeline import Layout, load_project
from tests.conftest import TODAY, write

UTC = dt.timezone.utc
ON = dt.date.fromisoformat(TODAY)

PEOPLE = {
    "ann-lee": "name: Ann Lee\ntitle: Chief Executive\nfunction: Executive\n"
    "email: ann.lee@example.com\n",
    "bo-chen": "name: Bo Chen\ntitle: Chief Operating Officer\nfunction: Operations\n",
    "cy-diaz": "name: Cy Diaz\ntitle: Chief Financial Officer\nfunction: Finance\n"
    "email: cy.diaz@example.com\n",
}

TEAM = """
team:
  - {person: ann-lee, role: sponsor, purpose: Hold the mandate.}
  - {person: bo-chen, role: owner, purpose: Run the work.}
  - {person: cy-diaz, role: advisor, purpose: Advise.}
"""

NEW_YORK = (
    """
title: Ledger
mandate: Close faster.
sponsor: ann-lee
owner: Office
current_stage: one
timezone: America/New_York
stage_history:
  - {stage: one, entered: 2026-02-02}
stages:
  - {id: one, name: One, goal: Start.}
"""
    + TEAM
    + """
training:
  - id: kick-off
    stage: one
    title: Kick-off, with "quotes"; and a long title that the file has to fold somewhere
    format: workshop
    duration_minutes: 90
    sessions:
      - {date: 2026-03-07, start: "09:00", location: "Room 1, floor 2"}
      - {date: 2026-03-08, start: "09:00"}
      - {date: 2026-11-01, start: "01:30"}
      - {date: 2026-11-01, start: "16:45"}
      - {date: 2026-12-24}
  - id: small-group
    stage: one
    title: Small group
    format: briefing
    attendees: [bo-chen]
    duration_minutes: 45
    sessions:
      - {date: 2026-06-15, start: "23:30"}
  - id: secret
    stage: one
    title: Secret module
    format: briefing
    duration_minutes: 30
    visibility: core
    sessions:
      - {date: 2026-05-05, start: "10:00"}
"""
)

SYDNEY = (
    """
title: Harbour
mandate: Sail.
sponsor: ann-lee
owner: Office
current_stage: one
timezone: Australia/Sydney
stages:
  - {id: one, name: One, goal: Start.}
"""
    + TEAM
    + """
training:
  - id: board
    stage: one
    title: Board day
    format: offsite
    duration_minutes: 480
    sessions:
      - {date: 2026-04-05, start: "10:00"}
      - {date: 2026-10-04, start: "10:00"}
  - id: leaders-only
    stage: one
    title: Leaders only
    format: briefing
    duration_minutes: 60
    visibility: leadership
    sessions:
      - {date: 2026-07-01, start: "08:15"}
"""
)

DEFAULT_UTC = (
    """
title: Plain
mandate: Keep it simple.
sponsor: ann-lee
owner: Office
current_stage: one
stages:
  - {id: one, name: One, goal: Start.}
"""
    + TEAM
    + """
training:
  - id: chat
    stage: one
    title: Chat
    format: one-to-one
    duration_minutes: 25
    sessions:
      - {date: 2026-01-20, start: "14:05"}
"""
)

# (uid, UTC start or the day of an all-day event, duration), worked out by hand.
EXPECTED = {
    # New York: EST (-5) until 2026-03-08 02:00, EDT (-4) until 2026-11-01 02:00.
    "ledger.kick-off.2026-03-07@playbook": (dt.datetime(2026, 3, 7, 14, 0, tzinfo=UTC), 90),
    "ledger.kick-off.2026-03-08@playbook": (dt.datetime(2026, 3, 8, 13, 0, tzinfo=UTC), 90),
    # 01:30 happens twice on 2026-11-01: the first, still on daylight time.
    "ledger.kick-off.2026-11-01@playbook": (dt.datetime(2026, 11, 1, 5, 30, tzinfo=UTC), 90),
    "ledger.kick-off.2026-11-01.2@playbook": (dt.datetime(2026, 11, 1, 21, 45, tzinfo=UTC), 90),
    "ledger.kick-off.2026-12-24@playbook": (dt.date(2026, 12, 24), 24 * 60),
    "ledger.small-group.2026-06-15@playbook": (dt.datetime(2026, 6, 16, 3, 30, tzinfo=UTC), 45),
    # Sydney: AEDT (+11) until 2026-04-05 03:00, AEST (+10) until 2026-10-04 02:00.
    "harbour.board.2026-04-05@playbook": (dt.datetime(2026, 4, 5, 0, 0, tzinfo=UTC), 480),
    "harbour.board.2026-10-04@playbook": (dt.datetime(2026, 10, 3, 23, 0, tzinfo=UTC), 480),
    "harbour.leaders-only.2026-07-01@playbook": (dt.datetime(2026, 6, 30, 22, 15, tzinfo=UTC), 60),
    "plain.chat.2026-01-20@playbook": (dt.datetime(2026, 1, 20, 14, 5, tzinfo=UTC), 25),
}
EVERYONE_HIDES = {"harbour.leaders-only.2026-07-01@playbook"}
CORE_ONLY = "ledger.secret.2026-05-05@playbook"


def repository(root: Path, initiatives: dict[str, str] | None = None) -> Path:
    for pid, text in PEOPLE.items():
        write(root, f"playbooks/people/{pid}.yml", text)
    chosen = initiatives or {"ledger": NEW_YORK, "harbour": SYDNEY, "plain": DEFAULT_UTC}
    for iid, text in chosen.items():
        write(root, f"playbooks/{iid}/initiative.yml", text)
    return root


def calendars(
    root: Path, audience: Any = "leadership", site_url: str | None = None
) -> dict[str, bytes]:
    project, _ = load_project(Layout(root), ON)
    settings = Settings(today=ON, audience=audience, site_url=site_url)
    pages = plan(filter_project(project, settings.audience), settings).pages
    return {p: page.raw for p, page in pages.items() if p.endswith(".ics") and page.raw}


def by_icalendar(data: bytes) -> dict[str, tuple[dt.datetime | dt.date, int]]:
    """uid -> (UTC start or day, minutes), with times read through the file's own VTIMEZONE."""
    cal = icalendar.Calendar.from_ical(data)
    own = {str(tz["TZID"]): tz.to_tz() for tz in cal.walk("VTIMEZONE")}
    out = {}
    for ev in cal.walk("VEVENT"):
        start = ev.decoded("DTSTART")
        if isinstance(start, dt.datetime):
            tzid = ev["DTSTART"].params.get("TZID")
            if tzid:  # not the parser's zone database: the VTIMEZONE we wrote
                start = start.replace(tzinfo=own[str(tzid)])
            start = start.astimezone(UTC)
        minutes = int(ev.decoded("DURATION").total_seconds() // 60)
        out[str(ev["UID"])] = (start, minutes)
    return out


def by_ical(data: bytes) -> dict[str, tuple[dt.datetime | dt.date, int]]:
    cal = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    out = {}
    for ev in cal.events:
        start = ev.dtstart
        if isinstance(start, dt.datetime):
            start = start.astimezone(UTC)
        out[ev.uid or ""] = (start, int(ev.computed_duration.total_seconds() // 60))
    return out


Parser = Callable[[bytes], dict[str, tuple[dt.datetime | dt.date, int]]]


@pytest.fixture
def repo(blank: Path) -> Path:
    return repository(blank)


@pytest.mark.parametrize("parse", [by_icalendar, by_ical], ids=["icalendar", "ical"])
def test_each_session_lands_at_its_instant_in_every_calendar(repo: Path, parse: Parser) -> None:
    files = calendars(repo)
    expected = EXPECTED
    feeds = {
        "ledger": "calendars/ledger.ics",
        "harbour": "calendars/harbour.ics",
        "plain": "calendars/plain.ics",
    }
    seen: dict[str, tuple[dt.datetime | dt.date, int]] = {}
    for path in feeds.values():
        seen |= parse(files[path])
    assert seen == expected
    # Each session file holds that module's sessions of that day, and only those.
    two = parse(files["calendars/ledger/kick-off-2026-11-01.ics"])
    assert two == {k: v for k, v in expected.items() if ".kick-off.2026-11-01" in k}
    assert parse(files["calendars/harbour/board-2026-10-04.ics"]) == {
        "harbour.board.2026-10-04@playbook": expected["harbour.board.2026-10-04@playbook"]
    }
    # A person's feed: what they attend, across initiatives.
    assert parse(files["calendars/people/bo-chen.ics"]) == expected
    assert parse(files["calendars/people/ann-lee.ics"]) == {
        k: v for k, v in expected.items() if "small-group" not in k
    }


def test_session_files_cover_every_session_once(repo: Path) -> None:
    files = calendars(repo)
    sessions = sorted(
        p for p in files if p.count("/") == 2 and not p.startswith("calendars/people")
    )
    assert sessions == [
        "calendars/harbour/board-2026-04-05.ics",
        "calendars/harbour/board-2026-10-04.ics",
        "calendars/harbour/leaders-only-2026-07-01.ics",
        "calendars/ledger/kick-off-2026-03-07.ics",
        "calendars/ledger/kick-off-2026-03-08.ics",
        "calendars/ledger/kick-off-2026-11-01.ics",
        "calendars/ledger/kick-off-2026-12-24.ics",
        "calendars/ledger/small-group-2026-06-15.ics",
        "calendars/plain/chat-2026-01-20.ics",
    ]


def test_an_event_says_what_and_where(repo: Path) -> None:
    cal = icalendar.Calendar.from_ical(calendars(repo)["calendars/ledger/kick-off-2026-03-07.ics"])
    (ev,) = cal.walk("VEVENT")
    assert str(ev["SUMMARY"]) == (
        'Kick-off, with "quotes"; and a long title that the file has to fold somewhere'
    )
    assert str(ev["LOCATION"]) == "Room 1, floor 2"
    assert ev["DTSTART"].to_ical() == b"20260307T090000"
    assert ev["DTSTART"].params["TZID"] == "America/New_York"
    assert str(ev["DESCRIPTION"]) == (
        "Ledger · stage One\nWorkshop, 1 h 30 min.\n"
        "Attendees: Ann Lee, Bo Chen, Cy Diaz.\n"
        "Details: ../../ledger/training/kick-off/"
    )
    assert [str(a) for a in ev.get("ATTENDEE")] == [
        "mailto:ann.lee@example.com",
        "mailto:cy.diaz@example.com",
    ]
    assert [a.params["CN"] for a in ev.get("ATTENDEE")] == ["Ann Lee", "Cy Diaz"]
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]


def test_an_event_without_a_start_is_all_day(repo: Path) -> None:
    data = calendars(repo)["calendars/ledger/kick-off-2026-12-24.ics"]
    assert b"DTSTART;VALUE=DATE:20261224\r\n" in data
    assert b"DURATION:P1D\r\n" in data
    (ev,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert "Start time to be confirmed." in str(ev["DESCRIPTION"])
    assert str(ev["TRANSP"]) == "TRANSPARENT"  # the day is not blocked for a time unknown
    assert b"VTIMEZONE" not in data


def test_utc_needs_no_vtimezone(repo: Path) -> None:
    data = calendars(repo)["calendars/plain.ics"]
    assert b"DTSTART:20260120T140500Z\r\n" in data
    assert b"VTIMEZONE" not in data


def test_links_are_relative_unless_site_url_is_set(repo: Path) -> None:
    relative = calendars(repo)
    absolute = calendars(repo, site_url="https://playbook.example/change/")
    feed = "calendars/harbour.ics"
    assert "Details: ../harbour/training/board/" in _descriptions(relative[feed])
    assert "URL" not in icalendar.Calendar.from_ical(relative[feed]).walk("VEVENT")[0]
    text = _descriptions(absolute[feed])
    assert "Details: https://playbook.example/change/harbour/training/board/" in text
    events = icalendar.Calendar.from_ical(absolute["calendars/people/ann-lee.ics"]).walk("VEVENT")
    ev = next(e for e in events if str(e["UID"]).startswith("ledger.kick-off."))
    assert str(ev["URL"]) == "https://playbook.example/change/ledger/training/kick-off/"


def _descriptions(data: bytes) -> str:
    return "\n".join(
        str(e["DESCRIPTION"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
    )


def test_uids_stay_when_a_session_moves_in_time_or_place(blank: Path) -> None:
    before = by_icalendar(calendars(repository(blank))["calendars/ledger.ics"])
    moved = NEW_YORK.replace(
        '{date: 2026-03-07, start: "09:00", location: "Room 1, floor 2"}',
        '{date: 2026-03-07, start: "11:00", location: "Room 9"}',
    ).replace(
        "  - id: kick-off\n",
        "  - id: new-one\n    stage: one\n    title: New\n"
        "    format: workshop\n    duration_minutes: 10\n"
        "    sessions: [{date: 2026-03-07}]\n  - id: kick-off\n",
    )
    write(blank, "playbooks/ledger/initiative.yml", moved)
    after = by_icalendar(calendars(blank)["calendars/ledger.ics"])
    assert set(before) <= set(after)
    assert after["ledger.kick-off.2026-03-07@playbook"][0] == dt.datetime(
        2026, 3, 7, 16, 0, tzinfo=UTC
    )


def test_same_input_same_bytes_whatever_the_day_or_zone(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = calendars(repo)
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    project, _ = load_project(Layout(repo), ON)
    later = Settings(today=dt.date(2031, 5, 17))
    again = {
        p: page.raw
        for p, page in plan(filter_project(project, "leadership"), later).pages.items()
        if p.endswith(".ics")
    }
    assert again == first
    assert b"DTSTAMP:20260202T000000Z" in first["calendars/ledger.ics"]


def test_no_names_below_leadership_and_hidden_modules_absent(repo: Path) -> None:
    everyone = calendars(repo, "everyone")
    assert not [p for p in everyone if p.startswith("calendars/people/")]
    # Unfolded: a word split by line folding would slip past a plain byte search.
    every_byte = b"".join(everyone.values()).replace(b"\r\n ", b"")
    for word in (b"Ann Lee", b"Bo Chen", b"Cy Diaz", b"ATTENDEE", b"example.com", b"Attendees"):
        assert word not in every_byte
    uids = set()
    for data in everyone.values():
        uids |= set(by_ical(data))
    assert uids == set(EXPECTED) - EVERYONE_HIDES
    leadership = calendars(repo)
    unfolded = b"".join(leadership.values()).replace(b"\r\n ", b"")
    assert CORE_ONLY.encode() not in unfolded
    assert b"Secret module" not in unfolded
    core = calendars(repo, "core")
    assert CORE_ONLY in by_icalendar(core["calendars/people/cy-diaz.ics"])


def test_a_persons_feed_names_them_not_the_whole_team_again(repo: Path) -> None:
    """A whole-team session in a member's own feed lists them only: feeds grow linearly."""
    events = icalendar.Calendar.from_ical(calendars(repo)["calendars/people/ann-lee.ics"])
    ev = next(e for e in events.walk("VEVENT") if str(e["UID"]).startswith("ledger.kick-off."))
    assert str(ev["ATTENDEE"]) == "mailto:ann.lee@example.com"  # one, not a list
    assert "Attendees: the whole leadership team (3)." in str(ev["DESCRIPTION"])
    listed = icalendar.Calendar.from_ical(calendars(repo)["calendars/people/bo-chen.ics"])
    small = next(e for e in listed.walk("VEVENT") if "small-group" in str(e["UID"]))
    assert "Attendees: Bo Chen." in str(small["DESCRIPTION"])


HOSTILE = 'A; B, C\\ "D" <script>alert(1)</script> {{ 7*7 }}\nsecond line ' + "é" * 80


def test_user_text_comes_back_as_written(blank: Path) -> None:
    """Escaping, folding and line breaks are the library's: both parsers read the text back."""
    text = NEW_YORK.replace(
        'title: Kick-off, with "quotes"; and a long title that the file has to fold somewhere',
        f"title: {json.dumps(HOSTILE)}",
    ).replace('location: "Room 1, floor 2"', f"location: {json.dumps(HOSTILE)}")
    repository(blank, {"ledger": text})
    write(
        blank,
        "playbooks/people/ann-lee.yml",
        'name: "Ann\\nLee; Jr, \\"A\\""\ntitle: T\nfunction: F\nemail: ann.lee@example.com\n',
    )
    data = calendars(blank)["calendars/ledger/kick-off-2026-03-07.ics"]
    (ev,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(ev["SUMMARY"]) == HOSTILE
    assert str(ev["LOCATION"]) == HOSTILE
    assert ev.get("ATTENDEE")[0].params["CN"] == 'Ann Lee; Jr, "A"'
    (other,) = IcsCalendarStream.calendar_from_ics(data.decode()).events
    assert (other.summary, other.location) == (HOSTILE, HOSTILE)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded, in octets
