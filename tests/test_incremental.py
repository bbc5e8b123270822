"""Issue 7: regeneration touches only what changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.pipeline import Layout, Settings, render_to_disk
from tests.conftest import TODAY, run

LEADERSHIP = Settings(today=dt.date.fromisoformat(TODAY))


def test_unchanged_repository_skips_the_pipeline(example: Path) -> None:
    layout = Layout(example)
    first = render_to_disk(layout, LEADERSHIP)
    assert not first.cached and first.report.written
    second = render_to_disk(layout, LEADERSHIP)
    assert second.cached
    assert (second.pages, second.nav) == (first.pages, first.nav)


def test_any_input_change_or_damaged_output_runs_it_again(example: Path) -> None:
    layout = Layout(example)
    render_to_disk(layout, LEADERSHIP)
    page = example / "generated" / "client-experience" / "index.md"
    page.unlink()
    again = render_to_disk(layout, LEADERSHIP)
    assert not again.cached and again.report.written == ["client-experience/index.md"]
    template = example / "templates" / "home.md.j2"
    template.write_text(template.read_text() + "\nEdited.\n")
    edited = render_to_disk(layout, LEADERSHIP)
    assert not edited.cached and edited.report.written == ["index.md"]
    assert render_to_disk(layout, Settings(today=LEADERSHIP.today, audience="core")).cached is False


def test_editing_one_person_rewrites_only_pages_that_show_them(example: Path) -> None:
    assert run(example, "render").exit_code == 0
    person = example / "playbooks" / "people" / "tomas-varga.yml"
    person.write_text(person.read_text().replace("General Counsel", "Chief Legal Officer"))
    generated = example / "generated"
    before = {p: p.stat().st_mtime_ns for p in generated.rglob("*.md")}
    result = run(example, "render")
    assert result.exit_code == 0, result.output
    changed = sorted(
        p.relative_to(generated).as_posix()
        for p in generated.rglob("*.md")
        if p.stat().st_mtime_ns != before[p]
    )
    # His title shows on his person page, his charter (alone and in the pack of all charters),
    # the team tables and the people index.
    assert changed == [
        "client-experience/charters/_print.md",
        "client-experience/charters/index.md",
        "client-experience/charters/tomas-varga.md",
        "client-experience/index.md",
        "people/index.md",
        "people/tomas-varga.md",
    ]
    for rel in changed:
        assert "Chief Legal Officer" in (generated / rel).read_text(), rel
