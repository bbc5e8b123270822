"""MkDocs hook: `mkdocs build` and `mkdocs serve` regenerate the Markdown first.

A door into the pipeline, nothing more. The audience comes from PLAYBOOK_AUDIENCE.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from generator.pipeline import DEFAULT_AUDIENCE, Layout, render_to_disk
from generator.problems import UserError


def on_config(config: Any) -> Any:
    layout = Layout(Path(config.config_file_path).resolve().parent)
    audience = os.environ.get("PLAYBOOK_AUDIENCE", DEFAULT_AUDIENCE)
    try:
        the_plan, _ = render_to_disk(layout, audience, out=Path(config.docs_dir))
    except UserError as exc:
        raise PluginError(str(exc)) from None
    config.nav = the_plan.nav
    return config


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    layout = Layout(Path(config.config_file_path).resolve().parent)
    for folder in (layout.playbooks, layout.templates):
        if folder.is_dir():
            server.watch(str(folder))
    return server
