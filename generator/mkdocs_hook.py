"""MkDocs hook: `mkdocs build` and `mkdocs serve` regenerate the Markdown first.

A door into the pipeline, nothing more. The audience comes from PLAYBOOK_AUDIENCE.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from generator.pipeline import DEFAULT_AUDIENCE, Layout, render_to_disk
from generator.source.problems import UserError


def on_config(config: Any) -> Any:
    layout = Layout(Path(config.config_file_path).resolve().parent)
    audience = os.environ.get("PLAYBOOK_AUDIENCE", DEFAULT_AUDIENCE)
    try:
        the_plan = render_to_disk(layout, audience, out=Path(config.docs_dir))
    except UserError as exc:
        raise PluginError(str(exc)) from None
    config.nav = the_plan.nav
    # MkDocs stamps pages and the sitemap with the build date; make it the content's date.
    # A SOURCE_DATE_EPOCH the user set wins; one we set earlier in this process is redone.
    if "SOURCE_DATE_EPOCH" not in os.environ or os.environ.get("PLAYBOOK_SET_EPOCH"):
        as_of = dt.datetime.combine(the_plan.as_of, dt.time(), tzinfo=dt.timezone.utc)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(as_of.timestamp()))
        os.environ["PLAYBOOK_SET_EPOCH"] = "1"
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """The stage banner (site_overrides/main.html) links to the stage page: find its URL."""
    stage = page.meta.get("playbook_stage")
    if isinstance(stage, dict) and isinstance(stage.get("page"), str):
        target = files.get_file_from_path(stage["page"])
        stage["url"] = target.url if target else None
    return markdown


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    layout = Layout(Path(config.config_file_path).resolve().parent)
    for folder in (layout.playbooks, layout.templates):
        if folder.is_dir():
            server.watch(str(folder))
    return server
