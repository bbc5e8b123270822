"""Model (already filtered for an audience) -> {relative path: Page} and the navigation.

Pure: no I/O. `plan` only orchestrates; each family of pages has its planner in
`planners.py`, and every page gets its front matter (banner, tags, icon) when it is added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from generator.content import calendars, planners
from generator.content.settings import Settings
from generator.content.views import InitiativeView
from generator.source.model import Visibility
from generator.source.project import Project
from generator.source.rules import sees_team

__all__ = ["Book", "EPOCH", "NavItem", "Page", "Plan", "plan"]

NavItem = dict[str, Any] | str
# The site's date when no stage transition was ever recorded.
EPOCH = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class Page:
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    raw: bytes | None = None  # hand-written pages are carried unchanged
    # Front matter for the theme: the current-stage banner, tags, the nav icon.
    meta: dict[str, Any] = field(default_factory=dict)
    # Pages whose rendered bodies this one prints (its template's `sheets`), in order: the
    # pack of charters for print is made of the charter pages themselves, rendered once.
    includes: tuple[str, ...] = ()
    # The playbook file the page is built from (the main one, when several), relative to the
    # playbooks folder: where a reader changes what it says. None for a page made of many.
    source: str | None = None


@dataclass(frozen=True)
class Plan:
    pages: dict[str, Page]
    nav: list[NavItem]
    audience: Visibility
    # The date the content last moved (latest stage transition): the site's build date, so
    # the same input gives the same site whatever day it is built.
    as_of: dt.date = EPOCH

    @property
    def sources(self) -> dict[str, str]:
        """The playbook file each page is built from (page path -> file), where it has one."""
        return {path: p.source for path, p in self.pages.items() if p.source is not None}


class Book:
    """The plan being assembled: pages by path, and the navigation in reading order."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.nav: list[NavItem] = []
        self.tagged = False
        self._source: str | None = None

    @contextmanager
    def built_from(self, source: str | None) -> Iterator[None]:
        """Every page added inside is built from the playbook file `source` (None: unknown,
        or a file the audience may not see)."""
        outer, self._source = self._source, source
        try:
            yield
        finally:
            self._source = outer

    def add(
        self,
        path: str,
        template: str,
        title: str,
        context: dict[str, Any],
        meta: dict[str, Any] | None = None,
        tags: tuple[str, ...] = (),
        icon: str | None = None,
        includes: tuple[str, ...] = (),
    ) -> str:
        if path in self.pages:
            raise ValueError(f"two pages planned at {path}")
        front = dict(meta or {})
        if tags:
            front["tags"] = list(tags)
            self.tagged = True
        if icon:
            front["icon"] = icon
        context = {**context, "here": path}
        self.pages[path] = Page(
            template, title, context, meta=front, includes=includes, source=self._source
        )
        return path

    def carry(self, path: str, title: str, raw: bytes) -> None:
        self.pages[path] = Page("", title, raw=raw)


def plan(project: Project, settings: Settings) -> Plan:
    """The pages of a project already filtered for `settings.audience`."""
    book = Book()
    audience = settings.audience
    common = {"audience": audience, "today": settings.today, "settings": settings}
    views = [
        InitiativeView(iid, ini, project.people, audience, project.pulse.get(iid))
        for iid, ini in project.initiatives.items()
    ]
    planners.home(book, views, common)
    for view in views:
        with book.built_from(project.initiative_files.get(view.id)):
            planners.initiative(book, view, common)
    if sees_team(audience):
        planners.people(book, project, views, common)
    calendars.add_calendars(book, views, settings)
    planners.hand_written(book, project.pages, common)
    planners.tags(book, common)
    entered = [h.entered for ini in project.initiatives.values() for h in ini.stage_history]
    return Plan(
        pages=dict(sorted(book.pages.items())),
        nav=book.nav,
        audience=audience,
        as_of=max(entered, default=EPOCH),
    )
