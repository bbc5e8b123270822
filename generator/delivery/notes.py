"""What each team member's transition note says: pure data from the leadership-level model.

The model handed in is already filtered for `leadership` (content/audience.py): a note
never says anything the leadership site would not show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.headerregistry import Address

from generator.content import calendars, mail, paths
from generator.content.calendars import Occurrence
from generator.content.settings import Settings
from generator.content.views import InitiativeView, Involvement
from generator.content.what_changed import MemberChange, StageChange, what_changed
from generator.source.model import Module, Person, Stage, StageDuty


@dataclass(frozen=True)
class Note:
    """One member's note about the stage the initiative is now in."""

    pid: str
    person: Person
    to: Address
    view: InitiativeView
    stage: Stage
    on: dt.date  # the day the stage was entered
    change: StageChange | None  # the transition into `stage`, when one was recorded
    mine: MemberChange | None
    duties: StageDuty | None
    activities: tuple[Involvement, ...]  # theirs, in the current stage
    training: tuple[Module, ...]  # theirs, in the current stage
    sessions: tuple[Occurrence, ...]  # theirs in this initiative, from `on`
    charter: str  # link to their role charter
    feed: str  # link to their calendar feed
    calendar: bytes | None  # their calendar (the same as the feed), when they have sessions


@dataclass(frozen=True)
class Skipped:
    pid: str
    name: str
    reason: str


def link(path: str, settings: Settings) -> str:
    """A page or file of the site: a full address under `site_url`, else its path on the site
    (a mail is read outside the site, where no relative link can work)."""
    return settings.absolute(path) or paths.page_url(path, settings.directory_urls)


def recorded_start(view: InitiativeView) -> dt.date | None:
    """When the current stage began, as the playbook records it: its transition, else its
    start date, else None."""
    for h in reversed(view.ini.stage_history):
        if h.stage == view.ini.current_stage:
            return h.entered
    current = view.current
    return current.starts if current and current.starts else None


def entered_on(view: InitiativeView, today: dt.date) -> dt.date:
    """When the current stage began: its transition, else its start date, else today."""
    return recorded_start(view) or today


def notes(
    view: InitiativeView, views: list[InitiativeView], settings: Settings
) -> tuple[list[Note], list[Skipped]]:
    """A note for every team member with a usable email; the others, and why not."""
    stage = view.current
    if stage is None:
        return [], []
    on = entered_on(view, settings.today)
    change = what_changed(view)
    if change is not None and change.entered.id != stage.id:
        change = None
    found = calendars.occurrences(view)
    feeds = calendars.attending(views)
    out, skipped = [], []
    for m in view.ini.team:
        pid = m.person
        person = view.person(pid)
        to = mail.address(person) if person else None
        why = mail.unusable(person.email) if person and person.email else "no email address"
        if to is not None:
            to, why = mail.for_the_wire(to)
        if person is None or to is None:
            skipped.append(Skipped(pid, view.name(pid), why))
            continue
        feed_path = paths.person_calendar(pid)
        title = calendars.person_title(person.name, settings.words)
        mine = feeds.get(pid, [])
        out.append(
            Note(
                pid=pid,
                person=person,
                to=to,
                view=view,
                stage=stage,
                on=on,
                change=change,
                mine=change.member(pid) if change else None,
                duties=m.stages.get(stage.id),
                activities=tuple(i for i in view.involvements(pid) if i.activity.stage == stage.id),
                training=tuple(t for t in view.training_for(pid) if t.stage == stage.id),
                sessions=tuple(
                    o for o in found if o.session.date >= on and pid in view.attendees(o.module)
                ),
                charter=link(view.paths.charter(pid), settings),
                feed=link(feed_path, settings),
                calendar=(
                    calendars.calendar(title, mine, settings, feed_path, owner=pid)
                    if mine
                    else None
                ),
            )
        )
    return out, skipped
