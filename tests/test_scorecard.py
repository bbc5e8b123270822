"""The alignment scorecard on a small playbook: counts as "n of N", the names of who missed
training, gate checks per stage, time used; and the core site's trends."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import edited, minimal, run, write

# Three members; the team left Start on 2026-03-02. Cy signed after it, and missed its
# workshop; in Finish only Ann has been to a session so far, and the next is on 2026-12-10.
SMALL = edited(
    (
        "current_stage: start",
        "current_stage: finish\n"
        "gate_checks: [charters-signed, team-trained]\n"
        "alignment: {first_estimate_weeks: 2, planned_weeks: 30}\n"
        "stage_history:\n"
        "  - {stage: start, entered: 2026-01-05}\n"
        "  - {stage: finish, entered: 2026-03-02, failed_checks: [{check: team-trained, "
        "people: [cy-diaz]}]}",
    ),
    (
        "    purpose: Hold the mandate.",
        "    purpose: Hold the mandate.\n    charter_signed: 2026-01-10",
    ),
    (
        "    purpose: Run the work.",
        "    purpose: Run the work.\n    charter_signed: 2026-02-20",
    ),
    (
        "activities:",
        "  - person: cy-diaz\n"
        "    role: advisor\n"
        "    purpose: Advise.\n"
        "    charter_signed: 2026-04-01\n"
        "    stages: {start: {responsibilities: [Advise]}, finish: {responsibilities: [Advise]}}\n"
        "activities:",
    ),
    (
        "    raci: {accountable: ann-lee, responsible: [bo-chen], informed: [all]}",
        "    status: done\n"
        "    raci: {accountable: ann-lee, responsible: [bo-chen], informed: [all]}\n"
        "  - id: wrap-up\n    title: Wrap up\n    stage: finish\n    raci: {accountable: bo-chen}",
    ),
    (
        "      - {minutes: 60, title: Why change}",
        "      - {minutes: 60, title: Why change}\n"
        "    sessions: [{date: 2026-01-20, attended: [ann-lee, bo-chen]}]",
    ),
    (
        "    duration_minutes: 30",
        "    duration_minutes: 30\n"
        "    sessions: [{date: 2026-11-20, attended: [ann-lee]}, {date: 2026-12-10}]",
    ),
)
CY = "name: Cy Diaz\ntitle: Chief Information Officer\nfunction: Technology\n"


@pytest.fixture
def small(blank: Path) -> Path:
    minimal(blank, SMALL)
    write(blank, "playbooks/people/cy-diaz.yml", CY)
    return blank


def page(root: Path, rel: str, audience: str = "leadership") -> str:
    result = run(root, "render", "--audience", audience)
    assert result.exit_code == 0, result.output
    return (root / "generated" / rel).read_text("utf-8")


def test_counts_names_and_checks_per_stage(small: Path) -> None:
    text = page(small, "small/scorecard.md")
    assert (
        "**This stage, Finish:** charters 3 of 3 signed as they stand, 1 of 3 trained this stage, "
        "0 of 1 activities done.\n" in text
    )
    start, finish = text.split("### Start (done)")[1].split("### Finish (current stage)")
    assert "As of Mar 2, 2026, when the team left the stage.\n" in start
    assert "| Charters signed | 2 of 3 |\n" in start
    assert "| Whole-team training attended | 2 of 3 |\n" in start
    assert "| Activities done | 1 of 1 |\n" in start
    assert "Missed the whole-team training: [Cy Diaz](charters/cy-diaz.md).\n" in start
    assert (
        "- ✗ Failing – Every member has signed their role charter (not yet: "
        "[Cy Diaz](charters/cy-diaz.md))\n" in start
    )
    assert "As of Nov 27, 2026.\n" in finish
    assert "| Charters signed as they stand | 3 of 3 |\n" in finish
    assert "| Whole-team training attended | 1 of 3 |\n" in finish
    assert (
        "Not yet trained this stage: [Bo Chen](charters/bo-chen.md), [Cy Diaz](charters/cy-diaz.md)"
        "; the next session is on Dec 10, 2026.\n" in finish
    )
    assert "- ✓ Passing – Every member has signed their role charter\n" in finish
    assert (
        "- ✗ Failing – Every member attended a whole-team training session of the stage (not "
        "yet: [Bo Chen](charters/bo-chen.md), [Cy Diaz](charters/cy-diaz.md))\n" in finish
    )


def test_bars_say_n_of_n_in_the_picture(small: Path) -> None:
    text = page(small, "small/scorecard.md")
    for label in (
        ">Charters signed: 2 of 3</text>",
        ">Whole-team training attended: 1 of 3</text>",
        ">Activities done: 0 of 1</text>",
    ):
        assert label in text
    # The start stage's charters bar is two thirds full, and not green (not complete).
    assert '<rect x="2" y="25" width="290.7" height="14" fill="#1565c0"/>' in text


def test_alignment_time_used_against_plan_and_rule_of_thumb(small: Path) -> None:
    text = page(small, "small/scorecard.md")
    assert "| Used so far | 46.6 |\n" in text
    assert "| Planned | 30 (155% used) |\n" in text
    assert "| Rule of thumb (10 x the first estimate of 2) | 20 |\n" in text
    assert '!!! warning "Over the planned time"' in text
    # Over the plan is said in words, not by colour alone (WCAG 1.4.1).
    assert ">Used: 46.6 weeks since Jan 5, 2026 – over the plan</text>" in text
    assert ">Plan: 30 weeks</text>" in text
    assert ">10 x first estimate: 20 weeks</text>" in text


def test_home_one_liner_and_overview_gate(small: Path) -> None:
    home = page(small, "index.md")
    assert (
        "| Scorecard | [charters 3 of 3 signed as they stand, 1 of 3 trained this stage]"
        "(small/scorecard.md) |" in home
    )
    overview = (small / "generated/small/index.md").read_text("utf-8")
    assert (
        "- ✗ Failing – Every member attended a whole-team training session of the stage (not "
        "yet: [Bo Chen](charters/bo-chen.md), [Cy Diaz](charters/cy-diaz.md))\n" in overview
    )
    assert "| Finish | Mar 2, 2026 |  | none | Team trained ([Cy Diaz](charters/cy-diaz.md)) |" in (
        overview
    )


def test_everyone_sees_no_scorecard_and_no_gate_check(small: Path) -> None:
    home = page(small, "index.md", "everyone")
    overview = (small / "generated/small/index.md").read_text("utf-8")
    assert not (small / "generated/small/scorecard.md").exists()
    assert "Scorecard" not in home and "trained this stage" not in home
    assert "Gate checks" not in overview and "team-trained" not in overview


CORE = [
    (
        "    charter_signed: 2026-02-20",
        "    charter_signed: 2026-02-20\n"
        "    assessment: {support: skeptic, influence: high, date: 2026-11-01}\n"
        "    assessment_history:\n"
        "      - {date: 2026-02-01, support: resistant}\n"
        "      - {date: 2026-06-01, support: skeptic, notes: Still doubts the budget.}",
    ),
    (
        "    charter_signed: 2026-04-01",
        "    charter_signed: 2026-04-01\n"
        "    assessment: {support: supporter}\n"
        "    assessment_history: [{date: 2026-02-01, support: skeptic}]",
    ),
    (
        "activities:",
        "resistance:\n"
        "  - person: bo-chen\n    observed: Doubts.\n    response: Listen.\n    owner: ann-lee\n"
        "    review_on: 2026-12-15\n"
        "    updates: [{date: 2026-05-01, outcome: escalated}, {date: 2026-09-01, outcome: open}]\n"
        "  - person: cy-diaz\n    observed: Busy.\n    response: Deputy.\n    owner: ann-lee\n"
        "    outcome: resolved\n"
        "    updates: [{date: 2026-06-01, outcome: improving},\n"
        "              {date: 2026-08-01, outcome: resolved}]\n"
        "activities:",
    ),
]


def test_core_trends_flag_who_stays_skeptic(blank: Path) -> None:
    source = SMALL
    for old, new in CORE:
        assert old in source, old
        source = source.replace(old, new, 1)
    minimal(blank, source)
    write(blank, "playbooks/people/cy-diaz.yml", CY)
    card = page(blank, "small/scorecard.md", "core")
    assert ">Bo Chen – still skeptic or resistant</text>" in card
    assert ">Cy Diaz</text>" in card
    assert (
        "Still skeptic or resistant across two assessments: [Bo Chen](charters/bo-chen.md)." in card
    )
    assert (
        "| [Bo Chen](charters/bo-chen.md) | Jun 1, 2026 | Skeptic |  | Still doubts the budget. |"
        in card
    )
    assert "| [Cy Diaz](charters/cy-diaz.md) | latest | Supporter |  |  |" in card


def test_core_resistance_by_outcome_over_time(blank: Path) -> None:
    source = SMALL
    for old, new in CORE:
        source = source.replace(old, new, 1)
    minimal(blank, source)
    write(blank, "playbooks/people/cy-diaz.yml", CY)
    svg = page(blank, "small/scorecard.md", "core").split('<svg class="pb-outcomes"')[1]
    texts = [t.rsplit(">", 1)[1] for t in svg.split("</text>")[:-1]]
    # The legend, then each date and its segments: before an entry's first update it was
    # open; after its last, it stands where its `outcome` says.
    assert texts == [
        "Open", "Escalated", "Improving", "Resolved",
        "May 1, 2026", "1 open", "1 escalated",
        "Jun 1, 2026", "1 escalated", "1 improving",
        "Aug 1, 2026", "1 escalated", "1 resolved",
        "Sep 1, 2026", "1 open", "1 resolved",
        "today, Nov 27, 2026", "1 open", "1 resolved",
    ]  # fmt: skip
