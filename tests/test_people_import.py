"""`playbook people import`: HR sets its fields, everything else in a people file stays."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.commands.people_import import Change, write_changes
from generator.source.problems import UserError
from tests.conftest import minimal, run, write

HEADER = "id,name,title,function,email,reports_to\n"

# A people file as a person keeps it: comments, a blank line, quotes, a field HR does not own.
BO = """\
# yaml-language-server: $schema=../../schemas/person.schema.json
# Bo joined in 2024.
name: Bo Chen            # as on the badge
title: 'Chief Operating Officer'

function: Operations     # free text
reports_to: ann-lee
"""


@pytest.fixture
def repo(blank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The small playbook (ann-lee, bo-chen on one team); the roster is ./hr.csv."""
    minimal(blank)
    write(blank, "playbooks/people/bo-chen.yml", BO)
    monkeypatch.chdir(tmp_path)
    return blank


def roster(text: str, encoding: str = "utf-8") -> None:
    Path("hr.csv").write_bytes(text.encode(encoding))


def people(root: Path) -> dict[str, bytes]:
    folder = root / "playbooks" / "people"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_updates_only_the_managed_fields_and_creates_new_people(repo: Path) -> None:
    roster(
        HEADER + "ann-lee,Ann Lee,Chief Executive,Executive,ann@example.com,\n"
        "bo-chen,Bo Chen,Chief Operating & Digital Officer,Operations,,cy-diaz\n"
        'cy-diaz,Cy Díaz,"VP: Sales, Europe",Sales,cy@example.com,ann-lee\n'
    )
    result = run(repo, "people", "import", "hr.csv")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "updated playbooks/people/ann-lee.yml: email",
        "updated playbooks/people/bo-chen.yml: title, reports_to",
        "created playbooks/people/cy-diaz.yml: name, title, function, email, reports_to",
        "1 created, 2 updated, 0 unchanged",
    ]
    files = people(repo)
    # Byte for byte: only the title's value and the reports_to value changed.
    assert (
        files["bo-chen.yml"]
        == BO.replace("'Chief Operating Officer'", "'Chief Operating & Digital Officer'")
        .replace("reports_to: ann-lee", "reports_to: cy-diaz")
        .encode()
    )
    assert files["ann-lee.yml"] == (
        b"name: Ann Lee\ntitle: Chief Executive\nfunction: Executive\nemail: ann@example.com\n"
    )
    assert (
        files["cy-diaz.yml"]
        == (
            "# yaml-language-server: $schema=../../schemas/person.schema.json\n"
            "name: Cy Díaz\n"
            'title: "VP: Sales, Europe"\n'
            "function: Sales\n"
            "email: cy@example.com\n"
            "reports_to: ann-lee\n"
        ).encode()
    )
    assert run(repo, "validate").exit_code == 0


def test_a_second_run_changes_nothing_and_says_so(repo: Path) -> None:
    roster(HEADER + "ann-lee,Ann Lee,CEO,Executive,,\nbo-chen,Bo Chen,COO,Operations,,ann-lee\n")
    assert run(repo, "people", "import", "hr.csv").exit_code == 0
    before = people(repo)
    result = run(repo, "people", "import", "hr.csv")
    assert (result.exit_code, result.stdout) == (
        0,
        "nothing to change: 2 unchanged, all as in hr.csv\n",
    )
    assert people(repo) == before


def test_dry_run_prints_the_changes_and_writes_nothing(repo: Path) -> None:
    before = people(repo)
    roster(
        HEADER + "ann-lee,Ann Lee,CEO,Executive,,\n"
        "bo-chen,Bo Chen,COO,Operations,bo@example.com,\n"
        "di-fox,Di Fox,CFO,Finance,,ann-lee\n"
    )
    result = run(repo, "people", "import", "hr.csv", "--dry-run")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "would update playbooks/people/ann-lee.yml: title",
        "would update playbooks/people/bo-chen.yml: title, email, reports_to (cleared)",
        "would create playbooks/people/di-fox.yml: name, title, function, reports_to",
        "dry run: 1 created, 2 updated, 0 unchanged; nothing was written",
    ]
    assert people(repo) == before


def test_an_empty_cell_clears_and_a_missing_column_leaves_alone(repo: Path) -> None:
    roster("ID , Name,TITLE,Function,Email\nbo-chen,Bo Chen,Chief Operating Officer,Operations,\n")
    result = run(repo, "people", "import", "hr.csv")
    # No reports_to column: Bo's manager stays; ann-lee is reported, and warned (on the team).
    assert (result.exit_code, result.stdout) == (
        0,
        "nothing to change: 1 unchanged, all as in hr.csv\nnot in the roster (kept): ann-lee\n",
    )
    assert result.stderr == (
        "playbooks/small/initiative.yml:16:13: warning: team[0].person: ann-lee is not in the "
        "roster hr.csv (kept; if they have left, take them off the team)\n"
    )
    write(repo, "playbooks/people/bo-chen.yml", BO + "email: bo@example.com  # work\n")
    roster(HEADER + "ann-lee,Ann Lee,Chief Executive,Executive,,\nbo-chen,Bo Chen,COO,Ops,,\n")
    result = run(repo, "people", "import", "hr.csv")
    assert result.stdout.splitlines()[0] == (
        "updated playbooks/people/bo-chen.yml: title, function, email (cleared), "
        "reports_to (cleared)"
    )
    assert people(repo)["bo-chen.yml"] == (
        b"# yaml-language-server: $schema=../../schemas/person.schema.json\n"
        b"# Bo joined in 2024.\n"
        b"name: Bo Chen            # as on the badge\n"
        b"title: 'COO'\n"
        b"\n"
        b"function: Ops     # free text\n"
    )


