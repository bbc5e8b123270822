"""No page of a lower audience hints that something is hidden from it (issue 16): an agenda
adds up without its hidden lines, the office's warnings are the core team's, and hidden names
are not counted as none."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.source.model import AUDIENCES
from tests.conftest import edited, minimal, run

AGENDA = """    agenda:
      - {minutes: 10, title: Warm-up read of the room, visibility: core}
      - {minutes: 30, title: Why change}
      - {minutes: 20, title: The budget, visibility: leadership}
      - {minutes: 15, title: Next steps}
      - {minutes: 5, title: Observer debrief, visibility: core}"""
TABLE = "| Time | Minutes | Item |\n|---|---|---|\n"
AGENDAS = {
    # A hidden line's minutes go to the visible line before it (the first, at the top).
    "everyone": "| 0:00–1:00 | 60 | Why change |\n| 1:00–1:20 | 20 | Next steps |\n",
    "leadership": "| 0:00–0:40 | 40 | Why change |\n| 0:40–1:00 | 20 | The budget |\n"
    "| 1:00–1:20 | 20 | Next steps |\n",
    "core": "| 0:00–0:10 | 10 | Warm-up read of the room |\n| 0:10–0:40 | 30 | Why change |\n"
    "| 0:40–1:00 | 20 | The budget |\n| 1:00–1:15 | 15 | Next steps |\n"
    "| 1:15–1:20 | 5 | Observer debrief |\n",
}
WARNING = '!!! warning "The agenda does not add up"'


def render(root: Path, audience: str, page: str) -> str:
    result = run(root, "render", "--audience", audience)
    assert result.exit_code == 0, result.output
    return (root / "generated" / "small" / page).read_text("utf-8")


def with_agenda(root: Path, duration: int) -> None:
    minimal(
        root,
        edited(
            (
                "    duration_minutes: 60\n    agenda:\n      - {minutes: 60, title: Why change}",
                f"    duration_minutes: {duration}\n{AGENDA}",
            ),
        ),
    )


@pytest.mark.parametrize("audience", AUDIENCES)
def test_an_agenda_adds_up_without_its_hidden_lines(blank: Path, audience: str) -> None:
    with_agenda(blank, 80)
    page = render(blank, audience, "training/start-workshop.md")
    assert f"{TABLE}{AGENDAS[audience]}| **Total** | **80** | |\n" in page
    assert WARNING not in page


@pytest.mark.parametrize("audience", AUDIENCES)
def test_only_the_core_team_is_told_an_agenda_does_not_add_up(blank: Path, audience: str) -> None:
    with_agenda(blank, 90)
    page = render(blank, audience, "training/start-workshop.md")
    told = f"{WARNING}\n    The agenda adds up to 1 h 20 min; the module lasts 1 h 30 min.\n"
    assert (told in page) is (audience == "core")
    assert "**Total** | **80**" in page


@pytest.mark.parametrize(
    ("audience", "module_row", "stage_line"),
    [
        ("everyone", "named members of the leadership team", "named members"),
        (
            "leadership",
            "[Ann Lee](../charters/ann-lee.md), [Bo Chen](../charters/bo-chen.md)",
            "2 attendees",
        ),
    ],
)
def test_hidden_attendees_are_not_counted_as_none(
    blank: Path, audience: str, module_row: str, stage_line: str
) -> None:
    minimal(
        blank,
        edited(
            (
                "    duration_minutes: 30",
                "    duration_minutes: 30\n    attendees: [ann-lee, bo-chen]",
            )
        ),
    )
    module = render(blank, audience, "training/finish-workshop.md")
    assert f"| Attendees | {module_row} |" in module
    stage = render(blank, audience, "stages/finish.md")
    assert (
        "[Finish workshop](../training/finish-workshop.md): Workshop, 30 min, " + stage_line
        in stage
    )
    assert "0 attendees" not in stage
