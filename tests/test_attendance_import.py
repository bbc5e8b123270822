"""`playbook attendance import`: meeting reports as Teams and Zoom write them, the matcher,
and the command (in-process): merged, never removed; a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.commands.attended_text import add_attended
from generator.source.model import Person
from generator.source.problems import UserError
from generator.source.reports import Attendee, read_report
from generator.source.reports.match import match, name_key
from generator.source.reports.when import duration
from tests.conftest import REPO, edited, minimal, run

EXAMPLES = REPO / "examples" / "reports"
TEAMS = EXAMPLES / "teams-close-calendar-2026-12-03.csv"
ZOOM = EXAMPLES / "zoom-design-offsite-2027-01-14.csv"

# Teams, sectioned, as a UK organiser's Teams writes it: UTF-8 with a BOM, commas, 24-hour.
TEAMS_UK = """\
1. Summary
Meeting title,Designing the future
Attended participants,3
Start time,"14/01/2027, 09:00:11"
End time,"14/01/2027, 15:01:02"

2. Participants
NAME ,  first join,Last Leave,IN-MEETING DURATION,Email,Participant ID (UPN),Role,Extra
Ann Lee,"14/01/2027, 09:00:11","14/01/2027, 15:01:02",6h 0m 51s,ann@x.com,ann@x.com,Organiser,x
"Chen, Bo","14/01/2027, 09:10:00","14/01/2027, 09:40:00",30m,,,Attendee,
"""

# The older single table: one row per join or leave.
TEAMS_LOG = """\
Full Name\tUser Action\tTimestamp
Ann Lee\tJoined before\t1/14/2027, 9:00:00 AM
Bo Chen\tJoined\t1/14/2027, 9:05:00 AM
Bo Chen\tLeft\t1/14/2027, 9:35:00 AM
Bo Chen\tJoined\t1/14/2027, 9:50:00 AM
Ann Lee\tLeft\t1/14/2027, 10:00:00 AM
Bo Chen\tLeft\t1/14/2027, 10:00:00 AM
"""

ZOOM_BARE = """\
Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
Ann Lee,ANN@example.com,01/14/2027 09:00:00 AM,01/14/2027 10:00:00 AM,60,No
Bo (Bo Chen),,01/14/2027 09:02:00 AM,01/14/2027 09:20:00 AM,18,No
Bo (Bo Chen),,01/14/2027 09:30:00 AM,01/14/2027 09:45:00 AM,15,No
Cy Guest,cy@partner.example,01/14/2027 09:00:00 AM,01/14/2027 10:00:00 AM,60,Yes
"""

ZOOM_HEADED = """\
Topic,ID,Host,Duration (Minutes),Start Time,End Time,Participants
Start workshop,812 3456 7890,Ann Lee,60,14.01.2027 09:00,14.01.2027 10:00,2

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
Ann Lee,ann@example.com,14.01.2027 09:00,14.01.2027 10:00,60,No
Bo Chen,,14.01.2027 09:00,14.01.2027 09:50,50,No
"""


def by_name(report_attendees: tuple[Attendee, ...]) -> dict[str, int]:
    return {a.name: a.seconds for a in report_attendees}


# --- the readers ---------------------------------------------------------------------------


def test_teams_sectioned_utf16_tab_the_example() -> None:
    report = read_report("t.csv", TEAMS.read_bytes(), dt.date(2026, 12, 3))
    assert TEAMS.read_bytes()[:2] == b"\xff\xfe"
    assert (report.kind, report.title) == (
        "Teams attendance report",
        "Close calendar design (catch-up)",
    )
    assert report.date == dt.date(2026, 12, 3)
    # The participants' totals, not the activities below them (which would count twice).
    assert by_name(report.attendees) == {
        "Dana Whitfield": 2 * 3600 + 31 * 60 + 35,
        "Costa, Rafael": 2 * 3600 + 17 * 60 + 51,
        "LEE Wong": 30 * 60 + 20,
        "Nadia Rahman": 2 * 3600 + 20 * 60 + 40,
        "Jo Park (Guest)": 90 * 60,
    }
    assert [a.row for a in report.attendees] == [11, 12, 13, 14, 15]
    assert report.attendees[1].email == "Rafael.Costa@example.com"


@pytest.mark.parametrize("bom", [True, False])
def test_teams_utf8_comma_day_first_24h_headers_in_any_case(bom: bool) -> None:
    data = ("\ufeff" if bom else "").encode() + TEAMS_UK.encode("utf-8")
    report = read_report("uk.csv", data)
    assert report.date == dt.date(2027, 1, 14)  # 14 > 12: day first, proven
    assert by_name(report.attendees) == {"Ann Lee": 6 * 3600 + 51, "Chen, Bo": 1800}


def test_teams_activities_only_one_row_per_join() -> None:
    text = (
        "3. In-Meeting Activities\n"
        "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n"
        "Bo Chen\t2027-01-14 09:00:00\t2027-01-14 09:20:00\t20m\t\tAttendee\n"
        "Bo Chen\t2027-01-14 09:30:00\t2027-01-14 09:45:00\t15m 30s\t\tAttendee\n"
    )
    report = read_report("a.csv", text.encode("utf-16"))
    assert [a.seconds for a in report.attendees] == [1200, 930]
    assert report.date == dt.date(2027, 1, 14)


def test_teams_single_table_times_from_join_and_leave_pairs() -> None:
    report = read_report("old.csv", TEAMS_LOG.encode("utf-16"))
    assert report.kind == "Teams attendance report (single table)"
    assert report.date == dt.date(2027, 1, 14)
    assert by_name(report.attendees) == {"Ann Lee": 3600, "Bo Chen": 30 * 60 + 10 * 60}


def test_zoom_without_the_meeting_header_month_first_12h() -> None:
    report = read_report("z.csv", ZOOM_BARE.encode())
    assert (report.kind, report.title, report.date) == (
        "Zoom participants export",
        None,
        dt.date(2027, 1, 14),
    )
    assert [(a.row, a.seconds) for a in report.attendees] == [
        (2, 3600),
        (3, 1080),
        (4, 900),
        (5, 3600),
    ]


def test_zoom_with_the_meeting_header_dotted_day_first() -> None:
    report = read_report("z.csv", ZOOM_HEADED.encode())
    assert (report.title, report.date) == ("Start workshop", dt.date(2027, 1, 14))
    assert by_name(report.attendees) == {"Ann Lee": 3600, "Bo Chen": 3000}


def test_zoom_waiting_room_is_not_the_meeting() -> None:
    text = (
        "Name (Original Name),Email,Join time,Leave time,Duration (minutes),Guest,In waiting room\n"
        "Bo Chen,,01/14/2027 09:00,01/14/2027 09:10,10,No,Yes\n"
        "Bo Chen,,01/14/2027 09:10,01/14/2027 10:00,50,No,No\n"
    )
    assert [a.seconds for a in read_report("z.csv", text.encode()).attendees] == [3000]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1h 2m 3s", 3723), ("45m 10s", 2710), ("2m", 120), ("30s", 30), ("1:02:03", 3723)],
)
def test_durations_as_teams_writes_them(text: str, seconds: int) -> None:
    assert duration(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "1x", "h m s"])
def test_not_durations(text: str) -> None:
    assert duration(text) is None


def test_dates_that_read_two_ways_need_the_meeting_date() -> None:
    data = TEAMS.read_bytes()
    with pytest.raises(UserError) as caught:
        read_report("t.csv", data)
    assert str(caught.value) == (
        "t.csv: the report's dates read two ways (12 March or 3 December 2026): give "
        "--date YYYY-MM-DD, the day of the meeting; nothing was changed"
    )
    assert read_report("t.csv", data, dt.date(2026, 3, 12)).date == dt.date(2026, 3, 12)
    with pytest.raises(UserError) as caught:
        read_report("t.csv", data, dt.date(2026, 12, 4))
    assert str(caught.value) == (
        "t.csv: is the report of a meeting on 12 March or 3 December 2026, not of 2026-12-04 "
        "(--date); nothing was changed"
    )


def test_a_date_that_is_not_the_meeting_s_is_refused() -> None:
    with pytest.raises(UserError, match="meeting on 2027-01-14 .* not of 2027-01-15 .--date."):
        read_report("z.csv", ZOOM_BARE.encode(), dt.date(2027, 1, 15))


def test_one_order_for_the_whole_file() -> None:
    text = ZOOM_BARE.replace("01/14/2027 09:02:00 AM", "15/01/2027 09:02:00 AM")
    with pytest.raises(UserError, match=r"z.csv:2: Join Time: '01/14/2027 09:00:00 AM' reads"):
        read_report("z.csv", text.encode())


def test_every_problem_of_the_input_at_once() -> None:
    text = (
        TEAMS_UK.replace("6h 0m 51s", "six hours")
        .replace('"14/01/2027, 09:10:00"', "yesterday")
        .replace('"Chen, Bo"', "")
    )
    with pytest.raises(UserError) as caught:
        read_report("uk.csv", text.encode())
    assert str(caught.value) == (
        "uk.csv:9: IN-MEETING DURATION: 'six hours' is not a duration (expected one like "
        "1h 2m 3s)\n"
        "uk.csv:10: NAME: empty (expected the name)\n"
        "uk.csv:10: first join: 'yesterday' is not a date and time such as 4/11/2026, "
        "9:02:11 AM\n"
        "3 errors in uk.csv; nothing was changed."
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"",
            "x.csv: the file is empty (expected a Teams attendance report or a Zoom "
            "participants export, as CSV); nothing was changed",
        ),
        (b"\n\n ,,\n", "x.csv: the file is empty"),
        (
            b"id,name,title\nann-lee,Ann,CEO\n",
            "x.csv: is not a meeting attendance report "
            "(expected a Teams attendance report or a Zoom participants export, as CSV; its first "
            "row reads: id, name, title); nothing was changed",
        ),
        (b"PK\x03\x04\x14\x00\x06\x00", "x.csv: is a spreadsheet or other zip archive"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8", "x.csv: is not UTF-8 or UTF-16 text"),
        (b"Name,a\x00b\n", "x.csv: is a binary file"),
    ],
)
def test_a_file_that_is_no_report(data: bytes, message: str) -> None:
    with pytest.raises(UserError) as caught:
        read_report("x.csv", data)
    assert str(caught.value).startswith(message)


def test_a_report_that_lists_nobody() -> None:
    with pytest.raises(UserError, match="the report lists nobody"):
        read_report("z.csv", ZOOM_BARE.split("\n", 1)[0].encode() + b"\n")


# --- the matcher ---------------------------------------------------------------------------

PEOPLE = {
    "amara-osei": Person(name="Amara Osei", title="CHRO", function="People", email="amara@x.com"),
    "jose-nunez": Person(name="José Núñez", title="CFO", function="Finance"),
    "li-wei": Person(name="Li Wei", title="CIO", function="IT"),
    "wei-li": Person(name="Wei Li", title="COO", function="Operations"),
}


@pytest.mark.parametrize(
    "written", ["Jose Nunez", "NÚÑEZ José", "Núñez, José", "  jose   NUNEZ ", "José Núñez (Guest)"]
)
def test_names_match_whatever_the_case_accents_spacing_and_order(written: str) -> None:
    assert "(" in written or name_key(written) == name_key("José Núñez")
    present, strangers = match([Attendee(2, written, None, 60)], list(PEOPLE), PEOPLE)
    assert [p.person for p in present] == ["jose-nunez"] and not strangers


def test_email_first_any_case_then_name_and_rejoins_add_up() -> None:
    rows = [
        Attendee(2, "Someone Else", "AMARA@X.COM", 600),
        Attendee(3, "Amara Osei", None, 300),
        Attendee(4, "Cy Guest", "cy@partner.example", 900),
        Attendee(5, "Cy Guest", "cy@partner.example", 100),
    ]
    present, strangers = match(rows, list(PEOPLE), PEOPLE)
    assert [(p.person, p.rows, p.seconds) for p in present] == [("amara-osei", (2, 3), 900)]
    assert [(s.rows, s.name, s.seconds) for s in strangers] == [((4, 5), "Cy Guest", 1000)]


def test_a_name_two_members_share_matches_neither() -> None:
    present, strangers = match([Attendee(2, "Li Wei", None, 60)], list(PEOPLE), PEOPLE)
    assert not present
    assert strangers[0].twins == ("li-wei", "wei-li")


# --- the text edit -------------------------------------------------------------------------

BLOCK = """\
training:
  - id: m
    sessions:
      # a comment
      - date: 2027-01-14   # kept
        start: "09:00"
      - date: 2027-01-15
        attended:
          - ann-lee        # came