def test_excel_export_with_bom_crlf_and_semicolons(repo: Path) -> None:
    roster(
        "Id;Name;Title;Function;Email;Reports_to\r\n"
        "ann-lee;Ann Lee;Chief Executive;Executive;;\r\n"
        ";;;;;\r\n"
        "bo-chen;Bo Chen;Chief Operating Officer;Operations;;ann-lee\r\n",
        encoding="utf-8-sig",
    )
    result = run(repo, "people", "import", "hr.csv")
    assert (result.exit_code, result.stdout) == (
        0,
        "nothing to change: 2 unchanged, all as in hr.csv\n",
    )


def test_crlf_people_files_stay_crlf(repo: Path) -> None:
    crlf = BO.replace("\n", "\r\n").encode()
    (repo / "playbooks/people/bo-chen.yml").write_bytes(crlf)
    roster(
        HEADER + "ann-lee,Ann Lee,Chief Executive,Executive,,\n"
        "bo-chen,Bo Chen,Chief Operating Officer,Operations,bo@example.com,ann-lee\n"
    )
    assert run(repo, "people", "import", "hr.csv").exit_code == 0
    assert people(repo)["bo-chen.yml"] == crlf.replace(
        b"Operations     # free text\r\n",
        b"Operations     # free text\r\nemail: bo@example.com\r\n",
    )


def test_a_placeholder_from_init_is_filled_in_place(repo: Path) -> None:
    assert run(repo, "init", "next", "--sponsor", "cy-diaz").exit_code == 0
    roster(
        HEADER + "ann-lee,Ann Lee,Chief Executive,Executive,,\n"
        "bo-chen,Bo Chen,Chief Operating Officer,Operations,,ann-lee\n"
        "cy-diaz,Cy Diaz,CFO,Finance,cy@example.com,ann-lee\n"
    )
    result = run(repo, "people", "import", "hr.csv")
    assert result.stdout.splitlines()[0] == (
        "updated playbooks/people/cy-diaz.yml: title, function, email, reports_to"
    )
    assert people(repo)["cy-diaz.yml"].decode() == (
        "# yaml-language-server: $schema=../../schemas/person.schema.json\n"
        'name: "Cy Diaz"          # edit: full name\n'
        'title: "CFO"   # edit: job title\n'
        "function: Finance             # edit: Marketing, Operations, ...\n"
        "email: cy@example.com\n"
        "reports_to: ann-lee\n"
    )


def test_a_row_without_a_name_is_refused(repo: Path) -> None:
    before = people(repo)
    roster(HEADER + "ann-lee,Ann Lee,CEO,Executive,,\nbo-chen,,COO,Operations,,ann-lee\n")
    result = run(repo, "people", "import", "hr.csv")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "hr.csv:3: name: empty (expected the person's full name)\n"
        "1 error in hr.csv; nothing was written.\n"
    )
    assert people(repo) == before


def test_every_error_of_the_roster_at_once(repo: Path) -> None:
    before = people(repo)
    roster(
        HEADER + "ann-lee,Ann Lee,CEO,Executive,ann.example.com,\n"
        "Bo Chen,Bo Chen,COO,Operations,,ann-lee\n"
        "cy-diaz,Cy Diaz,CFO,,,ann-le\n"
        '"ann-lee","Ann\nLee",CEO,Executive,,\n'
        "di-fox,Di Fox,VP, Sales,Sales,,\n"
        "ed-gray,Ed Gray,CTO,Technology,,zz-top\n"
    )
    result = run(repo, "people", "import", "hr.csv")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "hr.csv:2: email: not an email address: 'ann.example.com' (expected one like "
        "name@example.com)",
        "hr.csv:3: id: not a valid person id: 'Bo Chen' (expected lowercase letters, digits "
        "and '-', starting with a letter or digit, at most 64 characters)",
        "hr.csv:4: function: empty (expected their function, e.g. Marketing)",
        "hr.csv:4: reports_to: unknown person 'ann-le' (did you mean 'ann-lee'?)",
        "hr.csv:5: id: 'ann-lee' is already on line 2 (expected once)",
        "hr.csv:5: name: holds a line break or control character (expected one line)",
        "hr.csv:7: found 7 cells (expected 6, one per column of the header; quote a cell "
        "that holds a comma)",
        "hr.csv:8: reports_to: unknown person 'zz-top' (expected the id of a person in the "
        "roster or in playbooks/people/)",
        "8 errors in hr.csv; nothing was written.",
    ]
    assert people(repo) == before


