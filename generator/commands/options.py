"""What the `playbook` commands share: their options, the lock, the render summary."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

import click

from generator.content.audience import audience_level
from generator.pipeline import DEFAULT_AUDIENCE, Layout, Rendered, Settings, settings_for
from generator.site.lock import repository_lock
from generator.source.model import AUDIENCES

__all__ = ["P", "R", "audience_option", "locked", "rendered", "settings", "strict_option"]

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
