"""The playbook's own rules, each defined once: lints warn with them, views and pages show them.

A rule here is a question about the validated model (is this resistance planned for? does
this agenda add up?), answered the same way wherever it is asked, so the warning `validate`
prints and the notice a page shows can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

from generator.source.model import (
    AUDIENCES,
    Alignment,
    Initiative,
    Member,
    Module,
    Outcome,
    PulseResponse,
    Resistance,
    Session,
    Support,
    Visibility,
)

# --- who may see what -------------------------------------------------------------------


def rank(level: str) -> int:
    """everyone < leadership < core."""
    return AUDIENCES.index(level)


def sees(audience: str, visibility: str) -> bool:
    """Whether a site built for `audience` shows content of `visibility`."""
    return rank(visibility) <= rank(audience)


def sees_team(audience: Visibility) -> bool:
    """Charters, person pages, team tables and decision rights are leadership content."""
    return sees(audience, "leadership")


# --- collective training ----------------------------------------------------------------


def for_whole_team(module: Module, team: Collection[str]) -> bool:
    """A module the whole team attends: `attendees: all`, or a list naming every member."""
    return module.attendees == "all" or set(team) <= set(module.attendees)


def agenda_total(module: Module) -> int:
    return sum(item.minutes for item in module.agenda)


def agenda_adds_up(module: Module) -> bool:
    """A timed agenda must add up to the module's duration (no agenda, nothing to add up)."""
    return not module.agenda or agenda_total(module) == module.duration_minutes


# --- attendance (measure, don't assume) ----------------------------------------------------


def invited(module: Module, team: Iterable[str]) -> list[str]:
    """Who a module is for, in team order: `all` is the whole team."""
    members = list(team)
    return members if module.attendees == "all" else [p for p in members if p in module.attendees]


def came(session: Session, module: Module, team: Iterable[str]) -> set[str]:
    """Who attended a session: `attended: all` is everyone invited; nothing recorded, nobody."""
    if session.attended is None:
        return set()
    return set(invited(module, team)) if session.attended == "all" else set(session.attended)


def unrecorded(session: Session, today: dt.date) -> bool:
    """A session in the past with no `attended` record."""
    return session.date < today and session.attended is None


def whole_team_modules(ini: Initiative, stage_id: str) -> list[Module]:
    team = [m.person for m in ini.team]
    return [t for t in ini.training if t.stage == stage_id and for_whole_team(t, team)]


def attendance_recorded(ini: Initiative, stage_id: str) -> bool:
    """Was attendance recorded for any session of a whole-team module of the stage?"""
    return any(
        s.attended is not None for t in whole_team_modules(ini, stage_id) for s in t.sessions
    )


def untrained(ini: Initiative, stage_id: str) -> list[str]:
    """Members who attended no session of a whole-team module of the stage, in team order."""
    team = [m.person for m in ini.team]
    trained = {
        p for t in whole_team_modules(ini, stage_id) for s in t.sessions for p in came(s, t, team)
    }
    return [p for p in team if p not in trained]


# --- resistance ---------------------------------------------------------------------------

AT_RISK = ("skeptic", "resistant")
# A resistance entry still being worked on.
NOT_RESOLVED = ("open", "improving", "escalated")


def is_open(entry: Resistance) -> bool:
    return entry.outcome in NOT_RESOLVED


def at_risk(member: Member) -> bool:
    return bool(member.assessment and member.assessment.support in AT_RISK)


def supports(member: Member) -> list[tuple[dt.date | None, Support]]:
    """Every assessment of a member's support, oldest first; the latest may have no date."""
    out: list[tuple[dt.date | None, Support]] = [
        (a.date, a.support) for a in member.assessment_history
    ]
    if member.assessment and member.assessment.support:
        out.append((member.assessment.date, member.assessment.support))
    return out


def stuck(member: Member) -> bool:
    """Still skeptic or resistant: the two latest assessments both say so."""
    latest = supports(member)[-2:]
    return len(latest) == 2 and all(support in AT_RISK for _, support in latest)


def resistance_planned(member: Member, resistance: Iterable[Resistance]) -> bool:
    """Plan for resistance: an at-risk member needs an entry still being worked on."""
    return any(r.person == member.person and is_open(r) for r in resistance)


def unplanned_resistance(ini: Initiative) -> list[Member]:
    """Skeptic or resistant members with no open resistance entry, in team order."""
    return [m for m in ini.team if at_risk(m) and not resistance_planned(m, ini.resistance)]


