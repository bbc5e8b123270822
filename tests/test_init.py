"""`playbook init`: a scaffold that validates under --strict and never overwrites."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import minimal, run, write


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "playbooks").rglob("*"))
        if p.is_file()
    }


def test_init_then_validate_strict(blank: Path) -> None:
    result = run(blank, "init", "new-thing", "--sponsor", "ann-lee", "--member", "bo-chen")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "wrote playbooks/new-thing/initiative.yml",
        "wrote playbooks/people/ann-lee.yml",
        "wrote playbooks/people/bo-chen.yml",
        "next: edit playbooks/new-thing/initiative.yml, then `playbook validate`",
    ]
    check = run(blank, "validate", "--strict")
    assert check.exit_code == 0, check.output
    assert check.stdout == "ok: 1 initiative, 2 people, 0 warnings\n"
    text = (blank / "playbooks/new-thing/initiative.yml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/initiative.schema.json")
    # every optional field is there, filled or commented
    for key in (
        "summary:",
        "review_by:",
        "stage_history:",
        "# starts:",
        "# ends:",
        "# entry_criteria:",
        "exit_criteria:",
        "alignment:",
        "# accountabilities:",
        "# decision_rights:",
        "# kpis:",
        "# charter_signed:",
        "# assessment:",
        "# time_commitment:",
        "# description:",
        "# due:",
        "status:",
        "raci:",
        "# prep_minutes:",
        "# pre_reading:",
        "# exercises:",
        "# sessions:",
        "# facilitator_notes:",
        "# resistance:",
        "# visibility:",
    ):
        assert key in text, key
    assert "review_by: 2027-11-27\n" in text  # a year after (pinned) today
    assert run(blank, "render", "--strict").exit_code == 0


def test_init_keeps_existing_people_and_quotes_the_title(blank: Path) -> None:
    minimal(blank)
    before = (blank / "playbooks/people/ann-lee.yml").read_bytes()
    result = run(
        blank,
        "init",
        "second",
        "--sponsor",
        "ann-lee",
        "--stages",
        "start,finish",
        "--title",
        'Say "yes": #1 {{ x }}',
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:1] == ["wrote playbooks/second/initiative.yml"]
    assert (blank / "playbooks/people/ann-lee.yml").read_bytes() == before
    assert run(blank, "validate", "--strict").exit_code == 0
    text = (blank / "playbooks/second/initiative.yml").read_text("utf-8")
    assert 'title: "Say \\"yes\\": #1 {{ x }}"\n' in text


def test_init_refuses_to_overwrite(blank: Path) -> None:
    minimal(blank)
    before = files(blank)
    result = run(blank, "init", "small", "--sponsor", "new-person")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{(blank / 'playbooks/small/initiative.yml').as_posix()} already exists; nothing was "
        "written (init never overwrites an initiative)\n"
    )
    assert files(blank) == before


def test_init_refuses_bad_ids(blank: Path) -> None:
    before = files(blank)
    for args, message in [
        (("Big Change", "--sponsor", "ann-lee"), "not a valid initiative id: 'Big Change'"),
        (("big", "--sponsor", "Ann"), "not a valid person id: 'Ann'"),
        (
            ("big", "--sponsor", "ann", "--stages", "a,a"),
            "--stages needs one or more different stage ids",
        ),
        (("people", "--sponsor", "ann"), "'people' is a reserved folder name"),
        (("big", "--sponsor", "ann", "--title", " "), "--title must not be empty"),
    ]:
        result = run(blank, "init", *args)
        assert result.exit_code == 1, args
        assert result.stderr.startswith(message), result.stderr
    assert files(blank) == before


def test_init_needs_a_sponsor(blank: Path) -> None:
    result = run(blank, "init", "big")
    assert result.exit_code == 2
    assert "Missing option '--sponsor'" in result.stderr


def test_init_next_to_a_broken_playbook_still_writes(blank: Path) -> None:
    """init only adds files; it does not need the rest of the repository to be valid."""
    write(blank, "playbooks/people/broken.yml", "name: [\n")
    result = run(blank, "init", "fresh", "--sponsor", "ann-lee")
    assert result.exit_code == 0, result.output
    assert (blank / "playbooks/fresh/initiative.yml").is_file()
