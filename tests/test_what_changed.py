"""What changed after a transition: per member, new / ends / stays; a short version on charters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.content.plan import plan
from generator.content.settings import Settings
from generator.content.views import InitiativeView
from generator.content.what_changed import what_changed
from generator.pipeline import Layout, load_project
from tests.conftest import run
from tests.test_advance import PLAYBOOK, playbook

ONE_ENTRY = "stage_history:\n  - {stage: start, entered: 2026-01-05}\n"

EXPECTED = """\
# What changed


On Nov 27, 2026, Small Change moved from [Start](stages/start.md) to [Build](stages/build.md) \
(moved by Ann Lee).

!!! warning "Moved with exit criteria still open"
    These exit criteria of Start were not met at the transition:

    - Budget approved

Activities the whole team is informed of: 1 ended with [Start](stages/start.md).

Here is what that means for each member of the team. Purpose, accountabilities, decision \
rights and KPIs do not depend on the stage: they stay as each role charter states them.

<div data-search-exclude markdown="1">

| Member | New in Build | Ends with Start | Stays |
|---|---|---|---|
| <a id="ann-lee"></a>[Ann Lee](charters/ann-lee.md)<br>Time commitment: 2 hours a week in \
Start, 4 hours a week in Build \
| Responsibility: Unblock the pilot<br>Activity: Pilot (letter: I)<br>Training: \
[Build workshop](training/build-workshop.md) (Workshop, 1 h) \
| Responsibility: Chair the kick-off<br>Activity: Kick-off (letter: A)<br>Training: \
[Budget briefing](training/start-briefing.md) (Briefing, 30 min) \
| Responsibility: Hold the budget<br>Activity: Process map (letter: C; still in progress)\
<br>Training: [Start workshop](training/start-workshop.md) (Workshop, 1 h; next session \
Dec 10, 2026) |
| <a id="bo-chen"></a>[Bo Chen](charters/bo-chen.md) \
| Responsibility: Run the pilot<br>Activity: Pilot (letter: A)<br>Training: \
[Build workshop](training/build-workshop.md) (Workshop, 1 h) \
| Responsibility: Map the process<br>Activity: Kick-off (letter: R) \
| Activity: Process map (letter: A; still in progress)<br>Training: \
[Start workshop](training/start-workshop.md) (Workshop, 1 h; next session Dec 10, 2026) |

