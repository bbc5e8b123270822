"""Attendance, assessments over time, resistance updates and gate checks: every error with its
exact text, line and column; and the records are optional (older playbooks stay valid)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import edited, minimal, run
from tests.test_validation_errors import ID_RULE, errors

INI = "playbooks/small/initiative.yml"
FINISH = "    duration_minutes: 30"
# A briefing for Ann alone, in the start stage, with one session (line 53).
BRIEFING = """    duration_minutes: 30
  - id: briefing
    stage: start
    title: Budget briefing
    format: briefing
    attendees: [ann-lee]
    duration_minutes: 30
    sessions:
      - {date: 2026-10-01, attended: @WHO@}"""


def session(attended: str) -> tuple[str, str]:
    """The finish workshop gets one session (line 47) recording `attended`."""
    return (FINISH, f"{FINISH}\n    sessions:\n      - {{date: 2026-10-01, attended: {attended}}}")


def briefing(attended: str) -> tuple[str, str]:
    return (FINISH, BRIEFING.replace("@WHO@", attended))


BO_HISTORY = "    purpose: Run the work.\n    assessment_history:\n"

CASES = {
    "attendee: unknown person, near miss": (
        [session("[ann-lee, bo-chn]")],
        f"{INI}:47:48: training[1].sessions[0].attended[1]: unknown person 'bo-chn' (did you "
        "mean 'bo-chen'?)",
    ),
    "attendee: not on the team": (
        [session("[cy-diaz]")],
        f"{INI}:47:39: training[1].sessions[0].attended[0]: person 'cy-diaz' is not on this "
        "initiative's team (expected a team member; add them under team:)",
    ),
    "attendee: not invited to the module": (
        [briefing("[ann-lee, bo-chen]")],
        f"{INI}:53:48: training[2].sessions[0].attended[1]: 'bo-chen' is not invited to this "
        "module (expected one of its attendees: ann-lee; or add them to the module's "
        "attendees:)",
    ),
    "attendee: twice": (
        [session("[ann-lee, bo-chen, ann-lee]")],
        f"{INI}:47:57: training[1].sessions[0].attended[2]: duplicate attendee 'ann-lee' "
        "(expected each once; first at training[1].sessions[0].attended[0], line 47)",
    ),
    "attendee: all inside a list": (
        [session("[all]")],
        f"{INI}:47:39: training[1].sessions[0].attended[0]: 'all' inside a list (expected "
        "`attended: all` on its own, or a list of person ids)",
    ),
    "attendee: a bad id": (
        [session("[Ann Lee]")],
        f"{INI}:47:39: training[1].sessions[0].attended[0]: not a valid id: 'Ann Lee' ({ID_RULE})",
    ),
    "attended: neither all nor a list": (
        [session("everyone")],
        f"{INI}:47:38: training[1].sessions[0].attended: found text 'everyone' (expected 'all' "
        "or a list of ids)",
    ),
    "assessment history: not oldest first": (
        [
            (
                "    purpose: Run the work.",
                BO_HISTORY + "      - {date: 2026-03-01, support: skeptic}\n"
                "      - {date: 2026-02-01, support: neutral}",
            )
        ],
        f"{INI}:27:16: team[1].assessment_history[1].date: date 2026-02-01 is before the one "
        "above it, 2026-03-01 (expected oldest first)",
    ),
    "assessment history: date and support required": (
        [("    purpose: Run the work.", BO_HISTORY + "      - {influence: high}")],
        None,  # two errors: checked below
    ),
    "assessment history: unknown support": (
        [
            (
                "    purpose: Run the work.",
                BO_HISTORY + "      - {date: 2026-03-01, support: sceptic}",
            )
        ],
        f"{INI}:26:37: team[1].assessment_history[0].support: unknown value 'sceptic' (expected "
        "one of: champion, supporter, neutral, skeptic, resistant; did you mean 'skeptic'?)",
    ),
    "latest assessment older than the history": (
        [
            (
                "    purpose: Run the work.",
                "    purpose: Run the work.\n"
                "    assessment: {support: neutral, date: 2026-01-15}\n"
                "    assessment_history:\n"
                "      - {date: 2026-02-01, support: skeptic}",
            )
        ],
        f"{INI}:25:42: team[1].assessment.date: date 2026-01-15 is before the last "
        "assessment_history date 2026-02-01 (expected the latest assessment under assessment:, "
        "earlier ones under assessment_history:)",
    ),
    "resistance update: not oldest first": (
        [
            (
                "activities:",
                "resistance:\n"
                "  - {person: bo-chen, observed: Doubts it., response: Talk., owner: ann-lee,\n"
                "     updates: [{date: 2026-05-01, outcome: improving},\n"
                "               {date: 2026-04-01, outcome: open}]}\n"
                "activities:",
            )
        ],
        f"{INI}:31:23: resistance[0].updates[1].date: date 2026-04-01 is before the one above "
        "it, 2026-05-01 (expected oldest first)",
    ),
    "resistance update: unknown outcome": (
        [
            (
                "activities:",
                "resistance:\n"
                "  - {person: bo-chen, observed: Doubts it., response: Talk., owner: ann-lee,\n"
                "     updates: [{date: 2026-05-01, outcome: better}]}\n"
                "activities:",
            )
        ],
        f"{INI}:30:44: resistance[0].updates[0].outcome: unknown value 'better' (expected one "
        "of: open, improving, resolved, escalated)",
    ),
    "gate check: near miss": (
        [("current_stage: start", "current_stage: start\ngate_checks: [charter-signed]")],
        f"{INI}:6:15: gate_checks[0]: unknown value 'charter-signed' (expected one of: "
        "charters-signed, team-trained, resistance-reviewed, pulse-taken, roles-clear; "
        "did you mean 'charters-signed'?)",
    ),
    "gate check: twice": (
        [
            (
                "current_stage: start",
                "current_stage: start\ngate_checks: [team-trained, charters-signed, team-trained]",
            )
        ],
        f"{INI}:6:46: gate_checks[2]: duplicate gate check 'team-trained' (expected each once; "
        "first at gate_checks[0], line 6)",
    ),
    "failed check in the history names an unknown person": (
        [
            (
                "current_stage: start",
                "current_stage: start\nstage_history:\n  - {stage: start, entered: 2026-01-05,"
                " failed_checks: [{check: team-trained, people: [bo-chn]}]}",
            )
        ],
        f"{INI}:7:88: stage_history[0].failed_checks[0].people[0]: unknown person 'bo-chn' "
        "(did you mean 'bo-chen'?)",
    ),
}


@pytest.mark.parametrize("name", [n for n, (_, msg) in CASES.items() if msg])
def test_error_message(blank: Path, name: str) -> None:
    pairs, message = CASES[name]
    minimal(blank, edited(*pairs))
    (blank / "playbooks/people/cy-diaz.yml").write_text("name: Cy Diaz\ntitle: CIO\nfunction: IT\n")
    assert errors(blank) == [message]


def test_history_entry_needs_date_and_support(blank: Path) -> None:
    minimal(blank, edited(*CASES["assessment history: date and support required"][0]))
    assert errors(blank) == [
        f"{INI}:26:9: team[1].assessment_history[0].date: required key 'date' is missing",
        f"{INI}:26:9: team[1].assessment_history[0].support: required key 'support' is missing",
    ]


def test_every_record_together_is_valid(blank: Path) -> None:
    """All the new fields at once, written as the spec writes them, validate cleanly."""
    minimal(
        blank,
        edited(
            ("current_stage: start", "current_stage: start\ngate_checks: [charters-signed]"),
            (
                "    purpose: Run the work.",
                "    purpose: Run the work.\n"
                "    assessment: {support: skeptic, influence: high, date: 2026-03-01}\n"
                "    assessment_history:\n"
                "      - {date: 2026-01-15, support: skeptic, influence: high, notes: Doubts.}\n"
                "      - {date: 2026-02-15, support: resistant}",
            ),
            (
                "activities:",
                "resistance:\n"
                "  - person: bo-chen\n"
                "    observed: Doubts it.\n"
                "    response: Talk.\n"
                "    owner: ann-lee\n"
                "    review_on: 2026-12-15\n"
                "    updates:\n"
                "      - {date: 2026-02-15, outcome: improving, note: Agreed to co-own.}\n"
                "      - {date: 2026-02-15, outcome: open}\n"
                "activities:",
            ),
            session("[ann-lee, bo-chen]"),
            (
                "    duration_minutes: 60",
                "    duration_minutes: 60\n    sessions: [{date: 2026-01-20, attended: all}]",
            ),
        ),
    )
    result = run(blank, "validate", "--strict")
    assert result.exit_code == 0, result.output
