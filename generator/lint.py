"""The playbook's own advice, checked: warnings (errors under --strict)."""

from __future__ import annotations

import datetime as dt

from generator.model import Initiative
from generator.problems import Problem
from generator.project import Project
from generator.yamlfile import Document, Key, dotted

OPEN_OUTCOMES = ("open", "improving", "escalated")


def _warn(doc: Document, path: Key, message: str) -> Problem:
    line, col = doc.marks.at(path)
    return Problem(doc.file, line, col, dotted(path), message, "warning")


def _initiative(doc: Document, ini: Initiative, today: dt.date) -> list[Problem]:
    out: list[Problem] = []
    stage_ids = [s.id for s in ini.stages]
    current = stage_ids.index(ini.current_stage)
    for i, m in enumerate(ini.team):
        for stage in stage_ids:
            duty = m.stages.get(stage)
            if duty is None or not duty.responsibilities:
                path: Key = ("team", i, "stages", stage) if duty else ("team", i, "stages")
                out.append(_warn(doc, path if duty else ("team", i), f"{m.person} has no "
                                 f"responsibilities in stage '{stage}' (roles must be explicit: "
                                 "give every member responsibilities in every stage)"))
        if current > 0 and m.charter_signed is None:
            out.append(_warn(doc, ("team", i), f"{m.person} has not signed their role charter "
                             f"and the initiative is past its first stage (sign charters early)"))
        support = m.assessment.support if m.assessment else None
        if support in ("skeptic", "resistant") and not any(
            r.person == m.person and r.outcome in OPEN_OUTCOMES for r in ini.resistance
        ):
            out.append(_warn(doc, ("team", i, "assessment", "support"), f"{m.person} is assessed "
                             f"{support} but has no open resistance entry (plan for resistance)"))
    for i, s in enumerate(ini.stages):
        if not any(t.stage == s.id and t.attendees == "all" for t in ini.training):
            out.append(_warn(doc, ("stages", i), f"stage '{s.id}' has no training module "
                             "attended by all (train the whole team collectively at every stage)"))
    for i, t in enumerate(ini.training):
        total = sum(a.minutes for a in t.agenda)
        if t.agenda and total != t.duration_minutes:
            out.append(_warn(doc, ("training", i, "agenda"), f"agenda adds up to {total} "
                             f"minutes but duration_minutes is {t.duration_minutes}"))
    al = ini.alignment
    if al and al.first_estimate_weeks and al.planned_weeks is not None:
        if al.planned_weeks < 10 * al.first_estimate_weeks:
            out.append(_warn(doc, ("alignment", "planned_weeks"), f"{al.planned_weeks:g} weeks "
                             f"planned is below 10 x the first estimate of "
                             f"{al.first_estimate_weeks:g} weeks (leaders underestimate the time "
                             "to align by about 10x)"))
    if ini.review_by and ini.review_by < today:
        out.append(_warn(doc, ("review_by",), f"review date {ini.review_by} has passed; review "
                         "the playbook and set a new review_by"))
    return out


def lint(project: Project, docs: dict[str, Document], today: dt.date) -> list[Problem]:
    out: list[Problem] = []
    for iid, ini in project.initiatives.items():
        out.extend(_initiative(docs[iid], ini, today))
    return sorted(out)
