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
    Resistance,
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


# --- resistance ---------------------------------------------------------------------------

AT_RISK = ("skeptic", "resistant")
# A resistance entry still being worked on.
NOT_RESOLVED = ("open", "improving", "escalated")


def is_open(entry: Resistance) -> bool:
    return entry.outcome in NOT_RESOLVED


def at_risk(member: Member) -> bool:
    return bool(member.assessment and member.assessment.support in AT_RISK)


def resistance_planned(member: Member, resistance: Iterable[Resistance]) -> bool:
    """Plan for resistance: an at-risk member needs an entry still being worked on."""
    return any(r.person == member.person and is_open(r) for r in resistance)


def unplanned_resistance(ini: Initiative) -> list[Member]:
    """Skeptic or resistant members with no open resistance entry, in team order."""
    return [m for m in ini.team if at_risk(m) and not resistance_planned(m, ini.resistance)]


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


# --- dates ---------------------------------------------------------------------------------


def review_overdue(ini: Initiative, today: dt.date) -> bool:
    return bool(ini.review_by and ini.review_by < today)


def past_first_stage(ini: Initiative) -> bool:
    """Charters are signed in the first stage: past it, an unsigned charter is overdue."""
    ids = [s.id for s in ini.stages]
    return ini.current_stage in ids and ids.index(ini.current_stage) > 0
