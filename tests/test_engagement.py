"""The engagement plan page and its stakeholder map, from the Markdown (no site build)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.content.figures import MapPoint
from generator.markdown.svg import stakeholder_map
from generator.pipeline import Layout, Settings, generate, load_project
from tests.conftest import MINIMAL_INITIATIVE, TODAY, minimal

ASSESSED = MINIMAL_INITIATIVE.replace(
    "    purpose: Run the work.\n",
    "    purpose: Run the work.\n"
    "    assessment: {support: skeptic, influence: medium, notes: Doubts the payback.}\n",
).replace(
    "    purpose: Hold the mandate.\n",
    "    purpose: Hold the mandate.\n    assessment: {support: champion}\n",
)


def _pages(root: Path, audience: str) -> dict[str, str]:
    on = dt.date.fromisoformat(TODAY)
    project, _ = load_project(Layout(root), on)
    _, files = generate(project, Layout(root), Settings(today=on, audience=audience))
    return {k: v.decode() for k, v in files.items()}


def test_skeptic_without_a_plan_is_flagged_and_unassessed_members_listed(blank: Path) -> None:
    minimal(blank, ASSESSED)
    page = _pages(blank, "core")["small/engagement.md"]
    assert '!!! warning "Resistance without a plan"' in page
    assert "    - [Bo Chen](charters/bo-chen.md) (Skeptic)" in page
    assert ">Bo Chen (!)</text>" in page
    assert (
        "Not on the map (support or influence not assessed): "
        "[Ann Lee](charters/ann-lee.md)." in page
    )
    assert "| [Bo Chen](charters/bo-chen.md) | Skeptic | Medium | Doubts the payback. |" in page
    assert "No resistance entries yet." in page


def test_an_open_resistance_entry_clears_the_flag(blank: Path) -> None:
    minimal(
        blank,
        ASSESSED
        + """
resistance:
  - {person: bo-chen, observed: Questions the budget., response: Make him co-owner.,
     owner: ann-lee, outcome: improving}
""",
    )
    page = _pages(blank, "core")["small/engagement.md"]
    assert "Resistance without a plan" not in page
    assert ">Bo Chen</text>" in page
    assert "| Observed | Questions the budget. |" in page
    assert "| Outcome | Improving |" in page


def test_no_engagement_page_below_core(blank: Path) -> None:
    minimal(blank, ASSESSED)
    for audience in ("everyone", "leadership"):
        assert "small/engagement.md" not in _pages(blank, audience)


def test_map_names_are_escaped_text_not_markup() -> None:
    svg = str(
        stakeholder_map(
            [MapPoint('<script>alert(1)</script>"x', "resistant", "high", True)], "T <b> & 'q'"
        )
    )
    assert "<script>" not in svg
    assert ' font-weight="bold">&lt;script&gt;alert(1)… (!)</text>' in svg
    assert '<title id="pb-sm-title">T &lt;b&gt; &amp; &#39;q&#39;: stakeholder map</title>' in svg
    # The figures beside the picture hold the whole name, escaped as well.
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;&quot;x (!)</td>" in svg
    assert "script" not in svg.replace("&lt;script&gt;", "").replace("&lt;/script&gt;", "")
