"""The engagement plan of one initiative (core audience only): who stands where, and the
resistance plan. Answers the questions engagement.md.j2 asks, so the template stays wording.

It only ever sees a model already filtered for the core audience: for any other audience
the team carries no assessments and the resistance list is empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from generator.content.figures import MapPoint
from generator.content.views import InitiativeView
from generator.source import rules
from generator.source.model import Member, Resistance


@dataclass(frozen=True)
class Unplanned:
    person: str
    support: str


class EngagementView:
    def __init__(self, view: InitiativeView) -> None:
        self.view = view

    @cached_property
    def assessed(self) -> list[Member]:
        """Team members with an assessment, in team order."""
        return [m for m in self.view.ini.team if m.assessment]

    @cached_property
    def unplanned(self) -> list[Unplanned]:
        """Skeptic or resistant members with no open resistance entry."""
        return [
            Unplanned(m.person, m.assessment.support)
            for m in rules.unplanned_resistance(self.view.ini)
            if m.assessment and m.assessment.support
        ]

    def points(self) -> list[MapPoint]:
        flagged = {u.person for u in self.unplanned}
        return [
            MapPoint(
                self.view.name(m.person),
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
        return list(self.view.ini.resistance)
