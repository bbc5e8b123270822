"""Core only: is the team moving? Each member's support over time, and the resistance
entries by outcome over time, from `assessment_history`, `assessment` and `updates`.

It only ever sees a model filtered for the core audience; for any other, the team carries no
assessments and the resistance list is empty, so there is nothing to show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from generator.content.figures import OutcomeRow, SupportRow
from generator.content.views import InitiativeView
from generator.source import rules


@dataclass(frozen=True)
class SupportTrend:
    person: str
    points: tuple[tuple[dt.date | None, str], ...]  # (date, support), oldest first
    stuck: bool  # skeptic or resistant in the two latest assessments


class Trends:
    def __init__(self, view: InitiativeView, today: dt.date) -> None:
        self.view = view
        self.today = today

    @cached_property
    def support(self) -> list[SupportTrend]:
        """Members with at least one assessment of their support, in team order."""
        return [
            SupportTrend(m.person, tuple(rules.supports(m)), rules.stuck(m))
            for m in self.view.ini.team
            if rules.supports(m)
        ]

    @cached_property
    def stuck(self) -> list[str]:
        return [t.person for t in self.support if t.stuck]

    def support_rows(self) -> list[SupportRow]:
        """The picture's rows, a stuck member flagged."""
        return [SupportRow(self.view.name(t.person), t.points, t.stuck) for t in self.support]

    @cached_property
    def dates(self) -> list[dt.date]:
        """Every date a resistance entry was updated, up to today, and today."""
        updated = {u.date for r in self.view.ini.resistance for u in r.updates}
        return sorted({d for d in updated if d < self.today} | {self.today})

    def outcome_rows(self) -> list[OutcomeRow]:
        """Resistance entries by outcome on each date an entry was updated, and today."""
        entries = self.view.ini.resistance
        if not entries:
            return []
        rows = []
        for d in self.dates:
            counts: dict[str, int] = {}
            for r in entries:
                outcome = rules.outcome_on(r, d)
                counts[outcome] = counts.get(outcome, 0) + 1
            rows.append(OutcomeRow(d, d == self.today, counts))
        return rows
