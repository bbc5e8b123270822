"""Every error kind of SPEC "Validation", with its exact text, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.source.yamlfile import _Loader
from tests.conftest import MINIMAL_INITIATIVE, edited, minimal, run, write

INI = "playbooks/small/initiative.yml"
# PyYAML words syntax errors differently with and without libyaml; the place is the same.
LIBYAML = any(c.__name__ == "CParser" for c in _Loader.__mro__)
ID_RULE = (
    "expected lowercase letters, digits and '-', starting with a letter or digit, at most "
    "64 characters"
)


def errors(root: Path) -> list[str]:
    """The error lines of `playbook validate`, after checking it failed cleanly."""
    result = run(root, "validate")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    n = len(lines) - 1
    assert lines[-1] == f"{n} error{'s' if n != 1 else ''} found; nothing was written."
    return lines[:-1]


def one_error(root: Path, *pairs: tuple[str, str]) -> str:
    minimal(root, edited(*pairs))
    found = errors(root)
    assert len(found) == 1, found
    return found[0]


CASES = {
    "yaml syntax": (
        [("title: Small Change", "title: [Small")],
        f"{INI}:1:8: YAML syntax error: the list opened with '[' at line 1, column 8 was never "
        "closed: at line 2, column 8 expected ',' or ']' (end the list with ']' and separate "
        "its items with ',')",
    ),
    "tab indentation": (
        [("  - id: start", "\t- id: start")],
        f"{INI}:7:1: YAML syntax error: found character "
        + ("" if LIBYAML else "'\\t' ")
        + "that cannot start any token (indent with spaces, not tabs)",
    ),
    "duplicate key": (
        [("owner: Change Office", "owner: Change Office\nowner: Other Office")],
        f"{INI}:5:1: owner: duplicate key 'owner' (expected each key once; first at line 4)",
    ),
    "unknown key, near miss": (
        [("mandate:", "mandat:")],
        f"{INI}:2:1: mandat: unknown key 'mandat' (did you mean 'mandate'?)",
    ),
    "unknown key, nested": (
        [("    goal: Deliver it.", "    goal: Deliver it.\n    colour: blue")],
        f"{INI}:15:5: stages[1].colour: unknown key 'colour' (expected one of: ends, "
        "entry_criteria, exit_criteria, goal, id, name, starts, visibility)",
    ),
    "missing required key": (
        [("owner: Change Office\n", "")],
        f"{INI}:1:1: owner: required key 'owner' is missing",
    ),
    "wrong enum, near miss": (
        [("    role: owner", "    role: ownr")],
        f"{INI}:23:11: team[1].role: unknown value 'ownr' (expected one of: sponsor, champion, "
        "owner, contributor, advisor; did you mean 'owner'?)",
    ),
    "wrong type: number for text": (
        [("title: Small Change", "title: 2026")],
        f"{INI}:1:8: title: found the number 2026 (expected text; put it in quotes to keep it "
        "as text)",
    ),
    "wrong type: text for number": (
        [("duration_minutes: 60", "duration_minutes: an hour")],
        f"{INI}:38:23: training[0].duration_minutes: found text 'an hour' (expected a whole "
        "number)",
    ),
    "number out of range": (
        [("duration_minutes: 30", "duration_minutes: 0")],
        f"{INI}:45:23: training[1].duration_minutes: found the number 0 (expected a number "
        "greater than 0)",
    ),
    "empty text": (
        [("    name: Finish", "    name: ''")],
        f"{INI}:13:11: stages[1].name: found empty text (expected text)",
    ),
    "bad id value": (
        [("  - id: kick-off", "  - id: Kick Off")],
        f"{INI}:29:9: activities[0].id: not a valid id: 'Kick Off' ({ID_RULE})",
    ),
    "impossible date": (
        [("current_stage: start", "current_stage: start\nreview_by: 2026-13-01")],
        f"{INI}:6:12: review_by: '2026-13-01' is not a real date (expected a date as YYYY-MM-DD)",
    ),
    "not a date": (
        [("    goal: Deliver it.", "    goal: Deliver it.\n    starts: next week")],
        f"{INI}:15:13: stages[1].starts: found text 'next week' (expected a date as YYYY-MM-DD)",
    ),
    "list where a mapping is expected": (
        [
            (
                "    raci: {accountable: ann-lee, responsible: [bo-chen], informed: [all]}",
                "    raci: [ann-lee]",
            )
        ],
        f"{INI}:32:11: activities[0].raci: found a list (expected key: value pairs)",
    ),
    "text where a list is expected": (
        [("    duration_minutes: 60\n", "    duration_minutes: 60\n    objectives: Agree\n")],
        f"{INI}:39:17: training[0].objectives: found text 'Agree' (expected a list; write [it] "
        "or start a line with '- ')",
    ),
    "empty list where one item is needed": (
        [("team:\n  - person: ann-lee", "team: []\nteam_old:\n  - person: ann-lee")],
        None,  # checked separately: two errors
    ),
    "attendees: neither all nor a list": (
        [("    duration_minutes: 30", "    duration_minutes: 30\n    attendees: everyone")],
        f"{INI}:46:16: training[1].attendees: found text 'everyone' (expected 'all' or a list "
        "of ids)",
    ),
    "attendees: a list with a bad id": (
        [
            (
                "    duration_minutes: 30",
                "    duration_minutes: 30\n    attendees: [Ann Lee, bo-chen]",
            )
        ],
        f"{INI}:46:17: training[1].attendees[0]: not a valid id: 'Ann Lee' ({ID_RULE})",
    ),
    "attendees: unknown person": (
        [("    duration_minutes: 30", "    duration_minutes: 30\n    attendees: [ann-le]")],
        f"{INI}:46:17: training[1].attendees[0]: unknown person 'ann-le' (did you mean 'ann-lee'?)",
    ),
    "unknown person, near miss": (
        [("  - person: bo-chen", "  - person: bo-chn"), ("[bo-chen]", "[ann-lee]")],
        f"{INI}:22:13: team[1].person: unknown person 'bo-chn' (did you mean 'bo-chen'?)",
    ),
    "unknown person, no near miss": (
        [("responsible: [bo-chen]", "responsible: [zed]")],
        f"{INI}:32:48: activities[0].raci.responsible[0]: unknown person 'zed' (expected a "
        "person id: a file playbooks/people/zed.yml)",
    ),
    "unknown stage": (
        [("    stage: finish", "    stage: finnish")],
        f"{INI}:42:12: training[1].stage: unknown stage 'finnish' (expected one of: start, "
        "finish; did you mean 'finish'?)",
    ),
    "unknown stage key in a member's stages": (
        [
            (
                "      finish: {responsibilities: [Close the programme]}",
                "      finsh: {responsibilities: [Close the programme]}",
            )
        ],
        f"{INI}:21:7: team[0].stages.finsh: unknown stage 'finsh' (expected one of: start, "
        "finish; did you mean 'finish'?)",
    ),
    "current stage unknown": (
        [("current_stage: start", "current_stage: middle")],
        f"{INI}:5:16: current_stage: unknown stage 'middle' (expected one of: start, finish)",
    ),
    "person twice on a team": (
        [("  - person: bo-chen", "  - person: ann-lee"), ("[bo-chen]", "[ann-lee]")],
        f"{INI}:22:13: team[1].person: duplicate team member 'ann-lee' (expected each once; "
        "first at team[0].person, line 16)",
    ),
    "ends before starts": (
        [
            (
                "    goal: Deliver it.",
                "    goal: Deliver it.\n    starts: 2026-05-01\n    ends: 2026-04-01",
            )
        ],
        f"{INI}:16:11: stages[1].ends: ends 2026-04-01 is before starts 2026-05-01",
    ),
    "two accountable": (
        [("accountable: ann-lee", "accountable: [ann-lee, bo-chen]")],
        f"{INI}:32:25: activities[0].raci.accountable: found 2 accountable people (expected "
        "exactly one person id)",
    ),
    "no raci": (
        [("    raci: {accountable: ann-lee, responsible: [bo-chen], informed: [all]}\n", "")],
        f"{INI}:29:5: activities[0]: required key 'raci' is missing (expected raci: with "
        "exactly one accountable person)",
    ),
    "duplicate ids": (
        [("  - id: finish-workshop", "  - id: start-workshop")],
        f"{INI}:41:9: training[1].id: duplicate training module id 'start-workshop' (expected "
        "each once; first at training[0].id, line 34)",
    ),
    "top level is a list": (
        [(MINIMAL_INITIATIVE, "- title: Small Change\n")],
        f"{INI}:1:1: found a list at the top (expected key: value pairs)",
    ),
    "python tag": (
        [("title: Small Change", "title: !!python/object/apply:os.system [ls]")],
        f"{INI}:1:8: the tag '!!python/object/apply:os.system' is not allowed (tags such as "
        "'!!python/...' are refused; write plain values)",
    ),
    "python tag on a scalar": (
        [("title: Small Change", "title: !!python/name:os.system ''")],
        f"{INI}:1:8: the tag '!!python/name:os.system' is not allowed (tags such as "
        "'!!python/...' are refused; write plain values)",
    ),
    "explicit tag that cannot read its value": (
        [("duration_minutes: 60", "duration_minutes: !!int sixty")],
        f"{INI}:38:23: cannot read 'sixty' as !!int (remove the tag)",
    ),
}


@pytest.mark.parametrize("name", [n for n, (_, msg) in CASES.items() if msg])
def test_error_message(blank: Path, name: str) -> None:
    pairs, message = CASES[name]
    assert one_error(blank, *pairs) == message


def test_empty_list_and_leftover_key(blank: Path) -> None:
    minimal(blank, edited(*CASES["empty list where one item is needed"][0]))
    assert errors(blank) == [
        f"{INI}:15:7: team: found an empty list (expected at least one item)",
        f"{INI}:16:1: team_old: unknown key 'team_old' (did you mean 'team'?)",
    ]


def test_sponsor_not_on_team(blank: Path) -> None:
    minimal(
        blank,
        edited(
            ("sponsor: ann-lee", "sponsor: bo-chen"),
            ("  - person: bo-chen", "  - person: zed-ali"),
            ("[bo-chen]", "[all]"),
        ),
    )
    write(blank, "playbooks/people/zed-ali.yml", "name: Zed Ali\ntitle: CFO\nfunction: Finance\n")
    assert errors(blank) == [
        f"{INI}:3:10: sponsor: sponsor 'bo-chen' is not on the team (expected a team member; "
        "add them under team: with role sponsor)",
    ]


def test_person_not_on_team(blank: Path) -> None:
    minimal(blank, edited(("  - person: bo-chen", "  - person: zed-ali")))
    write(blank, "playbooks/people/zed-ali.yml", "name: Zed Ali\ntitle: CFO\nfunction: Finance\n")
    assert errors(blank) == [
        f"{INI}:32:48: activities[0].raci.responsible[0]: person 'bo-chen' is not on this "
        "initiative's team (expected a team member; add them under team:)",
    ]


def test_all_errors_of_all_files_at_once_sorted(blank: Path) -> None:
    minimal(
        blank,
        edited(
            ("mandate:", "mandat:"),
            ("  - person: bo-chen", "  - person: bo-chn"),
            ("    role: owner", "    role: ownr"),
        ),
    )
    write(
        blank,
        "playbooks/other/initiative.yml",
        MINIMAL_INITIATIVE.replace("current_stage: start", "current_stage: strat"),
    )
    write(
        blank,
        "playbooks/people/ann-lee.yml",
        "name: Ann Lee\ntitle: CEO\nfunction: Exec\nreports_to: bo-chan\nteam: x\n",
    )
    assert errors(blank) == [
        "playbooks/other/initiative.yml:5:16: current_stage: unknown stage 'strat' (expected "
        "one of: start, finish; did you mean 'start'?)",
        "playbooks/people/ann-lee.yml:4:13: reports_to: unknown person 'bo-chan' (did you mean "
        "'bo-chen'?)",
        "playbooks/people/ann-lee.yml:5:1: team: unknown key 'team' (expected one of: email, "
        "function, name, reports_to, title)",
        f"{INI}:2:1: mandat: unknown key 'mandat' (did you mean 'mandate'?)",
        f"{INI}:22:13: team[1].person: unknown person 'bo-chn' (did you mean 'bo-chen'?)",
        f"{INI}:23:11: team[1].role: unknown value 'ownr' (expected one of: sponsor, champion, "
        "owner, contributor, advisor; did you mean 'owner'?)",
    ]


def test_cross_reference_errors_reported_together(blank: Path) -> None:
    minimal(
        blank,
        edited(
            ("current_stage: start", "current_stage: strat"),
            ("  - person: bo-chen", "  - person: bo-chn"),
            ("accountable: ann-lee", "accountable: [ann-lee, bo-chen]"),
        ),
    )
    assert errors(blank) == [
        f"{INI}:5:16: current_stage: unknown stage 'strat' (expected one of: start, finish; "
        "did you mean 'start'?)",
        f"{INI}:22:13: team[1].person: unknown person 'bo-chn' (did you mean 'bo-chen'?)",
        f"{INI}:32:25: activities[0].raci.accountable: found 2 accountable people (expected "
        "exactly one person id)",
        # 'bo-chen' is who team[1] meant: said once, there, not again at each reference.
    ]


def test_reports_to_unknown_person(blank: Path) -> None:
    minimal(blank)
    write(
        blank,
        "playbooks/people/bo-chen.yml",
        "name: Bo Chen\ntitle: COO\nfunction: Ops\nreports_to: ann-le\n",
    )
    assert errors(blank) == [
        "playbooks/people/bo-chen.yml:4:13: reports_to: unknown person 'ann-le' (did you mean "
        "'ann-lee'?)",
    ]


def test_empty_file(blank: Path) -> None:
    minimal(blank)
    write(blank, "playbooks/people/bo-chen.yml", "# nothing yet\n\n")
    assert errors(blank) == ["playbooks/people/bo-chen.yml:1:1: file is empty"]


def test_not_utf8(blank: Path) -> None:
    minimal(blank)
    (blank / "playbooks/people/bo-chen.yml").write_bytes(b"name: Bo\ntitle: Caf\xe9\n")
    assert errors(blank) == [
        "playbooks/people/bo-chen.yml:2:1: file is not valid UTF-8 text (expected UTF-8; save "
        "it again as UTF-8)",
    ]


def test_invalid_file_and_folder_names(blank: Path) -> None:
    minimal(blank)
    write(blank, "playbooks/people/Bo_Chen.yml", "name: Bo\ntitle: COO\nfunction: Ops\n")
    write(blank, "playbooks/Big Change/initiative.yml", MINIMAL_INITIATIVE)
    assert errors(blank) == [
        "playbooks/Big Change/initiative.yml: not a valid initiative id: 'Big Change' (from the "
        f"folder name; {ID_RULE})",
        "playbooks/people/Bo_Chen.yml: not a valid person id: 'Bo_Chen' (from the file name; "
        f"{ID_RULE})",
    ]


def test_huge_values_are_cut_short(blank: Path) -> None:
    minimal(
        blank,
        edited(
            ("format: workshop", "format: " + "w" * 5000), ("mandate:", "k" * 500 + ": 1\nmandate:")
        ),
    )
    assert errors(blank) == [
        f"{INI}:2:1: '{'k' * 37}...': unknown key '{'k' * 37}...' (expected one of: activities, "
        "alignment, current_stage, gate_checks, mandate, office_email, owner, pulse, resistance, "
        "review_by, "
        "sponsor, "
        "stage_history, stages, summary, team, timezone, title, training)",
        f"{INI}:38:13: training[0].format: unknown value '{'w' * 37}...' (expected one of: "
        "workshop, offsite, briefing, one-to-one, self-paced)",
    ]


def test_huge_number_is_a_clean_error(blank: Path) -> None:
    assert one_error(blank, ("duration_minutes: 60", "duration_minutes: " + "9" * 5000)) == (
        f"{INI}:38:23: training[0].duration_minutes: found text '{'9' * 37}...' (expected a "
        "whole number)"
    )


def test_keys_are_kept_as_written(blank: Path) -> None:
    """`yes:` and `2026:` are names, not a boolean and a number."""
    minimal(blank, edited(("mandate:", "yes: 1\n2026: 2\nmandate:")))
    assert [e.split(": unknown key ")[1][:6] for e in errors(blank)] == ["'yes' ", "'2026'"]


def test_control_character(blank: Path) -> None:
    minimal(blank)
    (blank / "playbooks/people/bo-chen.yml").write_bytes(b"name: Bo\ntitle: C\x00O\n")
    assert errors(blank) == [
        "playbooks/people/bo-chen.yml:2:9: file contains the control character #x0000 "
        "(expected printable text; remove it)",
    ]


def test_two_files_for_one_person(blank: Path) -> None:
    minimal(blank)
    write(blank, "playbooks/people/bo-chen.yaml", "name: Bo\ntitle: COO\nfunction: Ops\n")
    assert errors(blank) == [
        "playbooks/people/bo-chen.yml: person 'bo-chen' has two files (expected one; remove "
        "the .yaml or the .yml)",
    ]
