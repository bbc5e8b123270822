"""Every error in one run (issue 16): schema errors and reference errors of every file come
together, and one root cause is reported once, not again wherever it echoes."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import edited, minimal, write
from tests.test_validation_errors import ID_RULE, errors

INI = "playbooks/small/initiative.yml"
ROLES = "sponsor, champion, owner, contributor, advisor"
FORMATS = "workshop, offsite, briefing, one-to-one, self-paced"
LATE_FINISH = (
    "    goal: Deliver it.",
    "    goal: Deliver it.\n    starts: 2026-05-01\n    ends: 2026-04-01",
)


def test_bad_enum_misspelt_person_and_backwards_stage_all_at_once(blank: Path) -> None:
    """The issue's own case: three errors of two kinds in one file, each with its hint."""
    minimal(
        blank,
        edited(
            LATE_FINISH,
            ("  - person: bo-chen", "  - person: bo-chn"),
            ("    role: owner", "    role: ownr"),
        ),
    )
    assert errors(blank) == [
        f"{INI}:16:11: stages[1].ends: ends 2026-04-01 is before starts 2026-05-01",
        f"{INI}:24:13: team[1].person: unknown person 'bo-chn' (did you mean 'bo-chen'?)",
        f"{INI}:25:11: team[1].role: unknown value 'ownr' (expected one of: {ROLES}; did you "
        "mean 'owner'?)",
    ]


def test_person_file_schema_error_and_unknown_boss_elsewhere(blank: Path) -> None:
    minimal(blank)
    write(blank, "playbooks/people/ann-lee.yml", "name: Ann Lee\ntitle: 2026\nfunction: Exec\n")
    write(
        blank,
        "playbooks/people/cy-diaz.yml",
        "name: Cy Diaz\ntitle: CIO\nfunction: IT\nreports_to: ann-le\nemail: [cy]\n",
    )
    assert errors(blank) == [
        "playbooks/people/ann-lee.yml:2:8: title: found the number 2026 (expected text; put it "
        "in quotes to keep it as text)",
        "playbooks/people/cy-diaz.yml:4:13: reports_to: unknown person 'ann-le' (did you mean "
        "'ann-lee'?)",
        "playbooks/people/cy-diaz.yml:5:8: email: found a list (expected text)",
    ]


def test_bad_enum_in_one_module_unknown_attendee_in_another(blank: Path) -> None:
    minimal(
        blank,
        edited(
            ("format: workshop", "format: workshp"),
            (
                "    duration_minutes: 30",
                "    duration_minutes: 30\n    sessions: [{date: 2026-10-01, attended: [bo-chn]}]",
            ),
        ),
    )
    assert errors(blank) == [
        f"{INI}:37:13: training[0].format: unknown value 'workshp' (expected one of: {FORMATS}; "
        "did you mean 'workshop'?)",
        f"{INI}:46:46: training[1].sessions[0].attended[0]: unknown person 'bo-chn' (did you "
        "mean 'bo-chen'?)",
    ]


def test_a_refused_item_still_lets_its_siblings_be_checked(blank: Path) -> None:
    """One bad id in a list hides only itself: the next item is still looked up."""
    minimal(
        blank,
        edited(
            ("    duration_minutes: 30", "    duration_minutes: 30\n    attendees: [Ann Lee, zed]"),
            ("responsible: [bo-chen]", "responsible: [bo-chen], consulted: [7]"),
        ),
    )
    assert errors(blank) == [
        f"{INI}:32:70: activities[0].raci.consulted[0]: found the number 7 (expected text; "
        "put it in quotes to keep it as text)",
        f"{INI}:46:17: training[1].attendees[0]: not a valid id: 'Ann Lee' ({ID_RULE})",
        f"{INI}:46:26: training[1].attendees[1]: unknown person 'zed' (expected a person id: a "
        "file playbooks/people/zed.yml)",
    ]


