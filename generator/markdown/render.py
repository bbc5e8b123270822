"""Page -> Markdown through the Jinja2 templates in templates/.

Pure: no I/O but reading the templates."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket
from markupsafe import Markup

from generator.content.i18n import SOURCE, Wording, wording
from generator.content.paths import person_calendar, person_page, relative
from generator.content.plan import Page, Plan
from generator.content.views import InitiativeView
from generator.markdown import charts, escape, icons, svg
from generator.source.model import Module, Stage
from generator.source.problems import UserError


def _finalizer(words: Wording) -> Callable[[Any], Markup]:
    def finalize(value: Any) -> Markup:
        """Every value a template prints is user data unless code marked it safe; dates and
        numbers are written the language's way."""
        if isinstance(value, str):  # most values: test them first, they are printed most
            return value if isinstance(value, Markup) else escape.inline(value)
        if value is None:
            return Markup("")
        if isinstance(value, bool):
            return Markup(words.gettext("yes") if value else words.gettext("no"))
        if isinstance(value, int) and -1000 < value < 1000:  # no digit grouping: the fast way
            return Markup(str(value))
        if isinstance(value, int | float):
            return Markup(words.number(value))
        if isinstance(value, dt.date):
            return Markup(words.date(value))
        return escape.inline(value)

    return finalize


@jinja2.pass_context
def _url(ctx: jinja2.runtime.Context, target: str) -> Markup:
    return Markup(relative(target, ctx["here"]))


@jinja2.pass_context
def _person_link(ctx: jinja2.runtime.Context, view: InitiativeView, pid: str) -> Markup:
    """A team member's name linking to their charter; anyone else's name as plain text."""
    if view.member(pid) is None:
        return escape.inline(view.name(pid))
    target = relative(view.paths.charter(pid), ctx["here"])
    return Markup(f"[{escape.linktext(view.name(pid))}]({target})")


@jinja2.pass_context
def _stage_link(ctx: jinja2.runtime.Context, view: InitiativeView, stage: Stage) -> Markup:
    """A stage's name linking to its page (a Python global, not a macro: pages link stages
    and modules many times each)."""
    target = relative(view.paths.stage(stage.id), ctx["here"])
    return Markup(f"[{escape.linktext(stage.name)}]({target})")


@jinja2.pass_context
def _module_link(ctx: jinja2.runtime.Context, view: InitiativeView, module: Module) -> Markup:
    target = relative(view.paths.module(module.id), ctx["here"])
    return Markup(f"[{escape.linktext(module.title)}]({target})")


@jinja2.pass_context
def _people_links(ctx: jinja2.runtime.Context, view: InitiativeView, ids: list[str]) -> Markup:
    return Markup(", ").join(_person_link(ctx, view, pid) for pid in ids)


class _SourceKeyedCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates (a private per-user temporary folder), found by
    each template's name and source rather than by its path: a repository cloned or copied
    elsewhere, or a template shipped in the package, compiles once, not once per folder."""

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        checksum = self.get_source_checksum(source)
        bucket = Bucket(environment, self.get_cache_key(name, checksum), checksum)
        self.load_bytecode(bucket)
        return bucket


_BYTECODE = _SourceKeyedCache()


def _clock(value: int) -> str:
    return f"{value // 60}:{value % 60:02d}"


def _translator(words: Wording) -> tuple[Callable[..., Markup], Callable[..., Markup]]:
    """gettext and ngettext for the templates, as Jinja's new-style gettext calls them.

    The wording is ours (the catalogs); the values put into it are user data, so each is
    escaped as any printed value is, before it is placed."""
    finalize = _finalizer(words)

    def fill(text: str, variables: dict[str, Any]) -> Markup:
        return Markup(text % {k: finalize(v) for k, v in variables.items()})

    plain: dict[str, Markup] = {}  # wording without values, the most frequent: once each

    def gettext(message: str, **variables: Any) -> Markup:
        if not variables:
            found = plain.get(message)
            if found is None:
                found = plain[message] = fill(words.gettext(message), {})
            return found
        return fill(words.gettext(message), variables)

    def ngettext(singular: str, plural: str, num: int, **variables: Any) -> Markup:
        variables.setdefault("num", num)
        return fill(words.ngettext(singular, plural, num), variables)

    return gettext, ngettext


def environment(templates: Sequence[Path], language: str = SOURCE) -> jinja2.Environment:
    """The one place the template environment is built. `templates` are searched in order:
    the site's own folder first, so each of its files overrides the packaged one."""
    words = wording(language)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(t) for t in templates]),
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        # `finalize` escapes every printed value for Markdown and returns Markup; autoescape
        # only makes macros return Markup too, so their output is not escaped twice.
        autoescape=True,
        finalize=_finalizer(words),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        # Compiling the templates was a third of a small site's render.
        bytecode_cache=_BYTECODE,
    )
    env.filters.update(
        inline=escape.inline,
        cell=escape.cell,
        linktext=escape.linktext,
        urlsafe=escape.url,
        block=escape.block,
        minutes=words.minutes,
        clock=_clock,
        label=lambda value, kind: words.label(kind, value),
        date=words.date,
        number=words.number,
    )
    gettext, ngettext = _translator(words)
    # Jinja's i18n extension reads these: `{% trans %}` blocks call them with their variables.
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    # A `{% trans %}` block's wording is one message whatever its line breaks in the template.
    env.policies["ext.i18n.trimmed"] = True
    env.globals.update(
        _=gettext,
        gettext=gettext,
        ngettext=ngettext,
        language=words.language,
        words=words,  # for the views' methods that word a count (what changed, for one)
        url=_url,
        person_link=_person_link,
        stage_link=_stage_link,
        module_link=_module_link,
        role_icon=icons.role_icon,
        people_links=_people_links,
        zip=zip,
        # The pictures write their own words (axes, legends, dates) in the site's language.
        timeline=functools.partial(svg.timeline, words=words),
        stakeholder_map=functools.partial(svg.stakeholder_map, words=words),
        count_bars=functools.partial(charts.count_bars, words=words),
        pulse_spread=functools.partial(charts.pulse_spread, words=words),
        alignment_weeks=functools.partial(charts.alignment_weeks, words=words),
        support_over_time=functools.partial(charts.support_over_time, words=words),
        outcomes_over_time=functools.partial(charts.outcomes_over_time, words=words),
        person_page=person_page,
        person_calendar=person_calendar,
    )
    return env


