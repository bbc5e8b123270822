"""`playbook advance` and the gate checks: refused while one fails, naming who fails it, the
file byte-identical; `--force` moves and records what failed, as open criteria are recorded."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run
from tests.test_advance import CURRENT, INITIATIVE, PLAYBOOK, changed_lines, playbook

HISTORY = "stage_history:\n  - {stage: start, entered: 2026-01-05}\n"
CHECKS = CURRENT + "gate_checks: [charters-signed, team-trained]\n"
# Bo has not signed, and only Ann came to the start workshop.
FAILING = (
    PLAYBOOK.replace(CURRENT, CHECKS)
    .replace("    charter_signed: 2026-01-06\n", "")
    .replace(
        "sessions: [{date: 2026-12-10}]", "sessions: [{date: 2026-11-20, attended: [ann-lee]}]"
    )
)
PASSING = FAILING.replace(
    "    purpose: Run the work.\n", "    purpose: Run the work.\n    charter_signed: 2026-01-06\n"
).replace("attended: [ann-lee]", "attended: all")
RESISTANCE = """resistance:
  - person: bo-chen
    observed: Doubts the budget.
    response: Co-own it.
    owner: ann-lee
    review_on: 2026-11-01
"""
SIGNED_BO = (
    f"{INITIATIVE}:43:5: team[1]: gate check charters-signed: bo-chen has not signed their role "
    "charter; `playbook sign small bo-chen` records it"
)
TRAINED_BO = (
    f"{INITIATIVE}:43:5: team[1]: gate check team-trained: bo-chen attended no whole-team "
    "training session of stage 'start'"
)


def test_refuses_while_a_gate_check_fails_and_names_who(blank: Path) -> None:
    path = playbook(blank, HISTORY, text=FAILING)
    before = path.read_bytes()
    result = run(blank, "advance", "small")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        SIGNED_BO,
        TRAINED_BO,
        "small: 2 gate checks of stage 'Start' fail (charters-signed for Bo Chen (bo-chen); "
        "team-trained for Bo Chen (bo-chen)); nothing was changed. Record what the gate checks "
        "ask for, or use --force to move anyway (the site then shows what failed at the "
        "transition).",
    ]
    assert path.read_bytes() == before
    assert not (blank / "generated").exists()


def test_open_criteria_and_failing_checks_are_named_together(blank: Path) -> None:
    path = playbook(blank, HISTORY, done=False, text=FAILING)
    before = path.read_bytes()
    result = run(blank, "advance", "small")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{INITIATIVE}:19:9: stages[0].exit_criteria[1]: not met: Budget approved",
        SIGNED_BO,
        TRAINED_BO,
        "small: 1 exit criterion of stage 'Start' is still open and 2 gate checks of stage "
        "'Start' fail (charters-signed for Bo Chen (bo-chen); team-trained for Bo Chen "
        "(bo-chen)); nothing was changed. Mark it `done: true` once met and record what the "
        "gate checks ask for, or use --force to move anyway (the site then shows what was open "
        "and what failed at the transition).",
    ]
    assert path.read_bytes() == before


def test_force_moves_and_records_what_failed(blank: Path) -> None:
    path = playbook(blank, HISTORY, text=FAILING)
    before = path.read_text("utf-8")
    result = run(blank, "advance", "small", "--force", "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        f"{INITIATIVE}: small moved from 'start' to 'build' on 2026-11-27 (forced: 2 gate "
        "checks failing)"
    )
    removed, added = changed_lines(before, path.read_text("utf-8"))
    assert removed == [CURRENT]
    assert added == [
        "current_stage: build   # moved by playbook advance\n",
        "  - {stage: build, entered: 2026-11-27, failed_checks: [{check: charters-signed, "
        "people: [bo-chen]}, {check: team-trained, people: [bo-chen]}]}\n",
    ]
    assert run(blank, "validate").exit_code == 0


def test_forced_block_history_stays_block_style(blank: Path) -> None:
    history = "stage_history:\n  - stage: start\n    entered: 2026-01-05\n"
    path = playbook(blank, history, done=False, text=FAILING)
    before = path.read_text("utf-8")
    assert run(blank, "advance", "small", "--force", "--date", "2026-11-27").exit_code == 0
    _, added = changed_lines(before, path.read_text("utf-8"))
    assert added == [
        "current_stage: build   # moved by playbook advance\n",
        "  - stage: build\n",
        "    entered: 2026-11-27\n",
        "    open_criteria:\n",
        '      - "Budget approved"\n',
        "    failed_checks:\n",
        "      - {check: charters-signed, people: [bo-chen]}\n",
        "      - {check: team-trained, people: [bo-chen]}\n",
    ]


def test_moves_when_every_check_passes(blank: Path) -> None:
    playbook(blank, HISTORY, text=PASSING)
    result = run(blank, "advance", "small", "--date", "2026-11-27")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith("on 2026-11-27")


def test_resistance_reviewed_is_checked_on_the_date_of_the_move(blank: Path) -> None:
    text = PASSING.replace(CHECKS, CURRENT + "gate_checks: [resistance-reviewed]\n").replace(
        "activities:\n", RESISTANCE + "activities:\n"
    )
    path = playbook(blank, HISTORY, text=text)
    before = path.read_bytes()
    late = run(blank, "advance", "small", "--date", "2026-11-02")
    assert late.exit_code == 1
    assert late.stderr.splitlines() == [
        f"{INITIATIVE}:57:16: resistance[0].review_on: gate check resistance-reviewed: the "
        "entry for bo-chen was due for review on 2026-11-01",
        "small: 1 gate check of stage 'Start' fails (resistance-reviewed for Bo Chen (bo-chen)); "
        "nothing was changed. Record what the gate checks ask for, or use --force to move "
        "anyway (the site then shows what failed at the transition).",
    ]
    assert path.read_bytes() == before
    assert run(blank, "advance", "small", "--date", "2026-11-01").exit_code == 0


def test_a_check_not_listed_is_not_required(blank: Path) -> None:
    """Without gate_checks, only the exit criteria stand in the way (older playbooks)."""
    playbook(blank, HISTORY, text=FAILING.replace(CHECKS, CURRENT))
    assert run(blank, "advance", "small").exit_code == 0
