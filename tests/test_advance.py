"""`playbook advance`: the gate, --force, --to, and an edit that keeps the file's layout."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from generator.commands import advance as advance_module
from tests.conftest import MINIMAL_PEOPLE, run, write

# Lint-clean, with comments and blank lines the edit must keep. @HISTORY@ is replaced by
# each test's stage_history (or nothing), @DONE@ by whether the start gate is met.
PLAYBOOK = """\
# The small change, kept by the Change Office.
title: Small Change  # shown on every page
mandate: Make one thing better.

sponsor: ann-lee
owner: Change Office
current_stage: start   # moved by playbook advance
@HISTORY@
stages:
  # Three stages, in order.
  - id: start
    name: Start
    goal: Agree the case.
    starts: 2026-01-05
    exit_criteria:
      - {text: Case agreed, done: true}
      - text: Budget approved   # by the CFO
        done: @DONE@
  - id: build
    name: Build
    goal: Build it.
    exit_criteria:
      - {text: Pilot live, done: false}
  - id: finish
    name: Finish
    goal: Deliver it.

team:
  - person: ann-lee
    role: sponsor
    purpose: Hold the mandate.
    charter_signed: 2026-01-05
    stages:
      start:
        responsibilities: [Chair the kick-off, Hold the budget]
        time_commitment: 2 hours a week
      build:
        responsibilities: [Hold the budget, Unblock the pilot]
        time_commitment: 4 hours a week
      finish: {responsibilities: [Close the programme]}
  - person: bo-chen
    role: owner
    purpose: Run the work.
    charter_signed: 2026-01-06
    stages:
      start: {responsibilities: [Map the process]}
      build: {responsibilities: [Run the pilot]}
      finish: {responsibilities: [Deliver the change]}

activities:
  - id: kick-off
    title: Kick-off
    stage: start
    status: done
    raci: {accountable: ann-lee, responsible: [bo-chen], informed: [all]}
  - id: process-map
    title: Process map
    stage: start
    status: in-progress
    raci: {accountable: bo-chen, consulted: [ann-lee]}
  - id: pilot
    title: Pilot
    stage: build
    raci: {accountable: bo-chen, informed: [ann-lee]}

training:
  - id: start-workshop
    stage: start
    title: Start workshop
    format: workshop
    duration_minutes: 60
    sessions: [{date: 2026-12-10}]
  - id: start-briefing
    stage: start
    title: Budget briefing
    format: briefing
    attendees: [ann-lee]
    duration_minutes: 30
  - id: build-workshop
    stage: build
    title: Build workshop
    format: workshop
    duration_minutes: 60
  - id: finish-workshop
    stage: finish
    title: Finish workshop
    format: workshop
    duration_minutes: 60
