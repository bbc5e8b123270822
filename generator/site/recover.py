"""Undo what a killed run left behind, so the next run starts from a whole site.

A build stages the Markdown in `.generated.XXXXXXXX/` and the site in `.<site>.building/`,
then swaps with two renames: `<site>` -> `.<site>.old`, `.<site>.building` -> `<site>`. A run
killed at any point leaves some of those folders; between the two renames it leaves no site
at all. Only the holder of the repository lock calls these, so no live run is disturbed.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from pathlib import Path

# tempfile.TemporaryDirectory(prefix=".generated.") names: eight of [a-z0-9_].
_MARKDOWN_STAGING = re.compile(r"\.generated\.[a-z0-9_]{8}")
# source/atomic.py's temporary files: `.tmp-` + mkstemp's random part + the suffix.
_PARTIAL_FILE = re.compile(r"\.tmp-[A-Za-z0-9_]{8}(\.[A-Za-z0-9]+)?")


def staging_of(site_dir: Path) -> Path:
    """Where a build of `site_dir` puts the new site until it is complete."""
    return site_dir.with_name(f".{site_dir.name}.building")


def retired_of(site_dir: Path) -> Path:
    """Where the previous site waits between the two renames of the swap."""
    return site_dir.with_name(f".{site_dir.name}.old")


def recover_site(site_dir: Path) -> None:
    """The old site back if a run died between its renames; its staging folders gone."""
    retired = retired_of(site_dir)
    if retired.is_dir() and not site_dir.exists():
        retired.rename(site_dir)  # complete: it was renamed whole, never deleted from
    for leftover in (staging_of(site_dir), retired):
        shutil.rmtree(leftover, ignore_errors=True)


def recover_repository(root: Path, generated: Path, sites: Iterable[Path] = ()) -> None:
    """Remove the staging folders and half-written files of killed runs in `root`, and
    recover each site a killed build was replacing."""
    for site_dir in sites:
        recover_site(site_dir)
    if not root.is_dir():
        return
    for entry in sorted(root.iterdir()):
        if _MARKDOWN_STAGING.fullmatch(entry.name) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
    if generated.is_dir():
        for path in sorted(generated.rglob(".tmp-*")):
            if _PARTIAL_FILE.fullmatch(path.name) and path.is_file():
                path.unlink(missing_ok=True)
