"""Confidential content never reaches a lower audience, by any path.

The playbook comes from the model (tests/canaries.py): every field of every class holds a
canary at the level SPEC "Audiences" gives it, so a field added later is covered without
editing these tests. For each audience, the generated Markdown and the built site (every
file: pages, search index, sitemap, compressed sitemap, calendars, file names) must hold no
canary above the audience, not even the start of one (a picture clips long text), and every
canary at or below it, so a filter that dropped everything could not pass.
"""

from __future__ import annotations

import datetime as dt
import email
import json
import re
import typing
from email import policy
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from generator.content.audience import filter_project
from generator.content.i18n import wording
from generator.source.checks import CHECKS
from generator.source.model import AUDIENCES, Initiative, Person, Visibility
from generator.source.project import Project
from generator.source.rules import rank
from tests.canaries import SPONSOR, planted
from tests.conftest import MINIMAL_INITIATIVE, copy_repo, minimal, run
from tests.sites import Output, build, write_yaml

PLAYBOOK = planted()
CANARIES = dict(PLAYBOOK.canaries)
# Words the pages derive, not fields: the gate checks, named or worded, are seen from the
# level of each check only.
for _check in CHECKS.values():
    CANARIES[wording().label("check", _check.id)] = _check.level
    CANARIES[_check.claim] = _check.level
INITIATIVES = {"canary": PLAYBOOK.initiative}


def _kept_copy() -> dict[str, Any]:
    """What the second member signed (`playbook sign`'s copy), in words only the copy holds,
    so their charter lists each as changed since. The copy is leadership content: what it
    says of a stage or an activity is seen with that stage or activity, and of a stage or an
    activity the initiative no longer has, by core only (audience.GONE_LEVEL)."""
    member = PLAYBOOK.initiative["team"][1]
    n = iter(range(9001, 9100))

    def canary(level: Visibility, what: str) -> str:
        token = f"zq{level}{next(n)}kept{what}zq"
        CANARIES[token] = level
        return token

    signed = "2023-06-15"  # a day no other field holds
    CANARIES[signed] = "leadership"
    PLAYBOOK.shown_as[signed] = wording().date(dt.date.fromisoformat(signed))
    stages = {
        sid: {"responsibilities": [canary(_top(at), "duty")]}
        for sid, at in ((s["id"], s["visibility"]) for s in PLAYBOOK.initiative["stages"])
    }
    stages[canary("core", "gonestage")] = {"responsibilities": [canary("core", "goneduty")]}
    seen, hidden = PLAYBOOK.initiative["activities"][0], PLAYBOOK.initiative["activities"][1]
    return {
        "signed": signed,
        "recorded_by": "The office",
        "commitments": {
            "role": member["role"],
            "purpose": canary("leadership", "purpose"),
            "accountabilities": {"individual": [canary("leadership", "individual")]},
            "decision_rights": {"decides": [canary("leadership", "decides")]},
            "stages": stages,
            "kpis": [canary("leadership", "kpi")],
            "activities": [
                {
                    "id": seen["id"],
                    "title": canary(_top(seen["visibility"]), "title"),
                    "letters": "I",
                },
                {
                    "id": hidden["id"],
                    "title": canary(_top(hidden["visibility"]), "title"),
                    "letters": "I",
                },
                {"id": "gone-activity", "title": canary("core", "goneactivity"), "letters": "R"},
            ],
        },
    }


def _top(level: Visibility) -> Visibility:
    return "core" if level == "core" else "leadership"


SIGNED = {("canary", PLAYBOOK.initiative["team"][1]["person"]): _kept_copy()}


def _above(audience: str) -> list[re.Pattern[bytes]]:
    """What must not be anywhere: any start of a canary of a higher level, and the exact
    derived words and dates (those have no prefix)."""
    levels = [lv for lv in AUDIENCES if rank(lv) > rank(audience)]
    out = [re.compile(f"zq{lv}[a-z0-9]*".encode()) for lv in levels]
    exact = [t for t, lv in CANARIES.items() if lv in levels and not t.startswith("zq")]
    exact += [PLAYBOOK.shown_as[t] for t in exact if t in PLAYBOOK.shown_as]
    return out + [re.compile(re.escape(t.encode())) for t in exact]


def _shown_from(audience: str) -> list[str]:
    return [
        PLAYBOOK.shown_as.get(t, t)
        for t, lv in CANARIES.items()
        if rank(lv) <= rank(audience) and t not in PLAYBOOK.never_shown
    ]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Output]:
    return {
        a: build(tmp_path_factory.mktemp(a), a, PLAYBOOK.people, INITIATIVES, signed=SIGNED)
        for a in AUDIENCES
    }


def _holding(files: dict[str, bytes], needles: list[re.Pattern[bytes]]) -> dict[str, list[str]]:
    """What was found -> the files holding it."""
    found: dict[str, list[str]] = {}
    for rel, data in files.items():
        for needle in needles:
            for hit in sorted(set(needle.findall(data))):
                found.setdefault(hit.decode(), []).append(rel)
    return found


def _exactly(tokens: list[str]) -> list[re.Pattern[bytes]]:
    return [re.compile(re.escape(t.encode())) for t in tokens]


def test_every_field_of_the_model_is_planted() -> None:
    """The walk reached every field of every class, and text holds canaries at each level."""
    for cls in _model_classes():
        walked = {f for c, f in PLAYBOOK.planted if c == cls.__name__}
        assert walked == set(cls.model_fields), cls.__name__
    assert set(CANARIES.values()) == set(AUDIENCES)
    assert len(CANARIES) > 200