def test_a_refused_team_member_is_not_reported_again_where_named(blank: Path) -> None:
    """team[1].person is refused; the sponsor check, the RACI and the attendance that name
    bo-chen say nothing more (they most likely meant that member)."""
    minimal(
        blank,
        edited(
            ("  - person: bo-chen", "  - person: Bo Chen"),
            (
                "    duration_minutes: 30",
                "    duration_minutes: 30\n    attendees: [bo-chen]\n"
                "    sessions: [{date: 2026-10-01, attended: [bo-chen]}]",
            ),
        ),
    )
    assert errors(blank) == [
        f"{INI}:22:13: team[1].person: not a valid id: 'Bo Chen' ({ID_RULE})",
    ]


def test_a_misspelt_member_is_reported_once_other_outsiders_still_are(blank: Path) -> None:
    minimal(
        blank,
        edited(
            ("  - person: bo-chen", "  - person: bo-chn"),
            ("informed: [all]", "informed: [cy-diaz]"),
        ),
    )
    write(blank, "playbooks/people/cy-diaz.yml", "name: Cy Diaz\ntitle: CIO\nfunction: IT\n")
    assert errors(blank) == [
        f"{INI}:22:13: team[1].person: unknown person 'bo-chn' (did you mean 'bo-chen'?)",
        f"{INI}:32:69: activities[0].raci.informed[0]: person 'cy-diaz' is not on this "
        "initiative's team (expected a team member; add them under team:)",
    ]


def test_a_member_without_a_person_hides_no_other_error(blank: Path) -> None:
    """No person at all: any 'not on the team' could be that member, so none is said; the
    other errors of the file still are."""
    minimal(
        blank,
        edited(
            ("  - person: bo-chen\n    role: owner", "  - role: owner"),
            ("    stage: finish", "    stage: finsh"),
        ),
    )
    assert errors(blank) == [
        f"{INI}:22:5: team[1].person: required key 'person' is missing",
        f"{INI}:41:12: training[1].stage: unknown stage 'finsh' (expected one of: start, "
        "finish; did you mean 'finish'?)",
    ]


def test_a_broken_stage_id_is_reported_where_it_is_defined(blank: Path) -> None:
    """`Finish` is refused once; the member stages and the module naming
    `finish` say nothing; a reference to no stage at all is still reported."""
    minimal(
        blank,
        edited(
            ("  - id: finish\n", "  - id: Finish\n"),
            ("current_stage: start", "current_stage: middle"),
        ),
    )
    assert errors(blank) == [
        f"{INI}:5:16: current_stage: unknown stage 'middle' (expected one of: start)",
        f"{INI}:12:9: stages[1].id: not a valid id: 'Finish' ({ID_RULE})",
    ]


def test_quoted_dates_are_dates_to_the_reference_checks_too(blank: Path) -> None:
    minimal(
        blank,
        edited(
            (
                "    goal: Deliver it.",
                '    goal: Deliver it.\n    starts: "2026-05-01"\n    ends: 2026-04-01',
            ),
            ("title: Small Change", "title: [Small Change]"),
        ),
    )
    assert errors(blank) == [
        f"{INI}:1:8: title: found a list (expected text)",
        f"{INI}:16:11: stages[1].ends: ends 2026-04-01 is before starts 2026-05-01",
    ]


def test_a_skipped_hour_is_found_beside_a_schema_error(blank: Path) -> None:
    """01:30 never happens in London on 2026-03-29; the zone refused, no time is judged."""
    session = (
        "    duration_minutes: 60\n",
        '    duration_minutes: 60\n    sessions: [{date: 2026-03-29, start: "01:30"}]\n',
    )
    london = ("current_stage: start", "current_stage: start\ntimezone: Europe/London")
    minimal(blank, edited(london, session, ("format: workshop", "format: talk")))
    assert errors(blank) == [
        f"{INI}:38:13: training[0].format: unknown value 'talk' (expected one of: {FORMATS})",
        f"{INI}:40:42: training[0].sessions[0].start: 01:30 does not exist on 2026-03-29 in "
        "Europe/London: the clocks go forward that day (expected a time outside the hour they "
        "skip)",
    ]
    minimal(blank, edited((london[0], london[1].replace("London", "Londn")), session))
    assert [e.split(": ")[1] for e in errors(blank)] == ["timezone"]
