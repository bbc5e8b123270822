"""The playbook's own advice, checked: warnings (errors under --strict).

Each warning says what is wrong, then `(advice: ...)`: the rule of the playbook it enforces,
so the person fixing it knows why it matters.
"""

from __future__ import annotations

import datetime as dt

from generator.source.model import Initiative, Module
from generator.source.problems import Problem
from generator.source.project import Project
from generator.source.yamlfile import Document, Key, dotted

OPEN_OUTCOMES = ("open", "improving", "escalated")

EXPLICIT_ROLES = "roles must be explicit; give every member responsibilities in every stage"
TRAIN_TOGETHER = "train the whole team collectively at every stage"
PLAN_RESISTANCE = "plan for resistance; add an entry under resistance: for them"
ALIGNMENT_TIME = "leaders underestimate the time to align by about 10x; plan for it"
REVIEW = "keep the playbook current; review it and set a new review_by"
SIGN_CHARTER = "never assume executives know their role; have charters signed in the first stage"
AGENDA_ADDS_UP = "a timed agenda must add up; fix the minutes or duration_minutes"


def _warn(doc: Document, path: Key, message: str, advice: str) -> Problem:
    line, col = doc.marks.at(path)
    return Problem(doc.file, line, col, dotted(path), f"{message} (advice: {advice})", "warning")


def _for_everyone(module: Module, team: set[str]) -> bool:
    return module.attendees == "all" or team <= set(module.attendees)


def _members(doc: Document, ini: Initiative) -> list[Problem]:
    out: list[Problem] = []
    stage_ids = [s.id for s in ini.stages]
    past_first = stage_ids.index(ini.current_stage) > 0
    for i, m in enumerate(ini.team):
        for stage in stage_ids:
            duty = m.stages.get(stage)
            if duty is None or not duty.responsibilities:
                path: Key = ("team", i, "stages", stage) if duty else ("team", i)
                out.append(
                    _warn(
                        doc,
                        path,
                        f"{m.person} has no responsibilities in stage '{stage}'",
                        EXPLICIT_ROLES,
                    )
                )
        if past_first and m.charter_signed is None:
            out.append(
                _warn(
                    doc,
                    ("team", i),
                    f"{m.person} has not signed their role charter "
                    f"and stage '{ini.current_stage}' is past the first",
                    SIGN_CHARTER,
                )
            )
        support = m.assessment.support if m.assessment else None
        if support in ("skeptic", "resistant") and not any(
            r.person == m.person and r.outcome in OPEN_OUTCOMES for r in ini.resistance
        ):
            out.append(
                _warn(
                    doc,
                    ("team", i, "assessment", "support"),
                    f"{m.person} is assessed {support} but has no open resistance entry",
                    PLAN_RESISTANCE,
                )
            )
    return out


def _initiative(doc: Document, ini: Initiative, today: dt.date) -> list[Problem]:
    out = _members(doc, ini)
    team = {m.person for m in ini.team}
    for i, s in enumerate(ini.stages):
        if not any(t.stage == s.id and _for_everyone(t, team) for t in ini.training):
            out.append(
                _warn(
                    doc,
                    ("stages", i),
                    f"stage '{s.id}' has no training module attended by the whole team",
                    TRAIN_TOGETHER,
                )
            )
    for i, t in enumerate(ini.training):
        total = sum(a.minutes for a in t.agenda)
        if t.agenda and total != t.duration_minutes:
            out.append(
                _warn(
                    doc,
                    ("training", i, "agenda"),
                    f"agenda adds up to {total} "
                    f"minutes but duration_minutes is {t.duration_minutes}",
                    AGENDA_ADDS_UP,
                )
            )
    al = ini.alignment
    if (
        al
        and al.first_estimate_weeks
        and al.planned_weeks is not None
        and al.planned_weeks < 10 * al.first_estimate_weeks
    ):
        out.append(
            _warn(
                doc,
                ("alignment", "planned_weeks"),
                f"{al.planned_weeks:g} weeks "
                f"planned is below 10 x the first estimate of "
                f"{al.first_estimate_weeks:g} weeks",
                ALIGNMENT_TIME,
            )
        )
    if ini.review_by and ini.review_by < today:
        out.append(_warn(doc, ("review_by",), f"review date {ini.review_by} has passed", REVIEW))
    return out


def lint(project: Project, docs: dict[str, Document], today: dt.date) -> list[Problem]:
    out: list[Problem] = []
    for iid, ini in project.initiatives.items():
        out.extend(_initiative(docs[iid], ini, today))
    return sorted(out)
