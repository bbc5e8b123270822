"""What the weekly digest of one initiative says: pure data from the model as one audience
sees it, on one date.

The sponsor's digest is computed from the leadership model and the office's from the core
one (content/audience.py filtered them), so a digest holds what its reader's site shows and
nothing more: below core there is no assessment, resistance entry or pulse answer to find.
Every figure comes from the playbook's rules (rules.py), the gate-check registry (checks.py),
signatures.py and the scorecard, never restated here. Nothing reads the clock: the digest's
date `on` and `since` decide everything, so the same playbooks give the same digest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from generator.content import calendars, paths
from generator.content.calendars import Occurrence
from generator.content.scorecard import AlignmentUse, Scorecard
from generator.content.settings import Settings
from generator.content.views import InitiativeView
from generator.content.what_changed import what_changed
from generator.source import rules, signatures
from generator.source.checks import names_who_answered
from generator.source.model import GateCheck, Outcome, Stage, Support, Visibility

__all__ = [
    "HORIZON",
    "Answered",
    "AtRisk",
    "Digest",
    "FailingCheck",
    "Link",
    "Move",
    "OpenCriterion",
    "PulseDue",
    "Recorded",
    "ResistanceDue",
    "RoleUnclear",
    "Signed",
    "TimeToAlign",
    "Unrecorded",
    "Unsigned",
    "Upcoming",
    "digest",
]

# How far ahead a digest looks for sessions, in days from its date (that day included: a
# Monday's digest covers this week and the next); the alignment plan "runs out" when fewer
# weeks than this are left in it.
HORIZON = 14
Page = Literal["overview", "stage", "module", "charter", "scorecard", "engagement", "what-changed"]


@dataclass(frozen=True)
class Link:
    """The page where an item is read or fixed: its kind, its address, and its subject in
    the YAML's own words (a stage, a module, a person), '' for the initiative's own pages."""

    page: Page
    url: str
    subject: str = ""


# --- what needs action --------------------------------------------------------------------


@dataclass(frozen=True)
class OpenCriterion:
    text: str
    link: Link


@dataclass(frozen=True)
class FailingCheck:
    check: GateCheck
    names: tuple[str, ...]  # who fails it, when the audience may know (checks.CHECKS)
    withheld: bool  # too few answered the pulse to say
    link: Link


@dataclass(frozen=True)
class Upcoming:
    occurrence: Occurrence
    whole_team: bool
    invited: tuple[str, ...]  # names, when the module names its attendees
    not_invited: tuple[str, ...]  # members the module's list leaves out
    link: Link


@dataclass(frozen=True)
class Unrecorded:
    occurrence: Occurrence
    link: Link


@dataclass(frozen=True)
class Unsigned:
    name: str
    earlier: dt.date | None  # signed an earlier version of the charter on this date
    link: Link


@dataclass(frozen=True)
class PulseDue:
    stage: Stage
    answered: int
    asked: int
    missing: tuple[str, ...]  # who has not answered: only where the audience may know
    link: Link


@dataclass(frozen=True)
class TimeToAlign:
    use: AlignmentUse
    left: float | None  # weeks left in the plan (negative: over it)
    running_out: bool  # the plan is used up within the digest's horizon, or already is
    link: Link


@dataclass(frozen=True)
class ReviewOverdue:
    review_by: dt.date
    link: Link


@dataclass(frozen=True)
class ResistanceDue:
    name: str
    owner: str
    observed: str
    review_on: dt.date
    outcome: Outcome
    link: Link


@dataclass(frozen=True)
class AtRisk:
    name: str
    supports: tuple[Support, ...]  # the two latest assessments, oldest first
    link: Link


@dataclass(frozen=True)
class RoleUnclear:
    name: str
    link: Link


# --- what happened ------------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    entered: Stage
    left: Stage | None
    on: dt.date
    forward: bool
    link: Link


@dataclass(frozen=True)
class Signed:
    name: str
    on: dt.date
    link: Link


@dataclass(frozen=True)
class Recorded:
    occurrence: Occurrence
    came: int
    invited: int
    missed: tuple[str, ...]
    link: Link


@dataclass(frozen=True)
class Answered:
    name: str
    stage: Stage
    on: dt.date
    link: Link


@dataclass(frozen=True)
class Digest:
    """One initiative's digest for one audience, on `on`, looking back to `since`."""

    view: InitiativeView
    audience: Visibility
    on: dt.date
    since: dt.date  # what happened after this day, up to `on`
    until: dt.date  # the last day whose sessions are coming up
    stage: Stage
    entered: dt.date | None  # when the current stage began, as the playbook records it
    gate: tuple[int, int]  # exit criteria done, in all
    home: Link
    criteria: tuple[OpenCriterion, ...]
    checks: tuple[FailingCheck, ...]
    upcoming: tuple[Upcoming, ...]
    unrecorded: tuple[Unrecorded, ...]
    unsigned: tuple[Unsigned, ...]
    pulse: PulseDue | None
    alignment: TimeToAlign | None
    review: ReviewOverdue | None
    resistance: tuple[ResistanceDue, ...]
    at_risk: tuple[AtRisk, ...]
    unclear: tuple[RoleUnclear, ...]
    moves: tuple[Move, ...]
    signed: tuple[Signed, ...]
    recorded: tuple[Recorded, ...]
    answered: tuple[Answered, ...]

    @property
    def count(self) -> int:
        """How many things need the reader: each item of each list, one thing each."""
        lists = (
            self.criteria,
            self.checks,
            self.upcoming,
            self.unrecorded,
            self.unsigned,
            self.resistance,
            self.at_risk,
            self.unclear,
        )
        running_out = bool(self.alignment and self.alignment.running_out)
        return (
            sum(len(items) for items in lists) + bool(self.pulse) + running_out + bool(self.review)
        )

    @property
    def horizon(self) -> int:
        """How many days of sessions the digest lists (its date and the days after)."""
        return (self.until - self.on).days + 1

    @property
    def core(self) -> bool:
        """The office's edition: it holds core content, and says so."""
        return rules.sees(self.audience, "core")

    @property
    def happened(self) -> bool:
        return bool(self.moves or self.signed or self.recorded or self.answered)


