"""Material's "edit this page": a page built from a playbook file points at that file.

MkDocs makes a page's `edit_url` from `repo_url`, `edit_uri` (the path from the repository
to docs_dir, e.g. `edit/main/docs/`; or `edit_uri_template`) and its File's `edit_uri`, the
page's source path from docs_dir. A page the plugin adds has none (MkDocs: a generated file
is edited nowhere), so without this no playbook page has the action, and it must never point
at the generated Markdown, which is nobody's to edit. The plan says which playbook file each
page is built from (content/plan.py, already filtered for the audience); here that file
becomes its path from docs_dir, and MkDocs' own rules make the link, or none when the site
sets no `edit_uri`. A playbooks folder beside docs_dir gives a path with `..`, which the link
resolves like any relative URL (`edit/main/docs/../playbooks/...`).
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

__all__ = ["point_at_sources"]


def point_at_sources(
    files: Files, config: MkDocsConfig, sources: dict[str, str], playbooks: Path, prefix: str
) -> None:
    """Give each page of ours in `files` the path of its playbook file (page path -> file
    relative to `playbooks`) from the site's docs_dir, as MkDocs reads it for the action."""
    docs = Path(config.docs_dir).resolve()
    for page, source in sources.items():
        file = files.get_file_from_path(prefix + page)
        if file is not None and file.is_documentation_page():
            file.edit_uri = PurePath(os.path.relpath(playbooks / source, docs)).as_posix()
