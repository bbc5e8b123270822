"""Decide, in one place, what an audience may see: the model is filtered before planning.

Templates never decide confidentiality: anything an audience may not see is gone from the
model they are given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from generator.model import AUDIENCES, Initiative, Module, Visibility
from generator.problems import UserError
from generator.project import Project

T = TypeVar("T")


def rank(level: str) -> int:
    return AUDIENCES.index(level)  # type: ignore[arg-type]


def check(audience: str) -> Visibility:
    if audience not in AUDIENCES:
        raise UserError(f"unknown audience '{audience}'; expected one of: {', '.join(AUDIENCES)}")
    return audience  # type: ignore[return-value]


def _visible(items: Sequence[T], audience: Visibility) -> list[T]:
    return [i for i in items if rank(getattr(i, "visibility", "everyone")) <= rank(audience)]


def _module(m: Module, audience: Visibility) -> Module:
    return m.model_copy(update={
        "agenda": _visible(m.agenda, audience),
        "exercises": _visible(m.exercises, audience),
        "facilitator_notes": m.facilitator_notes if audience == "core" else None,
        "attendees": m.attendees if rank(audience) >= rank("leadership") else "all"
        if m.attendees == "all" else [],
    })


def _initiative(ini: Initiative, audience: Visibility) -> Initiative:
    leadership = rank(audience) >= rank("leadership")
    core = audience == "core"
    stages = _visible(ini.stages, audience)
    stage_ids = {s.id for s in stages}
    team = ini.team if leadership else []
    if not core:
        team = [m.model_copy(update={"assessment": None}) for m in team]
    if leadership:
        team = [m.model_copy(update={"stages": {k: v for k, v in m.stages.items()
                                                if k in stage_ids}}) for m in team]
    activities = [a for a in _visible(ini.activities, audience) if a.stage in stage_ids]
    if not leadership:
        activities = [a.model_copy(update={"raci": None}) for a in activities]
    training = [_module(t, audience) for t in _visible(ini.training, audience)
                if t.stage in stage_ids]
    return ini.model_copy(update={
        "stages": stages,
        "team": team,
        "activities": activities,
        "training": training,
        "resistance": _visible(ini.resistance, audience) if core else [],
    })


def filter_project(project: Project, audience: Visibility) -> Project:
    """The project as `audience` may see it."""
    leadership = rank(audience) >= rank("leadership")
    return Project(
        people=project.people if leadership else {},
        initiatives={k: _initiative(v, audience) for k, v in project.initiatives.items()},
        pages=project.pages,
    )
