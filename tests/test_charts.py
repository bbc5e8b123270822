"""The scorecard's pictures as a reader gets them: well-formed SVG with a title, real text, no
script, colours as attributes on a white ground, narrow enough to scale onto a phone; and the
rules they draw from, on the dates that matter."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from generator.content import figures
from generator.markdown import charts
from generator.source import rules
from generator.source.model import Initiative, Member, Resistance
from tests.conftest import REPO
from tests.test_goldens import _generate

NS = "{http://www.w3.org/2000/svg}"
FIGURE = re.compile(
    r'<div class="pb-figure">(<svg class="pb-(?:bars|alignment|support|outcomes)".*?</svg>)<details'
)


@pytest.fixture(scope="module")
def pictures() -> list[ET.Element]:
    files = _generate(REPO, "core")
    found = [
        ET.fromstring(m.group(1))
        for rel, data in sorted(files.items())
        if rel.endswith("scorecard.md")
        for m in FIGURE.finditer(data.decode())
    ]
    return found


def test_every_kind_of_picture_is_in_the_example(pictures: list[ET.Element]) -> None:
    kinds = sorted({p.get("class", "") for p in pictures})
    assert kinds == ["pb-alignment", "pb-bars", "pb-outcomes", "pb-support"]


def test_pictures_are_accessible_printable_and_scale(pictures: list[ET.Element]) -> None:
    ids = []
    for svg in pictures:
        title = svg[0]
        assert title.tag == f"{NS}title" and title.text
        assert svg.get("role") == "img" and svg.get("aria-labelledby") == title.get("id")
        ids.append(title.get("id"))
        assert svg.get("viewBox") == f"0 0 {svg.get('width')} {svg.get('height')}"
        assert int(svg.get("width", "0")) <= charts.WIDTH
        ground = svg[1]
        assert (ground.tag, ground.get("fill"), ground.get("width")) == (
            f"{NS}rect",
            "#fff",
            svg.get("width"),
        )
        for e in list(svg.iter())[1:]:
            assert e.tag.removeprefix(NS) in {"title", "rect", "text", "line", "path"}, e.tag
            assert not [k for k in e.attrib if k.startswith("on") or k in ("style", "class")]
            if e.tag == f"{NS}text":
                assert e.get("fill") == "#000" and e.text
    assert len(ids) == len(pictures)


def test_user_text_in_a_picture_is_escaped() -> None:
    svg = charts.count_bars("s", [figures.Bar("<b>{{ x }}</b> & co", 1, 2)], "<script>", "&")
    assert "&lt;b&gt;&#123;&#123; x &#125;&#125;&lt;/b&gt; &amp; co: 1 of 2" in svg
    assert (
        '<title id="pb-bars-s-title">&lt;script&gt;: &amp;, charters, training and activities'
        "</title>"
    ) in svg
    # Well-formed as XML, the figures beside the picture too (both hold the escaped text).
    ET.fromstring(str(svg))
    assert str(svg).count("&lt;b&gt;&#123;&#123; x &#125;&#125;&lt;/b&gt; &amp; co: 1 of 2") == 2


BASE = {
    "title": "T",
    "mandate": "M",
    "sponsor": "ann-lee",
    "owner": "O",
    "current_stage": "b",
    "stages": [
        {"id": "a", "name": "A", "goal": "G", "starts": "2026-01-05", "ends": "2026-02-27"},
        {"id": "b", "name": "B", "goal": "G", "starts": "2026-03-02"},
    ],
    "team": [{"person": "ann-lee", "role": "sponsor", "purpose": "P"}],
}


def test_left_on_and_weeks_used_fall_back_on_stage_dates() -> None:
    ini = Initiative.model_validate(BASE)
    assert rules.left_on(ini, "a") == dt.date(2026, 3, 2)  # the next stage's start
    assert rules.left_on(ini, "b") is None
    assert rules.alignment_began(ini) == dt.date(2026, 1, 5)
    assert rules.weeks_used(ini, dt.date(2026, 1, 19)) == 2
    assert rules.weeks_used(ini, dt.date(2025, 12, 1)) == 0  # not begun yet
    moved = Initiative.model_validate(
        {
            **BASE,
            "stage_history": [
                {"stage": "a", "entered": "2026-01-12"},
                {"stage": "b", "entered": "2026-03-09"},
            ],
        }
    )
    assert rules.left_on(moved, "a") == dt.date(2026, 3, 9)
    assert rules.alignment_began(moved) == dt.date(2026, 1, 12)


def test_outcome_on_a_date() -> None:
    entry = Resistance.model_validate(
        {
            "person": "ann-lee",
            "observed": "O",
            "response": "R",
            "owner": "ann-lee",
            "outcome": "open",  # as the spec's example writes it, after an `improving` update
            "review_on": "2026-02-15",
            "updates": [{"date": "2026-02-15", "outcome": "improving"}],
        }
    )
    assert rules.outcome_on(entry, dt.date(2026, 2, 14)) == "open"
    assert rules.outcome_on(entry, dt.date(2026, 2, 15)) == "open"  # `outcome` is where it stands
    assert rules.review_due(entry, dt.date(2026, 2, 16))
    assert not rules.review_due(entry, dt.date(2026, 2, 15))


@pytest.mark.parametrize(
    ("history", "latest", "stuck"),
    [
        (["skeptic"], "resistant", True),
        (["resistant", "skeptic"], None, True),  # no latest support: the history's last two
        (["skeptic"], "neutral", False),
        (["neutral", "skeptic"], "supporter", False),
        ([], "skeptic", False),  # one assessment is not "staying"
    ],
)
def test_stuck_means_two_latest_assessments_at_risk(
    history: list[str], latest: str | None, stuck: bool
) -> None:
    member = Member.model_validate(
        {
            "person": "ann-lee",
            "role": "sponsor",
            "purpose": "P",
            "assessment": {"support": latest} if latest else {"influence": "high"},
            "assessment_history": [
                {"date": f"2026-0{i + 1}-01", "support": s} for i, s in enumerate(history)
            ],
        }
    )
    assert rules.stuck(member) is stuck