def outcome_on(entry: Resistance, on: dt.date) -> Outcome:
    """Where an entry stood on a date. Its `outcome` is where it stands since its last update;
    before its first update it was open; with no updates, only its `outcome` is known."""
    before = [u for u in entry.updates if u.date <= on]
    if len(before) == len(entry.updates):
        return entry.outcome
    return before[-1].outcome if before else "open"


def review_due(entry: Resistance, on: dt.date) -> bool:
    """Still being worked on and past its review date."""
    return (
        outcome_on(entry, on) in NOT_RESOLVED
        and entry.review_on is not None
        and entry.review_on < on
    )


# --- time to align ------------------------------------------------------------------------

# Leaders underestimate the time it takes to align a leadership team by about this factor.
ALIGNMENT_FACTOR = 10


def alignment_floor(alignment: Alignment) -> float | None:
    """The time the rule of thumb asks for: the factor times the first estimate."""
    first = alignment.first_estimate_weeks
    return None if first is None else ALIGNMENT_FACTOR * first


def alignment_ratio(alignment: Alignment) -> float | None:
    """Planned weeks over the first estimate, when both are set (and the estimate is not 0)."""
    first, planned = alignment.first_estimate_weeks, alignment.planned_weeks
    return planned / first if first and planned is not None else None


def alignment_short(alignment: Alignment) -> bool:
    """Is the plan below the rule of thumb?"""
    ratio = alignment_ratio(alignment)
    return ratio is not None and ratio < ALIGNMENT_FACTOR


def alignment_began(ini: Initiative) -> dt.date | None:
    """When aligning the team began: the first stage was entered (or was to start)."""
    first = ini.stages[0]
    entered = [h.entered for h in ini.stage_history if h.stage == first.id]
    if entered:
        return min(entered)
    return first.starts or min((h.entered for h in ini.stage_history), default=None)


def weeks_used(ini: Initiative, today: dt.date) -> float | None:
    """Alignment time used: weeks since the first stage began (None: no date says when)."""
    began = alignment_began(ini)
    return None if began is None else max(0, (today - began).days) / 7


# --- the gate (the checks themselves: checks.py) ----------------------------------------


def unsigned(ini: Initiative, on: dt.date) -> list[str]:
    """Members with no charter signed by `on`."""
    return [m.person for m in ini.team if m.charter_signed is None or m.charter_signed > on]


def left_on(ini: Initiative, stage_id: str) -> dt.date | None:
    """When the initiative left a stage: the transition after it was last entered, else the
    next stage's start, else the stage's end (None: nothing says)."""
    history = ini.stage_history
    last = max((i for i, h in enumerate(history) if h.stage == stage_id), default=None)
    if last is not None and last + 1 < len(history):
        return history[last + 1].entered
    ids = [s.id for s in ini.stages]
    at = ids.index(stage_id) if stage_id in ids else len(ids)
    after = ini.stages[at + 1].starts if at + 1 < len(ids) else None
    return after or (ini.stages[at].ends if at < len(ids) else None)


# --- the pulse (ask the team; don't assume it knows its role) ------------------------------

# The question whose low answers say a member's role is not clear to them.
ROLE_QUESTION = "role-clear"
# Answers that disagree: 1 (strongly disagree) and 2 (disagree).
DISAGREES = (1, 2)


def pulse_asked(ini: Initiative) -> bool:
    """Does the initiative ask the team a pulse at every stage?"""
    return bool(ini.pulse and ini.pulse.questions)


def pulse_of(ini: Initiative, stage_id: str) -> list[PulseResponse]:
    """The responses to a stage's pulse, in team order (each member answers once a stage)."""
    if ini.pulse is None:
        return []
    by_person = {r.person: r for r in ini.pulse.responses if r.stage == stage_id}
    return [by_person[m.person] for m in ini.team if m.person in by_person]


def pulse_missing(ini: Initiative, stage_id: str) -> list[str]:
    """Members who have not answered the stage's pulse, in team order."""
    answered = {r.person for r in pulse_of(ini, stage_id)}
    return [m.person for m in ini.team if m.person not in answered]


def role_unclear(ini: Initiative, stage_id: str) -> list[str]:
    """Members who answered 1 or 2 to the role question in the stage's pulse, in team order."""
    return [r.person for r in pulse_of(ini, stage_id) if r.answers.get(ROLE_QUESTION) in DISAGREES]


# --- dates ---------------------------------------------------------------------------------


def review_overdue(ini: Initiative, today: dt.date) -> bool:
    return bool(ini.review_by and ini.review_by < today)


def past_first_stage(ini: Initiative) -> bool:
    """Charters are signed in the first stage: past it, an unsigned charter is overdue."""
    ids = [s.id for s in ini.stages]
    return ini.current_stage in ids and ids.index(ini.current_stage) > 0
