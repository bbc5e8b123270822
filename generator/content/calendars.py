"""Training sessions as iCalendar files (RFC 5545), built with the icalendar library.

Folding, escaping and VTIMEZONE are where hand-written calendars break in Outlook and Google
Calendar, so none of it is done by hand here. Pure: the files are bytes of the plan, written
like every page, and the same model gives the same bytes (nothing reads the clock).

The model is already filtered for the audience: a hidden module has no sessions here, and
below leadership the team is empty, so no event names an attendee.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import icalendar

from generator.content import mail, paths
from generator.content.i18n import Wording
from generator.content.settings import Settings
from generator.content.views import InitiativeView
from generator.source import zones
from generator.source.model import Module, Session

if TYPE_CHECKING:
    from generator.content.plan import Book

__all__ = [
    "Occurrence",
    "PRODID",
    "REFRESH",
    "add_calendars",
    "attending",
    "calendar",
    "event",
    "module_link",
    "occurrences",
    "person_title",
]

PRODID = "-//Playbook generator//Change playbooks//EN"
# Calendar apps poll a subscribed feed; once a day follows a playbook closely enough.
REFRESH = dt.timedelta(days=1)


@dataclass(frozen=True)
class Occurrence:
    """One scheduled session of a module, as every calendar that holds it shows it."""

    view: InitiativeView
    module: Module
    session: Session
    # A module run twice on one day: each run keeps its own UID as long as their order stays.
    number: int = 1

    @property
    def uid(self) -> str:
        """Same session (initiative, module, date, run of the day), same UID, every build."""
        run = f".{self.number}" if self.number > 1 else ""
        return f"{self.view.id}.{self.module.id}.{self.session.date.isoformat()}{run}@playbook"

    @property
    def file(self) -> str:
        return self.view.paths.session_calendar(self.module.id, self.session.date)

    @property
    def start(self) -> dt.datetime | dt.date:
        """Local start in the initiative's zone, or the day alone when no time is set."""
        s = self.session
        return zones.instant(s.date, s.start, self.view.ini.timezone) if s.start else s.date

    @property
    def order(self) -> tuple[str, str, str, int]:
        at = self.start
        utc = at.astimezone(dt.timezone.utc).isoformat() if isinstance(at, dt.datetime) else ""
        return (self.session.date.isoformat(), utc, self.uid, self.number)


def occurrences(view: InitiativeView) -> list[Occurrence]:
    """Every session of the initiative's (visible) modules, in time order."""
    out = []
    for module in view.ini.training:
        seen: dict[dt.date, int] = {}
        for session in module.sessions:
            seen[session.date] = seen.get(session.date, 0) + 1
            out.append(Occurrence(view, module, session, seen[session.date]))
    return sorted(out, key=lambda o: o.order)


def _stamp(view: InitiativeView) -> dt.datetime:
    """DTSTAMP: when the playbook last moved (its latest transition), never the clock."""
    day = max((h.entered for h in view.ini.stage_history), default=dt.date(2000, 1, 1))
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.timezone.utc)


def module_link(occ: Occurrence, settings: Settings, here: str) -> str:
    """The module page: absolute under `site_url`, else relative to the file `here`."""
    path = occ.view.paths.module(occ.module.id)
    return settings.absolute(path) or paths.link_from(path, here, settings.directory_urls)


def _description(
    occ: Occurrence, names: list[str], link: str, whole_team: bool, words: Wording
) -> str:
    m, stage = occ.module, occ.view.stage(occ.module.stage)
    what = [words.label("format", m.format), words.minutes(m.duration_minutes)]
    if m.prep_minutes:
        what.append(words.gettext("preparation %(time)s") % {"time": words.minutes(m.prep_minutes)})
    title = occ.view.ini.title
    lines = [
        words.gettext("%(initiative)s · stage %(stage)s")
        % {"initiative": title, "stage": stage.name}
        if stage
        else title,
        ", ".join(what) + ".",
    ]
    if not occ.session.start:
        lines.append(words.gettext("Start time to be confirmed."))
    if whole_team:
        lines.append(
            words.gettext("Attendees: the whole leadership team (%(count)d).")
            % {"count": len(names)}
        )
    elif names:
        lines.append(words.gettext("Attendees: %(names)s.") % {"names": ", ".join(names)})
    lines.append(words.gettext("Details: %(link)s") % {"link": link})
    return "\n".join(lines)


def event(
    occ: Occurrence, settings: Settings, here: str, owner: str | None = None
) -> icalendar.Event:
    """The VEVENT of one session, for the calendar file at `here`. In `owner`'s own feed a
    whole-team session names only them: listing the whole team in every member's feed
    would grow the feeds with the square of the team."""
    view, m, s = occ.view, occ.module, occ.session
    ev = icalendar.Event()
    ev.add("uid", occ.uid)
    ev.add("dtstamp", _stamp(view))
    ev.add("summary", m.title)
    ev.add("dtstart", occ.start)
    # An all-day event's duration must be whole days (RFC 5545 3.6.1): the length is told
    # in the description instead.
    ev.add(
        "duration", dt.timedelta(minutes=m.duration_minutes) if s.start else dt.timedelta(days=1)
    )
    if s.location:
        ev.add("location", s.location)
    link = module_link(occ, settings, here)
    attendees = view.attendees(m)
    whole_team = owner is not None and m.attendees == "all" and bool(attendees)
    names = [view.name(p) for p in attendees] if not whole_team else attendees
    ev.add("description", _description(occ, names, link, whole_team, settings.words))
    if whole_team:
        attendees = [p for p in attendees if p == owner]
    if settings.site_url:
        ev.add("url", link)
    for pid in attendees:
        person = view.person(pid)
        found = mail.address(person) if person else None
        if found:
            address = icalendar.vCalAddress(f"mailto:{found.addr_spec}")
            address.params["CN"] = found.display_name
            address.params["ROLE"] = "REQ-PARTICIPANT"
            ev.add("attendee", address)
    # A day whose start time is still unknown is shown, not blocked.
    ev.add("transp", "OPAQUE" if s.start else "TRANSPARENT")
    return ev


