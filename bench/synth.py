"""Synthetic organisations for the benchmarks: N leaders on one initiative, or a portfolio."""

from __future__ import annotations

import shutil
from pathlib import Path

FUNCTIONS = (
    "Sales",
    "Marketing",
    "Operations",
    "Finance",
    "People",
    "Technology",
    "Legal",
    "Service",
)
STAGES = (
    ("infancy", "Infancy"),
    ("development", "Development"),
    ("implementation", "Implementation"),
)
REPO = Path(__file__).resolve().parent.parent


def _person(i: int) -> str:
    boss = f"\nreports_to: p{(i - 1) // 8:05d}" if i else ""
    return (
        f"name: Leader {i:05d} Surname{i}\ntitle: Head of Unit {i}\n"
        f"function: {FUNCTIONS[i % len(FUNCTIONS)]}\nemail: leader{i}@example.com{boss}\n"
    )


# With records (bench/imports.py): the date of each stage's workshop session, and the pulse.
SESSIONS = {"infancy": "2026-02-10", "development": "2026-05-14", "implementation": "2026-09-15"}
QUESTIONS = (
    ("role-clear", "I know what is expected of me in this stage of the change."),
    ("team-aligned", "The leadership team agrees on what this change is for."),
    ("time-enough", "I have the time this change asks of me."),
)


def _initiative(title: str, members: list[int], grow: bool = False, records: bool = False) -> str:
    lines = [
        f"title: {title}",
        "mandate: Improve how the organisation serves its clients.",
        f"sponsor: p{members[0]:05d}",
        "owner: Transformation Office",
        "current_stage: development",
        "stage_history:",
        "  - {stage: infancy, entered: 2026-01-12}",
        "  - {stage: development, entered: 2026-04-06}",
        "alignment: {first_estimate_weeks: 2, planned_weeks: 20}",
        "stages:",
    ]
    for sid, name in STAGES:
        lines += [
            f"  - id: {sid}",
            f"    name: {name}",
            f"    goal: Do the {sid} work.",
            "    exit_criteria:",
            "      - {text: Gate passed, done: false}",
        ]
    lines.append("team:")
    for n, i in enumerate(members):
        role = "sponsor" if n == 0 else ("owner", "contributor", "champion", "advisor")[n % 4]
        lines += [
            f"  - person: p{i:05d}",
            f"    role: {role}",
            "    purpose: Lead their unit through the change.",
            "    accountabilities: {individual: [Unit adoption], shared: [Client score]}",
            "    decision_rights: {decides: [Unit budget], consulted_on: [Hiring]}",
            "    kpis: [Client effort score]",
            "    charter_signed: 2026-02-01",
            "    stages:",
        ]
        for sid, _ in STAGES:
            lines.append(
                f"      {sid}: {{responsibilities: [Lead {sid} in unit {i}], "
                "time_commitment: 2 hours a week}"
            )
    lines.append("activities:")
    lines += _grown_activities(members) if grow else _bounded_activities(members)
    lines.append("training:")
    for sid, name in STAGES:
        lines += [
            f"  - id: {sid}-workshop",
            f"    stage: {sid}",
            f"    title: {name} workshop",
            "    format: workshop",
            "    duration_minutes: 60",
            "    agenda: [{minutes: 60, title: Work together}]",
        ]
        if records:
            done = ", attended: all" if sid == "infancy" else ""
            lines.append(f"    sessions: [{{date: {SESSIONS[sid]}{done}}}]")
    if records:
        lines += _pulse(members)
    return "\n".join(lines) + "\n"


def _pulse(members: list[int]) -> list[str]:
    """The pulse's questions, and every member's answers to the stage already left."""
    lines = ["pulse:", "  questions:"]
    lines += [f"    - {{id: {q}, text: {text}}}" for q, text in QUESTIONS]
    lines += ["  min_answers: 3", "  responses:"]
    for i in members:
        lines.append(
            f"    - {{person: p{i:05d}, stage: infancy, date: 2026-03-30, answers: "
            f"{{role-clear: {1 + i % 5}, team-aligned: {1 + (i // 5) % 5}, time-enough: 3}}}}"
        )
    return lines


def _bounded_activities(members: list[int]) -> list[str]:
    """One whole-team activity per stage, and one activity per group of four leaders: each
    leader works on a bounded number of activities however large the organisation."""
    lines = []
    for sid, name in STAGES:
        lines += [
            f"  - id: {sid}-review",
            f"    title: {name} leadership review",
            f"    stage: {sid}",
            f"    raci: {{accountable: p{members[0]:05d}, informed: [all]}}",
        ]
    for k in range(0, len(members), 4):
        group = members[k : k + 4]
        sid = STAGES[(k // 4) % 3][0]
        resp = ", ".join(f"p{i:05d}" for i in group[1:])
        lines += [
            f"  - id: act-{k}",
            f"    title: Activity {k}",
            f"    stage: {sid}",
            f"    raci: {{accountable: p{group[0]:05d}, responsible: [{resp}]}}",
        ]
    return lines


def _grown_activities(members: list[int]) -> list[str]:
    """Activities that grow with the team: one per five leaders (one accountable, two
    responsible, two consulted), each informing the whole team, so every leader is informed
    of a number of activities that grows with the organisation."""
    lines = []
    for k in range(0, len(members), 5):
        group = [f"p{i:05d}" for i in members[k : k + 5]]
        sid = STAGES[(k // 5) % 3][0]
        lines += [
            f"  - id: act-{k}",
            f"    title: Cross-unit activity {k}",
            f"    stage: {sid}",
            f"    raci: {{accountable: {group[0]}, responsible: [{', '.join(group[1:3])}], "
            f"consulted: [{', '.join(group[3:])}], informed: [all]}}",
        ]
    return lines


def make_org(
    dest: Path, leaders: int, initiatives: int = 1, grow: bool = False, records: bool = False
) -> Path:
    """A site repository with `leaders` people spread over `initiatives` initiatives; with
    `grow`, activities grow with the team (see _grown_activities); with `records`, each
    workshop has a session and each initiative a pulse answered for the stage it left."""
    if dest.exists():
        shutil.rmtree(dest)
    for name in ("mkdocs.yml", "templates", "site_overrides", "generator"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    people = dest / "playbooks" / "people"
    people.mkdir(parents=True)
    for i in range(leaders):
        (people / f"p{i:05d}.yml").write_text(_person(i))
    per = leaders // initiatives
    for n in range(initiatives):
        members = list(range(n * per, (n + 1) * per))
        folder = dest / "playbooks" / f"initiative-{n:02d}"
        folder.mkdir(parents=True)
        (folder / "initiative.yml").write_text(
            _initiative(f"Initiative {n}", members, grow, records)
        )
    return dest