class _Links:
    def __init__(self, view: InitiativeView, settings: Settings) -> None:
        self.view, self.settings = view, settings

    def _url(self, path: str) -> str:
        # A mail is read outside the site, where only a full address works; without site_url
        # the path on the site is the best there is (the command says so).
        s = self.settings
        return s.absolute(path) or paths.page_url(path, s.directory_urls)

    def overview(self) -> Link:
        return Link("overview", self._url(self.view.paths.overview))

    def stage(self, stage: Stage) -> Link:
        return Link("stage", self._url(self.view.paths.stage(stage.id)), stage.name)

    def module(self, occ: Occurrence) -> Link:
        return Link("module", self._url(self.view.paths.module(occ.module.id)), occ.module.title)

    def charter(self, pid: str) -> Link:
        return Link("charter", self._url(self.view.paths.charter(pid)), self.view.name(pid))

    def scorecard(self) -> Link:
        return Link("scorecard", self._url(self.view.paths.scorecard))

    def engagement(self) -> Link:
        return Link("engagement", self._url(self.view.paths.engagement))

    def what_changed(self) -> Link:
        return Link("what-changed", self._url(self.view.paths.what_changed))


def _checks(view: InitiativeView, card: Scorecard, link: Link) -> tuple[FailingCheck, ...]:
    score = card.current
    found = score.checks if score else ()
    return tuple(
        FailingCheck(c.check, tuple(view.name(p) for p in c.failing), c.withheld, link)
        for c in found
        if not c.passed
    )


def _upcoming(
    view: InitiativeView, found: list[Occurrence], on: dt.date, until: dt.date, links: _Links
) -> tuple[Upcoming, ...]:
    out = []
    for occ in found:
        if not on <= occ.session.date <= until:
            continue
        whole = rules.for_whole_team(occ.module, view.team_ids)
        invited = [] if whole else view.attendees(occ.module)
        left_out = [] if whole else [p for p in view.team_ids if p not in invited]
        out.append(
            Upcoming(
                occ,
                whole,
                tuple(view.name(p) for p in invited),
                tuple(view.name(p) for p in left_out),
                links.module(occ),
            )
        )
    return tuple(out)


def _unsigned(view: InitiativeView, on: dt.date, links: _Links) -> tuple[Unsigned, ...]:
    ini = view.ini
    out = []
    for pid in signatures.not_signed_as_they_stand(ini, ini.current_stage, on):
        member = view.member(pid)
        state = signatures.signature(ini, member) if member else None
        earlier = (
            state.signed if state and state.stale and state.signed and state.signed <= on else None
        )
        out.append(Unsigned(view.name(pid), earlier, links.charter(pid)))
    return tuple(out)


def _pulse(view: InitiativeView, stage: Stage, link: Link) -> PulseDue | None:
    tally = view.pulse.of(stage.id) if view.pulse else None
    if tally is None or tally.everyone_answered:
        return None
    # Who has not answered is as private as what they answered: named only from the level
    # the registry's pulse check names people at.
    named = names_who_answered(view.audience)
    missing = rules.pulse_missing(view.ini, stage.id) if named else []
    return PulseDue(stage, tally.answered, tally.asked, tuple(view.name(p) for p in missing), link)


def _alignment(card: Scorecard, link: Link) -> TimeToAlign | None:
    use = card.alignment
    if use is None:
        return None
    left = None if use.planned is None else round(use.planned - use.used, 1)
    return TimeToAlign(use, left, left is not None and left < HORIZON / 7, link)


