"""One measurement in a fresh process, printed as JSON: python bench/measure.py ROOT MODE.

MODE: generator (load..write into an empty folder), noop (a second render that changes
nothing), edit (a render after one person's title changed), full (render plus MkDocs build,
our navigation), flat (the same build with every page in the nav).
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import shutil
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.pipeline import Layout, render_to_disk

ON = dt.date(2026, 11, 27)


def _flat(nav: list[object], pages: list[str]) -> list[object]:
    return [{"Home": "index.md"}, *[p for p in pages if p != "index.md"]]


def main() -> None:
    root, mode = Path(sys.argv[1]), sys.argv[2]
    layout = Layout(root)
    if mode == "generator":
        shutil.rmtree(layout.generated, ignore_errors=True)
    if mode == "edit":
        person = sorted((layout.playbooks / "people").glob("*.yml"))[-1]
        person.write_text(person.read_text().replace("title: Head of", "title: Director of"))
    start = time.perf_counter()
    done = render_to_disk(layout, "leadership", ON)
    gen_seconds = time.perf_counter() - start
    result: dict[str, object] = {"generator_s": gen_seconds, "written": len(done.report.written)}
    if mode in ("full", "flat"):
        config = load_config(
            str(root / "mkdocs.yml"), site_dir=str(root / f"site-{mode}"), hooks=[]
        )
        pages = sorted(
            p.relative_to(layout.generated).as_posix() for p in layout.generated.rglob("*.md")
        )
        config.nav = done.nav if mode == "full" else _flat(done.nav, pages)
        start = time.perf_counter()
        build(config)
        result["mkdocs_s"] = time.perf_counter() - start
        sizes = [p.stat().st_size for p in (root / f"site-{mode}").rglob("*.html")]
        result.update(
            pages=len(sizes), avg_kb=sum(sizes) / len(sizes) / 1024, max_kb=max(sizes) / 1024
        )
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main()