"""

INITIATIVE = "playbooks/small/initiative.yml"
CURRENT = "current_stage: start   # moved by playbook advance\n"


def playbook(root: Path, history: str = "", done: bool = True, text: str = PLAYBOOK) -> Path:
    for pid, body in MINIMAL_PEOPLE.items():
        write(root, f"playbooks/people/{pid}.yml", body)
    body = text.replace("@HISTORY@\n", history).replace("@DONE@", "true" if done else "false")
    path = root / INITIATIVE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body.encode("utf-8"))
    return path


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(lines removed, lines added): everything else is byte-identical and in place."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += a[i1:i2]
            added += b[j1:j2]
    return removed, added


def test_playbook_is_lint_clean(blank: Path) -> None:
    playbook(blank, "stage_history:\n  - {stage: start, entered: 2026-01-05}\n")
    result = run(blank, "validate", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok: 1 initiative, 2 people, 0 warnings\n"


def test_refuses_while_exit_criteria_are_open(blank: Path) -> None:
    path = playbook(blank, done=False)
    before = path.read_bytes()
    result = run(blank, "advance", "small")
    assert result.exit_code == 1
    assert result.stderr == (
        "playbooks/small/initiative.yml:16:9: stages[0].exit_criteria[1]: not met: "
        "Budget approved\n"
        "small: 1 exit criterion of stage 'Start' is still open; nothing was changed. Mark it "
        "`done: true` once met, or use --force to move anyway (the site then shows what was "
        "open at the transition).\n"
    )
    assert path.read_bytes() == before
    assert not (blank / "generated").exists()


def test_force_records_the_open_criteria_and_the_overview_shows_them(blank: Path) -> None:
    path = playbook(blank, done=False)
    before = path.read_text("utf-8")
    result = run(blank, "advance", "small", "--force", "--date", "2026-11-27", "--by", "Ann Lee")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "playbooks/small/initiative.yml: small moved from 'start' to 'build' on 2026-11-27 "
        "(forced: 1 exit criterion open)"
    )
    removed, added = changed_lines(before, path.read_text("utf-8"))
    assert removed == [CURRENT]
    assert added == [
        "current_stage: build   # moved by playbook advance\n",
        "stage_history:\n",
        "  - {stage: start, entered: 2026-01-05}\n",
        '  - {stage: build, entered: 2026-11-27, by: "Ann Lee", '
        'open_criteria: ["Budget approved"]}\n',
    ]
    overview = (blank / "generated/small/index.md").read_text("utf-8")
    assert "| Start | Jan 5, 2026 |  | none |\n" in overview
    assert "| Build | Nov 27, 2026 | Ann Lee | Budget approved |\n" in overview


def test_to_moves_forward_past_the_next_stage_and_back(blank: Path) -> None:
    path = playbook(blank, "stage_history:\n  - {stage: start, entered: 2026-01-05}\n")
    result = run(blank, "advance", "small", "--to", "finish", "--date", "2026-06-01")
    assert result.exit_code == 0, result.output
    text = path.read_text("utf-8")
    assert "current_stage: finish   # moved by playbook advance\n" in text
    assert "  - {stage: finish, entered: 2026-06-01}\n" in text
    back = run(blank, "advance", "small", "--to", "build", "--date", "2026-06-02")
    assert back.exit_code == 0, back.output
    assert "small moved from 'finish' to 'build' on 2026-06-02" in back.stdout
    text = path.read_text("utf-8")
    assert text.count("current_stage:") == 1
    assert "current_stage: build   # moved by playbook advance\n" in text
    assert (
        "  - {stage: finish, entered: 2026-06-01}\n"
        "  - {stage: build, entered: 2026-06-02}\nstages:\n" in text
    )
    # Back in Build, its own gate applies again: the pilot is not live.
    refused = run(blank, "advance", "small", "--date", "2026-06-03")
    assert refused.exit_code == 1
    assert "small: 1 exit criterion of stage 'Build' is still open" in refused.stderr


@pytest.mark.parametrize(
    ("history", "added"),
    [
        pytest.param(
            "",
            [
                "stage_history:\n",
                "  - {stage: start, entered: 2026-01-05}\n",
                "  - {stage: build, entered: 2026-11-27}\n",
            ],
            id="absent",
        ),
        pytest.param(
            "stage_history:\n"
            "  # first recorded by hand\n"
            "  - stage: start\n"
            "    entered: 2026-01-05   # kick-off day\n"
            "\n",
            ["  - stage: build\n", "    entered: 2026-11-27\n"],
            id="block-items",
        ),
        pytest.param(
            "stage_history:\n- {stage: start, entered: 2026-01-05}  # dash in column 1\n\n",
            ["- {stage: build, entered: 2026-11-27}\n"],
            id="flow-items-unindented",
        ),
        pytest.param(
            "stage_history:\n    -   {stage: start, entered: 2026-01-05}\n",
            ["    -   {stage: build, entered: 2026-11-27}\n"],
            id="flow-items-wide",
        ),
        pytest.param(
            "stage_history: []   # none yet\n",
            [
                "stage_history:   # none yet\n",
                "  - {stage: start, entered: 2026-01-05}\n",
                "  - {stage: build, entered: 2026-11-27}\n",
            ],
            id="empty-flow-list",
        ),
        pytest.param(
            "stage_history: [{stage: start, entered: 2026-01-05}]  # one so far\n",
            [
                "stage_history: [{stage: start, entered: 2026-01-05}, "
                "{stage: build, entered: 2026-11-27}]  # one so far\n"
            ],
            id="flow-list",
        ),
    ],
)
def test_edit_keeps_every_other_byte(blank: Path, history: str, added: list[str]) -> None:
    path = playbook(blank, history)
    before = path.read_text("utf-8")
    result = run(blank, "advance", "small")
    assert result.exit_code == 0, result.output
    removed, new = changed_lines(before, path.read_text("utf-8"))
    replaced = [ln for ln in before.splitlines(keepends=True) if ln.startswith("stage_history: [")]
    assert removed == [CURRENT, *replaced]
    assert new == ["current_stage: build   # moved by playbook advance\n", *added]


def test_block_items_with_open_criteria_stay_block_style(blank: Path) -> None:
    path = playbook(
        blank, "stage_history:\n  - stage: start\n    entered: 2026-01-05\n", done=False
    )
    before = path.read_text("utf-8")
    assert run(blank, "advance", "small", "--force").exit_code == 0
    assert changed_lines(before, path.read_text("utf-8"))[1][1:] == [
        "  - stage: build\n",
        "    entered: 2026-11-27\n",
        "    open_criteria:\n",
        '      - "Budget approved"\n',
    ]


def test_windows_line_endings_and_no_final_newline_are_kept(blank: Path) -> None:
    text = PLAYBOOK.replace("@HISTORY@\n", "")
    text += "stage_history:\n  - {stage: start, entered: 2026-01-05}"
    path = playbook(blank, text=text.replace("\n", "\r\n"))
    before = path.read_bytes()
    assert run(blank, "advance", "small").exit_code == 0
    after = path.read_bytes()
    assert after == before.replace(b"current_stage: start", b"current_stage: build") + (
        b"\r\n  - {stage: build, entered: 2026-11-27}\r\n"
    )


def test_quoted_current_stage_keeps_its_quotes(blank: Path) -> None:
    path = playbook(blank, text=PLAYBOOK.replace("current_stage: start ", "current_stage: 'start'"))
    assert run(blank, "advance", "small").exit_code == 0
    assert "current_stage: 'build'  # moved by playbook advance\n" in path.read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["smal"], "unknown initiative 'smal' (did you mean 'small'?); initiatives: small\n"),
        (
            ["small", "--to", "biuld"],
            "small: unknown stage 'biuld' (did you mean 'build'?); stages: start, build, finish\n",
        ),
        (
            ["small", "--to", "start"],
            "small: 'start' is already the current stage; nothing was changed\n",
        ),
        (
            ["small", "--date", "2026-01-01"],
            "small: --date 2026-01-01 is before the last transition "
            "(start, entered 2026-01-05); nothing was changed\n",
        ),
    ],
)
def test_clean_errors_change_nothing(blank: Path, args: list[str], message: str) -> None:
    path = playbook(blank, "stage_history:\n  - {stage: start, entered: 2026-01-05}\n")
    before = path.read_bytes()
    result = run(blank, "advance", *args)
    assert (result.exit_code, result.stderr) == (1, message)
    assert path.read_bytes() == before


def test_last_stage_needs_to(blank: Path) -> None:
    path = playbook(blank, text=PLAYBOOK.replace("current_stage: start ", "current_stage: finish"))
    before = path.read_bytes()
    result = run(blank, "advance", "small")
    assert (result.exit_code, result.stderr) == (
        1,
        "small: 'finish' is the last stage; name "
        "the stage to move to with --to (stages: "
        "start, build, finish)\n",
    )
    assert path.read_bytes() == before


def test_bad_date_is_a_usage_error(blank: Path) -> None:
    playbook(blank)
    result = run(blank, "advance", "small", "--date", "27/11/2026")
    assert result.exit_code == 2
    assert "'27/11/2026' is not a date as YYYY-MM-DD" in result.stderr


def test_invalid_project_is_refused(blank: Path) -> None:
    path = playbook(blank, text=PLAYBOOK.replace("sponsor: ann-lee", "sponsor: ann-le"))
    before = path.read_bytes()
    result = run(blank, "advance", "small")
    assert result.exit_code == 1
    assert result.stderr == (
        "playbooks/small/initiative.yml:5:10: sponsor: unknown person "
        "'ann-le' (did you mean 'ann-lee'?)\n"
        "1 error found; nothing was written.\n"
    )
    assert path.read_bytes() == before


def test_an_edit_that_would_not_validate_leaves_the_file_untouched(
    blank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = playbook(blank)
    before = path.read_bytes()
    monkeypatch.setattr(
        advance_module,
        "_edit",
        lambda text, *_: text.replace("current_stage: start", "current_stage: 7"),
    )
    result = run(blank, "advance", "small")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "playbooks/small/initiative.yml: the edited file would not validate; nothing was changed\n"
    )
    assert "playbooks/small/initiative.yml:7:16: current_stage:" in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["initiative.yml"]


def test_an_edit_that_says_something_else_is_refused(
    blank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = playbook(blank)
    before = path.read_bytes()
    monkeypatch.setattr(advance_module, "_edit", lambda text, *_: text)
    result = run(blank, "advance", "small")
    assert (result.exit_code, result.stderr) == (
        1,
        (
            "playbooks/small/initiative.yml: cannot update the stage in place (unusual layout); "
            "nothing was changed: edit current_stage and stage_history by hand\n"
        ),
    )
    assert path.read_bytes() == before


def test_anchored_current_stage_is_refused_cleanly(blank: Path) -> None:
    anchored = PLAYBOOK.replace("current_stage: start ", "current_stage: &cs start")
    path = playbook(blank, text=anchored)
    before = path.read_bytes()
    result = run(blank, "advance", "small")
    assert (result.exit_code, result.stderr) == (
        1,
        (
            "playbooks/small/initiative.yml: cannot update the stage in place: line 7 does not "
            "hold current_stage as a plain value; nothing was changed\n"
        ),
    )
    assert path.read_bytes() == before


def test_render_after_advance_rewrites_only_what_changed(blank: Path) -> None:
    playbook(blank, "stage_history:\n  - {stage: start, entered: 2026-01-05}\n")
    assert run(blank, "render").exit_code == 0
    pages = sorted((blank / "generated").rglob("*.md"))
    stamps = {p: p.stat().st_mtime_ns for p in pages}
    # The render counts every file it plans: Markdown pages and calendars.
    n = len(pages) + len(list((blank / "generated").rglob("*.ics")))
    again = run(blank, "render")
    assert (
        again.stdout == f"rendered {n} pages for 'leadership': 0 written, 0 removed, "
        f"{n} unchanged\n"
    )
    assert {p: p.stat().st_mtime_ns for p in pages} == stamps
    assert run(blank, "advance", "small").exit_code == 0
    rewritten = sorted(
        p.relative_to(blank / "generated").as_posix()
        for p in pages
        if p.stat().st_mtime_ns != stamps[p]
    )
    assert "small/stages/finish.md" in rewritten  # its banner names the new stage
    assert "people/index.md" not in rewritten  # nothing on it depends on the stage
