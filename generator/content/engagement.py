"""The engagement plan of one initiative (core audience only): who stands where, and the
resistance plan. Answers the questions engagement.md.j2 asks, so the template stays wording.

It only ever sees a model already filtered for the core audience: for any other audience
the team carries no assessments and the resistance list is empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from generator.content.views import InitiativeView
from generator.markdown.svg import MapPoint
from generator.source.model import Member, Resistance

AT_RISK = ("skeptic", "resistant")
# A resistance entry still being worked on (the same rule as the lint warning).
NOT_RESOLVED = ("open", "improving", "escalated")


@dataclass(frozen=True)
class Unplanned:
    person: str
    support: str


class EngagementView:
    def __init__(self, view: InitiativeView) -> None:
        self.v = view

    @cached_property
    def assessed(self) -> list[Member]:
        """Team members with an assessment, in team order."""
        return [m for m in self.v.ini.team if m.assessment]

    def _open(self, pid: str) -> bool:
        return any(r.person == pid and r.outcome in NOT_RESOLVED for r in self.v.ini.resistance)

    @cached_property
    def unplanned(self) -> list[Unplanned]:
        """Skeptic or resistant members with no open resistance entry."""
        return [
            Unplanned(m.person, m.assessment.support)
            for m in self.assessed
            if m.assessment and m.assessment.support in AT_RISK and not self._open(m.person)
        ]

    def points(self) -> list[MapPoint]:
        flagged = {u.person for u in self.unplanned}
        return [
            MapPoint(
                self.v.name(m.person),
                m.assessment.support,
                m.assessment.influence,
                m.person in flagged,
            )
            for m in self.assessed
            if m.assessment and m.assessment.support and m.assessment.influence
        ]

    @cached_property
    def unplaced(self) -> list[str]:
        """Assessed members the map cannot place: support or influence not set."""
        return [
            m.person
            for m in self.assessed
            if m.assessment and not (m.assessment.support and m.assessment.influence)
        ]

    @cached_property
    def resistance(self) -> list[Resistance]:
        return list(self.v.ini.resistance)
