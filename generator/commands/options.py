"""What the `playbook` commands share: their options, the lock, the render summary."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

import click

from generator.content.audience import audience_level
from generator.pipeline import DEFAULT_AUDIENCE, Layout, Rendered, Settings, settings_for
from generator.site.lock import repository_lock
from generator.source.model import AUDIENCES

if TYPE_CHECKING:  # smtplib and ssl load only for a command that sends
    from generator.delivery.smtp import Server

__all__ = [
    "P",
    "R",
    "audience_option",
    "locked",
    "mail_options",
    "rendered",
    "settings",
    "smtp_server",
    "strict_option",
]

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

F = TypeVar("F", bound=Callable[..., object])


def mail_options(sender_help: str) -> Callable[[F], F]:
    """--send, --smtp, --from, --starttls and --site-url: how `notify` and `digest` deliver."""

    def apply(command: F) -> F:
        for option in reversed(
            (
                click.option(
                    "--send", is_flag=True, help="Deliver the drafts over SMTP (needs --smtp)."
                ),
                click.option(
                    "--smtp",
                    "server",
                    metavar="HOST:PORT",
                    help="The SMTP server to deliver through.",
                ),
                click.option("--from", "sender", metavar="ADDRESS", help=sender_help),
                click.option(
                    "--starttls", is_flag=True, help="Encrypt the SMTP session with STARTTLS."
                ),
                click.option(
                    "--site-url",
                    metavar="URL",
                    help="The site's address (default: mkdocs.yml site_url).",
                ),
            )
        ):
            command = option(command)
        return command

    return apply


def smtp_server(
    send: bool, server: str | None, starttls: bool, resend: tuple[str, ...]
) -> Server | None:
    """The server `--send --smtp HOST:PORT [--starttls]` names, None without --send; the
    options checked together."""
    from generator.delivery.smtp import Server, parse_server

    if send != bool(server):
        raise click.UsageError("--send and --smtp HOST:PORT go together")
    if starttls and not send:
        raise click.UsageError("--starttls only applies with --send")
    if resend and not send:
        raise click.UsageError("--resend only applies with --send")
    if not server:
        return None
    try:
        where = parse_server(server)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--smtp") from None
    return Server(where.host, where.port, starttls)


P = ParamSpec("P")
R = TypeVar("R")


def locked(command: Callable[Concatenate[Layout, P], R]) -> Callable[Concatenate[Layout, P], R]:
    """A command that writes holds the repository lock: one writer at a time."""

    @functools.wraps(command)
    def holding(layout: Layout, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with repository_lock(layout.root):
            return command(layout, *args, **kwargs)

    return holding


def settings(layout: Layout, audience: str = DEFAULT_AUDIENCE) -> Settings:
    return settings_for(layout, audience_level(audience))


def rendered(done: Rendered) -> str:
    report = done.report
    return (
        f"rendered {done.pages} pages for '{done.audience}': "
        f"{len(report.written)} written, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged"
    )
