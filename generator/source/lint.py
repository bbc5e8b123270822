"""The playbook's own advice, checked: warnings (errors under --strict).

Each warning says what is wrong, then `(advice: ...)`: the rule of the playbook it enforces,
so the person fixing it knows why it matters.
"""

from __future__ import annotations

import datetime as dt
import posixpath

from generator.source import rules, signatures
from generator.source.model import Initiative
from generator.source.problems import Problem
from generator.source.project import Project
from generator.source.yamlfile import Document, Key, dotted

__all__ = [
    "AGENDA_ADDS_UP",
    "ALIGNMENT_TIME",
    "CATCH_UP",
    "EXPLICIT_ROLES",
    "MEASURE",
    "PLAN_RESISTANCE",
    "REVIEW",
    "REVIEW_RESISTANCE",
    "SIGN_CHARTER",
    "TRAIN_TOGETHER",
    "lint",
]

EXPLICIT_ROLES = "roles must be explicit; give every member responsibilities in every stage"
TRAIN_TOGETHER = "train the whole team collectively at every stage"
PLAN_RESISTANCE = "plan for resistance; add an entry under resistance: for them"
ALIGNMENT_TIME = (
    f"leaders underestimate the time to align by about {rules.ALIGNMENT_FACTOR}x; plan for it"
)
REVIEW = "keep the playbook current; review it and set a new review_by"
SIGN_CHARTER = "never assume executives know their role; have charters signed in the first stage"
RE_SIGN = (
    "a charter changed since it was signed is not agreed; `playbook sign {iid} {pid}` re-signs it"
)
KEPT_COPY = "a kept copy is what a member signed; remove it, or put them back on the team"
AGENDA_ADDS_UP = "a timed agenda must add up; fix the minutes or duration_minutes"
MEASURE = "measure, don't assume; record who came under attended:"
CATCH_UP = (
    "train the whole team collectively at every stage; hold a catch-up session and record "
    "who attended"
)
ASK_THE_TEAM = (
    "ask the team at every stage, don't assume it knows its role; run the pulse survey and "
    "record the answers with `playbook pulse import`"
)
REVIEW_RESISTANCE = (
    "work resistance on a schedule; review it, record what changed under updates: and set "
    "the next review_on"
)


def _warn(doc: Document, path: Key, message: str, advice: str) -> Problem:
    line, col = doc.marks.at(path)
    return Problem(doc.file, line, col, dotted(path), f"{message} (advice: {advice})", "warning")


def _members(doc: Document, ini: Initiative) -> list[Problem]:
    out: list[Problem] = []
    stage_ids = [s.id for s in ini.stages]
    past_first = rules.past_first_stage(ini)
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
        signed = signatures.signature(ini, m)
        if signed.stale:
            n = len(signed.changes)
            out.append(
                _warn(
                    doc,
                    ("team", i, "charter_signed"),
                    f"{m.person} signed an earlier version of their charter on {signed.signed} "
                    f"({n} change{'s' if n != 1 else ''} since)",
                    RE_SIGN.format(iid=ini.id, pid=m.person),
                )
            )
        if m.assessment and rules.at_risk(m) and not rules.resistance_planned(m, ini.resistance):
            support = m.assessment.support
            out.append(
                _warn(
                    doc,
                    ("team", i, "assessment", "support"),
                    f"{m.person} is assessed {support} but has no open resistance entry",
                    PLAN_RESISTANCE,
                )
            )
    return out


def _records(doc: Document, ini: Initiative, today: dt.date) -> list[Problem]:
    """What was (not) recorded as the change happened: attendance, resistance reviews."""
    out: list[Problem] = []
    for i, t in enumerate(ini.training):
        for j, session in enumerate(t.sessions):
            if rules.unrecorded(session, today):
                out.append(
                    _warn(
                        doc,
                        ("training", i, "sessions", j),
                        f"session of '{t.id}' on {session.date} has passed with no attendance "
                        "recorded",
                        MEASURE,
                    )
                )
    stage_ids = [s.id for s in ini.stages]
    left = stage_ids[: stage_ids.index(ini.current_stage)]
    position = {m.person: i for i, m in enumerate(ini.team)}
    for stage in left:
        # Unrecorded sessions are warned about above; absence can only be read from a record.
        if not rules.attendance_recorded(ini, stage):
            continue
        for pid in rules.untrained(ini, stage):
            out.append(
                _warn(
                    doc,
                    ("team", position[pid]),
                    f"{pid} attended no whole-team training session of stage '{stage}', "
                    "which is over",
                    CATCH_UP,
                )
            )
    if rules.pulse_asked(ini):
        for stage in left:
            if not rules.pulse_of(ini, stage):
                out.append(
                    _warn(
                        doc,
                        ("stages", stage_ids.index(stage)),
                        f"stage '{stage}' was left with no pulse response",
                        ASK_THE_TEAM,
                    )
                )
    for i, entry in enumerate(ini.resistance):
        if rules.review_due(entry, today):
            out.append(
                _warn(
                    doc,
                    ("resistance", i, "review_on"),
                    f"the resistance entry for {entry.person} is "
                    f"{rules.outcome_on(entry, today)} and was due for review on {entry.review_on}",
                    REVIEW_RESISTANCE,
                )
            )
    return out


def _orphans(doc: Document, ini: Initiative) -> list[Problem]:
    """Kept copies of people no longer on the team."""
    team = {m.person for m in ini.team}
    folder = posixpath.dirname(doc.file)
    return [
        Problem(
            f"{folder}/signed/{pid}.yml",
            1,
            1,
            "",
            f"{pid} is not on the team of {ini.id} (advice: {KEPT_COPY})",
            "warning",
        )
        for pid in sorted(ini.kept)
        if pid not in team
    ]


def _initiative(doc: Document, ini: Initiative, today: dt.date) -> list[Problem]:
    out = _members(doc, ini) + _records(doc, ini, today) + _orphans(doc, ini)
    team = {m.person for m in ini.team}
    for i, s in enumerate(ini.stages):
        if not any(t.stage == s.id and rules.for_whole_team(t, team) for t in ini.training):
            out.append(
                _warn(
                    doc,
                    ("stages", i),
                    f"stage '{s.id}' has no training module attended by the whole team",
                    TRAIN_TOGETHER,
                )
            )
    for i, t in enumerate(ini.training):
        if not rules.agenda_adds_up(t):
            out.append(
                _warn(
                    doc,
                    ("training", i, "agenda"),
                    f"agenda adds up to {rules.agenda_total(t)} "
                    f"minutes but duration_minutes is {t.duration_minutes}",
                    AGENDA_ADDS_UP,
                )
            )
    al = ini.alignment
    if al and rules.alignment_short(al):
        out.append(
            _warn(
                doc,
                ("alignment", "planned_weeks"),
                f"{al.planned_weeks or 0:g} weeks planned is below "
                f"{rules.ALIGNMENT_FACTOR} x the first estimate of "
                f"{al.first_estimate_weeks or 0:g} weeks",
                ALIGNMENT_TIME,
            )
        )
    if rules.review_overdue(ini, today):
        out.append(_warn(doc, ("review_by",), f"review date {ini.review_by} has passed", REVIEW))
    return out


def lint(project: Project, docs: dict[str, Document], today: dt.date) -> list[Problem]:
    out: list[Problem] = []
    for iid, ini in project.initiatives.items():
        out.extend(_initiative(docs[iid], ini, today))
    return sorted(out)
