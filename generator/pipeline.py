"""load -> validate -> plan -> render -> write, wired together for the CLI and the MkDocs hook."""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.audience import check as check_audience
from generator.audience import filter_project
from generator.lint import lint
from generator.load import load_sources
from generator.plan import Plan, plan
from generator.problems import Problem, UserError
from generator.project import Project
from generator.render import render
from generator.validate import validate
from generator.write import WriteReport, write

log = logging.getLogger("playbook")

DEFAULT_AUDIENCE = "leadership"
GENERATED = "generated"


@dataclass(frozen=True)
class Layout:
    """Where things live in a site repository."""

    root: Path

    @property
    def playbooks(self) -> Path:
        return self.root / "playbooks"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def generated(self) -> Path:
        return self.root / GENERATED


def today() -> dt.date:
    """Today, unless PLAYBOOK_TODAY pins it (reproducible builds, tests)."""
    pinned = os.environ.get("PLAYBOOK_TODAY")
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise UserError(f"PLAYBOOK_TODAY={pinned!r} is not a date as YYYY-MM-DD") from None
    return dt.date.today()


def check(layout: Layout, on: dt.date, strict: bool = False) -> tuple[Project, list[Problem]]:
    """Load and validate everything; warnings are logged, and are errors under `strict`."""
    sources = load_sources(layout.playbooks, layout.root)
    project = validate(sources)
    warnings = lint(project, sources.initiatives, on)
    for w in warnings:
        log.warning("%s", w)
    if strict and warnings:
        n = len(warnings)
        raise UserError(f"{n} warning{'s' if n != 1 else ''} treated as errors (--strict); "
                        "nothing was written.")
    return project, warnings


def generate(project: Project, layout: Layout, audience: str, on: dt.date
             ) -> tuple[Plan, dict[str, bytes]]:
    """Plan and render in memory: no I/O beyond reading templates."""
    level = check_audience(audience)
    the_plan = plan(filter_project(project, level), level, on)
    return the_plan, render(the_plan, layout.templates)


def build_to_disk(layout: Layout, audience: str = DEFAULT_AUDIENCE, site_dir: Path | None = None,
                  strict: bool = False, on: dt.date | None = None) -> Path:
    """Render and build the site; `generated/` and the site change only if both succeed.

    MkDocs builds from a staging copy of the Markdown, so a failed build (a broken link under
    --strict, a theme error) cannot leave new Markdown next to the old site."""
    from generator.build import build_site  # MkDocs is heavy: only the build needs it

    on = on or today()
    project, _ = check(layout, on, strict)
    _, files = generate(project, layout, audience, on)
    target = (site_dir or layout.root / "site").resolve()
    with tempfile.TemporaryDirectory(prefix=f".{GENERATED}.", dir=layout.root) as staging:
        write(files, Path(staging))
        build_site(layout.root, audience, target, strict, docs_dir=Path(staging),
                   commit=lambda: write(files, layout.generated))
    return target


def render_to_disk(layout: Layout, audience: str = DEFAULT_AUDIENCE, on: dt.date | None = None,
                   strict: bool = False, out: Path | None = None) -> tuple[Plan, WriteReport]:
    """The whole pipeline; nothing reaches disk unless every earlier stage succeeded."""
    on = on or today()
    project, _ = check(layout, on, strict)
    the_plan, files = generate(project, layout, audience, on)
    return the_plan, write(files, out or layout.generated)