</div>
"""


def _page(root: Path, rel: str) -> str:
    text = (root / "generated" / rel).read_text("utf-8")
    return text.split("---\n\n", 1)[1]  # the body, after the front matter


def test_page_after_a_forced_move(blank: Path) -> None:
    playbook(blank, ONE_ENTRY, done=False)
    result = run(blank, "advance", "small", "--force", "--by", "Ann Lee")
    assert result.exit_code == 0, result.output
    assert _page(blank, "small/what-changed.md") == EXPECTED


def test_charter_starts_with_the_short_version(blank: Path) -> None:
    playbook(blank, ONE_ENTRY)
    assert run(blank, "advance", "small").exit_code == 0
    ann = _page(blank, "small/charters/ann-lee.md")
    assert (
        '!!! info "What changed for you"\n'
        "    Since Nov 27, 2026, in Build (after Start): **new** – 1 responsibility, 1 activity, 1 "
        "training module; **ends** – 1 responsibility, 1 activity, 1 training module; **stays** "
        "– 1 responsibility, 1 activity, 1 training module. "
        "[See the details](../what-changed.md#ann-lee)\n"
    ) in ann
    assert ann.index("What changed for you") < ann.index("## Responsibilities by stage")
    bo = _page(blank, "small/charters/bo-chen.md")
    assert (
        "**ends** – 1 responsibility, 1 activity; **stays** – 1 activity, 1 training module."
    ) in bo
    overview = _page(blank, "small/index.md")
    assert "[What the move to Build changed for each member](what-changed.md)\n" in overview


def test_nothing_before_a_transition(blank: Path) -> None:
    playbook(blank, ONE_ENTRY)
    assert run(blank, "render").exit_code == 0
    assert not (blank / "generated/small/what-changed.md").exists()
    assert "What changed" not in _page(blank, "small/charters/ann-lee.md")
    assert "changed for each member" not in _page(blank, "small/index.md")


def test_moving_back_says_so(blank: Path) -> None:
    playbook(blank, ONE_ENTRY)
    assert run(blank, "advance", "small", "--date", "2026-06-01").exit_code == 0
    assert run(blank, "advance", "small", "--to", "start", "--force").exit_code == 0
    page = _page(blank, "small/what-changed.md")
    assert (
        "On Nov 27, 2026, Small Change moved back from [Build](stages/build.md) to "
        "[Start](stages/start.md).\n"
    ) in page
    assert "    - Pilot live\n" in page
    assert "| Member | New in Start | Ends with Build | Stays |\n" in page
    # Seen from Start again: the kick-off is Ann's again; the pilot is not done, so it stays.
    ann = next(row for row in page.splitlines() if row.startswith('| <a id="ann-lee">'))
    _, _, new, ends, stays, _ = ann.split("|")
    assert new.startswith(" Responsibility: Chair the kick-off<br>")
    assert "<br>Activity: Kick-off (letter: A)<br>" in new
    assert ends.startswith(" Responsibility: Unblock the pilot<br>")
    assert "Activity: Pilot (letter: I; still planned)" in stays


def test_user_text_stays_data(blank: Path) -> None:
    hostile = PLAYBOOK.replace(
        "[Hold the budget, Unblock the pilot]", "[Hold the budget, '<script>x</script> {{ x }}']"
    )
    playbook(blank, ONE_ENTRY, text=hostile)
    assert run(blank, "advance", "small").exit_code == 0
    page = _page(blank, "small/what-changed.md")
    assert "Responsibility: &lt;script&gt;x&lt;/script&gt; \\{\\{ x \\}\\}<br>" in page
    assert "<script>" not in page


def test_only_audiences_that_see_the_team_get_the_page(blank: Path) -> None:
    playbook(
        blank,
        ONE_ENTRY + "  - {stage: build, entered: 2026-11-27}\n",
        text=PLAYBOOK.replace("current_stage: start ", "current_stage: build "),
    )
    layout = Layout(blank)
    project, _ = load_project(layout, dt.date(2026, 11, 27))
    on = dt.date(2026, 11, 27)
    everyone = plan(project, Settings(today=on, audience="everyone"))
    assert "small/what-changed.md" not in everyone.pages
    leadership = plan(project, Settings(today=on, audience="leadership"))
    assert leadership.pages["small/what-changed.md"].title == "What changed"
    section = next(
        item["Small Change"]
        for item in leadership.nav
        if isinstance(item, dict) and "Small Change" in item
    )
    assert section[:2] == ["small/index.md", {"What changed": "small/what-changed.md"}]


def test_transition_needs_the_last_entry_to_be_the_current_stage(blank: Path) -> None:
    # Hand-edited current_stage without a history entry: there is no transition to tell.
    playbook(
        blank,
        ONE_ENTRY + "  - {stage: build, entered: 2026-11-27}\n",
        text=PLAYBOOK.replace("current_stage: start ", "current_stage: finish"),
    )
    project, _ = load_project(Layout(blank), dt.date(2026, 11, 27))
    ini = project.initiatives["small"]
    assert what_changed(InitiativeView("small", ini, project.people, "leadership")) is None
    moved = ini.model_copy(update={"current_stage": "build"})
    change = what_changed(InitiativeView("small", moved, project.people, "leadership"))
    assert change is not None
    assert (change.left.id, change.entered.id, change.forward) == ("start", "build", True)
    ann = change.member("ann-lee")
    assert ann is not None
    assert ann.responsibilities.of("stays") == ("Hold the budget",)
    assert [i.activity.id for i in ann.activities.of("stays")] == ["process-map"]
    assert ann.tally("new") == "1 responsibility, 1 activity, 1 training module"
