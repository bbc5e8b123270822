"""The plan: which pages exist, for any playbook written to the spec."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.content.audience import filter_project
from generator.content.plan import plan
from generator.content.settings import Settings
from generator.pipeline import Layout, load_project
from tests.conftest import REPO

ON = dt.date(2026, 11, 27)


def _plan(root: Path, audience: str = "leadership"):  # type: ignore[no-untyped-def]
    project, _ = load_project(Layout(root), ON)
    settings = Settings(today=ON, audience=audience)  # type: ignore[arg-type]
    return project, plan(filter_project(project, settings.audience), settings)


def test_every_stage_member_and_module_of_the_example_has_a_page() -> None:
    project, the_plan = _plan(REPO)
    for iid, ini in project.initiatives.items():
        assert f"{iid}/index.md" in the_plan.pages
        for s in ini.stages:
            assert f"{iid}/stages/{s.id}.md" in the_plan.pages
        for m in ini.team:
            assert f"{iid}/charters/{m.person}.md" in the_plan.pages
        for t in ini.training:
            if t.visibility != "core":
                assert f"{iid}/training/{t.id}.md" in the_plan.pages
        assert f"{iid}/decision-rights.md" in the_plan.pages
    for pid in project.people:
        assert f"people/{pid}.md" in the_plan.pages
    assert "pages/about.md" in the_plan.pages


def test_nav_groups_by_initiative_and_keeps_charters_out() -> None:
    _, the_plan = _plan(REPO)
    titles = [next(iter(item)) if isinstance(item, dict) else item for item in the_plan.nav]
    assert titles[0] == "index.md"  # untitled: the nav shows the page's (translated) title
    assert "Client Experience Transformation" in titles
    section = next(
        i for i in the_plan.nav if isinstance(i, dict) and "Client Experience Transformation" in i
    )["Client Experience Transformation"]
    assert section[0] == "client-experience/index.md"
    names = [next(iter(x)) for x in section[1:] if isinstance(x, dict)]
    assert [n for n in names if n in ("Stages", "Training", "Team and charters")] == [
        "Stages",
        "Training",
        "Team and charters",
    ]
    flat = repr(the_plan.nav)
    assert "charters/lee-wong.md" not in flat


def test_custom_stages_and_a_person_on_two_initiatives() -> None:
    project, the_plan = _plan(REPO / "tests" / "goldens" / "collective")
    assert [s.id for s in project.initiatives["alpha"].stages] == ["frame", "build", "run"]
    person = the_plan.pages["people/ann-lee.md"]
    roles = person.context["roles"]
    assert [(v.id, role) for v, role in roles] == [("alpha", "sponsor"), ("beta", "champion")]


def test_everyone_audience_has_no_charters_or_people() -> None:
    _, the_plan = _plan(REPO, "everyone")
    assert not [p for p in the_plan.pages if "/charters/" in p or p.startswith("people/")]
    assert not [p for p in the_plan.pages if p.endswith("decision-rights.md")]