@functools.cache
def _vtimezone(name: str, first_year: int, last_year: int) -> icalendar.Timezone:
    # Computing a zone's transitions is slow, and the same few zones recur in every file.
    return _one_change_each(
        icalendar.Timezone.from_tzinfo(
            zones.zone(name),
            first_date=dt.date(first_year, 1, 1),
            last_date=dt.date(last_year + 1, 1, 1),
        )
    )


def _one_change_each(zone: icalendar.Timezone) -> icalendar.Timezone:
    """Each change of offset as its own STANDARD or DAYLIGHT with its own DTSTART.

    icalendar gives every change after a part's first as an RDATE of that part; ical.js (the
    parser of Thunderbird and Nextcloud) then misses those changes and puts events an hour
    off. A DTSTART per change reads the same in every parser."""
    out = icalendar.Timezone()
    out.add("tzid", zone["TZID"])
    if "COMMENT" in zone:
        out["COMMENT"] = zone["COMMENT"]
    changes: list[tuple[dt.datetime, icalendar.cal.Component]] = []
    for part in zone.subcomponents:
        rdates = part.get("RDATE", [])
        rdates = rdates if isinstance(rdates, list) else [rdates]
        starts = [part.decoded("DTSTART")] + [d.dt for r in rdates for d in r.dts]
        for start in starts:
            change = type(part)()
            change.add("dtstart", start)
            for key in ("TZOFFSETFROM", "TZOFFSETTO", "TZNAME"):
                if key in part:
                    change[key] = part[key]
            changes.append((start, change))
    for _, each in sorted(changes, key=lambda c: c[0]):
        out.add_component(each)
    return out


def calendar(
    name: str,
    events: Iterable[Occurrence],
    settings: Settings,
    here: str,
    owner: str | None = None,
) -> bytes:
    """A whole calendar file: its events, and the VTIMEZONE of every zone they name."""
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # icalendar does not escape line breaks in NAME: a calendar's name is one line anyway.
    cal.add("name", mail.one_line(name))
    cal.add("x-wr-calname", mail.one_line(name))
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
    built = [(occ, event(occ, settings, here, owner)) for occ in events]
    years: dict[str, list[int]] = {}
    for occ, ev in built:
        tzid = ev["DTSTART"].params.get("TZID")
        if tzid:
            years.setdefault(str(tzid), []).append(occ.session.date.year)
    # Zones first: some clients read a file in one pass and need a zone before its events.
    for tzid, seen in sorted(years.items()):
        cal.add_component(_vtimezone(tzid, min(seen), max(seen)))
    for _, ev in built:
        cal.add_component(ev)
    return bytes(cal.to_ical())


def person_title(name: str, words: Wording) -> str:
    return words.gettext("Training sessions: %(name)s") % {"name": name}


def attending(views: list[InitiativeView]) -> dict[str, list[Occurrence]]:
    """Team member -> the sessions they attend, across initiatives, in time order. Every
    member has an entry, even before any session is set."""
    out: dict[str, list[Occurrence]] = {}
    for view in views:
        found = occurrences(view)
        for pid in view.team_ids:
            out.setdefault(pid, []).extend(o for o in found if pid in view.attendees(o.module))
    return {pid: sorted(occs, key=lambda o: o.order) for pid, occs in sorted(out.items())}


def add_calendars(book: Book, views: list[InitiativeView], settings: Settings) -> None:
    """The calendar files of the plan: per initiative, per session and, for an audience that
    sees the team, per team member. A person's feed exists even before any session is set:
    subscribe once, and sessions appear as they are scheduled."""
    names: dict[str, str] = {}
    for view in views:
        found = occurrences(view)
        where = view.paths.calendar
        title = settings.words.gettext("%(initiative)s: training sessions") % {
            "initiative": view.ini.title
        }
        book.carry(where, title, calendar(title, found, settings, where))
        by_file: dict[str, list[Occurrence]] = {}
        for occ in found:
            by_file.setdefault(occ.file, []).append(occ)
        for file, runs in by_file.items():
            title = runs[0].module.title
            book.carry(file, title, calendar(title, runs, settings, file))
        for pid in view.team_ids:
            names.setdefault(pid, view.name(pid))
    for pid, mine in attending(views).items():
        where, title = paths.person_calendar(pid), person_title(names[pid], settings.words)
        book.carry(where, title, calendar(title, mine, settings, where, owner=pid))
