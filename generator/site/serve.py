"""`playbook serve`: MkDocs' live server, with the pipeline run by the playbook plugin.

MkDocs reloads mkdocs.yml at every rebuild; the audience chosen on the command line reaches
the plugin as its `audience` option, through the configuration MkDocs is given, like any other
setting. The plugin asks the server to watch playbooks/ and templates/.

Rebuilds are MkDocs' dirty builds: the pipeline runs whole, but only the pages whose Markdown
changed are rendered again, or all of them when the navigation changed (site/preview.py). A
one-person edit of an 800-leader playbook is served in seconds instead of half a minute.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import yaml_load

from generator.layout import CONFIG, PLUGIN
from generator.site.config import plugin_missing
from generator.source.problems import UserError


DIRTY_WARNING = "A 'dirty' build is being performed"


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns at every dirty build that navigation may be inaccurate: a preview rebuilds
    every page when the navigation changes, so the warning would only cry wolf."""
    return not record.getMessage().startswith(DIRTY_WARNING)


def _mkdocs_logging() -> None:
    """MkDocs' own command line sets up its logging; through ours, do the same."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)


def plugins_for(config_file: Path, audience: str) -> dict[str, Any]:
    """The site's `plugins:`, with the playbook plugin's audience set to `audience`.

    As a mapping of name to options: MkDocs takes list entries apart as it reads them, and
    the server hands the same value to every rebuild."""
    with config_file.open("rb") as fh:
        raw = yaml_load(fh)
    listed = raw.get("plugins") if isinstance(raw, dict) else None
    plugins: dict[str, Any] = {}
    if isinstance(listed, dict):
        plugins = dict(listed)
    elif isinstance(listed, list):
        for entry in listed:
            if isinstance(entry, str):
                plugins[entry] = {}
            elif isinstance(entry, dict) and len(entry) == 1:
                plugins.update(entry)
    if PLUGIN not in plugins:
        raise plugin_missing()
    plugins[PLUGIN] = {**(plugins[PLUGIN] or {}), "audience": audience}
    return plugins


def serve_site(root: Path, audience: str, dev_addr: str) -> None:
    """Serve the site from `root` until interrupted."""
    pinned = os.environ.get("PLAYBOOK_AUDIENCE")
    if pinned and pinned != audience:
        raise UserError(
            f"PLAYBOOK_AUDIENCE={pinned} and --audience {audience} disagree; "
            "unset one of them"
        )
    config_file = root / CONFIG
    plugins = plugins_for(config_file, audience)
    _mkdocs_logging()
    try:
        mkdocs_serve(
            config_file=str(config_file), dev_addr=dev_addr, plugins=plugins, build_type="dirty"
        )
    except MkDocsException as exc:
        raise UserError(f"{exc}\nthe server did not start") from None
