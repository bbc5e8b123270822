"""The playbook's advice as warnings: exact text, and --strict turning them into errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import edited, minimal, run

INI = "playbooks/small/initiative.yml"


def warnings(root: Path) -> list[str]:
    result = run(root, "validate")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert result.stdout == (
        f"ok: 1 initiative, 2 people, {len(lines)} warning{'s' if len(lines) != 1 else ''}\n"
    )
    return lines


CASES = {
    "no responsibilities in a stage": (
        [("      finish: {responsibilities: [Deliver the change]}\n", "")],
        [
            f"{INI}:22:5: warning: team[1]: bo-chen has no responsibilities in stage 'finish' "
            "(advice: roles must be explicit; give every member responsibilities in every stage)"
        ],
    ),
    "empty responsibilities in a stage": (
        [("finish: {responsibilities: [Deliver the change]}", "finish: {responsibilities: []}")],
        [
            f"{INI}:27:15: warning: team[1].stages.finish: bo-chen has no responsibilities in "
            "stage 'finish' (advice: roles must be explicit; give every member responsibilities in "
            "every stage)"
        ],
    ),
    "stage without collective training": (
        [("    duration_minutes: 30", "    duration_minutes: 30\n    attendees: [ann-lee]")],
        [
            f"{INI}:12:5: warning: stages[1]: stage 'finish' has no training module attended by "
            "the whole team (advice: train the whole team collectively at every stage)"
        ],
    ),
    "skeptic without a resistance plan": (
        [
            (
                "    purpose: Run the work.",
                "    purpose: Run the work.\n    assessment: {support: skeptic}",
            )
        ],
        [
            f"{INI}:25:27: warning: team[1].assessment.support: bo-chen is assessed skeptic but "
            "has no open resistance entry (advice: plan for resistance; add an entry under "
            "resistance: for them)"
        ],
    ),
    "alignment below 10x": (
        [
            (
                "current_stage: start",
                "current_stage: start\nalignment: {first_estimate_weeks: 2, planned_weeks: 8}",
            )
        ],
        [
            f"{INI}:6:53: warning: alignment.planned_weeks: 8 weeks planned is below 10 x the "
            "first estimate of 2 weeks (advice: leaders underestimate the time to align by about "
            "10x; plan for it)"
        ],
    ),
    "review date passed": (
        [("current_stage: start", "current_stage: start\nreview_by: 2026-11-26")],
        [
            f"{INI}:6:12: warning: review_by: review date 2026-11-26 has passed (advice: keep the "
            "playbook current; review it and set a new review_by)"
        ],
    ),
    "charter unsigned after the first stage": (
        [
            ("current_stage: start", "current_stage: finish"),
            (
                "    purpose: Hold the mandate.",
                "    purpose: Hold the mandate.\n    charter_signed: 2026-01-05",
            ),
        ],
        [
            f"{INI}:23:5: warning: team[1]: bo-chen has not signed their role charter and stage "
            "'finish' is past the first (advice: never assume executives know their role; have "
            "charters signed in the first stage)"
        ],
    ),
    "agenda does not add up": (
        [("      - {minutes: 60, title: Why change}", "      - {minutes: 45, title: Why change}")],
        [
            f"{INI}:40:7: warning: training[0].agenda: agenda adds up to 45 minutes but "
            "duration_minutes is 60 (advice: a timed agenda must add up; fix the minutes or "
            "duration_minutes)"
        ],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_warning_message(blank: Path, name: str) -> None:
    pairs, expected = CASES[name]
    minimal(blank, edited(*pairs))
    assert warnings(blank) == expected


def test_no_warning_when_the_advice_is_followed(blank: Path) -> None:
    minimal(
        blank,
        edited(
            (
                "current_stage: start",
                "current_stage: start\nreview_by: 2026-11-27\n"
                "alignment: {first_estimate_weeks: 2, planned_weeks: 20}",
            ),
            (
                "    purpose: Run the work.",
                "    purpose: Run the work.\n    assessment: {support: resistant}",
            ),
            (
                "activities:",
                "resistance:\n  - {person: bo-chen, observed: Doubts, response: Listen, "
                "owner: ann-lee, outcome: improving}\nactivities:",
            ),
            # a list naming the whole team counts as collective training
            (
                "    duration_minutes: 30",
                "    duration_minutes: 30\n    attendees: [bo-chen, ann-lee]",
            ),
        ),
    )
    assert warnings(blank) == []


def test_resolved_resistance_does_not_count(blank: Path) -> None:
    minimal(
        blank,
        edited(
            (
                "    purpose: Run the work.",
                "    purpose: Run the work.\n    assessment: {support: resistant}",
            ),
            (
                "activities:",
                "resistance:\n  - {person: bo-chen, observed: Doubts, response: Listen, "
                "owner: ann-lee, outcome: resolved}\nactivities:",
            ),
        ),
    )
    assert [w.split(": warning: ")[1][:40] for w in warnings(blank)] == [
        "team[1].assessment.support: bo-chen is a"
    ]


# the review_by line moves the agenda one line down
BOTH = [
    *CASES["review date passed"][1],
    CASES["agenda does not add up"][1][0].replace(":40:7:", ":41:7:"),
]


def test_all_warnings_at_once_sorted(blank: Path) -> None:
    minimal(blank, edited(*CASES["agenda does not add up"][0], *CASES["review date passed"][0]))
    assert warnings(blank) == BOTH


@pytest.mark.parametrize("command", ["validate", "render"])
def test_strict_turns_warnings_into_errors(blank: Path, command: str) -> None:
    minimal(blank, edited(*CASES["agenda does not add up"][0], *CASES["review date passed"][0]))
    result = run(blank, command, "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        *BOTH,
        "2 warnings treated as errors (--strict); nothing was written.",
    ]
    assert not (blank / "generated").exists()


def test_strict_build_refuses_before_mkdocs(blank: Path) -> None:
    minimal(blank, edited(*CASES["review date passed"][0]))
    result = run(blank, "build", "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "1 warning treated as errors (--strict); nothing was written."
    )
    assert not (blank / "generated").exists()
    assert not (blank / "site").exists()


def test_warnings_do_not_stop_a_normal_run(blank: Path) -> None:
    minimal(blank, edited(*CASES["review date passed"][0]))
    result = run(blank, "render")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == CASES["review date passed"][1]


def test_a_build_with_warnings_runs_the_pipeline_once_and_warns_once(
    blank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`playbook build` hands its run to the MkDocs plugin instead of running it again."""
    from generator import pipeline

    minimal(blank, edited(*CASES["stage without collective training"][0]))
    calls = []
    real = pipeline.load_sources

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "load_sources", counted)
    result = run(blank, "build")
    assert result.exit_code == 0, result.output
    assert len(calls) == 1
    assert result.stderr.count("has no training module attended by the whole team") == 1
