"""Model (already filtered for an audience) -> {relative path: Page} and the navigation.

Pure: no I/O. Paths are POSIX, relative to the generated Markdown folder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from generator.content.audience import rank
from generator.content.engagement import EngagementView
from generator.content.views import InitiativeView
from generator.content.what_changed import transition
from generator.markdown.escape import attr
from generator.markdown.icons import STAGE_ICONS
from generator.source.model import Person, Visibility
from generator.source.project import Project

NavItem = dict[str, Any] | str


@dataclass(frozen=True)
class Page:
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    raw: bytes | None = None  # hand-written pages are carried unchanged
    # Front matter for the theme (site_overrides/), e.g. the current-stage banner.
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    pages: dict[str, Page]
    nav: list[NavItem]
    audience: Visibility
    # The date the content last moved (latest stage transition): the site's build date, so
    # the same input gives the same site whatever day it is built.
    as_of: dt.date = dt.date(2000, 1, 1)


def initiative_paths(iid: str) -> dict[str, str]:
    return {
        "overview": f"{iid}/index.md",
        "team": f"{iid}/charters/index.md",
        "decisions": f"{iid}/decision-rights.md",
        "engagement": f"{iid}/engagement.md",
        "changes": f"{iid}/what-changed.md",
    }


def stage_path(iid: str, sid: str) -> str:
    return f"{iid}/stages/{sid}.md"


def module_path(iid: str, mid: str) -> str:
    return f"{iid}/training/{mid}.md"


def charter_path(iid: str, pid: str) -> str:
    return f"{iid}/charters/{pid}.md"


def person_path(pid: str) -> str:
    return f"people/{pid}.md"


def _person_tags(person: Person | None, role: str | None = None) -> tuple[str, ...]:
    found = (person.function,) if person and person.function else ()
    return found + ((role.capitalize(),) if role else ())


def plan(project: Project, audience: Visibility, today: dt.date) -> Plan:
    pages: dict[str, Page] = {}

    tags: dict[str, list[str]] = {}
    icons_by_path: dict[str, str] = {}

    def add(
        path: str, template: str, title: str, context: dict[str, Any], tagged: tuple[str, ...] = ()
    ) -> None:
        pages[path] = Page(template, title, {**context, "here": path})
        if tagged:
            tags[path] = list(tagged)

    nav: list[NavItem] = [{"Home": "index.md"}]
    leadership = rank(audience) >= rank("leadership")
    views = {
        iid: InitiativeView(iid, ini, project.people) for iid, ini in project.initiatives.items()
    }
    common = {"audience": audience, "today": today}

    add("index.md", "home.md.j2", "Home", {**common, "views": list(views.values())})
    for iid, view in views.items():
        paths = initiative_paths(iid)
        change = transition(view)
        # What changed is told member by member: it is for the audience that sees the team.
        changes_page = paths["changes"] if change and leadership and view.ini.team else None
        ctx = {**common, "v": view, "ini": view.ini, "change": change, "changes_page": changes_page}
        add(paths["overview"], "overview.md.j2", view.ini.title, ctx)
        section: list[NavItem] = [paths["overview"]]
        if changes_page:
            add(changes_page, "what_changed.md.j2", "What changed", ctx)
            section.append({"What changed": changes_page})
        stage_nav: list[NavItem] = []
        for s in view.ini.stages:
            path = stage_path(iid, s.id)
            add(path, "stage.md.j2", s.name, {**ctx, "stage": s}, (s.name,))
            state = (
                "current"
                if s.id == view.ini.current_stage
                else ("done" if view.is_past(s.id) else "next")
            )
            icons_by_path[path] = STAGE_ICONS[state]
            stage_nav.append(path)
        section.append({"Stages": stage_nav})
        training_nav: list[NavItem] = []
        for t in view.ini.training:
            path = module_path(iid, t.id)
            module_stage = view.stage(t.stage)
            add(
                path,
                "module.md.j2",
                t.title,
                {**ctx, "module": t},
                (module_stage.name,) if module_stage else (),
            )
            training_nav.append(path)
        if training_nav:
            section.append({"Training": training_nav})
        if leadership and view.ini.team:
            add(paths["team"], "team.md.j2", "Team and charters", ctx)
            # Charters are reached from the team page, the people pages and search; one nav
            # entry per executive would make every page carry the whole organisation.
            section.append({"Team and charters": paths["team"]})
            for m in view.ini.team:
                add(
                    charter_path(iid, m.person),
                    "charter.md.j2",
                    f"Role charter: {view.name(m.person)}",
                    {**ctx, "member": m, "person": project.people.get(m.person)},
                    _person_tags(project.people.get(m.person), m.role),
                )
            add(paths["decisions"], "decision_rights.md.j2", "Decision rights", ctx)
            section.append({"Decision rights": paths["decisions"]})
        if audience == "core" and view.ini.team:
            add(
                paths["engagement"],
                "engagement.md.j2",
                "Engagement plan",
                {**ctx, "e": EngagementView(view)},
            )
            section.append({"Engagement plan": paths["engagement"]})
        nav.append({attr(view.ini.title): section})

    if leadership:
        on_team: dict[str, list[tuple[InitiativeView, str]]] = {}
        for view in views.values():
            for m in view.ini.team:
                on_team.setdefault(m.person, []).append((view, m.role))
        for pid, person in project.people.items():
            add(
                person_path(pid),
                "person.md.j2",
                person.name,
                {
                    **common,
                    "pid": pid,
                    "person": person,
                    "roles": on_team.get(pid, []),
                    "people": project.people,
                },
                _person_tags(person),
            )
        by_function: dict[str, list[str]] = {}
        for pid, person in sorted(project.people.items(), key=lambda kv: (kv[1].name, kv[0])):
            by_function.setdefault(person.function, []).append(pid)
        add(
            "people/index.md",
            "people.md.j2",
            "People",
            {
                **common,
                "people": project.people,
                "functions": sorted(by_function.items()),
                "on_team": on_team,
            },
        )
        nav.append({"People": "people/index.md"})

    # Every page of an initiative names its current stage: the theme prints the banner.
    for iid, view in views.items():
        if view.current:
            meta = {
                "playbook_stage": {
                    "name": view.current.name,
                    "page": stage_path(iid, view.current.id),
                }
            }
            for path in [p for p in pages if p.startswith(f"{iid}/")]:
                pages[path] = replace(pages[path], meta=meta)

    # Material's tags plugin: function, change role and stage, listed on the tags page.
    for path, tagged in tags.items():
        pages[path] = replace(pages[path], meta={**pages[path].meta, "tags": tagged})
    for path, icon in icons_by_path.items():
        pages[path] = replace(pages[path], meta={**pages[path].meta, "icon": icon})
    if tags:
        add("tags.md", "tags.md.j2", "Tags", common)

    extra: list[NavItem] = []
    for rel, raw in sorted(project.pages.items()):
        path = f"pages/{rel}"
        pages[path] = Page("", rel, raw=raw)
        if rel.endswith(".md"):
            extra.append(path)
    if extra:
        nav.append({"More": extra})
    if tags:
        nav.append({"Tags": "tags.md"})
    entered = [h.entered for ini in project.initiatives.values() for h in ini.stage_history]
    return Plan(
        pages=dict(sorted(pages.items())),
        nav=nav,
        audience=audience,
        as_of=max(entered, default=dt.date(2000, 1, 1)),
    )
