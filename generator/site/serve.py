"""`playbook serve`: MkDocs' live server, with the pipeline run by the MkDocs hook.

The hook (mkdocs_hook.py) renders the Markdown at every build and asks the server to watch
playbooks/ and templates/. The writer only rewrites files whose content changed, so the
rebuild its own writes cause renders nothing new and the server settles: no reload loop.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.exceptions import MkDocsException

from generator.pipeline import Layout, render_to_disk
from generator.source.problems import UserError


def _mkdocs_logging() -> None:
    """MkDocs' own command line sets up its logging; through ours, do the same."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def serve_site(root: Path, audience: str, dev_addr: str) -> None:
    """Serve the site from `root` until interrupted."""
    # Render once first: MkDocs refuses a docs_dir that does not exist yet (a fresh clone)
    # before any hook runs, and bad input is best reported before the server starts.
    render_to_disk(Layout(root), audience)
    _mkdocs_logging()
    # The hook reads the audience from the environment: the server rebuilds in this process.
    os.environ["PLAYBOOK_AUDIENCE"] = audience
    try:
        mkdocs_serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr)
    except MkDocsException as exc:
        raise UserError(f"{exc}\nthe server did not start") from None
