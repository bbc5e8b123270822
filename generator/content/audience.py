"""Decide, in one place, what an audience may see: the model is filtered before planning.

Templates never decide confidentiality: anything an audience may not see is gone from the
model they are given. Levels (SPEC "Audiences"): initiative, stage, activity and training
content is `everyone`; role charters, person pages, team tables and decision rights are
`leadership`; assessments, the resistance plan and facilitator notes are `core`. Who attended
a session is team membership (`leadership`), and so are most gate checks, which judge the
team; a check judging the resistance plan is `core`, with assessment history and resistance
updates. These levels are declared once, in FIELD_LEVELS,
PERSON_LEVEL and each gate check's `level` (checks.CHECKS): the filter reads them, and the
leak tests plant a canary under each. A list item (stage, activity, training module,
exercise, agenda line) may raise or lower its own level with `visibility`; whatever hangs
off a hidden stage (its activities, modules, each member's duties in it, its history) is
hidden with it.

Nothing on a page may hint that something is hidden from it: a hidden agenda line gives its
minutes to the visible line before it (the first visible line, when none is before it), so a
lower audience's agenda starts each part when it starts and adds up as the full one does.
Counts, totals and checks are computed on the filtered model, so they count only what the
audience sees; the office's own warnings (an agenda that does not add up) are core's (views).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from pydantic import BaseModel

from generator.source.checks import CHECKS
from generator.source.model import (
    AUDIENCES,
    Activity,
    AgendaItem,
    FailedCheck,
    HistoryEntry,
    Initiative,
    Member,
    Module,
    Person,
    Pulse,
    Resistance,
    Session,
    Visibility,
)
from generator.source.problems import UserError
from generator.source.project import Project
from generator.source.pulse import summarise
from generator.source.rules import sees
from generator.source.signed import SignedCharter

__all__ = [
    "ABOUT_STAGE_LEFT",
    "FIELD_LEVELS",
    "INITIATIVE_FILE_LEVEL",
    "PERSON_FILE_LEVEL",
    "PERSON_LEVEL",
    "audience_level",
    "filter_project",
]

T = TypeVar("T")

# The fields seen only from a level up (SPEC "Audiences"), besides each list item's own
# `visibility`: what a field holds is seen from its level and never below. The filter below
# enforces them; the leak tests (tests/canaries.py) plant a canary in every field under them.
FIELD_LEVELS: dict[tuple[type[BaseModel], str], Visibility] = {
    (Initiative, "team"): "leadership",
    (Initiative, "gate_checks"): "leadership",
    (Initiative, "resistance"): "core",
    (HistoryEntry, "failed_checks"): "leadership",
    (Activity, "raci"): "leadership",
    (Module, "attendees"): "leadership",
    (Module, "facilitator_notes"): "core",
    (Session, "attended"): "leadership",
    (Member, "assessment"): "core",
    (Member, "assessment_history"): "core",
    (Resistance, "updates"): "core",
    # The pulse is asked of the team; what each member answered, and when, is core's. Below
    # core only anonymous tallies are seen (source/pulse.py), computed before the filter.
    (Initiative, "pulse"): "leadership",
    (Pulse, "responses"): "core",
}
# A person file is leadership content; only a sponsor's name is initiative content (everyone).
PERSON_LEVEL: Visibility = "leadership"
# What a member signed (playbooks/<id>/signed/*.yml) is leadership content, like the charter;
# of it, a stage's duties and an activity's letters are seen only by those who see the stage
# and the activity now; one the initiative no longer has, whose level is unknown, by core.
SIGNED_LEVEL: Visibility = "leadership"
GONE_LEVEL: Visibility = "core"
# A page built from a playbook file points at it ("edit this page"); the link names the file,
# and a file's name says whose it is: an initiative's is seen by whoever sees the initiative,
# a person's (people/<id>.yml) as the person is, from PERSON_LEVEL. The kept copies are the
# source of no page. Whether a reader may open the file is the repository's to decide.
INITIATIVE_FILE_LEVEL: Visibility = "everyone"
PERSON_FILE_LEVEL: Visibility = PERSON_LEVEL
# What a transition says about the stage it left: seen only by those who see that stage.
ABOUT_STAGE_LEFT = ("open_criteria", "failed_checks")


def _shown(cls: type[BaseModel], field: str, audience: Visibility) -> bool:
    return sees(audience, FIELD_LEVELS[(cls, field)])


def audience_level(audience: str) -> Visibility:
    """The audience named on a command line or in a config, or a clear refusal."""
    if audience not in AUDIENCES:
        raise UserError(f"unknown audience '{audience}'; expected one of: {', '.join(AUDIENCES)}")
    return audience


def _visible(items: Sequence[T], audience: Visibility) -> list[T]:
    return [i for i in items if sees(audience, getattr(i, "visibility", "everyone"))]


def _agenda(items: Sequence[AgendaItem], audience: Visibility) -> list[AgendaItem]:
    """The visible lines, each with the minutes of the hidden lines after it (the first also
    with those before it): no gap, shortfall or odd start time hints at a hidden line."""
    lines: list[AgendaItem] = []
    before = 0  # hidden minutes ahead of the first visible line
    for item in items:
        if sees(audience, item.visibility):
            lines.append(item)
        elif lines:
            lines[-1] = lines[-1].model_copy(update={"minutes": lines[-1].minutes + item.minutes})
        else:
            before += item.minutes
    if lines and before:
        lines[0] = lines[0].model_copy(update={"minutes": lines[0].minutes + before})
    return lines


def _module(m: Module, audience: Visibility) -> Module:
    attended = _shown(Session, "attended", audience)
    return m.model_copy(
        update={
            "agenda": _agenda(m.agenda, audience),
            "exercises": _visible(m.exercises, audience),
            "facilitator_notes": (
                m.facilitator_notes if _shown(Module, "facilitator_notes", audience) else None
            ),
            # Who attends, and who attended, is team membership. `all` says no more than
            # that the module is for the whole team, which is module content.
            "attendees": (
                m.attendees if _shown(Module, "attendees", audience) or m.attendees == "all" else []
            ),
            "sessions": [
                s if attended else s.model_copy(update={"attended": None}) for s in m.sessions
            ],
        }
    )


def _checks(failed: list[FailedCheck], audience: Visibility) -> list[FailedCheck]:
    if not _shown(HistoryEntry, "failed_checks", audience):
        return []
    return [
        f if sees(audience, CHECKS[f.check].named_from) else f.model_copy(update={"people": []})
        for f in failed
        if sees(audience, CHECKS[f.check].level)
    ]


def _history(ini: Initiative, stage_ids: set[str], audience: Visibility) -> list[HistoryEntry]:
    """Transitions into visible stages; what they say about the stage left (open criteria,
    failed checks) only when that stage is visible too.

    The stage left is the one entered before, or for the first entry the stage before it.
    """
    order = [s.id for s in ini.stages]
    out = []
    for i, h in enumerate(ini.stage_history):
        if h.stage not in stage_ids:
            continue
        if i:
            left: str | None = ini.stage_history[i - 1].stage
        else:
            at = order.index(h.stage) if h.stage in order else 0
            left = order[at - 1] if at else None
        if left is not None and left not in stage_ids:
            h = h.model_copy(update=dict.fromkeys(ABOUT_STAGE_LEFT, []))
        out.append(h.model_copy(update={"failed_checks": _checks(h.failed_checks, audience)}))
    return out


def _initiative(iid: str, ini: Initiative, audience: Visibility) -> Initiative:
    stages = _visible(ini.stages, audience)
    stage_ids = {s.id for s in stages}
    if ini.current_stage not in stage_ids:
        raise UserError(
            f"playbooks/{iid}/initiative.yml: the current stage '{ini.current_stage}' is not "
            f"visible to '{audience}', so its site could not say where the initiative stands; "
            f"give the stage a visibility of '{audience}' or lower, or build for a higher audience"
        )
    activities = [a for a in _visible(ini.activities, audience) if a.stage in stage_ids]
    if not _shown(Activity, "raci", audience):
        activities = [a.model_copy(update={"raci": None}) for a in activities]
    training = [
        _module(t, audience) for t in _visible(ini.training, audience) if t.stage in stage_ids
    ]
    checks = [c for c in ini.gate_checks if sees(audience, CHECKS[c].level)]
    seen = ini.model_copy(
        update={
            "stages": stages,
            "stage_history": _history(ini, stage_ids, audience),
            "gate_checks": checks if _shown(Initiative, "gate_checks", audience) else [],
            "team": _team(ini.team, stage_ids, audience),
            "activities": activities,
            "training": training,
            "resistance": (
                _visible(ini.resistance, audience)
                if _shown(Initiative, "resistance", audience)
                else []
            ),
            "pulse": _pulse(ini.pulse, audience),
        }
    )
    # Always attached anew: the copy above still holds every kept copy.
    return seen.attached(iid, _kept(ini, seen, audience))


def _kept(ini: Initiative, seen: Initiative, audience: Visibility) -> dict[str, SignedCharter]:
    """The kept copies of the members `seen` holds, with only what the audience sees."""
    if not sees(audience, SIGNED_LEVEL):
        return {}
    stages, every_stage = {s.id for s in seen.stages}, {s.id for s in ini.stages}
    acts, every_act = {a.id for a in seen.activities}, {a.id for a in ini.activities}
    gone = sees(audience, GONE_LEVEL)
    out = {}
    team = {m.person for m in seen.team}
    for pid, copy in ini.kept.items():
        if pid not in team:  # someone no longer on the team: never shown (lint says so)
            continue
        c = copy.commitments
        duties = {
            k: v for k, v in c.stages.items() if k in stages or (gone and k not in every_stage)
        }
        letters = [a for a in c.activities if a.id in acts or (gone and a.id not in every_act)]
        shown = c.model_copy(update={"stages": duties, "activities": letters})
        out[pid] = copy.model_copy(update={"commitments": shown})
    return out


def _pulse(pulse: Pulse | None, audience: Visibility) -> Pulse | None:
    if pulse is None or not _shown(Initiative, "pulse", audience):
        return None
    if _shown(Pulse, "responses", audience):
        return pulse
    return pulse.model_copy(update={"responses": []})


def _team(team: list[Member], stage_ids: set[str], audience: Visibility) -> list[Member]:
    """The members with their duties in the visible stages, and their assessments for core."""
    if not _shown(Initiative, "team", audience):
        return []
    assessed = _shown(Member, "assessment", audience)
    history = _shown(Member, "assessment_history", audience)
    return [
        m.model_copy(
            update={
                "assessment": m.assessment if assessed else None,
                "assessment_history": m.assessment_history if history else [],
                "stages": {k: v for k, v in m.stages.items() if k in stage_ids},
            }
        )
        for m in team
    ]


def _sponsor_names(project: Project) -> dict[str, Person]:
    """For `everyone`: the sponsors' names (initiative content), and nothing else about anyone."""
    out = {}
    for ini in project.initiatives.values():
        person = project.people.get(ini.sponsor)
        if person:
            out[ini.sponsor] = person.model_copy(
                update={"title": "", "function": "", "email": None, "reports_to": None}
            )
    return dict(sorted(out.items()))


def filter_project(project: Project, audience: Visibility) -> Project:
    """The project as `audience` may see it, with the anonymous pulse tallies of the stages
    it sees (computed from every response, which the filter then takes away below core)."""
    initiatives = {k: _initiative(k, v, audience) for k, v in project.initiatives.items()}
    pulse = {}
    if _shown(Initiative, "pulse", audience):
        for iid, ini in project.initiatives.items():
            summary = summarise(ini, {s.id for s in initiatives[iid].stages})
            if summary:
                pulse[iid] = summary
    return Project(
        people=project.people if sees(audience, PERSON_LEVEL) else _sponsor_names(project),
        initiatives=initiatives,
        pages=project.pages,  # hand-written pages are everyone-level: carried for every audience
        pulse=pulse,
        initiative_files=(
            project.initiative_files if sees(audience, INITIATIVE_FILE_LEVEL) else {}
        ),
        person_files=project.person_files if sees(audience, PERSON_FILE_LEVEL) else {},
    )
