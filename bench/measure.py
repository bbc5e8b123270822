"""One measurement in a fresh process, printed as JSON: python bench/measure.py ROOT MODE.

MODE: full (`playbook build`: the pipeline once, then MkDocs through the plugin, our
navigation; the generator's share is the pipeline plus writing generated/), noop (a second
render that changes nothing), edit (a render after one person's title changed), flat (the
same build with every page in the nav).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import resource
import sys
import time
from pathlib import Path

from generator.content.plan import NavItem
from generator.pipeline import Layout, Output, Settings, _record, render_to_disk, run
from generator.site.build import build_site
from generator.site.freshness import input_key
from generator.site.write import write

SETTINGS = Settings(today=dt.date(2026, 11, 27), audience="leadership")
TITLE = ("Head of Unit", "Director of Unit")


def edit_one_person(root: Path) -> Path:
    """Change the title of the last person: the edit the edit and serve figures time."""
    person = sorted((root / "playbooks" / "people").glob("*.yml"))[-1]
    before, after = (f"title: {t}" for t in TITLE)
    person.write_text(person.read_text().replace(before, after))
    return person


def _flat(output: Output) -> Output:
    pages: list[NavItem] = [p for p in output.files if p != "index.md" and p.endswith(".md")]
    the_plan = dataclasses.replace(output.plan, nav=[{"Home": "index.md"}, *pages])
    return dataclasses.replace(output, plan=the_plan)


def _build(root: Path, mode: str) -> dict[str, object]:
    layout = Layout(root)
    site = root / f"site-{mode}"
    start, cpu = time.perf_counter(), time.process_time()
    output = run(layout, SETTINGS)
    key = input_key(layout, SETTINGS)
    generator_s = time.perf_counter() - start
    if mode == "flat":
        output = _flat(output)
    writing: list[float] = []

    def commit() -> None:
        begin = time.perf_counter()
        write(output.files, layout.generated, run=_record(output, key))
        writing.append(time.perf_counter() - begin)

    build_site(root, output, site, commit=commit)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    sizes = [p.stat().st_size for p in site.rglob("*.html")]
    index = site / "search" / "search_index.json"
    return {
        "total_s": total,
        "cpu_s": cpu,
        "generator_s": generator_s + sum(writing),
        "write_s": sum(writing),
        "pages": len(sizes),
        "avg_kb": sum(sizes) / len(sizes) / 1024,
        "max_kb": max(sizes) / 1024,
        "index_kb": index.stat().st_size / 1024,
    }


def main() -> None:
    root, mode = Path(sys.argv[1]), sys.argv[2]
    result: dict[str, object]
    if mode in ("full", "flat"):
        result = _build(root, mode)
    else:
        if mode == "edit":
            edit_one_person(root)
        start = time.perf_counter()
        done = render_to_disk(Layout(root), SETTINGS)
        result = {"generator_s": time.perf_counter() - start, "written": len(done.report.written)}
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main()