def _html_escaped(value: Any) -> Any:
    if isinstance(value, str):
        return escape.attr(value)
    if isinstance(value, dict):
        return {k: _html_escaped(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_html_escaped(v) for v in value]
    return value


def _front_matter(page: Page) -> str:
    # Every text is escaped for HTML: MkDocs themes print front matter without escaping.
    lines = ["title: " + json.dumps(escape.attr(page.title))]
    lines += [
        f"{key}: {json.dumps(_html_escaped(value), sort_keys=True)}"
        for key, value in sorted(page.meta.items())
    ]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _body(env: jinja2.Environment, page: Page) -> str:
    return env.get_template(page.template).render(page.context).strip("\n") + "\n"


def render_page(env: jinja2.Environment, page: Page) -> bytes:
    if page.raw is not None:
        return page.raw
    return (_front_matter(page) + _body(env, page)).encode("utf-8")


def _render_all(env: jinja2.Environment, plan: Plan) -> dict[str, bytes]:
    """Every page; a page made of others (`includes`) after them, from their bodies."""
    out: dict[str, bytes] = {}
    bodies: dict[str, str] = {}
    for path, page in plan.pages.items():
        if page.raw is not None:
            out[path] = page.raw
        elif not page.includes:
            bodies[path] = _body(env, page)
            out[path] = (_front_matter(page) + bodies[path]).encode("utf-8")
    for path, page in plan.pages.items():
        if page.includes:
            sheets = [Markup(bodies[p]) for p in page.includes]
            out[path] = render_page(env, replace(page, context={**page.context, "sheets": sheets}))
    return {path: out[path] for path in plan.pages}


def _template_line(exc: BaseException) -> tuple[str, int]:
    """The template file and line an error was raised from (Jinja maps its frames back)."""
    tb = exc.__traceback__
    found = ("", 0)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render(plan: Plan, templates: Sequence[Path], language: str = SOURCE) -> dict[str, bytes]:
    """Every page of the plan as Markdown. Templates are the site's editable wording: an error
    in one is the user's to fix, so it is reported as theirs, with file and line. Any other
    exception is a bug of the generator and keeps its traceback."""
    env = environment(templates, language)
    try:
        return _render_all(env, plan)
    except jinja2.TemplateNotFound as exc:
        raise UserError(
            f"templates/{exc.name}: template not found in the site's templates/ or the "
            "packaged ones; check the name"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        where = _shown(Path(exc.filename)) if exc.filename else "templates"
        raise UserError(f"{where}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.TemplateError as exc:
        name, line = _template_line(exc)
        where = f"{_shown(Path(name))}:{line}" if name else "templates"
        raise UserError(f"{where}: template error: {exc}") from None


def _shown(path: Path) -> str:
    """A template path as the user sees it: relative to the repository when it can be."""
    parts = path.parts
    return "/".join(parts[parts.index("templates") :]) if "templates" in parts else str(path)
