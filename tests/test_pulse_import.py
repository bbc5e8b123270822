"""`playbook pulse import`: survey exports as Microsoft Forms and Google Forms write them
(the .xlsx through calamine, the real reader), the text edit of `pulse.responses`, and the
command in-process: a later response replaces an earlier one, a second run changes nothing,
bad input fails cleanly and changes nothing."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.commands.pulse_import import labels_for
from generator.commands.pulse_text import set_responses
from generator.source.model import PulseQuestion, PulseResponse
from generator.source.problems import UserError
from generator.source.surveys import FORMS, GOOGLE, Survey, read_survey
from tests.conftest import REPO, require, run
from tests.forms_export import INFANCY, QUESTIONS, forms_xlsx

EXAMPLES = REPO / "examples" / "forms"
XLSX = EXAMPLES / "forms-client-experience-infancy.xlsx"
FORMS_CSV = EXAMPLES / "forms-finance-close-discover.csv"
GOOGLE_CSV = EXAMPLES / "google-client-experience-development.csv"
CX = "playbooks/client-experience/initiative.yml"
FC = "playbooks/finance-close/initiative.yml"

ASKED = [
    PulseQuestion(id="role-clear", text=QUESTIONS[0]),
    PulseQuestion(id="team-aligned", text=QUESTIONS[1]),
    PulseQuestion(id="time-enough", text=QUESTIONS[2]),
]
ENGLISH = labels_for("en")


def read(data: bytes, settle: dt.date | None = None, language: str = "en") -> Survey:
    return read_survey("s.csv", data, ASKED, labels_for(language), settle)


def answers(survey: Survey) -> list[tuple[int, dict[str, int]]]:
    return [(r.row, r.answers) for r in survey.responses]


# --- the readers ---------------------------------------------------------------------------


def test_forms_xlsx_as_downloaded_read_with_calamine() -> None:
    data = XLSX.read_bytes()
    assert data.startswith(b"PK\x03\x04")  # a workbook: told from its bytes, not its name
    survey = read_survey("x.bin", data, ASKED, ENGLISH)
    assert survey.kind == FORMS and not survey.absent
    ids = ["role-clear", "team-aligned", "time-enough"]
    assert survey.columns == dict(zip(ids, QUESTIONS, strict=True))
    assert len(survey.responses) == len(INFANCY) == 10
    first, sam = survey.responses[0], survey.responses[4]
    # Likert labels; the completion time is a real date-time cell.
    assert (first.row, first.email, first.name, first.date) == (
        2,
        "dana.whitfield@example.com",
        "Dana Whitfield",
        dt.date(2026, 11, 9),
    )
    assert first.answers == {"role-clear": 5, "team-aligned": 4, "time-enough": 2}
    assert sam.answers == {"role-clear": 5, "team-aligned": 4}  # an empty cell: no answer


def test_forms_xlsx_numbers_are_floats_in_excel() -> None:
    require("openpyxl")
    data = forms_xlsx([(dt.datetime(2027, 1, 20, 9), "a@x.com", "A", (4.0, 5, "3"))])
    assert answers(read(data)) == [(2, {"role-clear": 4, "team-aligned": 5, "time-enough": 3})]


def test_forms_csv_as_excel_saves_it_month_first_settled_by_a_13th() -> None:
    survey = read(FORMS_CSV.read_bytes())
    assert FORMS_CSV.read_bytes().startswith(b"\xef\xbb\xbf")
    assert survey.kind == FORMS
    assert [(r.row, r.date) for r in survey.responses] == [
        (2, dt.date(2026, 11, 9)),
        (3, dt.date(2026, 11, 10)),
        (4, dt.date(2026, 11, 13)),
    ]
    assert survey.responses[2].answers == {"role-clear": 3, "team-aligned": 4, "time-enough": 2}


def test_google_csv_headers_without_the_full_stop_and_a_free_text_column() -> None:
    survey = read(GOOGLE_CSV.read_bytes())
    assert survey.kind == GOOGLE
    assert survey.columns["role-clear"] == QUESTIONS[0].rstrip(".")
    assert [(r.email, r.date) for r in survey.responses][:2] == [
        ("dana.whitfield@example.com", dt.date(2026, 11, 24)),
        ("morgan.lee@example.com", dt.date(2026, 11, 24)),
    ]
    # 4:48:55 PM is later than 8:31:19 AM on the same day.
    assert survey.responses[3].moment > survey.responses[2].moment


def test_google_csv_with_a_name_column_and_no_email() -> None:
    text = (
        "Timestamp,Your name,role-clear,TEAM-ALIGNED\n"
        "20/01/2027 09:14:03,Ann Lee,4,Agree\n"
        "21/01/2027 10:00:00,Bo Chen,,strongly  AGREE\n"
    )
    survey = read(text.encode())
    assert survey.absent == ("time-enough",)
    assert [(r.name, r.email, r.date, r.answers) for r in survey.responses] == [
        ("Ann Lee", None, dt.date(2027, 1, 20), {"role-clear": 4, "team-aligned": 4}),
        ("Bo Chen", None, dt.date(2027, 1, 21), {"team-aligned": 5}),
    ]


FORMS_ROWS = [
    ["ID", "Start time", "Completion time", "Email", "Name", *QUESTIONS],
    ["1", "20.01.2027 09:00", "20.01.2027 09:02", "a@x.com", "Ann Lee", "4", "4", "2"],
    ["2", "21.01.2027 10:00", "21.01.2027 10:03", "b@x.com", "Bo Chen", "5", "3", "3"],
]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-16", "\t"), ("utf-16", ","), ("utf-8-sig", ";"), ("utf-8", ","), ("utf-8", "\t")],
)
def test_forms_csv_in_every_encoding_and_delimiter(encoding: str, delimiter: str) -> None:
    text = "\r\n".join(delimiter.join(row) for row in FORMS_ROWS) + "\r\n"
    data = text.encode(encoding)
    assert encoding != "utf-16" or data[:2] == b"\xff\xfe"
    survey = read(data)
    assert survey.kind == FORMS
    assert [(r.name, r.date) for r in survey.responses] == [
        ("Ann Lee", dt.date(2027, 1, 20)),
        ("Bo Chen", dt.date(2027, 1, 21)),
    ]


def test_a_zip_that_unpacks_to_far_more_than_an_export_is_refused() -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (201 * 1024 * 1024))
    with pytest.raises(UserError, match="s.csv: unpacks to more than 200 MiB"):
        read(archive.getvalue())


def test_google_zip_download_holding_one_csv() -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Leadership pulse.csv", GOOGLE_CSV.read_bytes())
    assert len(read(archive.getvalue()).responses) == 6


@pytest.mark.parametrize(
    ("header", "matches"),
    [
        ("role-clear", True),
        ("ROLE-CLEAR", True),
        ("  i know what is EXPECTED of me in this  stage of the change  ", True),
        ("I know what is expected of me in this stage of the change?", True),
        ("I know what\u2019s expected of me in this stage of the change.", False),
        ("Leadership pulse [I know what is expected of me in this stage of the change]", True),
        ("Leadership pulse.I know what is expected of me in this stage of the change.", True),
        ("How clear is it? I know what is expected of me in this stage of the change", True),
        ("Do you know what is expected of me in this stage of the change", False),
        ("Role clear", False),
        ("role-clear-2", False),
    ],
)
def test_a_question_by_its_text_or_id(header: str, matches: bool) -> None:
    text = f"Timestamp,Email Address,{header},team-aligned\n2027-01-20 09:00,a@x.com,4,4\n"
    survey = read(text.encode())
    assert survey.columns.get("role-clear") == (header.strip() if matches else None)
    assert [r.answers for r in survey.responses] == [
        {"role-clear": 4, "team-aligned": 4} if matches else {"team-aligned": 4}
    ]


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en", ["Strongly disagree", "disagree", "NEUTRAL", "Agree", "Strongly agree"]),
        ("de", ["Stimme überhaupt nicht zu", "stimme nicht zu", "Neutral", "Stimme zu", "Agree"]),
        ("fr", ["Pas du tout d\u2019accord", "Pas d'accord", "Neutre", "D'accord", "4"]),
    ],
)
def test_agreement_labels_in_english_and_the_site_language(
    language: str, labels: list[str]
) -> None:
    rows = "".join(f"2027-01-2{i} 09:00,p{i}@x.com,{label},,\n" for i, label in enumerate(labels))
    text = "Timestamp,Email Address,role-clear,team-aligned,time-enough\n" + rows
    got = [r.answers["role-clear"] for r in read(text.encode(), language=language).responses]
    assert got == [1, 2, 3, 4, 4 if language != "en" else 5]


def test_german_labels_are_refused_on_an_english_site() -> None:
    text = "Timestamp,Email Address,role-clear\n2027-01-20 09:00,a@x.com,Stimme zu\n"
    with pytest.raises(UserError, match="'Stimme zu' is not an answer"):
        read(text.encode())


def test_every_problem_of_the_input_at_once() -> None:
    text = (
        "ID,Start time,Completion time,Email,Name,role-clear,The leadership team agrees on "
        "what this change is for.\n"
        "1,x,2027-01-20 09:00,a@x.com,Ann Lee,6,Agree\n"
        "2,x,yesterday,b@x.com,Bo Chen,4,kind of\n"
        "3,x,,c@x.com,Cy Dee,4.5,4\n"
    )
    with pytest.raises(UserError) as caught:
        read(text.encode())
    assert str(caught.value) == (
        "s.csv:2: role-clear: '6' is not an answer (expected 1 to 5 or Strongly disagree, "
        "Disagree, Neutral, Agree, Strongly agree)\n"
        "s.csv:3: Completion time: 'yesterday' is not a date and time such as 1/20/2027 "
        "9:14:03 AM\n"
        "s.csv:3: The leadership team agrees on what this change is for.: 'kind of' is not "
        "an answer (expected 1 to 5 or Strongly disagree, Disagree, Neutral, Agree, Strongly "
        "agree)\n"
        "s.csv:4: Completion time: empty (expected when it was sent)\n"
        "s.csv:4: role-clear: '4.5' is not an answer (expected 1 to 5 or Strongly disagree, "
        "Disagree, Neutral, Agree, Strongly agree)\n"
        "5 errors in s.csv; nothing was changed."
    )


def test_a_bad_answer_in_a_workbook_names_the_sheet_row() -> None:
    require("openpyxl")
    data = forms_xlsx([(dt.datetime(2027, 1, 20, 9), "a@x.com", "A", (6, 4, 4))])
    with pytest.raises(UserError) as caught:
        read(data)
    assert str(caught.value).startswith(
        f"s.csv:2: {QUESTIONS[0]}: '6' is not an answer (expected 1 to 5"
    )


def test_dates_that_read_two_ways_need_date_which_then_dates_every_response() -> None:
    text = "\n".join(",".join(r) for r in FORMS_ROWS).replace("20.01.2027", "02.01.2027")
    text = text.replace("21.01.2027", "03.01.2027")
    with pytest.raises(UserError) as caught:
        read(text.encode())
    assert str(caught.value) == (
        "s.csv: the export's dates read two ways ('02.01.2027 09:02' on row 2 is 2 January "
        "2027 or 1 February 2027): give --date YYYY-MM-DD, the date to record for every "
        "response; nothing was changed"
    )
    survey = read(text.encode(), dt.date(2027, 1, 31))
    assert {r.date for r in survey.responses} == {dt.date(2027, 1, 31)}


def test_one_order_for_the_whole_export() -> None:
    text = "Timestamp,Email,role-clear\n1/13/2027 09:00,a@x.com,4\n13/1/2027 09:00,b@x.com,4\n"
    with pytest.raises(UserError, match="s.csv:2: Timestamp: '1/13/2027 09:00' reads only month"):
        read(text.encode())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "s.csv: the file is empty (expected a Microsoft Forms export (.xlsx, or .csv"),
        (b"\n ,,\n", "s.csv: the file is empty"),
        (b"id,name,title\nann-lee,Ann,CEO\n", "s.csv: is not a survey export (expected a "),
        (b'# Notes\nsee "this"" one, then\n', "s.csv: is not a survey export (expected a "),
        (
            b'Timestamp,Email,role-clear\n2027-01-20 09:00,"a@x.com"x,4\n',
            "s.csv:2: not valid CSV: ',' expected after '\"' (check the quotes)",
        ),
        (
            b"Full Name\tUser Action\tTimestamp\nAnn\tJoined\t1/14/2027, 9:00:00 AM\n",
            "s.csv: is not a survey export",
        ),
        (b"PK\x03\x04\x14\x00\x06\x00garbage", "s.csv: is a zip archive or binary file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "s.csv: is a zip archive or binary file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8", "s.csv: is not UTF-8 or UTF-16 text"),
        (
            b"Timestamp,Email Address,Anything else?\n2027-01-20 09:00,a@x.com,no\n",
            "s.csv: no column is a question of the pulse (expected columns headed by the "
            "questions' text or id: role-clear: I know what is expected",
        ),
        (
            b"Timestamp,Email Address,role-clear\n",
            "s.csv: the export holds no response (Google Forms export)",
        ),
        (
            b"Timestamp,role-clear\n2027-01-20 09:00,4\n",
            "s.csv:1: no Email or Name column: nobody can be matched",
        ),
        (
            b"Timestamp,Email,role-clear,ROLE-CLEAR\n",
            "s.csv:1: ROLE-CLEAR: a second column for question 'role-clear'",
        ),
    ],
)
def test_a_file_that_is_no_survey_export(data: bytes, message: str) -> None:
    with pytest.raises(UserError) as caught:
        read(data)
    assert str(caught.value).startswith(message), str(caught.value)


# --- the text edit -------------------------------------------------------------------------


def response(person: str, day: int = 20, **answers: int) -> PulseResponse:
    return PulseResponse(
        person=person,
        stage="start",
        date=dt.date(2027, 1, day),
        answers=answers or {"role-clear": 4},
    )


def test_text_edit_every_way_responses_may_be_written() -> None:
    new = "{person: bo-chen, stage: start, date: 2027-01-20, answers: {role-clear: 4}}"
    missing = "pulse:\n  questions: [{id: role-clear, text: Q}]\n  min_answers: 3\n\nteam: []\n"
    assert set_responses(missing, [(None, response("bo-chen"))]) == missing.replace(
        "3\n", f"3\n  responses:\n    - {new}\n", 1
    )
    empty = "pulse:\n  responses:  # by the import\n  questions: [{id: role-clear, text: Q}]\n"
    assert set_responses(empty, [(None, response("bo-chen"))]) == empty.replace(
        "import\n", f"import\n    - {new}\n"
    )
    brackets = "pulse:\n  questions: [{id: role-clear, text: Q}]\n  responses: []\n"
    assert set_responses(brackets, [(None, response("bo-chen"))]) == (
        f"pulse:\n  questions: [{{id: role-clear, text: Q}}]\n  responses:\n    - {new}\n"
    )
    flow = "pulse: {questions: [{id: role-clear, text: Q}]}\n"
    assert set_responses(flow, [(None, response("bo-chen"))]) == (
        f"pulse: {{questions: [{{id: role-clear, text: Q}}], responses: [{new}]}}\n"
    )


BLOCK = """\
pulse:
  questions: [{id: role-clear, text: Q}, {id: "no", text: R}]
  responses:
    # the start stage
    - {person: ann-lee, stage: start, date: 2027-01-10,
       answers: {role-clear: 2}}   # asked again
    - person: bo-chen        # by hand
      stage: start
      date: 2027-01-10
      answers:
        role-clear: 3
    - {person: cy-dee, stage: start, date: 2027-01-10, answers: {role-clear: 5}}
