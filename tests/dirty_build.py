"""A preview's rebuild, as `playbook serve` runs it, against a full build of the same edit.

    python -m tests.dirty_build ROOT FILE OLD NEW

builds ROOT's site with MkDocs' dirty builds (the plugins started as `serve --dirty` starts
them), replaces OLD by NEW in playbooks/FILE, rebuilds, then builds the edited repository
from scratch into another folder; prints JSON: the pages the rebuild wrote again and every
file that differs between the two sites. In a process of its own: MkDocs keeps plugins that
have a startup hook (search, tags) for the life of the process, dirty state included.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config


def _build(root: Path, site: Path, dirty: bool) -> None:
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    build(config, dirty=dirty)


def _stamps(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _search(site: Path) -> list[str]:
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    return sorted(json.dumps(d, sort_keys=True) for d in docs)


def main() -> None:
    root, rel, old, new = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    preview, full = root / "site-preview", root / "site-full"
    load_config(str(root / "mkdocs.yml")).plugins.on_startup(command="serve", dirty=True)
    _build(root, preview, dirty=True)
    before = _stamps(preview)
    path = root / "playbooks" / rel
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")
    _build(root, preview, dirty=True)
    after = _stamps(preview)
    _build(root, full, dirty=False)
    a, b = _files(preview), _files(full)
    result = {
        "rewritten": sorted(p for p in after if before.get(p) != after[p]),
        "differ": sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p)),
        "search_same": _search(preview) == _search(full),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
