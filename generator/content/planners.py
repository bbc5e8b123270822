"""One planner per family of pages: what each page is, its template, title and context.

Each adds its pages to the `Book` (content/plan.py) with their front matter, and its entries
to the navigation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.content import paths
from generator.content.engagement import EngagementView
from generator.content.i18n import Wording
from generator.content.scorecard import Scorecard, member_answers
from generator.content.trends import Trends
from generator.content.views import InitiativeView
from generator.content.what_changed import what_changed
from generator.source.markers import N_
from generator.source.model import Person
from generator.source.project import Project
from generator.source.rules import sees_team
from generator.source.safe import attr

if TYPE_CHECKING:
    from generator.content.plan import Book, NavItem

__all__ = ["PACK_SIZE", "STAGE_ICONS", "hand_written", "home", "initiative", "people", "tags"]


# For Material's `icon` front matter, shown beside the page in the navigation.
STAGE_ICONS = {
    "current": "material/flag-variant",
    "done": "material/check-circle",
    "next": "material/circle-outline",
}


def _person_tags(person: Person | None, words: Wording, role: str | None = None) -> tuple[str, ...]:
    found = (person.function,) if person and person.function else ()
    return found + ((words.label("role", role),) if role else ())


def _scorecard(view: InitiativeView, common: dict[str, Any]) -> Scorecard | None:
    """Whether the team is aligned is judged member by member: for those who see the team."""
    if sees_team(common["audience"]) and view.ini.team:
        return Scorecard(view, common["today"])
    return None


def home(book: Book, views: list[InitiativeView], common: dict[str, Any]) -> None:
    words = common["settings"].words
    scores = {v.id: _scorecard(v, common) for v in views}
    book.add(
        paths.HOME,
        "home.md.j2",
        words.gettext("Home"),
        {**common, "views": views, "scores": scores},
    )
    # Untitled: the nav shows the page's own (translated) title, and a section made of the
    # playbook takes it as its index page.
    book.nav.append(paths.HOME)


def initiative(book: Book, view: InitiativeView, common: dict[str, Any]) -> None:
    """An initiative's section: overview, what changed, stages, training, team pages."""
    words = common["settings"].words
    where = view.paths
    audience = common["audience"]
    change = what_changed(view)
    # What changed is told member by member: it is for the audience that sees the team.
    changes_page = where.what_changed if change and sees_team(audience) and view.ini.team else None
    scorecard = _scorecard(view, common)
    ctx = {**common, "view": view, "ini": view.ini, "change": change}
    ctx.update(changes_page=changes_page, scorecard=scorecard)
    # Every page of an initiative names its current stage: the theme prints the banner.
    banner = (
        {"playbook_stage": {"name": view.current.name, "page": where.stage(view.current.id)}}
        if view.current
        else {}
    )

    def page(path: str, template: str, title: str, context: dict[str, Any]) -> NavItem:
        book.add(path, template, words.gettext(title), context, banner)
        return {words.gettext(title): path}

    section: list[NavItem] = [
        book.add(where.overview, "overview.md.j2", view.ini.title, ctx, banner)
    ]
    if changes_page:
        section.append(page(changes_page, "what_changed.md.j2", N_("What changed"), ctx))
    section.append({words.gettext("Stages"): _stages(book, view, ctx, banner)})
    modules = _training(book, view, ctx, banner)
    if modules:
        section.append({words.gettext("Training"): modules})
    if sees_team(audience) and view.ini.team:
        section += _team(book, view, ctx, banner)
    if scorecard:
        trends = Trends(view, common["today"]) if audience == "core" else None
        card = {**ctx, "trends": trends, "answers": member_answers(view)}
        section.append(page(where.scorecard, "scorecard.md.j2", N_("Alignment scorecard"), card))
    if audience == "core" and view.ini.team:
        engaged = {**ctx, "engagement": EngagementView(view)}
        section.append(page(where.engagement, "engagement.md.j2", N_("Engagement plan"), engaged))
    book.nav.append({attr(view.ini.title): section})


def _stages(
    book: Book, view: InitiativeView, ctx: dict[str, Any], banner: dict[str, Any]
) -> list[NavItem]:
    out: list[NavItem] = []
    for s in view.ini.stages:
        state = (
            "current"
            if s.id == view.ini.current_stage
            else ("done" if view.is_past(s.id) else "next")
        )
        out.append(
            book.add(
                view.paths.stage(s.id),
                "stage.md.j2",
                s.name,
                {**ctx, "stage": s},
                banner,
                tags=(s.name,),
                icon=STAGE_ICONS[state],
            )
        )
    return out


def _training(
    book: Book, view: InitiativeView, ctx: dict[str, Any], banner: dict[str, Any]
) -> list[NavItem]:
    out: list[NavItem] = []
    for t in view.ini.training:
        stage = view.stage(t.stage)
        out.append(
            book.add(
                view.paths.module(t.id),
                "module.md.j2",
                t.title,
                {**ctx, "module": t},
                banner,
                tags=(stage.name,) if stage else (),
            )
        )
    return out