"""


def test_text_edit_replaces_in_place_in_each_style_and_appends_in_the_last() -> None:
    out = set_responses(
        BLOCK,
        [
            (0, response("ann-lee", 21, **{"role-clear": 4, "no": 1})),
            (1, response("bo-chen", 22)),
            (None, response("di-eng", 23)),
        ],
    )
    assert out == (
        "pulse:\n"
        '  questions: [{id: role-clear, text: Q}, {id: "no", text: R}]\n'
        "  responses:\n"
        "    # the start stage\n"
        '    - {person: ann-lee, stage: start, date: 2027-01-21, answers: {role-clear: 4, "no": '
        "1}}   # asked again\n"
        "    - person: bo-chen\n"
        "      stage: start\n"
        "      date: 2027-01-22\n"
        "      answers: {role-clear: 4}\n"
        "    - {person: cy-dee, stage: start, date: 2027-01-10, answers: {role-clear: 5}}\n"
        "    - {person: di-eng, stage: start, date: 2027-01-23, answers: {role-clear: 4}}\n"
    )


# --- the command ---------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in (root / "playbooks").rglob("*")
        if p.is_file()
    }


def test_the_examples_are_imported_already_a_second_run_changes_nothing(example: Path) -> None:
    files = snapshot(example)
    for export, iid, stage in (
        (XLSX, "client-experience", "infancy"),
        (FORMS_CSV, "finance-close", "discover"),
    ):
        done = run(example, "pulse", "import", str(export), "--initiative", iid, "--stage", stage)
        assert done.exit_code == 0, done.output
        assert ": nothing to change, every response already recorded" in done.output
    assert snapshot(example) == files


def without_responses(root: Path, rel: str) -> str:
    """Take the recorded responses out of an example initiative; its text before."""
    path = root / rel
    text = path.read_text("utf-8")
    path.write_text(text[: text.index("  responses:\n")], "utf-8")
    return text


def test_import_records_the_latest_response_of_each_member(example: Path) -> None:
    imported = without_responses(example, CX)
    args = ("pulse", "import", str(XLSX), "--initiative", "client-experience")
    done = run(example, *args, "--stage", "infancy")
    assert done.exit_code == 0, done.output
    assert (example / CX).read_text("utf-8") == imported  # what the examples hold
    assert done.output.splitlines() == [
        f"{XLSX}: Microsoft Forms export, 10 responses to the questions role-clear, "
        "team-aligned, time-enough",
        f"{CX}: the pulse of stage 'infancy': recorded 8 responses: Dana Whitfield "
        "(dana-whitfield), Morgan Lee (morgan-lee), Priya Nair (priya-nair), Sam Okafor "
        "(sam-okafor), Lee Wong (lee-wong), Amara Osei (amara-osei), Rafael Costa "
        "(rafael-costa), Hannah Berg (hannah-berg)",
        "Lee Wong (lee-wong): answered on rows 4, 11: the latest (row 11) counts",
        f"{XLSX}:10: Jo Park <jo.park@partner.example>: not on the team: not recorded",
        "no response recorded: Tomas Varga (tomas-varga)",
    ]
    assert "lee-wong, stage: infancy, date: 2026-11-17, answers: {role-clear: 4," in imported
    assert run(example, "validate", "--strict").exit_code == 0


def test_comments_and_layout_kept_only_new_lines_added(example: Path) -> None:
    before = (example / CX).read_text("utf-8")
    args = ("pulse", "import", str(GOOGLE_CSV), "--initiative", "client-experience")
    done = run(example, *args, "--stage", "development")
    assert done.exit_code == 0, done.output
    after = (example / CX).read_text("utf-8")
    assert after.startswith(before) and before.endswith("time-enough: 2}}\n")
    assert after[len(before) :] == (
        "    - {person: dana-whitfield, stage: development, date: 2026-11-24, answers: "
        "{role-clear: 5, team-aligned: 4, time-enough: 3}}\n"
        "    - {person: morgan-lee, stage: development, date: 2026-11-24, answers: "
        "{role-clear: 4, team-aligned: 4, time-enough: 3}}\n"
        "    - {person: priya-nair, stage: development, date: 2026-11-25, answers: "
        "{role-clear: 4, team-aligned: 3, time-enough: 2}}\n"
        "    - {person: lee-wong, stage: development, date: 2026-11-26, answers: "
        "{role-clear: 2, team-aligned: 3, time-enough: 2}}\n"
        "    - {person: amara-osei, stage: development, date: 2026-11-26, answers: "
        "{role-clear: 4, team-aligned: 4, time-enough: 3}}\n"
    )
    assert "# Ask the team at every stage; don't assume it knows its role." in after
    assert (
        f"{GOOGLE_CSV}:5: <jo.park@partner.example>: no member has this email (if it is a "
        "member's, add it to their person file): not recorded"
    ) in done.output
    files = snapshot(example)
    again = run(example, *args, "--stage", "development")
    assert again.exit_code == 0 and snapshot(example) == files
    assert "nothing to change, every response already recorded" in again.output


def test_dry_run_prints_and_writes_nothing(example: Path) -> None:
    files = snapshot(example)
    args = ("pulse", "import", str(GOOGLE_CSV), "--initiative", "client-experience")
    done = run(example, *args, "--stage", "development", "--dry-run")
    assert done.exit_code == 0, done.output
    assert ": would record 5 responses: Dana Whitfield" in done.output
    assert done.output.endswith("dry run: nothing was written\n")
    assert snapshot(example) == files


def test_a_later_response_replaces_the_recorded_one_an_older_one_does_not(
    example: Path, tmp_path: Path
) -> None:
    export = tmp_path / "later.csv"
    export.write_text(
        "Timestamp,Email Address,role-clear,team-aligned,time-enough\n"
        "2026/11/20 9:00:00 AM GMT,hannah.berg@example.com,4,4,3\n"
        "2026/11/10 9:00:00 AM GMT,lee.wong@example.com,1,1,1\n",
        "utf-8",
    )
    before = (example / CX).read_text("utf-8")
    args = ("pulse", "import", str(export), "--initiative", "client-experience")
    done = run(example, *args, "--stage", "infancy")
    assert done.exit_code == 0, done.output
    assert (example / CX).read_text("utf-8") == before.replace(
        "{person: hannah-berg, stage: infancy, date: 2026-11-13, answers: {role-clear: 2, "
        "team-aligned: 3, time-enough: 2}}",
        "{person: hannah-berg, stage: infancy, date: 2026-11-20, answers: {role-clear: 4, "
        "team-aligned: 4, time-enough: 3}}",
    )
    lines = done.output.splitlines()
    assert lines[1] == (
        f"{CX}: the pulse of stage 'infancy': replaced 1 earlier response with a later one: "
        "Hannah Berg (hannah-berg)"
    )
    assert lines[2] == (
        f"{export}:3: Lee Wong (lee-wong): a later response, of 2026-11-17, is already "
        "recorded: not recorded"
    )


def test_german_site_reads_german_labels(example: Path, tmp_path: Path) -> None:
    config = example / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("language: en", "language: de"))
    export = tmp_path / "de.csv"
    export.write_text(
        "ID;Start time;Completion time;Email;Name;role-clear;team-aligned;time-enough\n"
        "1;02.12.2026 09:00;02.12.2026 09:03;tomas.varga@example.com;Tomas Varga;"
        "Stimme voll und ganz zu;stimme zu;Stimme überhaupt nicht zu\n",
        "utf-8-sig",
    )
    args = ("pulse", "import", str(export), "--initiative", "client-experience")
    done = run(example, *args, "--stage", "development", "--date", "2026-12-02")
    assert done.exit_code == 0, done.output
    assert (
        "{person: tomas-varga, stage: development, date: 2026-12-02, answers: {role-clear: 5, "
        "team-aligned: 4, time-enough: 1}}"
    ) in (example / CX).read_text("utf-8")


def test_ambiguous_dates_fail_then_date_settles_them(example: Path, tmp_path: Path) -> None:
    export = tmp_path / "uk.csv"
    export.write_bytes(
        FORMS_CSV.read_bytes().replace(b"11/13/26", b"11/12/26"),  # no 13th: two readings
    )
    without_responses(example, FC)
    files = snapshot(example)
    args = ("pulse", "import", str(export), "--initiative", "finance-close", "--stage", "discover")
    done = run(example, *args)
    assert done.exit_code == 1 and "Traceback" not in done.output
    assert done.output == (
        f"{export}: the export's dates read two ways ('11/9/26 8:58:40' on row 2 is 11 "
        "September 2026 or 9 November 2026): give --date YYYY-MM-DD, the date to record for "
        "every response; nothing was changed\n"
    )
    assert snapshot(example) == files
    done = run(example, *args, "--date", "2026-11-13")
    assert done.exit_code == 0, done.output
    assert (example / FC).read_text("utf-8").count("stage: discover, date: 2026-11-13") == 3


def bad_answer(tmp_path: Path) -> Path:
    export = tmp_path / "six.csv"
    export.write_bytes(FORMS_CSV.read_bytes().replace(b",,5,4,3,", b",,6,4,3,"))
    return export


@pytest.mark.parametrize(
    ("export", "extra", "message"),
    [
        (lambda t: REPO / "README.md", (), "README.md: is not a survey export (expected "),
        (lambda t: t / "empty.csv", (), "empty.csv: the file is empty"),
        (
            lambda t: REPO / "examples/reports/teams-close-calendar-2026-12-03.csv",
            (),
            "teams-close-calendar-2026-12-03.csv: is not a survey export",
        ),
        (
            lambda t: FORMS_CSV,
            ("--stage", "discovr"),
            "finance-close: unknown stage 'discovr' (did you mean 'discover'?); stages: "
            "discover, design, pilot, scale\n",
        ),
        (
            bad_answer,
            (),
            "six.csv:3: I know what is expected of me in this stage of the change.: '6' is "
            "not an answer (expected 1 to 5 or Strongly disagree, Disagree, Neutral, Agree, "
            "Strongly agree)\n1 error in ",
        ),
        (lambda t: t / "missing.csv", (), "missing.csv: cannot read file: No such file"),
    ],
)
def test_bad_input_fails_cleanly_and_changes_nothing(
    example: Path, tmp_path: Path, export: object, extra: tuple[str, ...], message: str
) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    path = export(tmp_path)  # type: ignore[operator]
    without_responses(example, FC)
    files = snapshot(example)
    stage = () if "--stage" in extra else ("--stage", "discover")
    done = run(
        example, "pulse", "import", str(path), "--initiative", "finance-close", *stage, *extra
    )
    assert done.exit_code == 1
    assert message in done.output, done.output
    assert "Traceback" not in done.output
    assert snapshot(example) == files


def test_unknown_initiative_and_one_that_asks_no_pulse(example: Path) -> None:
    args = ("pulse", "import", str(XLSX), "--stage", "infancy", "--initiative")
    done = run(example, *args, "client-experiense")
    assert done.exit_code == 1
    assert "unknown initiative 'client-experiense' (did you mean 'client-experience'?)" in (
        done.output
    )
    path = example / FC
    text = path.read_text("utf-8")
    path.write_text(text[: text.index("\n# The pulse")] + "\n", "utf-8")
    done = run(
        example,
        "pulse",
        "import",
        str(FORMS_CSV),
        "--initiative",
        "finance-close",
        "--stage",
        "discover",
    )
    assert done.exit_code == 1
    assert done.output.startswith("finance-close: asks no pulse: add the questions under ")


def test_anonymous_and_blank_responses_are_listed_never_written(
    example: Path, tmp_path: Path
) -> None:
    export = tmp_path / "anon.csv"
    export.write_text(
        "ID,Start time,Completion time,Email,Name,role-clear,team-aligned,time-enough\n"
        "1,,2026-11-30 09:00,anonymous,,4,4,4\n"
        "2,,2026-11-30 09:05,anonymous,,2,2,2\n"
        "3,,2026-11-30 09:10,sam.okafor@example.com,Sam Okafor,,,\n",
        "utf-8",
    )
    files = snapshot(example)
    args = ("pulse", "import", str(export), "--initiative", "client-experience")
    done = run(example, *args, "--stage", "development")
    assert done.exit_code == 0, done.output
    assert snapshot(example) == files
    assert (
        f"{export}:4: Sam Okafor (sam-okafor): answered none of the questions: not recorded"
    ) in done.output
    assert f"{export}:2, 3: anonymous responses: not recorded (make the form record" in (
        done.output
    )


# --- what the sites show of the example ------------------------------------------------------


def generated(root: Path) -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted((root / "generated").rglob("*.md")))


@pytest.mark.parametrize("audience", ["everyone", "leadership", "core"])
def test_the_example_pulse_is_anonymous_below_core(example: Path, audience: str) -> None:
    assert run(example, "render", "--audience", audience).exit_code == 0
    pages = generated(example)
    card = example / "generated/client-experience/scorecard.md"
    flagged = "talk to them: their role is not clear to them"
    if audience == "everyone":
        assert not card.exists() and "The team's pulse" not in pages
    elif audience == "leadership":
        text = card.read_text("utf-8")
        assert "8 of 9" in text and "7 of 9" in text  # time-enough: Sam skipped it
        assert flagged not in pages and "The pulse, member by member" not in pages
        assert "Nov 17, 2026" not in pages  # when Lee answered: core's
    else:
        text = card.read_text("utf-8")
        assert "The pulse, member by member" in text
        row = next(ln for ln in text.splitlines() if ln.startswith("| [Hannah Berg]"))
        assert flagged in row and "| 2 |" in row and "Nov 17, 2026" in text


@contextlib.contextmanager
def chdir(folder: Path) -> Iterator[None]:
    """Relative paths as the README writes them (Python 3.10 has no contextlib.chdir)."""
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def test_the_readme_walk_through_prints_what_it_says(example: Path) -> None:
    """The README's pulse walk-through, run on the shipped examples from the repository
    root, prints exactly what the README shows."""
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme[readme.index("### Asking the team: the pulse") :]
    block = section[section.index("```console\n") + 11 : section.index("\n```\n")]
    commands = block.split("$ playbook ")[1:]
    assert len(commands) == 3
    (example / "examples").mkdir()
    shutil.copytree(EXAMPLES, example / "examples" / "forms")
    for command in commands:
        line, _, shown = command.partition("\n")
        if not line.startswith("pulse import "):
            continue
        with chdir(example):
            done = run(example, *line.split())
        assert done.exit_code == 0, done.output
        assert done.output == shown, done.output


# --- hostile exports -------------------------------------------------------------------------

CELLS = st.sampled_from(
    [
        "",
        "4",
        "4.0",
        "6",
        "Agree",
        "2027-01-20 09:00",
        "13/13/2027",
        "1/2/2027 9:00 PM GMT+1",
        '"',
        "a@x.com",
        "Ann Lee",
        "\x00",
        "\u2028",
        "Completion time",
        "Timestamp",
        QUESTIONS[0],
        "role-clear",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.lists(CELLS, max_size=7), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
    head=st.sampled_from(
        [
            [],
            ["ID", "Start time", "Completion time", "Email", "Name"],
            ["Timestamp", "Email Address"],
        ]
    ),
)
def test_any_export_ends_in_a_survey_or_a_clean_refusal(
    rows: list[list[str]], delimiter: str, encoding: str, head: list[str]
) -> None:
    lines = [head + ["role-clear", QUESTIONS[1]]] if head else []
    text = "\n".join(delimiter.join(r) for r in lines + rows)
    try:
        read(text.encode(encoding))
    except UserError as exc:
        assert str(exc) and "Traceback" not in str(exc)


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(0, 6000), flips=st.lists(st.integers(0, 6000), max_size=8))
def test_a_damaged_workbook_is_refused_cleanly(cut: int, flips: list[int]) -> None:
    data = bytearray(XLSX.read_bytes())
    for at in flips:
        data[at % len(data)] ^= 0x5A
    try:
        read(bytes(data[: max(4, cut)]) if cut < len(data) else bytes(data))
    except UserError as exc:
        assert str(exc)


def test_an_interrupted_import_s_leftover_is_removed_by_the_next(example: Path) -> None:
    leftover = example / "playbooks" / "client-experience" / ".pulse-abc.yml.tmp"
    leftover.write_text("responses: half written", "utf-8")
    args = ("pulse", "import", str(GOOGLE_CSV), "--initiative", "client-experience")
    done = run(example, *args, "--stage", "development")
    assert done.exit_code == 0, done.output
    assert not leftover.exists()
