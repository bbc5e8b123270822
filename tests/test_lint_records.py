"""The advice about records kept as the change happens: attendance and resistance reviews.
Exact text, file, line and column; today is pinned to 2026-11-27."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import edited, minimal, run
from tests.test_lint import INI, warnings

START_SESSIONS = "    duration_minutes: 60\n    sessions:\n"
SIGNED = [
    (
        "    purpose: Hold the mandate.",
        "    purpose: Hold the mandate.\n    charter_signed: 2026-01-05",
    ),
    ("    purpose: Run the work.", "    purpose: Run the work.\n    charter_signed: 2026-01-05"),
]
FINISHING = [("current_stage: start", "current_stage: finish"), *SIGNED]


def sessions(*lines: str) -> tuple[str, str]:
    """Sessions of the start workshop (whole team), from line 40."""
    return ("    duration_minutes: 60\n", START_SESSIONS + "".join(f"      - {s}\n" for s in lines))


def resistance(outcome: str, review_on: str, updates: str = "") -> tuple[str, str]:
    return (
        "activities:",
        "resistance:\n"
        f"  - {{person: bo-chen, observed: Doubts, response: Listen, owner: ann-lee,\n"
        f"     outcome: {outcome}, review_on: {review_on}{updates}}}\n"
        "activities:",
    )


UNRECORDED = (
    f"{INI}:40:9: warning: training[0].sessions[0]: session of 'start-workshop' on 2026-11-26 "
    "has passed with no attendance recorded (advice: measure, don't assume; record who came "
    "under attended:)"
)
MISSED = (
    f"{INI}:23:5: warning: team[1]: bo-chen attended no whole-team training session of stage "
    "'start', which is over (advice: train the whole team collectively at every stage; hold a "
    "catch-up session and record who attended)"
)
CASES = {
    "past session without attendance": ([sessions("{date: 2026-11-26}")], [UNRECORDED]),
    "session today is not past yet": ([sessions("{date: 2026-11-27}")], []),
    "recorded attendance, even nobody": ([sessions("{date: 2026-11-26, attended: []}")], []),
    "member missed the training of a stage already left": (
        [*FINISHING, sessions("{date: 2026-01-10, attended: [ann-lee]}")],
        [MISSED],
    ),
    "a catch-up session counts": (
        [
            *FINISHING,
            sessions(
                "{date: 2026-01-10, attended: [ann-lee]}", "{date: 2026-01-17, attended: [bo-chen]}"
            ),
        ],
        [],
    ),
    "attended: all is everyone invited": (
        [*FINISHING, sessions("{date: 2026-01-10, attended: all}")],
        [],
    ),
    "no record: only the unrecorded session is warned about": (
        [*FINISHING, sessions("{date: 2026-11-26}")],
        [UNRECORDED.replace(":40:9:", ":42:9:")],
    ),
    "the current stage is not over": (
        [sessions("{date: 2026-01-10, attended: [ann-lee]}")],
        [],
    ),
    "open resistance past its review date": (
        [resistance("open", "2026-11-26")],
        [
            f"{INI}:30:32: warning: resistance[0].review_on: the resistance entry for bo-chen is "
            "open and was due for review on 2026-11-26 (advice: work resistance on a schedule; "
            "review it, record what changed under updates: and set the next review_on)"
        ],
    ),
    "improving is still being worked on": (
        [resistance("improving", "2026-11-01")],
        [
            f"{INI}:30:37: warning: resistance[0].review_on: the resistance entry for bo-chen is "
            "improving and was due for review on 2026-11-01 (advice: work resistance on a "
            "schedule; review it, record what changed under updates: and set the next review_on)"
        ],
    ),
    "resolved needs no review": ([resistance("resolved", "2026-11-01")], []),
    "review due today is not late": ([resistance("open", "2026-11-27")], []),
    "an update after today does not count yet": (
        [
            resistance(
                "resolved", "2026-11-01", ", updates: [{date: 2026-12-01, outcome: resolved}]"
            )
        ],
        [
            f"{INI}:30:36: warning: resistance[0].review_on: the resistance entry for bo-chen is "
            "open and was due for review on 2026-11-01 (advice: work resistance on a schedule; "
            "review it, record what changed under updates: and set the next review_on)"
        ],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_warning_message(blank: Path, name: str) -> None:
    pairs, expected = CASES[name]
    minimal(blank, edited(*pairs))
    assert warnings(blank) == expected


def test_strict_refuses_a_past_session_without_attendance(blank: Path) -> None:
    minimal(blank, edited(*CASES["past session without attendance"][0]))
    result = run(blank, "validate", "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        UNRECORDED,
        "1 warning treated as errors (--strict); nothing was written.",
    ]
