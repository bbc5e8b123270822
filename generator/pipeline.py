"""load -> validate -> plan -> render -> write, wired together for the CLI and the MkDocs hook."""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.audience import audience_level, filter_project
from generator.content.plan import NavItem, Plan, plan
from generator.content.settings import Settings
from generator.markdown.render import render
from generator.site.freshness import input_key
from generator.site.write import WriteReport, fresh_run, write
from generator.source.lint import lint
from generator.source.load import load_sources
from generator.source.problems import Problem, UserError
from generator.source.project import Project
from generator.source.validate import validate

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


def load_project(
    layout: Layout, on: dt.date, strict: bool = False
) -> tuple[Project, list[Problem]]:
    """Load and validate everything; warnings are logged, and are errors under `strict`."""
    sources = load_sources(layout.playbooks, layout.root)
    project = validate(sources)
    warnings = lint(project, sources.initiatives, on)
    for w in warnings:
        log.warning("%s", w)
    if strict and warnings:
        n = len(warnings)
        raise UserError(
            f"{n} warning{'s' if n != 1 else ''} treated as errors (--strict); nothing was written."
        )
    return project, warnings


def generate(
    project: Project, layout: Layout, audience: str, on: dt.date
) -> tuple[Plan, dict[str, bytes]]:
    """Plan and render in memory: no I/O beyond reading templates."""
    settings = Settings(today=on, audience=audience_level(audience))
    the_plan = plan(filter_project(project, settings.audience), settings)
    return the_plan, render(the_plan, layout.templates)


def build_to_disk(
    layout: Layout,
    audience: str = DEFAULT_AUDIENCE,
    site_dir: Path | None = None,
    strict: bool = False,
    on: dt.date | None = None,
) -> Path:
    """Render and build the site; `generated/` and the site change only if both succeed.

    MkDocs builds from a staging copy of the Markdown, so a failed build (a broken link under
    --strict, a theme error) cannot leave new Markdown next to the old site."""
    from generator.site.build import build_site  # MkDocs is heavy: only the build needs it

    on = on or today()
    key = input_key(layout.playbooks, layout.templates, audience, on)
    _, files, record = _produce(layout, audience, on, strict, key)
    target = (site_dir or layout.root / "site").resolve()
    with tempfile.TemporaryDirectory(prefix=f".{GENERATED}.", dir=layout.root) as staging:
        write(files, Path(staging), run=record)
        build_site(
            layout.root,
            audience,
            target,
            strict,
            docs_dir=Path(staging),
            commit=lambda: write(files, layout.generated, run=record),
        )
    return target


def _produce(
    layout: Layout, audience: str, on: dt.date, strict: bool, key: str
) -> tuple[Plan, dict[str, bytes], dict[str, Any]]:
    """Check, plan and render in memory; also what the manifest keeps of this render, so an
    unchanged repository can skip the next one."""
    project, warnings = load_project(layout, on, strict)
    the_plan, files = generate(project, layout, audience, on)
    record = {
        "key": key,
        "pages": len(files),
        "nav": the_plan.nav,
        "as_of": the_plan.as_of.isoformat(),
        "warnings": len(warnings),
    }
    return the_plan, files, record


@dataclass(frozen=True)
class Rendered:
    """What a render produced: enough for the CLI's summary and MkDocs' navigation."""

    audience: str
    pages: int
    nav: list[NavItem]
    as_of: dt.date
    report: WriteReport
    cached: bool = False


def render_to_disk(
    layout: Layout,
    audience: str = DEFAULT_AUDIENCE,
    on: dt.date | None = None,
    strict: bool = False,
    out: Path | None = None,
) -> Rendered:
    """The whole pipeline; nothing reaches disk unless every earlier stage succeeded.

    When nothing that feeds a render changed since the last one into `out`, the pipeline
    is skipped and its navigation read back from the manifest."""
    on = on or today()
    out = out or layout.generated
    key = input_key(layout.playbooks, layout.templates, audience, on)
    run = fresh_run(out, key)
    # Only a render without warnings is replayed: warnings may name confidential things
    # (assessments, hidden stages), so the manifest never stores their text.
    if run is not None and run.get("warnings") == 0:
        return Rendered(
            audience,
            int(run["pages"]),
            run["nav"],
            dt.date.fromisoformat(run["as_of"]),
            WriteReport(unchanged=int(run["pages"])),
            cached=True,
        )
    the_plan, files, record = _produce(layout, audience, on, strict, key)
    report = write(files, out, run=record)
    return Rendered(audience, len(files), the_plan.nav, the_plan.as_of, report)