def _core(
    view: InitiativeView, on: dt.date, links: _Links
) -> tuple[tuple[ResistanceDue, ...], tuple[AtRisk, ...], tuple[RoleUnclear, ...]]:
    """What only the core model holds (resistance, assessments, pulse answers): below core
    the audience filter left these empty, so the lists come out empty."""
    ini = view.ini
    due = tuple(
        ResistanceDue(
            view.name(r.person),
            view.name(r.owner),
            r.observed,
            r.review_on,
            r.outcome,
            links.engagement(),
        )
        for r in ini.resistance
        if rules.review_due(r, on) and r.review_on is not None
    )
    at_risk = tuple(
        AtRisk(
            view.name(m.person),
            tuple(s for _, s in rules.supports(m)[-2:]),
            links.engagement(),
        )
        for m in ini.team
        if rules.stuck(m)
    )
    unclear = tuple(
        RoleUnclear(view.name(p), links.scorecard())
        for p in rules.role_unclear(ini, ini.current_stage)
    )
    return due, at_risk, unclear


def _moves(view: InitiativeView, since: dt.date, on: dt.date, links: _Links) -> tuple[Move, ...]:
    history = view.ini.stage_history
    changed = what_changed(view)
    out = []
    for i, h in enumerate(history):
        entered = view.stage(h.stage)
        if entered is None or not since < h.entered <= on:
            continue
        if i:
            left = view.stage(history[i - 1].stage)
        else:
            at = view.stage_index[entered.id]
            left = view.ini.stages[at - 1] if at else None
        forward = left is None or view.stage_index[entered.id] > view.stage_index[left.id]
        last = i == len(history) - 1 and changed is not None and view.sees_team
        out.append(
            Move(
                entered,
                left,
                h.entered,
                forward,
                links.what_changed() if last else links.stage(entered),
            )
        )
    return tuple(out)


def _recorded(
    view: InitiativeView, found: list[Occurrence], since: dt.date, on: dt.date, links: _Links
) -> tuple[Recorded, ...]:
    out = []
    for occ in found:
        s = occ.session
        if s.attended is None or not since < s.date <= on:
            continue
        invited = view.attendees(occ.module)
        came = rules.came(s, occ.module, view.team_ids)
        missed = tuple(view.name(p) for p in invited if p not in came)
        out.append(
            Recorded(
                occ, len([p for p in invited if p in came]), len(invited), missed, links.module(occ)
            )
        )
    return tuple(out)


def _answered(
    view: InitiativeView, since: dt.date, on: dt.date, link: Link
) -> tuple[Answered, ...]:
    """Pulse answers recorded in the period, by their own dates: the core model only holds
    them (below core no response is left, and no date of one)."""
    ini = view.ini
    out = []
    for stage in ini.stages:
        for r in rules.pulse_of(ini, stage.id):
            if since < r.date <= on:
                out.append(Answered(view.name(r.person), stage, r.date, link))
    return tuple(sorted(out, key=lambda a: (a.on, view.stage_index[a.stage.id])))


def digest(view: InitiativeView, on: dt.date, since: dt.date, settings: Settings) -> Digest:
    """The digest of `view` (filtered for its reader) on `on`; links as `settings` say."""
    ini = view.ini
    stage = view.current
    if stage is None:  # validate refuses a current_stage that is no stage
        raise ValueError(f"{view.id}: current stage '{ini.current_stage}' is not a stage")
    links = _Links(view, settings)
    card = Scorecard(view, on)
    found = calendars.occurrences(view)
    resistance, at_risk, unclear = _core(view, on, links)
    entered = [h.entered for h in ini.stage_history if h.stage == stage.id]
    return Digest(
        view=view,
        audience=view.audience,
        on=on,
        since=since,
        until=on + dt.timedelta(days=HORIZON - 1),
        stage=stage,
        entered=entered[-1] if entered else stage.starts,
        gate=view.gate,
        home=links.overview(),
        criteria=tuple(
            OpenCriterion(c.text, links.stage(stage)) for c in stage.exit_criteria if not c.done
        ),
        checks=_checks(view, card, links.scorecard()),
        upcoming=_upcoming(view, found, on, on + dt.timedelta(days=HORIZON - 1), links),
        unrecorded=tuple(
            Unrecorded(o, links.module(o)) for o in found if rules.unrecorded(o.session, on)
        ),
        unsigned=_unsigned(view, on, links),
        pulse=_pulse(view, stage, links.scorecard()),
        alignment=_alignment(card, links.scorecard()),
        review=(
            ReviewOverdue(ini.review_by, links.overview())
            if ini.review_by and rules.review_overdue(ini, on)
            else None
        ),
        resistance=resistance,
        at_risk=at_risk,
        unclear=unclear,
        moves=_moves(view, since, on, links),
        signed=tuple(
            sorted(
                (
                    Signed(view.name(m.person), m.charter_signed, links.charter(m.person))
                    for m in ini.team
                    if m.charter_signed and since < m.charter_signed <= on
                ),
                key=lambda s: s.on,  # stable: members signing on one day stay in team order
            )
        ),
        recorded=_recorded(view, found, since, on, links),
        answered=_answered(view, since, on, links.scorecard()),
    )
