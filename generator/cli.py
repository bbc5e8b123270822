"""The `playbook` command: a thin door into the pipeline. Exit 0 ok, 1 bad input, 2 usage."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

import click

from generator.content.audience import audience_level
from generator.pipeline import (
    DEFAULT_AUDIENCE,
    Layout,
    Settings,
    build_to_disk,
    load_project,
    render_to_disk,
    today,
)
from generator.site.lock import repository_lock
from generator.source.model import AUDIENCES
from generator.source.problems import UserError

audience_option = click.option(
    "--audience",
    type=click.Choice(AUDIENCES),
    default=DEFAULT_AUDIENCE,
    envvar="PLAYBOOK_AUDIENCE",
    show_default=True,
    help="Who the output is for: content above this audience is never rendered "
    "(default also from PLAYBOOK_AUDIENCE).",
)
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")


P = ParamSpec("P")
R = TypeVar("R")


def _locked(command: Callable[Concatenate[Layout, P], R]) -> Callable[Concatenate[Layout, P], R]:
    """A command that writes holds the repository lock: one writer at a time."""

    @functools.wraps(command)
    def locked(layout: Layout, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with repository_lock(layout.root):
            return command(layout, *args, **kwargs)

    return locked


class _Plain(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return record.getMessage()


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is now: in-process runs (tests) swap it per call."""

    def emit(self, record: logging.LogRecord) -> None:
        self.setStream(sys.stderr)
        super().emit(record)


def _setup_logging() -> None:
    logger = logging.getLogger("playbook")
    if not any(getattr(h, "_playbook", False) for h in logger.handlers):
        handler = _Stderr(sys.stderr)
        handler.setFormatter(_Plain())
        handler._playbook = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


