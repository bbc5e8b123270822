"""`playbook init`: a new initiative folder that validates (even under --strict) as written.

Every field of the format is either filled with a placeholder that follows the playbook's
advice (responsibilities in every stage, a collective training module per stage, a realistic
alignment budget) or present as a comment, so the file doubles as the format's reference.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.source.checks import CHECKS
from generator.source.load import RESERVED
from generator.source.model import ID_RULE, is_id
from generator.source.problems import UserError

__all__ = [
    "DEFAULT_STAGES",
    "PERSON_PLACEHOLDERS",
    "SCHEMA_LINE",
    "Scaffold",
    "scaffold",
    "write_scaffold",
]

SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"
DEFAULT_STAGES = ("infancy", "development", "implementation")
# The optional person fields, commented out; `people import` fills them in place.
PERSON_PLACEHOLDERS = {
    "email": "# email: someone@example.com",
    "reports_to": "# reports_to: person-id",
}


# The checks suggested in a new playbook: those that need no core-only record.
_LEADERSHIP_CHECKS = ", ".join(c.id for c in CHECKS.values() if c.level == "leadership")


@dataclass
class Scaffold:
    """What `init` will write: relative path -> text."""

    files: dict[str, str] = field(default_factory=dict)


def _q(text: str) -> str:
    """A YAML scalar that reads back as exactly `text` (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _words(id_: str) -> str:
    return " ".join(part.capitalize() for part in id_.split("-") if part)


def _check_id(value: str, what: str) -> None:
    if not is_id(value):
        raise UserError(f"not a valid {what} id: {value!r} (expected {ID_RULE})")


def _person(pid: str, title: str) -> str:
    return (
        SCHEMA_LINE.format(kind="person")
        + f"name: {_q(_words(pid))}          # edit: full name\n"
        + f"title: {_q(title)}   # edit: job title\n"
        + "function: Leadership             # edit: Marketing, Operations, ...\n"
        + "".join(f"{line}\n" for line in PERSON_PLACEHOLDERS.values())
    )


def _member(pid: str, role: str, purpose: str, stages: list[str]) -> str:
    duties = "".join(
        f"      {s}:\n        responsibilities: [Agree your part of the '{s}' stage]\n"
        f"        # time_commitment: 2 hours a week\n"
        for s in stages
    )
    return (
        f"  - person: {pid}\n"
        f"    role: {role:<24} # sponsor | champion | owner | contributor | advisor\n"
        f"    purpose: {_q(purpose)}\n"
        "    # accountabilities: {individual: [...], shared: [...]}\n"
        "    # decision_rights: {decides: [...], recommends: [...], consulted_on: [...]}\n"
        f"    stages:                      # every stage, or `validate` warns\n{duties}"
        "    # kpis: [Executive team engagement score]\n"
        "    # charter_signed: 2026-01-30  # sign in the first stage, or `validate` warns\n"
        "    # assessment: {support: neutral, influence: high, date: 2026-03-01}  # core only\n"
        "    # assessment_history: [{date: 2026-01-15, support: skeptic}]  # core, oldest first\n"
    )


def _training(stage: str, name: str) -> str:
    return (
        f"  - id: {stage}-workshop\n"
        f"    stage: {stage}\n"
        f"    title: {_q(name + ' workshop for the whole team')}\n"
        "    format: workshop             # workshop | offsite | briefing | one-to-one | "
        "self-paced\n"
        "    attendees: all               # the whole team trains together at every stage\n"
        "    duration_minutes: 90\n"
        "    # prep_minutes: 30\n"
        "    objectives: [Agree what this stage means for each of us]\n"
        "    agenda:                      # the minutes add up to duration_minutes\n"
        "      - {minutes: 30, title: Where we are}\n"
        "      - {minutes: 45, title: What each of us does next}\n"
        "      - {minutes: 15, title: Commitments}\n"
        "    # pre_reading: [{title: Survey summary, url: https://intranet.example.com/x}]\n"
        "    # exercises: [{title: Journey walk-through, instructions: ...}]\n"
        '    # sessions: [{date: 2026-02-03, start: "09:00", location: Board room}]\n'
        "    #   once held, record who came: attended: all, or attended: [person-id, ...]\n"
        "    # facilitator_notes: ...      # core audience only\n"
    )


def _stage(sid: str) -> str:
    return (
        f"  - id: {sid}\n    name: {_q(_words(sid))}\n"
        f"    goal: Edit the goal of the '{sid}' stage.\n"
        "    # starts: 2026-01-12\n    # ends: 2026-03-27\n"
        "    # entry_criteria: [Mandate confirmed by the CEO]\n"
        "    exit_criteria:\n"
        "      - {text: Every executive has agreed their part, done: false}\n"
        "    # visibility: everyone     # everyone | leadership | core\n"
    )


def _initiative(
    iid: str, title: str, sponsor: str, members: list[str], stages: list[str], today: dt.date
) -> str:
    first = stages[0]
    review = (
        today.replace(year=today.year + 1)
        if not (today.month == 2 and today.day == 29)
        else today + dt.timedelta(days=365)
    )
    out = [
        SCHEMA_LINE.format(kind="initiative"),
        f"# Scaffolded by `playbook init {iid}`. Edit every line; `playbook validate --strict`\n"
        "# checks the playbook's advice as you go.\n\n",
        f"title: {_q(title)}\n",
        "mandate: Edit this into one sentence the CEO would sign.\n",
        "summary: |\n  Why this matters now (Markdown).\n",
        f"sponsor: {sponsor}\n",
        "owner: Transformation Office\n",
        "# office_email: change-office@example.com   # the office's weekly digest (core)\n",
        f"review_by: {review.isoformat()}\n",
        f"current_stage: {first}\n# gate_checks: [{_LEADERSHIP_CHECKS}]  # advance too\n",
        "# timezone: Europe/London   # IANA zone of session start times (default UTC)\n",
        f"stage_history:\n  - {{stage: {first}, entered: {today.isoformat()}}}\n\n",
        "stages:\n",
    ]
    out.extend(_stage(s) for s in stages)
    out.append(
        "\nalignment:                       # leaders underestimate it by about 10x\n"
        "  first_estimate_weeks: 2\n  planned_weeks: 20\n\nteam:\n"
    )
    out.append(
        _member(sponsor, "sponsor", "Hold the mandate and keep the whole team engaged.", stages)
    )
    for pid in members:
        out.append(_member(pid, "contributor", "Edit: why this person is on the team.", stages))
    out.append(
        "\nactivities:\n"
        "  - id: kick-off\n"
        "    title: Kick-off with the whole leadership team\n"
        f"    stage: {first}\n"
        "    # description: Markdown.\n"
        "    # due: 2026-02-20\n"
        "    status: planned              # planned | in-progress | done | blocked\n"
        f"    raci: {{accountable: {sponsor}, informed: [all]}}\n"
        "\ntraining:\n"
    )
    out.extend(_training(s, _words(s)) for s in stages)
    out.append(
        "\n# resistance:                     # core audience only\n"
        f"#   - {{person: {sponsor}, barrier: desire, observed: ..., root_cause: other,\n"
        f"#      response: ..., owner: {sponsor}, review_on: 2026-02-15, outcome: open}}\n"
    )
    return "".join(out)


def scaffold(
    playbooks: Path,
    iid: str,
    sponsor: str,
    members: list[str],
    title: str | None,
    stages: list[str],
    today: dt.date,
) -> Scaffold:
    """Plan the files of a new initiative; refuses ids that are taken or not valid."""
    _check_id(iid, "initiative")
    for pid in [sponsor, *members]:
        _check_id(pid, "person")
    for s in stages:
        _check_id(s, "stage")
    if not stages or len(set(stages)) != len(stages):
        raise UserError("--stages needs one or more different stage ids")
    if title is not None and not title.strip():
        raise UserError("--title must not be empty")
    if iid in RESERVED:
        raise UserError(f"'{iid}' is a reserved folder name; choose another initiative id")
    folder = playbooks / iid
    for name in ("initiative.yml", "initiative.yaml"):
        if (folder / name).exists():
            raise UserError(
                f"{(folder / name).as_posix()} already exists; nothing was written "
                "(init never overwrites an initiative)"
            )
    team = list(dict.fromkeys(m for m in members if m != sponsor))
    out = Scaffold()
    out.files[f"{iid}/initiative.yml"] = _initiative(
        iid, title if title is not None else _words(iid), sponsor, team, stages, today
    )
    for pid in [sponsor, *team]:
        if not any((playbooks / "people" / f"{pid}.{ext}").exists() for ext in ("yml", "yaml")):
            role = "Executive Sponsor" if pid == sponsor else "Executive"
            out.files[f"people/{pid}.yml"] = _person(pid, role)
    return out


def write_scaffold(playbooks: Path, plan: Scaffold) -> list[str]:
    written = []
    for rel, text in plan.files.items():
        path = playbooks / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as fh:  # "x": never overwrite
            fh.write(text)
        written.append(rel)
    return written
