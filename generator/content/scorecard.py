"""Is the leadership team actually aligned? The scorecard of one initiative, stage by stage,
answered from its records with the playbook's rules (rules.py), so templates stay wording.

It sees a model already filtered for its audience (leadership or core): it counts only what
that audience may see, and the gate checks the audience may see (checks.CHECKS: each check's level).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from generator.content.figures import Bar
from generator.content.views import InitiativeView
from generator.source import rules, signatures
from generator.source.checks import CheckResult, gate_seen
from generator.source.markers import N_
from generator.source.model import Module, PulseQuestion, Stage
from generator.source.pulse import QuestionTally, StageTally

__all__ = ["AlignmentUse", "Count", "Scorecard", "StageScore", "Training"]

# How the whole-team training of a stage went, for the wording: no module for the whole team,
# none recorded yet, some members missing, everyone there.
Training = Literal["no-module", "unrecorded", "missing", "everyone"]


@dataclass(frozen=True)
class Count:
    done: int
    total: int


@dataclass(frozen=True)
class StageScore:
    stage: Stage
    current: bool
    as_of: dt.date  # when the team left the stage, or today for the current one
    charters: Count
    trained: Count
    missing: tuple[str, ...]  # person ids with no whole-team session of the stage
    training: Training
    next_session: dt.date | None  # the next whole-team session, from today
    activities: Count
    checks: tuple[CheckResult, ...]
    pulse: StageTally | None  # the anonymous tally of the stage's pulse

    @property
    def pulse_shown(self) -> list[QuestionTally]:
        """The questions with enough answers for their figures to be shown."""
        return [q for q in self.pulse.questions if q.shown] if self.pulse else []

    @property
    def charters_label(self) -> str:
        """The current stage counts the charters as they stand; a past one, the dates (what
        the charters said then is not kept)."""
        return N_("Charters signed as they stand") if self.current else N_("Charters signed")

    def bars(self) -> list[Bar]:
        return [
            Bar(self.charters_label, self.charters.done, self.charters.total),
            Bar(N_("Whole-team training attended"), self.trained.done, self.trained.total),
            Bar(N_("Activities done"), self.activities.done, self.activities.total),
        ]


@dataclass(frozen=True)
class AlignmentUse:
    """Alignment time used against the plan and against the rule of thumb."""

    began: dt.date
    used: float  # weeks, one decimal
    planned: float | None
    first_estimate: float | None
    floor: float | None  # rules.ALIGNMENT_FACTOR x the first estimate
    factor: int = rules.ALIGNMENT_FACTOR

    @property
    def over_plan(self) -> bool:
        return self.planned is not None and self.used > self.planned

    @property
    def share_of_plan(self) -> int | None:
        """Percent of the planned weeks used."""
        return round(100 * self.used / self.planned) if self.planned else None


class Scorecard:
    def __init__(self, view: InitiativeView, today: dt.date) -> None:
        self.view = view
        self.today = today

    @cached_property
    def stages(self) -> list[StageScore]:
        """Every stage up to the current one, in order."""
        ini = self.view.ini
        upto = self.view.stage_index.get(ini.current_stage, 0)
        return [self._score(s, i == upto) for i, s in enumerate(ini.stages[: upto + 1])]

    @property
    def current(self) -> StageScore | None:
        return self.stages[-1] if self.stages else None

    def _as_of(self, stage: Stage, current: bool) -> dt.date:
        left = None if current else rules.left_on(self.view.ini, stage.id)
        return min(left, self.today) if left else self.today

    def _score(self, stage: Stage, current: bool) -> StageScore:
        ini = self.view.ini
        on = self._as_of(stage, current)
        team = len(ini.team)
        missing = tuple(rules.untrained(ini, stage.id))
        modules = rules.whole_team_modules(ini, stage.id)
        acts = self.view.activities_in(stage.id)
        unsigned = signatures.not_signed_as_they_stand(ini, stage.id, on)
        return StageScore(
            stage=stage,
            current=current,
            as_of=on,
            charters=Count(team - len(unsigned), team),
            trained=Count(team - len(missing), team),
            missing=missing,
            training=self._training(modules, stage.id, missing),
            next_session=self._next_session(modules),
            activities=Count(sum(a.status == "done" for a in acts), len(acts)),
            checks=tuple(gate_seen(ini, stage.id, on, self.view.audience, self.view.pulse)),
            pulse=self.view.pulse.of(stage.id) if self.view.pulse else None,
        )

    def _training(self, modules: list[Module], sid: str, missing: tuple[str, ...]) -> Training:
        if not modules:
            return "no-module"
        if not rules.attendance_recorded(self.view.ini, sid):
            return "unrecorded"
        return "missing" if missing else "everyone"

    def _next_session(self, modules: list[Module]) -> dt.date | None:
        return min(
            (s.date for t in modules for s in t.sessions if s.date >= self.today), default=None
        )

    @cached_property
    def alignment(self) -> AlignmentUse | None:
        """None when no date says when the first stage began."""
        ini = self.view.ini
        began = rules.alignment_began(ini)
        used = rules.weeks_used(ini, self.today)
        if began is None or used is None:
            return None
        budget = ini.alignment
        return AlignmentUse(
            began=began,
            used=round(used, 1),
            planned=budget.planned_weeks if budget else None,
            first_estimate=budget.first_estimate_weeks if budget else None,
            floor=rules.alignment_floor(budget) if budget else None,
        )


@dataclass(frozen=True)
class AnswerRow:
    """One member's answers to one stage's pulse (core: only core's model holds them)."""

    person: str
    stage: Stage
    date: dt.date
    answers: tuple[int | None, ...]  # in the order of the questions
    unclear: bool  # answered 1 or 2 to the role question: talk to them


@dataclass(frozen=True)
class Answers:
    questions: tuple[PulseQuestion, ...]
    rows: tuple[AnswerRow, ...]  # member by member, stage by stage
    unclear_now: tuple[str, ...]  # unclear on their role in the current stage


def member_answers(view: InitiativeView) -> Answers | None:
    """Each member's answers over the stages; None when the model holds no response (below
    core, the audience filter took them away)."""
    ini = view.ini
    if ini.pulse is None or not ini.pulse.responses:
        return None
    questions = tuple(ini.pulse.questions)
    rows = [
        AnswerRow(
            person=r.person,
            stage=stage,
            date=r.date,
            answers=tuple(r.answers.get(q.id) for q in questions),
            unclear=r.answers.get(rules.ROLE_QUESTION) in rules.DISAGREES,
        )
        for m in ini.team
        for stage in ini.stages
        for r in rules.pulse_of(ini, stage.id)
        if r.person == m.person
    ]
    return Answers(questions, tuple(rows), tuple(rules.role_unclear(ini, ini.current_stage)))