class _Group(click.Group):
    """Catches the one user-error type once: message on stderr, exit 1, no traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except UserError as exc:
            click.echo(str(exc), err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C",
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    help="The site repository (default: the current folder).",
)
@click.pass_context
def cli(ctx: click.Context, root: Path) -> None:
    """Turn YAML change playbooks into a MkDocs + Material site."""
    _setup_logging()
    ctx.obj = Layout(root)


@cli.command()
@strict_option
@click.pass_obj
def validate(layout: Layout, strict: bool) -> None:
    """Check all playbooks; print errors and warnings."""
    project, warnings = load_project(layout, today(), strict)
    n = len(project.initiatives)
    click.echo(
        f"ok: {n} initiative{'s' if n != 1 else ''}, {len(project.people)} people, "
        f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
    )


@cli.command()
@audience_option
@strict_option
@click.pass_obj
@_locked
def render(layout: Layout, audience: str, strict: bool) -> None:
    """Write the generated Markdown."""
    done = render_to_disk(layout, _settings(audience), strict=strict)
    report = done.report
    click.echo(
        f"rendered {done.pages} pages for '{audience}': "
        f"{len(report.written)} written, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged"
    )


@cli.command()
@audience_option
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to build the site (default: site/).",
)
@strict_option
@click.pass_obj
@_locked
def build(layout: Layout, audience: str, site_dir: Path | None, strict: bool) -> None:
    """Render, then build the site with MkDocs."""
    build_to_disk(layout, _settings(audience), site_dir, strict=strict)
    click.echo(f"built the '{audience}' site in {site_dir or layout.root / 'site'}")


def _settings(audience: str) -> Settings:
    return Settings(today=today(), audience=audience_level(audience))


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date as YYYY-MM-DD") from None


@cli.command(name="advance")
@click.argument("initiative")
@click.option("--to", metavar="STAGE", help="The stage to move to (default: the next one).")
@click.option(
    "--date",
    "on",
    metavar="YYYY-MM-DD",
    callback=_date,
    help="The date of the transition (default: today).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Move even though exit criteria are open; the site shows which were.",
)
@click.option("--by", metavar="NAME", help="Who moves it, recorded in stage_history.")
@click.pass_obj
@_locked
def advance_command(
    layout: Layout, initiative: str, to: str | None, on: dt.date | None, force: bool, by: str | None
) -> None:
    """Move INITIATIVE to the next (or named) stage, then re-render."""
    from generator.commands.advance import advance

    moved = advance(layout, initiative, on or today(), to=to, force=force, by=by)
    skipped = []
    if moved.open_criteria:
        n = len(moved.open_criteria)
        skipped.append(f"{n} exit criteri{'on' if n == 1 else 'a'} open")
    if moved.failed_checks:
        n = len(moved.failed_checks)
        skipped.append(f"{n} gate check{'' if n == 1 else 's'} failing")
    note = f" (forced: {', '.join(skipped)})" if skipped else ""
    click.echo(
        f"{moved.file}: {moved.initiative} moved from '{moved.left.id}' to "
        f"'{moved.entered.id}' on {moved.on}{note}"
    )
    done = render_to_disk(layout, _settings(DEFAULT_AUDIENCE))
    report = done.report
    click.echo(
        f"rendered {done.pages} pages for '{done.audience}': "
        f"{len(report.written)} written, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged"
    )
    # The members' notes for the stage just entered, as drafts to review and send.
    from generator.commands import notify as notes

    notes.write(notes.prepare(layout, initiative), click.echo)


@cli.command()
@click.argument("initiative")
@click.option("--send", is_flag=True, help="Deliver the drafts over SMTP (needs --smtp).")
@click.option("--smtp", "server", metavar="HOST:PORT", help="The SMTP server to deliver through.")
@click.option(
    "--from",
    "sender",
    metavar="ADDRESS",
    help="Sender of the notes (default: the sponsor's email).",
)
@click.option("--starttls", is_flag=True, help="Encrypt the SMTP session with STARTTLS.")
@click.option(
    "--site-url", metavar="URL", help="The site's address (default: mkdocs.yml site_url)."
)
@click.pass_obj
def notify(
    layout: Layout,
    initiative: str,
    send: bool,
    server: str | None,
    sender: str | None,
    starttls: bool,
    site_url: str | None,
) -> None:
    """Write (or --send) a transition note to every member of INITIATIVE's team.

    Drafts go to outbox/INITIATIVE/STAGE/PERSON.eml. SMTP credentials come from
    PLAYBOOK_SMTP_USER and PLAYBOOK_SMTP_PASSWORD when set."""
    from generator.commands import notify as notes
    from generator.delivery.smtp import parse_server

    if send != bool(server):
        raise click.UsageError("--send and --smtp HOST:PORT go together")
    if starttls and not send:
        raise click.UsageError("--starttls only applies with --send")
    where = None
    if server:
        try:
            where = parse_server(server)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--smtp") from None
        where = type(where)(where.host, where.port, starttls)
    batch = notes.prepare(layout, initiative, sender, site_url)
    notes.write(batch, click.echo)
    if where is not None:
        notes.send(batch, layout.root, where, click.echo)


@cli.command()
@audience_option
@click.option(
    "-a",
    "--dev-addr",
    metavar="IP:PORT",
    default="127.0.0.1:8000",
    show_default=True,
    help="Where the preview server listens.",
)
@click.pass_obj
def serve(layout: Layout, audience: str, dev_addr: str) -> None:
    """Live preview: editing YAML or a template regenerates the site within seconds."""
    from generator.site.serve import serve_site

    serve_site(layout.root, audience, dev_addr)


@cli.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write them (default: schemas/).",
)
@click.pass_obj
def schema(layout: Layout, out: Path | None) -> None:
    """Write JSON Schemas for the YAML files, for editor completion."""
    from generator.source.schema import FOLDER, SCHEMAS, write_schemas

    folder = out or layout.root / FOLDER
    changed = write_schemas(folder)
    for name in SCHEMAS:
        click.echo(f"{(folder / name).as_posix()}: {'written' if name in changed else 'unchanged'}")


@cli.command()
@click.argument("initiative")
@click.option(
    "--sponsor",
    metavar="ID",
    required=True,
    help="Person id of the sponsor; a people file is created if missing.",
)
@click.option(
    "--member",
    "members",
    metavar="ID",
    multiple=True,
    help="Another team member (repeatable); a people file is created if missing.",
)
@click.option("--title", default=None, help="Title of the initiative (default: from the id).")
@click.option(
    "--stages",
    default="infancy,development,implementation",
    show_default=True,
    help="Stage ids, in order, separated by commas.",
)
@click.pass_obj
def init(
    layout: Layout,
    initiative: str,
    sponsor: str,
    members: tuple[str, ...],
    title: str | None,
    stages: str,
) -> None:
    """Scaffold playbooks/INITIATIVE/initiative.yml (never overwrites)."""
    from generator.commands.init import scaffold, write_scaffold

    plan = scaffold(
        layout.playbooks,
        initiative,
        sponsor,
        list(members),
        title,
        [s.strip() for s in stages.split(",")],
        today(),
    )
    for rel in write_scaffold(layout.playbooks, plan):
        click.echo(f"wrote playbooks/{rel}")
    click.echo(f"next: edit playbooks/{initiative}/initiative.yml, then `playbook validate`")


@cli.group()
def people() -> None:
    """Manage the people files (playbooks/people/)."""


@people.command(name="import")
@click.argument("roster", metavar="ROSTER.csv")
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@click.pass_obj
@_locked
def people_import(layout: Layout, roster: str, dry_run: bool) -> None:
    """Create and update people files from an HR export.

    ROSTER.csv has the columns id, name, title, function and optionally email and
    reports_to. Only those fields change in the files; nobody is deleted."""
    from generator.commands.people_import import import_people, summary

    for line in summary(import_people(layout, roster, dry_run), dry_run):
        click.echo(line)


def main() -> None:
    cli(prog_name="playbook")
