"""Issue 15: pages bounded by the person, and a search index that indexes each fact once."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from bench.synth import make_org
from generator.pipeline import Layout, Settings, generate, load_project
from tests.conftest import REPO, copy_repo, run

ON = dt.date(2026, 11, 27)
LEADERSHIP = Settings(today=ON, audience="leadership")


def _render(root: Path) -> dict[str, str]:
    project, _ = load_project(Layout(root), ON)
    _, files = generate(project, Layout(REPO), LEADERSHIP)
    return {k: v.decode() for k, v in files.items()}


@pytest.fixture(scope="module")
def example() -> dict[str, str]:
    return _render(REPO)


def test_charter_counts_whole_team_activities_and_links_them(example: dict[str, str]) -> None:
    charter = example["client-experience/charters/sam-okafor.md"]
    assert (
        "**Informed (I)** of: Build the data foundations for a single client view "
        "([Development](../stages/development.md))\n\n"
        "**Informed (I) with the whole team** of 3 activities: 2 in "
        "[Infancy](../stages/infancy.md), 1 in [Development](../stages/development.md); "
        "see [Decision rights](../decision-rights.md).\n"
    ) in charter
    # The whole-team activities Sam does no work on are counted, not listed by name.
    for title in (
        "Interview every executive about the mandate",
        "Agree and sign every role charter",
        "Redesign sales and service incentives to reward retention",
    ):
        assert title not in charter


def test_a_charter_does_not_grow_with_the_organisation(tmp_path: Path) -> None:
    # Activities that grow with the team (one per five leaders, each informing everyone):
    # the same member's charter is the same length but for the digits of the counts.
    small = _render(make_org(tmp_path / "small", 25, grow=True))
    large = _render(make_org(tmp_path / "large", 100, grow=True))
    charter = "initiative-00/charters/p00015.md"  # no one reports to them in either

    def shape(text: str) -> str:
        return re.sub(r"\d+", "0", text)

    assert shape(small[charter]) == shape(large[charter])
    assert "of 4 activities" in small[charter]  # 5 activities, one that Leader 15 leads
    assert "of 19 activities" in large[charter]


def test_stage_page_lists_members_in_a_table_not_a_heading_each(example: dict[str, str]) -> None:
    page = example["client-experience/stages/development.md"]
    headings = re.findall(r"^### (.+)$", page, re.M)
    activities = re.findall(r"^- \*\*Status:\*\*", page, re.M)
    assert len(headings) == len(activities)  # the only h3: one per activity
    for name in ("Dana Whitfield", "Sam Okafor", "Tomas Varga"):
        assert name not in headings
    section = page.split("## Each member's responsibilities\n", 1)[1]
    assert section.startswith(
        '\n<div data-search-exclude markdown="1">\n\n'
        "| Member | Responsibilities | Time commitment |\n|---|---|---|\n"
        "| [Dana Whitfield](../charters/dana-whitfield.md) | Design and run the development "
        "offsite<br>Broker the investment case between the COO and the CFO<br>Keep the "
        "alignment budget visible at every leadership meeting | Full time (programme lead) |\n"
    )


def test_decision_rights_has_no_heading_per_member(example: dict[str, str]) -> None:
    page = example["client-experience/decision-rights.md"]
    assert re.findall(r"^#{2,3} .+$", page, re.M) == [
        "## Infancy",
        "## Development",
        "## Implementation",
        "## What each member decides",
    ]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, str]]:
    root = copy_repo(tmp_path_factory.mktemp("search") / "repo")
    mp = pytest.MonkeyPatch()
    mp.setenv("PLAYBOOK_TODAY", "2026-11-27")
    mp.delenv("PLAYBOOK_AUDIENCE", raising=False)
    try:
        result = run(root, "build")
    finally:
        mp.undo()
    assert result.exit_code == 0, result.output
    data = json.loads((root / "site" / "search" / "search_index.json").read_text("utf-8"))
    return data["docs"]  # type: ignore[no-any-return]


def _pages_saying(index: list[dict[str, str]], text: str) -> set[str]:
    return {e["location"].split("#")[0] for e in index if text in e["title"] + e["text"]}


def test_search_finds_a_surname_and_a_charter_duty(index: list[dict[str, str]]) -> None:
    assert "people/dana-whitfield/" in _pages_saying(index, "Whitfield")
    assert "client-experience/charters/dana-whitfield/" in _pages_saying(index, "Whitfield")
    assert _pages_saying(index, "Design and run the development offsite") == {
        "client-experience/charters/dana-whitfield/"
    }


def test_search_indexes_each_duty_once_on_its_charter(index: list[dict[str, str]]) -> None:
    project, _ = load_project(Layout(REPO), ON)
    for iid, ini in project.initiatives.items():
        for member in ini.team:
            home = f"{iid}/charters/{member.person}/"
            duties = [r for duty in member.stages.values() for r in duty.responsibilities]
            duties += list(member.decision_rights.decides)
            activities = {a.title for a in ini.activities}  # a duty may name one
            for duty in (d for d in duties if d not in activities):
                assert _pages_saying(index, duty) == {home}, duty


def test_roll_ups_stay_out_of_search(index: list[dict[str, str]]) -> None:
    by_page: dict[str, str] = {}
    for e in index:
        page = e["location"].split("#")[0]
        by_page[page] = by_page.get(page, "") + e["title"] + " " + e["text"] + " "
    assert "tags/" not in by_page
    # The overview and team pages keep their words, not the team table's rows.
    assert "Chief Operating Officer" not in by_page["client-experience/"]
    assert "Chief Operating Officer" not in by_page["client-experience/charters/"]
    assert "Chief Operating Officer" not in by_page["people/"]
    assert "Chief Operating Officer" in by_page["people/sam-okafor/"]
    assert "Sam Okafor" not in by_page["client-experience/decision-rights/"]
    assert "Sam Okafor" not in by_page["client-experience/what-changed/"]
    assert "Each member's responsibilities" in by_page["client-experience/stages/development/"]


def test_a_large_teams_pack_for_print_comes_in_parts(tmp_path: Path) -> None:
    """The pack holds every charter of a leadership team on one page; an organisation larger
    than a pack is printed in parts, so no page grows with the organisation."""
    from bench.synth import make_org
    from generator.content.planners import PACK_SIZE
    from generator.pipeline import Layout, generate, load_project, settings_for

    root = make_org(tmp_path / "org", PACK_SIZE * 2 + 1, 1)
    layout = Layout.of(root)
    project, _ = load_project(layout, dt.date(2026, 11, 27))
    _, files = generate(project, layout, settings_for(layout, "leadership", dt.date(2026, 11, 27)))
    packs = sorted(p for p in files if "/charters/_print" in p)
    assert packs == [
        "initiative-00/charters/_print-2.md",
        "initiative-00/charters/_print-3.md",
        "initiative-00/charters/_print.md",
    ]
    sheets = [files[p].decode().count('<div class="pb-charter-sheet"') for p in sorted(packs)]
    assert sorted(sheets) == [1, PACK_SIZE, PACK_SIZE]
    team = files["initiative-00/charters/index.md"].decode()
    assert "](_print-3.md)" in team and "Part 3: " in team
