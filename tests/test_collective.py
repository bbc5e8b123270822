"""Issue 3: the collective made visible, checked on the rendered Markdown of any playbook."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from generator.pipeline import Layout, Settings, generate, load_project
from tests.conftest import REPO

ON = dt.date(2026, 11, 27)


@pytest.fixture(scope="module", params=["example", "collective"])
def rendered(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    root = REPO if request.param == "example" else REPO / "tests" / "goldens" / "collective"
    project, _ = load_project(Layout(root), ON)
    _, files = generate(project, Layout(REPO), Settings(today=ON, audience="leadership"))
    return project, {k: v.decode() for k, v in files.items()}


def test_no_activity_on_the_charter_of_someone_not_on_it(rendered) -> None:  # type: ignore[no-untyped-def]
    project, files = rendered
    for iid, ini in project.initiatives.items():
        for m in ini.team:
            charter = files[f"{iid}/charters/{m.person}.md"]
            section = charter.split("## Activities", 1)[1].split("\n## ", 1)[0]
            told = 0
            for a in ini.activities:
                raci = a.raci
                assert raci is not None
                working = m.person in {raci.accountable, *raci.responsible, *raci.consulted}
                everyone = "all" in raci.informed
                # Activities the whole team is informed of are counted, not listed by name.
                listed = working or (m.person in raci.informed and not everyone)
                told += everyone and not working
                assert (a.title in section) is listed, (m.person, a.id)
            count = re.search(r"\*\*Informed \(I\) with the whole team\*\* of (\d+) ", section)
            assert (int(count.group(1)) if count else 0) == told, (m.person, section)


def test_matrix_has_exactly_one_accountable_per_row(rendered) -> None:  # type: ignore[no-untyped-def]
    project, files = rendered
    for iid, ini in project.initiatives.items():
        page = files[f"{iid}/decision-rights.md"].split("## What each member decides")[0]
        rows = [
            ln
            for ln in page.splitlines()
            if ln.startswith("| ") and not ln.startswith("| Activity")
        ]
        assert len(rows) == len(ini.activities)
        for row in rows:
            cells = [c.strip() for c in row.strip("|").split("|")[1:]]
            assert sum("A" in c for c in cells) == 1, row


def test_informed_all_expands_to_the_whole_team(rendered) -> None:  # type: ignore[no-untyped-def]
    project, files = rendered
    for iid, ini in project.initiatives.items():
        page = files[f"{iid}/decision-rights.md"]
        for a in ini.activities:
            if a.raci and "all" in a.raci.informed:
                row = next(ln for ln in page.splitlines() if ln.startswith(f"| {a.title} |"))
                cells = [c.strip() for c in row.strip("|").split("|")[1:]]
                assert all(cells), row  # every named member has a letter, I at least
                assert cells[-1] == "I"  # and the whole team is marked informed


def test_timeline_svg_is_well_formed_with_real_text(rendered) -> None:  # type: ignore[no-untyped-def]
    project, files = rendered
    for iid, ini in project.initiatives.items():
        page = files[f"{iid}/index.md"]
        svg = re.search(r"<svg.*?</svg>", page, re.S)
        assert svg, iid
        root = ET.fromstring(svg.group(0))
        ns = "{http://www.w3.org/2000/svg}"
        texts = [t.text for t in root.iter(f"{ns}text")]
        for s in ini.stages:
            assert s.name[:21] in " ".join(t or "" for t in texts)
        assert "▲ current stage" in texts
        assert not list(root.iter(f"{ns}script"))


def test_people_index_groups_by_function(rendered) -> None:  # type: ignore[no-untyped-def]
    project, files = rendered
    page = files["people/index.md"]
    headings = re.findall(r"^## (.+)$", page, re.M)
    assert headings == sorted({p.function for p in project.people.values()})
