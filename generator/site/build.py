"""Build the site with MkDocs into a temporary folder, then swap it in: a failed build
leaves the previous site exactly as it was.

`commit` runs after MkDocs succeeded and before the swap, so the pipeline can publish the
generated Markdown only when the site built from it exists; if `commit` refuses, the new
site is dropped too. A run killed anywhere leaves the old site or the new one, never a mix:
the next run repairs what it left (recover.py)."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.site.lock import note_replacing
from generator.site.recover import recover_site, retired_of, staging_of
from generator.source.problems import UserError


@contextlib.contextmanager
def _env(name: str, value: str) -> Iterator[None]:
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


def build_site(
    root: Path,
    audience: str,
    site_dir: Path,
    strict: bool = False,
    docs_dir: Path | None = None,
    commit: Callable[[], object] | None = None,
) -> None:
    site_dir = site_dir.resolve()
    staging, retired = staging_of(site_dir), retired_of(site_dir)
    note_replacing(root, site_dir)
    recover_site(site_dir)
    try:
        with _env("PLAYBOOK_AUDIENCE", audience):
            extra = {"docs_dir": str(docs_dir.resolve())} if docs_dir else {}
            config = load_config(
                str(root / "mkdocs.yml"), site_dir=str(staging), strict=strict, **extra
            )
            mkdocs_build(config)
        if commit:
            commit()
    except (MkDocsException, SystemExit) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        message = str(exc) or "MkDocs build failed"
        raise UserError(f"{message}\nsite not built; {site_dir.name}/ left as it was") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if site_dir.exists():
        site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)