def _model_classes() -> set[type[BaseModel]]:
    """Every class a playbook file can hold, from the two roots."""
    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [Initiative, Person]
    while todo:
        cls = todo.pop()
        if cls not in seen:
            seen.add(cls)
            todo += [t for f in cls.model_fields.values() for t in _models_in(f.annotation)]
    return seen


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [t for arg in typing.get_args(annotation) for t in _models_in(arg)]


@pytest.mark.parametrize("folder", ["generated", "site"])
@pytest.mark.parametrize("audience", AUDIENCES)
def test_nothing_above_the_audience_is_anywhere(
    outputs: dict[str, Output], audience: str, folder: str
) -> None:
    assert _holding(outputs[audience].files(folder), _above(audience)) == {}


@pytest.mark.parametrize("folder", ["generated", "site"])
@pytest.mark.parametrize("audience", AUDIENCES)
def test_everything_the_audience_may_see_is_there(
    outputs: dict[str, Output], audience: str, folder: str
) -> None:
    allowed = _shown_from(audience)
    found = _holding(outputs[audience].files(folder), _exactly(allowed))
    assert sorted(set(allowed) - set(found)) == []


def test_what_no_page_shows_is_shown_nowhere(outputs: dict[str, Output]) -> None:
    """NEVER_SHOWN stays honest: were such a field shown, it would need its own check."""
    assert PLAYBOOK.never_shown
    assert _holding(outputs["core"].files("site"), _exactly(sorted(PLAYBOOK.never_shown))) == {}


@pytest.mark.parametrize("audience", AUDIENCES)
def test_search_index_and_sitemap_follow_the_audience(
    outputs: dict[str, Output], audience: str
) -> None:
    files = outputs[audience].files("site")
    index, sitemap = files["search/search_index.json"], files["sitemap.xml"]
    assert _holding({"index": index, "sitemap": sitemap}, _above(audience)) == {}
    # Each hidden stage's page is in the sitemap and search index of its level and up.
    for stage in PLAYBOOK.initiative["stages"]:
        seen = rank(stage["visibility"]) <= rank(audience)
        assert (stage["id"].encode() in sitemap) is seen
        assert (stage["id"].encode() in index) is seen


@pytest.mark.parametrize("audience", AUDIENCES)
def test_engagement_plan_is_built_for_core_only(outputs: dict[str, Output], audience: str) -> None:
    site = outputs[audience].site
    page = site / "canary" / "engagement" / "index.html"
    overview = (site / "canary" / "index.html").read_text("utf-8")
    assert page.exists() is (audience == "core")
    assert ("Engagement plan" in overview) is (audience == "core")  # the nav entry
    markdown = outputs[audience].generated / "canary" / "engagement.md"
    assert markdown.exists() is (audience == "core")


def test_core_engagement_plan_shows_map_and_resistance(outputs: dict[str, Output]) -> None:
    html = (outputs["core"].site / "canary" / "engagement" / "index.html").read_text("utf-8")
    assert '<svg class="pb-stakeholders"' in html
    sponsor = PLAYBOOK.people[SPONSOR]["name"]
    assert f">{sponsor[:15]}" in html  # on the map, clipped to fit its cell
    tokens = PLAYBOOK.tokens
    for where in [("Resistance", "observed"), ("Resistance", "response"), ("Assessment", "notes")]:
        for token in tokens[where]:
            assert token in html, (where, token)


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
def test_the_model_an_audience_is_given_holds_nothing_above_it(audience: str) -> None:
    """Below the pages: the filtered model itself carries nothing above its audience (no
    attendance, no person id, no failed check of a higher level), and all the rest."""
    project = Project(
        people={k: Person.model_validate(v) for k, v in PLAYBOOK.people.items()},
        initiatives={k: Initiative.model_validate(v) for k, v in INITIATIVES.items()},
    )
    seen = filter_project(project, audience)  # type: ignore[arg-type]
    dump = json.dumps(
        {
            "people": {k: p.model_dump(mode="json") for k, p in seen.people.items()},
            "initiatives": {k: i.model_dump(mode="json") for k, i in seen.initiatives.items()},
        }
    ).encode()
    assert _holding({"model": dump}, _above(audience)) == {}
    kept = [t for t, lv in PLAYBOOK.canaries.items() if rank(lv) <= rank(audience)]
    assert [t for t in kept if t.encode() not in dump] == []


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


def test_the_weekly_digest_gives_each_reader_their_audience(tmp_path: Path) -> None:
    """The sponsor's digest holds nothing above leadership, by any field of the model; the
    office's is computed from the core model (its core canaries are there)."""
    root = copy_repo(tmp_path / "repo", playbooks=False)
    for pid, data in PLAYBOOK.people.items():
        write_yaml(root, f"playbooks/people/{pid}.yml", data)
    write_yaml(root, "playbooks/canary/initiative.yml", PLAYBOOK.initiative)
    # Every planted date is in 2024: one digest after all of them, looking back over all.
    result = run(root, "digest", "canary", "--date", "2025-06-02", "--since", "2023-01-02")
    assert result.exit_code == 0, result.output
    read = {}
    for name in ("sponsor", "office"):
        raw = (root / "outbox/canary/digest/2025-06-02" / f"{name}.eml").read_bytes()
        msg = email.message_from_bytes(raw, policy=policy.default)
        heads = "\n".join(f"{k}: {v}" for k, v in msg.items())
        bodies = [p.get_content() for p in msg.walk() if not p.is_multipart()]
        read[name] = "\n".join([heads, *bodies]).encode()
    assert _holding({"sponsor": read["sponsor"]}, _above("leadership")) == {}
    assert re.search(rb"zqleadership[0-9]+personnamezq", read["sponsor"])  # members named
    core = [t for t in PLAYBOOK.tokens[("Resistance", "observed")] if t.startswith("zqcore")]
    assert core and all(t.encode() in read["office"] for t in core)
