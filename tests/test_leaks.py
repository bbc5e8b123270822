"""Confidential content never reaches a lower audience, by any path.

A canary string sits in every confidential field. For each audience, the generated Markdown
and the built site (every file: pages, search index, sitemap, compressed sitemap, file
names) must hold no canary above the audience, and must hold every canary at or below it,
so a filter that dropped everything could not pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.content.audience import filter_project
from generator.source.model import AUDIENCES, Initiative, Person
from generator.source.project import Project
from generator.source.rules import rank
from tests.conftest import MINIMAL_INITIATIVE, minimal, run
from tests.sites import Output, build

CANARIES: dict[str, str] = {}


def c(level: str, name: str) -> str:
    """A canary for a field visible from `level` up; ids must stay valid ids."""
    token = f"zq{level}{name}zq"
    CANARIES[token] = level
    return token


def marked(level: str, token: str) -> str:
    """A value that cannot hold a zq canary (a date, a check name) but is found nowhere else."""
    CANARIES[token] = level
    return token


# The wording of a gate check only the core team may see the result of.
marked("core", "No open resistance entry is past its review date")
# Dates found nowhere else in the playbooks: when they show, their field shows.
ASSESSED_ON = "2025-02-13"
EARLIER_ON = "2025-01-16"
UPDATED_ON = "2025-03-19"


def _item_fields(level: str) -> dict[str, Any]:
    """Stage, activity and module whose own `visibility` is `level`, with canaries."""
    return {
        "stage": {
            "id": c(level, "stageid"),
            "name": c(level, "stagename"),
            "goal": c(level, "stagegoal"),
            "visibility": level,
            "entry_criteria": [c(level, "entry")],
            "exit_criteria": [{"text": c(level, "exit")}],
        },
        "activity": {
            # Activity ids are never shown, so a canary there could not prove anything.
            "id": f"{level}-act",
            "title": c(level, "acttitle"),
            "stage": "now",
            "description": c(level, "actdesc"),
            "visibility": level,
            "raci": {"accountable": "ann-lee"},
        },
        "module": {
            "id": c(level, "modid"),
            "stage": "now",
            "title": c(level, "modtitle"),
            "format": "briefing",
            "duration_minutes": 30,
            "visibility": level,
            "objectives": [c(level, "modobjective")],
            "agenda": [{"minutes": 30, "title": c(level, "modagenda")}],
            "pre_reading": [{"title": c(level, "modreading"), "url": f"https://x.example/{level}"}],
            "exercises": [{"title": c(level, "modexercise"), "instructions": c(level, "modinstr")}],
            "sessions": [{"date": "2026-12-01", "location": c(level, "modroom")}],
        },
    }


def _playbooks() -> tuple[dict[str, Any], dict[str, Any]]:
    people = {
        # The sponsor's name is initiative content (everyone); nothing else about them is.
        "ann-lee": {
            "name": "Ann Lee",
            "title": c("leadership", "annt"),
            "function": c("leadership", "annf"),
            "email": f"{c('leadership', 'annmail')}@example.com",
        },
        "bo-chen": {
            "name": f"Bo {c('leadership', 'boname')}",
            "title": c("leadership", "bot"),
            "function": "Operations",
            "reports_to": "ann-lee",
            "email": f"{c('leadership', 'bomail')}@example.com",
        },
        # On no team: only a person page shows them.
        "cy-diaz": {
            "name": f"Cy {c('leadership', 'cyname')}",
            "title": "Counsel",
            "function": "Legal",
        },
    }
    lead, core = _item_fields("leadership"), _item_fields("core")
    duty = {"responsibilities": ["Sponsor the work"]}

    def member(pid: str, role: str, support: str) -> dict[str, Any]:
        return {
            "person": pid,
            "role": role,
            "purpose": c("leadership", f"{pid[:2]}purpose"),
            "accountabilities": {
                "individual": [c("leadership", f"{pid[:2]}accind")],
                "shared": [c("leadership", f"{pid[:2]}accshared")],
            },
            "decision_rights": {
                "decides": [c("leadership", f"{pid[:2]}decides")],
                "recommends": [c("leadership", f"{pid[:2]}recommends")],
                "consulted_on": [c("leadership", f"{pid[:2]}consulted")],
            },
            "stages": {
                "start": duty,
                "now": {
                    "responsibilities": [c("leadership", f"{pid[:2]}resp")],
                    "time_commitment": c("leadership", f"{pid[:2]}time"),
                },
                lead["stage"]["id"]: {"responsibilities": [c("leadership", f"{pid[:2]}lresp")]},
                core["stage"]["id"]: {
                    "responsibilities": [c("core", f"{pid[:2]}cresp")],
                    "time_commitment": c("core", f"{pid[:2]}ctime"),
                },
            },
            "kpis": [c("leadership", f"{pid[:2]}kpi")],
            "charter_signed": "2026-01-30",
            "assessment": {
                "support": support,
                "influence": "high",
                "notes": c("core", f"{pid[:2]}notes"),
                "date": marked("core", ASSESSED_ON if pid == "bo-chen" else "2025-02-14"),
            },
            "assessment_history": [
                {
                    "date": marked("core", EARLIER_ON if pid == "bo-chen" else "2025-01-17"),
                    "support": "skeptic",
                    "influence": "medium",
                    "notes": c("core", f"{pid[:2]}pastnotes"),
                }
            ],
        }

    initiative = {
        "title": "Canary Change",
        "mandate": "Make one thing better.",
        "sponsor": "ann-lee",
        "owner": "Change Office",
        "current_stage": "now",
        "gate_checks": ["charters-signed", "team-trained", "resistance-reviewed"],
        "stage_history": [
            {"stage": "start", "entered": "2026-01-05"},
            {"stage": core["stage"]["id"], "entered": "2026-02-02", "by": c("core", "histby")},
            {
                "stage": lead["stage"]["id"],
                "entered": "2026-03-02",
                "by": c("leadership", "histby"),
                "open_criteria": [c("core", "leftopen")],
            },
            {
                "stage": "now",
                "entered": "2026-04-06",
                "open_criteria": [c("leadership", "leftopen")],
                # Written by a forced advance: who failed is team content, resistance is core.
                "failed_checks": [
                    {"check": marked("leadership", "team-trained"), "people": ["bo-chen"]},
                    {"check": marked("core", "resistance-reviewed"), "people": ["bo-chen"]},
                ],
            },
        ],
        "stages": [
            {"id": "start", "name": "Start", "goal": "Agree the case."},
            core["stage"],
            lead["stage"],
            {"id": "now", "name": "Now", "goal": "Deliver it."},
        ],
        "team": [member("ann-lee", "sponsor", "champion"), member("bo-chen", "owner", "resistant")],
        "activities": [
            {
                "id": "kick-off",
                "title": "Kick-off",
                "stage": "now",
                "raci": {"accountable": "ann-lee", "responsible": ["bo-chen"], "informed": ["all"]},
            },
            lead["activity"],
            core["activity"],
            # Visible to everyone itself, but in a core stage: hidden with its stage.
            {
                "id": "in-core-stage",
                "title": c("core", "instageacttitle"),
                "stage": core["stage"]["id"],
                "raci": {"accountable": "ann-lee"},
            },
        ],
        "training": [
            {
                "id": "open-module",
                "stage": "now",
                "title": "Open module",
                "format": "workshop",
                "duration_minutes": 60,
                "attendees": ["ann-lee", "bo-chen"],
                "agenda": [
                    {"minutes": 30, "title": "Everyone sees this"},
                    {"minutes": 20, "title": c("leadership", "agenda"), "visibility": "leadership"},
                    {"minutes": 10, "title": c("core", "agenda"), "visibility": "core"},
                ],
                "exercises": [
                    {
                        "title": c("leadership", "exercise"),
                        "instructions": c("leadership", "exinstr"),
                        "visibility": "leadership",
                    },
                    {
                        "title": c("core", "exercise"),
                        "instructions": c("core", "exinstr"),
                        "visibility": "core",
                    },
                ],
                "facilitator_notes": c("core", "facnotes"),
                "sessions": [{"date": "2026-04-20", "attended": ["ann-lee"]}],
            },
            lead["module"],
            core["module"],
            {
                "id": c("core", "instagemod"),
                "stage": core["stage"]["id"],
                "title": c("core", "instagemodtitle"),
                "format": "workshop",
                "duration_minutes": 30,
            },
        ],
        "resistance": [
            {
                "person": "bo-chen",
                "barrier": "desire",
                "observed": c("core", "observed"),
                "root_cause": "incentives",
                "response": c("core", "response"),
                "owner": "ann-lee",
                "review_on": "2026-12-15",
                "outcome": "open",
                "updates": [
                    {
                        "date": marked("core", UPDATED_ON),
                        "outcome": "escalated",
                        "note": c("core", "updnote"),
                    }
                ],
            }
        ],
    }
    return people, {"canary": initiative}


PEOPLE, INITIATIVES = _playbooks()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Output]:
    return {a: build(tmp_path_factory.mktemp(a), a, PEOPLE, INITIATIVES) for a in AUDIENCES}


def _found(output: Output, folder: str, canaries: list[str]) -> dict[str, list[str]]:
    """canary -> the files holding it."""
    found: dict[str, list[str]] = {}
    for rel, data in output.files(folder).items():
        for token in canaries:
            if token.encode() in data:
                found.setdefault(token, []).append(rel)
    return found


def test_every_confidential_field_has_a_canary() -> None:
    levels = set(CANARIES.values())
    assert levels == {"leadership", "core"}
    assert len(CANARIES) > 60


@pytest.mark.parametrize("folder", ["generated", "site"])
@pytest.mark.parametrize("audience", AUDIENCES)
def test_nothing_above_the_audience_is_anywhere(
    outputs: dict[str, Output], audience: str, folder: str
) -> None:
    above = [t for t, level in CANARIES.items() if rank(level) > rank(audience)]
    assert _found(outputs[audience], folder, above) == {}


@pytest.mark.parametrize("folder", ["generated", "site"])
@pytest.mark.parametrize("audience", AUDIENCES)
def test_everything_the_audience_may_see_is_there(
    outputs: dict[str, Output], audience: str, folder: str
) -> None:
    allowed = [t for t, level in CANARIES.items() if rank(level) <= rank(audience)]
    found = _found(outputs[audience], folder, allowed)
    assert sorted(set(allowed) - set(found)) == []


@pytest.mark.parametrize("audience", AUDIENCES)
def test_search_index_and_sitemap_follow_the_audience(
    outputs: dict[str, Output], audience: str
) -> None:
    files = outputs[audience].files("site")
    index, sitemap = files["search/search_index.json"], files["sitemap.xml"]
    for token, level in CANARIES.items():
        if rank(level) > rank(audience):
            assert token.encode() not in index + sitemap, token
    # The core stage's page is in the core sitemap and search index, and nowhere else.
    core_stage = b"zqcorestageidzq"
    assert (core_stage in sitemap) is (audience == "core")
    assert (core_stage in index) is (audience == "core")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_engagement_plan_is_built_for_core_only(outputs: dict[str, Output], audience: str) -> None:
    site = outputs[audience].site
    page = site / "canary" / "engagement" / "index.html"
    overview = (site / "canary" / "index.html").read_text("utf-8")
    assert page.exists() is (audience == "core")
    assert ("Engagement plan" in overview) is (audience == "core")  # the nav entry
    markdown = outputs[audience].generated / "canary" / "engagement.md"
    assert markdown.exists() is (audience == "core")


def test_core_engagement_plan_shows_map_and_unplanned_resistance(
    outputs: dict[str, Output],
) -> None:
    html = (outputs["core"].site / "canary" / "engagement" / "index.html").read_text("utf-8")
    assert '<svg class="pb-stakeholders"' in html
    assert ">Ann Lee</text>" in html
    # Bo is resistant and has an open entry: on the map, not flagged.
    assert ">Bo zqleadershipb…</text>" in html  # clipped to fit its cell
    assert "Resistance without a plan" not in html
    for token in ("zqcoreobservedzq", "zqcoreresponsezq", "zqcoreannoteszq", "2026-12-15"):
        assert token in html


def test_a_site_that_cannot_show_its_current_stage_is_refused(blank: Path) -> None:
    minimal(
        blank,
        MINIMAL_INITIATIVE.replace("    name: Start\n", "    name: Start\n    visibility: core\n"),
    )
    result = run(blank, "render", "--audience", "leadership")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "playbooks/small/initiative.yml: the current stage 'start' is not visible to "
        "'leadership', so its site could not say where the initiative stands; give the stage "
        "a visibility of 'leadership' or lower, or build for a higher audience"
    )
    assert not (blank / "generated").exists()
    assert run(blank, "render", "--audience", "core").exit_code == 0


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_model_an_audience_is_given_holds_no_record_above_it(audience: str) -> None:
    """Below the pages: the filtered model itself carries no attendance below leadership and
    no assessment history, resistance update or resistance check below core."""
    project = Project(
        people={k: Person.model_validate(v) for k, v in PEOPLE.items()},
        initiatives={k: Initiative.model_validate(v) for k, v in INITIATIVES.items()},
    )
    ini = filter_project(project, audience).initiatives["canary"]  # type: ignore[arg-type]
    attended = [s.attended for t in ini.training for s in t.sessions if s.attended]
    history = [a for m in ini.team for a in m.assessment_history]
    updates = [u for r in ini.resistance for u in r.updates]
    failed = [f.check for h in ini.stage_history for f in h.failed_checks]
    expected = {
        "everyone": ([], [], [], [], []),
        "leadership": (
            [["ann-lee"]],
            [],
            [],
            ["charters-signed", "team-trained"],
            ["team-trained"],
        ),
        "core": (
            [["ann-lee"]],
            history,
            updates,
            ["charters-signed", "team-trained", "resistance-reviewed"],
            ["team-trained", "resistance-reviewed"],
        ),
    }[audience]
    assert (attended, history, updates, ini.gate_checks, failed) == expected
    if audience == "core":
        assert len(history) == 2 and len(updates) == 1


@pytest.mark.parametrize("audience", AUDIENCES)
def test_scorecard_is_built_for_leadership_and_core(
    outputs: dict[str, Output], audience: str
) -> None:
    site = outputs[audience].site
    page = site / "canary" / "scorecard" / "index.html"
    home = (site / "index.html").read_text("utf-8")
    assert page.exists() is (audience != "everyone")
    assert ("trained this stage" in home) is (audience != "everyone")
    if audience == "everyone":
        return
    html = page.read_text("utf-8")
    assert '<svg class="pb-bars"' in html
    assert ('<svg class="pb-support"' in html) is (audience == "core")
    assert ('<svg class="pb-outcomes"' in html) is (audience == "core")
