"""Every picture carries its figures as text beside it: the numbers and words drawn in the
SVG are in the `<details>` that follows it, so a screen reader and a printed page get them,
and no meaning (done, over the plan, skeptic) is carried by colour alone."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from generator.markdown import charts, svg
from tests.conftest import REPO
from tests.test_goldens import _generate

FIGURE = re.compile(r'<div class="pb-figure">(<svg .*?</svg>)(.*?)</div>')
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


class _Text(HTMLParser):
    """The text of an HTML or SVG fragment, `<title>` left out (it is the picture's name)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag == "title"

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def text(fragment: str) -> str:
    parser = _Text()
    parser.feed(fragment)
    return " ".join(parser.parts)


def figures(markdown: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in FIGURE.finditer(markdown)]


@pytest.fixture(scope="module")
def pictures() -> list[tuple[str, str, str]]:
    files = _generate(REPO, "core")
    return [
        (rel, drawn, beside)
        for rel, data in sorted(files.items())
        if rel.endswith(".md")
        for drawn, beside in figures(data.decode())
    ]


def test_every_picture_of_the_example_has_its_figures_beside_it(
    pictures: list[tuple[str, str, str]],
) -> None:
    kinds = {re.search(r'class="(pb-[a-z]+)"', d).group(1) for _, d, _ in pictures}  # type: ignore[union-attr]
    assert kinds == {"pb-timeline", "pb-stakeholders", "pb-bars", "pb-alignment", "pb-support",
                     "pb-outcomes", "pb-spread"}  # fmt: skip
    missing = []
    for rel, drawn, beside in pictures:
        assert beside.startswith('<details class="pb-figure-text"><summary>'), rel
        said = text(beside)
        for number in NUMBER.findall(text(drawn)):
            if number not in said:
                missing.append(f"{rel}: {number}")
    assert missing == []


def test_a_timeline_says_which_stage_is_done_current_and_upcoming() -> None:
    stages = [
        svg.TimelineStage("Discover", dt.date(2026, 1, 5), dt.date(2026, 2, 27), False, True),
        svg.TimelineStage("Design", dt.date(2026, 3, 2), None, True, False),
        svg.TimelineStage("Pilot", None, None, False, False),
    ]
    [(drawn, beside)] = figures(str(svg.timeline(stages, "X")))
    assert "✓ Discover" in text(drawn)  # a symbol, not only the fill
    assert text(beside).split("  ") == text(beside).split("  ")
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", beside)
    assert rows == [
        ("Discover", "Jan 5, 2026 – Feb 27, 2026", "done"),
        ("Design", "Mar 2, 2026", "current stage"),
        ("Pilot", "", "upcoming"),
    ]


def test_the_stakeholder_map_lists_each_member_with_influence_and_support() -> None:
    points = [
        svg.MapPoint("Ann <b>", "skeptic", "high", True),
        svg.MapPoint("Bo", "champion", "low", False),
    ]
    [(_, beside)] = figures(str(svg.stakeholder_map(points, "X")))
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", beside)
    assert rows == [("Ann &lt;b&gt; (!)", "High", "Skeptic"), ("Bo", "Low", "Champion")]


def test_outcomes_too_narrow_for_words_are_named_in_the_text() -> None:
    """A segment too narrow for its words shows its count alone: the text says which."""
    rows = [charts.OutcomeRow(dt.date(2026, 5, 4), True, {"open": 30, "resolved": 1})]
    [(drawn, beside)] = figures(str(charts.outcomes_over_time(rows, "X")))
    assert "1 resolved" not in text(drawn)
    assert "today, May 4, 2026: 30 open, 1 resolved" in text(beside)


def test_over_the_plan_is_said_not_only_drawn_red() -> None:
    from generator.content.scorecard import AlignmentUse

    use = AlignmentUse(dt.date(2026, 1, 5), 12.0, 10.0, 2.0, 20.0)
    [(drawn, beside)] = figures(str(charts.alignment_weeks(use, "X")))
    assert "over the plan" in text(drawn)
    assert "Used: 12 weeks since Jan 5, 2026 – over the plan" in text(beside)