def test_header_errors(repo: Path) -> None:
    roster("id,Full Name,title,Title,reports to\nann-lee,Ann Lee,CEO,CEO,\n")
    result = run(repo, "people", "import", "hr.csv")
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            "hr.csv:1: Full Name: unknown column (did you mean 'name'?)",
            "hr.csv:1: reports to: unknown column (did you mean 'reports_to'?)",
            "hr.csv:1: title: column appears twice (expected each once)",
            "hr.csv:1: function: required column is missing (the header needs id, name, "
            "title and function; email and reports_to are optional)",
            "4 errors in hr.csv; nothing was written.",
        ],
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "hr.csv: the file is empty (expected a header row: "
         "id,name,title,function,email,reports_to)"),
        (HEADER.encode() + b"ann-lee,Ann \xe9,CEO,Executive,,\n",
         "hr.csv:2: file is not valid UTF-8 text (expected UTF-8; in Excel, save it as "
         "'CSV UTF-8')"),
        (HEADER.encode() + b'ann-lee,"Ann Lee"x,CEO,Executive,,\n',
         "hr.csv:2: not valid CSV: ',' expected after '\"' (check the quotes)\n"
         "1 error in hr.csv; nothing was written."),
        (None, "hr.csv: cannot read file: No such file or directory"),
    ],
    ids=["empty", "not utf-8", "bad quotes", "no file"],
)  # fmt: skip
def test_unreadable_rosters(repo: Path, content: bytes | None, message: str) -> None:
    if content is not None:
        Path("hr.csv").write_bytes(content)
    result = run(repo, "people", "import", "hr.csv")
    assert (result.exit_code, result.stderr) == (1, message + "\n")


def test_a_reports_to_cycle_is_allowed(repo: Path) -> None:
    roster(HEADER + "ann-lee,Ann Lee,CEO,Executive,,bo-chen\nbo-chen,Bo Chen,COO,Ops,,ann-lee\n")
    result = run(repo, "people", "import", "hr.csv")
    assert result.exit_code == 0, result.output
    assert run(repo, "validate").exit_code == 0


def test_an_invalid_project_is_not_imported_into(repo: Path) -> None:
    path = repo / "playbooks/small/initiative.yml"
    path.write_text(path.read_text().replace("sponsor: ann-lee", "sponsor: ann-le"))
    before = people(repo)
    roster(HEADER + "ann-lee,Ann Lee,CEO,Executive,,\n")
    result = run(repo, "people", "import", "hr.csv")
    assert (result.exit_code, result.stderr) == (
        1,
        "playbooks/small/initiative.yml:3:10: sponsor: unknown person 'ann-le' (did you mean "
        "'ann-lee'?)\n"
        "the playbooks would not validate after importing hr.csv; nothing was written\n",
    )
    assert people(repo) == before


def test_a_layout_it_cannot_edit_is_refused(repo: Path) -> None:
    write(repo, "playbooks/people/ann-lee.yml", "name: Ann Lee\ntitle: &t CEO\nfunction: *t\n")
    before = people(repo)
    roster(HEADER + "ann-lee,Ann Lee,Chief Executive,Executive,,\n")
    result = run(repo, "people", "import", "hr.csv")
    assert (result.exit_code, result.stderr) == (
        1,
        "playbooks/people/ann-lee.yml:2:1: cannot update in place: title has an anchor, "
        "alias or tag\n"
        "cannot update 1 people file in place; nothing was written: edit the fields by hand\n",
    )
    assert people(repo) == before


def test_the_write_step_refuses_a_file_changed_since_it_was_read(repo: Path) -> None:
    path = repo / "playbooks/people/ann-lee.yml"
    stale = Change("playbooks/people/ann-lee.yml", "ann-lee", "name: X\n", b"old", ("name",), ())
    new = Change("playbooks/people/new.yml", "new", "name: Y\n", None, ("name",), ())
    before = path.read_bytes()
    with pytest.raises(UserError) as exc:
        write_changes(repo, [new, stale])
    assert str(exc.value) == (
        "playbooks/people/ann-lee.yml changed on disk during the import; nothing was "
        "written: run the import again"
    )
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == ["ann-lee.yml", "bo-chen.yml"]


def test_a_people_file_that_does_not_parse_is_neither_edited_nor_replaced(repo: Path) -> None:
    write(repo, "playbooks/people/ann-lee.yml", "name: Ann Lee\ntitle: [CEO\n")
    before = people(repo)
    roster(HEADER + "ann-lee,Ann Lee,CEO,Executive,,\n")
    result = run(repo, "people", "import", "hr.csv")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "the playbooks would not validate after importing hr.csv; nothing was written"
    )
    assert result.stderr.startswith("playbooks/people/ann-lee.yml:2:8: YAML syntax error: ")
    assert people(repo) == before
