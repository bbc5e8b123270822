"""Build the site with MkDocs into a temporary folder, then swap it in: a failed build
leaves the previous site exactly as it was.

The pipeline has already run: its output is handed to the site's playbook plugin, which adds
it to the build as virtual files instead of running the pipeline a second time. `commit` runs
after MkDocs succeeded and before the swap, so the pipeline can publish the generated
Markdown only when the site built from it exists; if `commit` refuses, the new site is
dropped too. A run killed anywhere leaves the old site or the new one, never a mix: the next
run repairs what it left (recover.py)."""

from __future__ import annotations

import errno
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.layout import CONFIG, PLUGIN
from generator.site.config import plugin_missing
from generator.site.lock import note_replacing
from generator.site.recover import recover_site, retired_of, staging_of
from generator.source.problems import UserError

if TYPE_CHECKING:
    from generator.pipeline import Output


@runtime_checkable
class TakesOutput(Protocol):
    """The site's playbook plugin as the build sees it (the door above is not imported)."""

    def use(self, output: Output) -> None: ...


def build_site(
    root: Path,
    output: Output,
    site_dir: Path,
    strict: bool = False,
    commit: Callable[[], object] | None = None,
) -> None:
    site_dir = site_dir.resolve()
    if root.resolve().is_relative_to(site_dir):
        # The build replaces its folder whole: here that would be the repository itself.
        raise UserError(
            f"the site folder {site_dir} holds the repository itself; build into a folder of "
            "its own (site_dir in mkdocs.yml, or --site-dir); nothing was written"
        )
    staging, retired = staging_of(site_dir), retired_of(site_dir)
    note_replacing(root, site_dir)
    recover_site(site_dir)
    try:
        config = load_config(str(root / CONFIG), site_dir=str(staging), strict=strict)
        plugin = config.plugins.get(PLUGIN)
        if not isinstance(plugin, TakesOutput):
            raise plugin_missing()
        plugin.use(output)
        mkdocs_build(config)
        if commit:
            commit()
    except (MkDocsException, SystemExit) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        message = str(exc) or "MkDocs build failed"
        raise UserError(f"{message}\nsite not built; {site_dir.name}/ left as it was") from None
    except OSError as exc:
        if exc.errno not in FULL:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        reached = size_of(staging)
        shutil.rmtree(staging, ignore_errors=True)
        raise UserError(disk_full(exc, site_dir, reached)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if site_dir.exists():
        site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)


FULL = (errno.ENOSPC, errno.EDQUOT)  # the disk is full, or the user's quota on it


def size_of(folder: Path) -> int:
    """Bytes held by the files under `folder` (0 when it is gone)."""
    total = 0
    for path in folder.rglob("*"):
        try:
            total += path.lstat().st_size if path.is_file() else 0
        except OSError:
            continue
    return total


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def disk_full(exc: OSError, site_dir: Path, reached: int) -> str:
    """What a build stopped by a full disk says: where, how much it needed, what is left."""
    why = "quota exceeded" if exc.errno == errno.EDQUOT else "no space left"
    current = size_of(site_dir)
    needs = f"the new site had reached {_mb(reached)} when the disk filled"
    if current:
        needs += f" (the current one takes {_mb(current)})"
    return (
        f"disk full ({why}) while building the site in {site_dir.parent}: {needs}; free at "
        f"least that much there and build again. {site_dir.name}/ is untouched and the "
        "unfinished build was removed"
    )