def _team(
    book: Book, view: InitiativeView, ctx: dict[str, Any], banner: dict[str, Any]
) -> list[NavItem]:
    """The team page, a charter per member and decision rights. Charters are reached from
    the team page, the people pages and search: one nav entry per executive would make
    every page carry the whole organisation."""
    words = ctx["settings"].words
    where = view.paths
    team = {**ctx, "packs": _pack_parts(view)}
    book.add(where.team, "team.md.j2", words.gettext("Team and charters"), team, banner)
    for m in view.ini.team:
        person = view.person(m.person)
        book.add(
            where.charter(m.person),
            "charter.md.j2",
            words.gettext("Role charter: %(name)s") % {"name": view.name(m.person)},
            {**ctx, "member": m, "person": person},
            banner,
            tags=_person_tags(person, words, m.role),
        )
    book.add(
        where.decisions,
        "decision_rights.md.j2",
        words.gettext("Decision rights"),
        ctx,
        banner,
    )
    _packs(book, view, ctx, banner)
    return [
        {words.gettext("Team and charters"): where.team},
        {words.gettext("Decision rights"): where.decisions},
    ]


# Charters in one printed pack: a leadership team's, whole; a larger organisation's in parts,
# so no page grows with the organisation.
PACK_SIZE = 50


def _pack_parts(view: InitiativeView) -> list[tuple[str, list[str]]]:
    """(path, member ids) of each part of the pack for print, in team order."""
    ids = view.team_ids
    chunks = [ids[i : i + PACK_SIZE] for i in range(0, len(ids), PACK_SIZE)]
    return [(view.paths.charters_print(n), chunk) for n, chunk in enumerate(chunks, 1)]


def _packs(book: Book, view: InitiativeView, ctx: dict[str, Any], banner: dict[str, Any]) -> None:
    """The pack printed for a leadership offsite: every charter, each on a sheet of its own.
    Out of search: every charter is indexed on its own page."""
    words = ctx["settings"].words
    parts = _pack_parts(view)
    for n, (path, members) in enumerate(parts, 1):
        title = words.gettext("All charters, for print")
        if len(parts) > 1:
            title = words.gettext("All charters, for print (part %(part)s of %(parts)s)") % {
                "part": n,
                "parts": len(parts),
            }
        book.add(
            path,
            "charters_print.md.j2",
            title,
            {**ctx, "part": n, "parts": len(parts)},
            {**banner, "search": {"exclude": True}},
            includes=tuple(view.paths.charter(pid) for pid in members),
        )


def people(
    book: Book, project: Project, views: list[InitiativeView], common: dict[str, Any]
) -> None:
    """A page per person, and the people index by function."""
    words = common["settings"].words
    on_team: dict[str, list[tuple[InitiativeView, str]]] = {}
    for view in views:
        for m in view.ini.team:
            on_team.setdefault(m.person, []).append((view, m.role))
    for pid, person in project.people.items():
        context = {
            **common,
            "pid": pid,
            "person": person,
            "roles": on_team.get(pid, []),
            "people": project.people,
        }
        with book.built_from(project.person_files.get(pid)):
            book.add(
                paths.person_page(pid),
                "person.md.j2",
                person.name,
                context,
                tags=_person_tags(person, words),
            )
    by_function: dict[str, list[str]] = {}
    for pid, person in sorted(project.people.items(), key=lambda kv: (kv[1].name, kv[0])):
        by_function.setdefault(person.function, []).append(pid)
    context = {
        **common,
        "people": project.people,
        "functions": sorted(by_function.items()),
        "on_team": on_team,
    }
    book.add(paths.PEOPLE, "people.md.j2", words.gettext("People"), context)
    book.nav.append({words.gettext("People"): paths.PEOPLE})


def hand_written(book: Book, pages: dict[str, bytes], common: dict[str, Any]) -> None:
    """Pages from playbooks/pages/, carried unchanged; Markdown ones are listed in the nav,
    under a section whose name says what it holds (a link reading "More" names no purpose)."""
    words = common["settings"].words
    listed: list[NavItem] = []
    for rel, raw in sorted(pages.items()):
        book.carry(paths.hand_written(rel), rel, raw)
        if rel.endswith(".md"):
            listed.append(paths.hand_written(rel))
    if listed:
        book.nav.append({words.gettext("Guides and background"): listed})


def tags(book: Book, common: dict[str, Any]) -> None:
    """Material's tags plugin lists tagged pages here: function, change role and stage."""
    words = common["settings"].words
    if book.tagged:
        # Out of search: it lists the titles of pages that are in the index themselves.
        meta = {"search": {"exclude": True}}
        book.add(paths.TAGS, "tags.md.j2", words.gettext("Tags"), common, meta=meta)
        book.nav.append({words.gettext("Tags"): paths.TAGS})