"""


def test_text_edit_every_way_a_session_may_be_written() -> None:
    out = add_attended(BLOCK, 0, 0, ["bo-chen"])
    assert out == BLOCK.replace('start: "09:00"\n', 'start: "09:00"\n        attended: [bo-chen]\n')
    out = add_attended(BLOCK, 0, 1, ["bo-chen"])
    assert out == BLOCK + "          - bo-chen\n"
    flow = "training:\n  - {id: m, sessions: [{date: 2027-01-14}]}\n"
    assert add_attended(flow, 0, 0, ["a", "b"]) == (
        "training:\n  - {id: m, sessions: [{date: 2027-01-14, attended: [a, b]}]}\n"
    )
    listed = "training:\n- id: m\n  sessions:\n  - {date: 2027-01-14, attended: [a]}  # x\n"
    assert add_attended(listed, 0, 0, ["b"]) == listed.replace("[a]", "[a, b]")
    empty = "training:\n- id: m\n  sessions:\n  - {date: 2027-01-14, attended: []}"
    assert add_attended(empty, 0, 0, ["b"]) == empty.replace("[]", "[b]")
    bare = "training:\n- id: m\n  sessions:\n  - date: 2027-01-14\n    attended:\n"
    assert add_attended(bare, 0, 0, ["b"]) == bare.replace("attended:", "attended: [b]")


# --- the command ---------------------------------------------------------------------------

CX = "playbooks/client-experience/initiative.yml"
FC = "playbooks/finance-close/initiative.yml"


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in (root / "playbooks").rglob("*")
        if p.is_file()
    }


def test_import_records_who_came_and_a_second_run_changes_nothing(example: Path) -> None:
    before = (example / CX).read_text("utf-8")
    done = run(example, "attendance", "import", str(ZOOM), "--initiative", "client-experience")
    assert done.exit_code == 0, done.output
    after = (example / CX).read_text("utf-8")
    old = (
        '      - {date: 2027-01-14, start: "09:00", location: Hartfield House conference centre}\n'
    )
    assert after == before.replace(
        old,
        old[:-2] + ", attended: [dana-whitfield, morgan-lee, priya-nair, sam-okafor, lee-wong, "
        "amara-osei, rafael-costa]}\n",
    )
    lines = done.output.splitlines()
    assert lines[1] == (
        f"{CX}: design-offsite, session of 2027-01-14: recorded 7 attended: Dana Whitfield "
        "(dana-whitfield), Morgan Lee (morgan-lee), Priya Nair (priya-nair), Sam Okafor "
        "(sam-okafor), Lee Wong (lee-wong), Amara Osei (amara-osei), Rafael Costa (rafael-costa)"
    )
    assert (
        "Hannah Berg (hannah-berg): joined for 40 of 360 minutes: not recorded (the threshold "
        "is 180)" in lines
    )
    assert (
        f"{ZOOM}:15: Jo Park <jo.park@partner.example>, 170 minutes: not on the team (a "
        "guest): not recorded"
    ) in lines
    assert lines[-1] == "invited, absent: Tomas Varga (tomas-varga)"
    assert run(example, "validate").exit_code == 0
    files = snapshot(example)
    again = run(example, "attendance", "import", str(ZOOM), "--initiative", "client-experience")
    assert again.exit_code == 0 and snapshot(example) == files
    assert "nothing to change, all present already recorded" in again.output


def test_dry_run_prints_and_writes_nothing(example: Path) -> None:
    files = snapshot(example)
    done = run(
        example, "attendance", "import", str(ZOOM), "--initiative", "client-experience", "--dry-run"
    )
    assert done.exit_code == 0
    assert ": would record 7 attended:" in done.output
    assert done.output.endswith("dry run: nothing was written\n")
    assert snapshot(example) == files


def test_ambiguous_dates_fail_then_date_settles_them(example: Path) -> None:
    files = snapshot(example)
    args = ("attendance", "import", str(TEAMS), "--initiative", "finance-close")
    done = run(example, *args)
    assert done.exit_code == 1
    assert "dates read two ways (12 March or 3 December 2026): give --date" in done.output
    assert snapshot(example) == files
    done = run(example, *args, "--date", "2026-12-03")
    assert done.exit_code == 0, done.output
    assert "Lee Wong (lee-wong): joined for 30 of 150 minutes: not recorded" in done.output
    assert (
        f"{FC}: close-calendar-design, session of 2026-12-03: recorded 3 attended: "
        "Nadia Rahman (nadia-rahman), Rafael Costa (rafael-costa), Dana Whitfield"
    ) in done.output
    text = (example / FC).read_text("utf-8")
    assert (
        "Finance floor meeting room, attended: [nadia-rahman, rafael-costa, dana-whitfield]}"
    ) in text


def test_merged_never_removed_and_comments_kept(example: Path, tmp_path: Path) -> None:
    """The session of 19 November recorded Lee, Nadia and Dana (block style, a comment above):
    a report with Rafael alone adds him and removes nobody."""
    report = tmp_path / "r.csv"
    report.write_text(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
        "Rafael Costa,,2026-11-19 09:00,2026-11-19 11:30,150,No\n",
        "utf-8",
    )
    before = (example / FC).read_text("utf-8")
    done = run(example, "attendance", "import", str(report), "--initiative", "finance-close")
    assert done.exit_code == 0, done.output
    assert (example / FC).read_text("utf-8") == before.replace(
        "attended: [lee-wong, nadia-rahman, dana-whitfield]",
        "attended: [lee-wong, nadia-rahman, dana-whitfield, rafael-costa]",
    )
    assert "# Rafael was at the ERP cut-over on the 19th" in before
    assert "invited, absent: Lee Wong (lee-wong), Nadia Rahman (nadia-rahman), Dana " in done.output


def test_attended_all_already_nothing_to_add(example: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.csv"
    report.write_text(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
        "Lee Wong,,2026-09-29 09:00,2026-09-29 12:00,180,No\n",
        "utf-8",
    )
    files = snapshot(example)
    done = run(example, "attendance", "import", str(report), "--initiative", "client-experience")
    assert done.exit_code == 0
    assert "case-for-change, session of 2026-09-29: attended: all already; nothing to add" in (
        done.output
    )
    assert snapshot(example) == files


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"id,name\nann,Ann\n", "is not a meeting attendance report"),
        (b"", "the file is empty"),
        (ZOOM.read_bytes().replace(b"01/14/2027", b"01/16/2027"), "has no session that day"),
    ],
)
def test_no_report_or_another_meeting_fails_cleanly(
    example: Path, tmp_path: Path, data: bytes, message: str
) -> None:
    report = tmp_path / "r.csv"
    report.write_bytes(data)
    files = snapshot(example)
    done = run(example, "attendance", "import", str(report), "--initiative", "client-experience")
    assert done.exit_code == 1 and message in done.output
    assert "Traceback" not in done.output
    assert snapshot(example) == files


def test_another_meeting_lists_the_sessions_near_it(example: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.csv"
    report.write_bytes(ZOOM.read_bytes().replace(b"01/14/2027", b"01/16/2027"))
    done = run(example, "attendance", "import", str(report), "--initiative", "client-experience")
    assert f"{report}: is the report of a meeting on 2027-01-16 (16 January 2027), and " in (
        done.output
    )
    assert "design-offsite on 2027-01-14" in done.output


def small(root: Path, sessions: str) -> None:
    minimal(
        root,
        edited(
            (
                "    agenda:\n      - {minutes: 60, title: Why change}\n",
                "    agenda:\n      - {minutes: 60, title: Why change}\n" + sessions,
            ),
            ("    duration_minutes: 30\n", "    duration_minutes: 30\n" + sessions),
        ),
    )


def test_several_sessions_that_day_need_the_module(blank: Path, tmp_path: Path) -> None:
    small(blank, "    sessions:\n      - {date: 2027-01-14}\n")
    report = tmp_path / "r.csv"
    report.write_text(ZOOM_HEADED, "utf-8")
    done = run(blank, "attendance", "import", str(report), "--initiative", "small")
    assert done.exit_code == 1
    assert "small has 2 sessions on 2027-01-14 (14 January 2027): finish-workshop, " in (
        done.output
    )
    done = run(
        blank,
        "attendance",
        "import",
        str(report),
        "--initiative",
        "small",
        "--module",
        "start-worksop",
    )
    assert done.exit_code == 1
    assert done.output == (
        "small: unknown training module 'start-worksop' (did you mean 'start-workshop'?); "
        "modules: start-workshop, finish-workshop\n"
    )
    done = run(
        blank,
        *("attendance", "import", str(report), "--initiative", "small"),
        *("--module", "start-workshop", "--min-minutes", "55"),
    )
    assert done.exit_code == 0, done.output
    assert "recorded 1 attended: Ann Lee (ann-lee)" in done.output
    assert "Bo Chen (bo-chen): joined for 50 of 60 minutes: not recorded (the threshold is 55)" in (
        done.output
    )
    text = (blank / "playbooks/small/initiative.yml").read_text("utf-8")
    assert text.count("attended: [ann-lee]") == 1


def test_unknown_initiative(example: Path) -> None:
    done = run(example, "attendance", "import", str(ZOOM), "--initiative", "client-experiense")
    assert done.exit_code == 1
    assert "unknown initiative 'client-experiense' (did you mean 'client-experience'?)" in (
        done.output
    )
