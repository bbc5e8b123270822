"""load -> validate -> lint -> filter -> plan -> render, once per run; then write or build.

The CLI and the MkDocs plugin are doors into `run`; `render_to_disk` and `build_to_disk` add
the only two ways its output reaches disk.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import packaged
from generator.content.audience import filter_project
from generator.content.i18n import language_of
from generator.content.plan import NavItem, Plan, plan
from generator.content.settings import DEFAULT_AUDIENCE, Settings
from generator.layout import CONFIG, GENERATED
from generator.markdown.render import render
from generator.site.config import SiteConfig, read_site_config
from generator.site.freshness import input_key
from generator.site.lock import repository_lock
from generator.site.write import WriteReport, fresh_run, write
from generator.source.lint import lint
from generator.source.load import load_sources
from generator.source.model import Visibility
from generator.source.problems import Problem, UserError
from generator.source.project import Project
from generator.source.validate import validate

log = logging.getLogger("playbook")
# Warnings go to our logger from the CLI, to MkDocs' plugin logger from the plugin.
Logger = logging.Logger | logging.LoggerAdapter[Any]

__all__ = ["DEFAULT_AUDIENCE", "Layout", "Output", "Rendered", "Settings", "run", "today"]


@dataclass(frozen=True)
class Layout:
    """Where things live in a site repository, and what its mkdocs.yml says about them."""

    root: Path
    site: SiteConfig = SiteConfig()

    @classmethod
    def of(cls, root: Path) -> Layout:
        return cls(root, read_site_config(root))

    @property
    def playbooks(self) -> Path:
        return self.root / self.site.playbooks

    @property
    def templates(self) -> Path:
        """The site's own templates: each file here overrides the packaged one of its name."""
        return self.root / self.site.templates

    @property
    def template_folders(self) -> tuple[Path, ...]:
        own, defaults = self.templates.resolve(), packaged("templates").resolve()
        return (own,) if own == defaults else (own, defaults)

    @property
    def generated(self) -> Path:
        return self.root / GENERATED


def settings_for(
    layout: Layout, audience: Visibility, on: dt.date | None = None, logger: Logger = log
) -> Settings:
    """The settings of a run for `audience` in this site (today unless `on`)."""
    language, warning = language_of(layout.site.language)
    if warning:
        logger.warning("%s: %s", CONFIG, warning)
    return Settings(
        today=on or today(),
        audience=audience,
        site_url=layout.site.playbook_url,
        directory_urls=layout.site.directory_urls,
        language=language,
    )


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
    layout: Layout, on: dt.date, strict: bool = False, logger: Logger = log
) -> tuple[Project, list[Problem]]:
    """Load and validate everything; warnings are logged, and are errors under `strict`."""
    sources = load_sources(layout.playbooks, layout.root)
    project = validate(sources)
    warnings = lint(project, sources.initiatives, on)
    for w in warnings:
        logger.warning("%s", w)
    if strict and warnings:
        n = len(warnings)
        raise UserError(
            f"{n} warning{'s' if n != 1 else ''} treated as errors (--strict); nothing was written."
        )
    return project, warnings


@dataclass(frozen=True)
class Output:
    """One run of the pipeline, in memory: every file of the generated folder."""

    settings: Settings
    plan: Plan
    files: dict[str, bytes]
    warnings: tuple[Problem, ...]


def generate(project: Project, layout: Layout, settings: Settings) -> tuple[Plan, dict[str, bytes]]:
    """Filter, plan and render in memory: no I/O beyond reading templates."""
    the_plan = plan(filter_project(project, settings.audience), settings)
    return the_plan, render(the_plan, layout.template_folders, settings.language)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """A run allocates hundreds of thousands of small objects that all live until it ends: the
    cycle collector would walk them over and over and free nothing (a third of a run at 800
    leaders). What it would free is freed at its first pass after the run."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run(layout: Layout, settings: Settings, strict: bool = False, logger: Logger = log) -> Output:
    """The whole pipeline, once; nothing reaches disk."""
    with _no_cycle_collection():
        project, warnings = load_project(layout, settings.today, strict, logger)
        the_plan, files = generate(project, layout, settings)
    return Output(settings, the_plan, files, tuple(warnings))


def run_locked(layout: Layout, audience: Visibility, logger: Logger = log) -> Output:
    """The plugin's run, for `audience` today: serve's rebuilds read the playbooks while
    `advance` or an import may be writing them, so one run at a time, as for every command
    that writes."""
    settings = settings_for(layout, audience, logger=logger)
    with repository_lock(layout.root):
        return run(layout, settings, logger=logger)


def _record(output: Output, key: str) -> dict[str, object]:
    """What the manifest keeps of a render, so an unchanged repository can skip the next one."""
    return {
        "key": key,
        "pages": len(output.files),
        "nav": output.plan.nav,
        "as_of": output.plan.as_of.isoformat(),
        "warnings": len(output.warnings),
    }


@dataclass(frozen=True)
class Rendered:
    """What a render produced: enough for the CLI's summary."""

    audience: str
    pages: int
    nav: list[NavItem]
    report: WriteReport
    cached: bool = False


def render_to_disk(
    layout: Layout, settings: Settings, strict: bool = False, out: Path | None = None
) -> Rendered:
    """The whole pipeline into the generated folder; nothing reaches disk unless every
    earlier stage succeeded. When nothing that feeds a render changed since the last one into
    `out`, the pipeline is skipped."""
    out = out or layout.generated
    key = input_key(layout, settings)
    last = fresh_run(out, key)
    # Only a render without warnings is replayed: warnings may name confidential things
    # (assessments, hidden stages), so the manifest never stores their text.
    if last is not None and last.get("warnings") == 0:
        pages = int(last["pages"])
        return Rendered(settings.audience, pages, last["nav"], WriteReport(unchanged=pages), True)
    output = run(layout, settings, strict)
    report = write(output.files, out, run=_record(output, key))
    return Rendered(settings.audience, len(output.files), output.plan.nav, report)


def build_to_disk(
    layout: Layout, settings: Settings, site_dir: Path | None = None, strict: bool = False
) -> Path:
    """Render once, build the site with MkDocs from that render, then publish both: the
    generated folder and the site change only if the build succeeded."""
    from generator.site.build import build_site  # MkDocs is heavy: only the build needs it

    key = input_key(layout, settings)
    output = run(layout, settings, strict)
    target = (site_dir or layout.root / layout.site.site_dir).resolve()
    build_site(
        layout.root,
        output,
        target,
        strict,
        commit=lambda: write(output.files, layout.generated, run=_record(output, key)),
    )
    return target
