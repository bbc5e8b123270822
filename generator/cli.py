"""The `playbook` command: a thin door into the pipeline. Exit 0 ok, 1 bad input, 2 usage."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from generator.commands import cli as commands
from generator.commands.options import audience_option, locked, rendered, settings, strict_option
from generator.pipeline import (
    Layout,
    build_to_disk,
    load_project,
    render_to_disk,
    today,
)
from generator.source.problems import UserError

__all__ = ["build", "cli", "main", "render", "schema", "serve", "validate"]


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
    ctx.obj = Layout.of(root)


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
@locked
def render(layout: Layout, audience: str, strict: bool) -> None:
    """Write the generated Markdown."""
    click.echo(rendered(render_to_disk(layout, settings(layout, audience), strict=strict)))


@cli.command()
@audience_option
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to build the site (default: mkdocs.yml site_dir, else site/).",
)
@strict_option
@click.pass_obj
@locked
def build(layout: Layout, audience: str, site_dir: Path | None, strict: bool) -> None:
    """Render, then build the site with MkDocs."""
    build_to_disk(layout, settings(layout, audience), site_dir, strict=strict)
    click.echo(f"built the '{audience}' site in {site_dir or layout.root / layout.site.site_dir}")


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


for command in (
    commands.advance_command,
    commands.sign_command,
    commands.notify,
    commands.digest,
    commands.init,
    commands.people,
    commands.attendance,
    commands.pulse,
):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="playbook")
