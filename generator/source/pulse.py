"""The pulse as those below core may see it: anonymous tallies, computed from every response
before the audience filter takes the responses away.

Nothing in a tally says who answered nor lets a reader work out one answer:
- per stage and question, the number of answers of the team's size ("5 of 8"), and only
  from `min_answers` answers up the counts of each answer (the spread) and their median;
- one figure per stage and question, never a figure over several stages or dates, so no two
  figures differ by one person's answer;
- whether every member answered and whether nobody disagreed on their role, never who: and
  the latter, being a figure from the answers, only from `min_answers` role answers up.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection
from dataclasses import dataclass

from generator.source import rules
from generator.source.model import Initiative

ANSWERS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class QuestionTally:
    """One question of one stage's pulse."""

    id: str
    text: str
    answered: int
    asked: int
    # How many answered 1, 2, 3, 4 and 5; None when fewer than min_answers answered.
    counts: tuple[int, ...] | None
    median: float | None

    @property
    def shown(self) -> bool:
        return self.counts is not None


@dataclass(frozen=True)
class StageTally:
    stage: str
    asked: int  # the team's size
    answered: int  # members who answered the stage's pulse
    questions: tuple[QuestionTally, ...]
    # Nobody answered 1 or 2 to the role question; None when too few answered it to say.
    roles_clear: bool | None

    @property
    def everyone_answered(self) -> bool:
        return self.answered == self.asked


@dataclass(frozen=True)
class PulseSummary:
    min_answers: int
    stages: dict[str, StageTally]

    def of(self, stage_id: str) -> StageTally | None:
        return self.stages.get(stage_id)


def _question(qid: str, text: str, answers: list[int], asked: int, least: int) -> QuestionTally:
    shown = len(answers) >= least
    return QuestionTally(
        id=qid,
        text=text,
        answered=len(answers),
        asked=asked,
        counts=tuple(answers.count(a) for a in ANSWERS) if shown else None,
        median=float(statistics.median(answers)) if shown else None,
    )


def _stage(ini: Initiative, stage_id: str, least: int) -> StageTally:
    assert ini.pulse is not None
    responses = rules.pulse_of(ini, stage_id)
    asked = len(ini.team)
    questions = tuple(
        _question(
            q.id, q.text, [r.answers[q.id] for r in responses if q.id in r.answers], asked, least
        )
        for q in ini.pulse.questions
    )
    role = [r.answers[rules.ROLE_QUESTION] for r in responses if rules.ROLE_QUESTION in r.answers]
    return StageTally(
        stage=stage_id,
        asked=asked,
        answered=len(responses),
        questions=questions,
        roles_clear=(
            not any(a in rules.DISAGREES for a in role) if len(role) >= least or not role else None
        ),
    )


def summarise(ini: Initiative, stage_ids: Collection[str]) -> PulseSummary | None:
    """The tallies of the stages in `stage_ids` (those the audience sees), from the unfiltered
    initiative; None when it asks no pulse."""
    if not rules.pulse_asked(ini):
        return None
    assert ini.pulse is not None
    least = ini.pulse.min_answers
    stages = {s.id: _stage(ini, s.id, least) for s in ini.stages if s.id in stage_ids}
    return PulseSummary(min_answers=least, stages=stages)
