"""Our calendars as Thunderbird and Nextcloud read them: every event of every feed, read by
ical.js (tests/js), starts at the instant its zone says, not only in the Python parsers."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest

from generator.content.audience import filter_project
from generator.content.plan import plan
from generator.content.settings import Settings
from generator.pipeline import Layout, load_project
from generator.source import zones
from tests.conftest import REPO, TODAY

ON = dt.date.fromisoformat(TODAY)

JS = REPO / "tests" / "js"


def _node() -> str:
    node = shutil.which("node")
    ready = node and (JS / "node_modules" / "ical.js").is_dir()
    if not ready:
        why = (
            "node is missing"
            if not node
            else "tests/js has no node_modules (make test runs npm ci)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"ical.js cannot run: {why}")
        pytest.skip(f"ical.js tests skipped: {why}")
    assert node
    return node


def _expected(data: bytes) -> dict[str, str]:
    """uid -> the true UTC start, from the time as written and its zone's rules (zoneinfo)."""
    out = {}
    for ev in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        start = ev.decoded("DTSTART")
        if not isinstance(start, dt.datetime):
            out[str(ev["UID"])] = start.isoformat()
            continue
        tzid = ev["DTSTART"].params.get("TZID")
        local = start.replace(tzinfo=None)
        instant = local.replace(tzinfo=zones.zone(str(tzid))) if tzid else start
        stamp = instant.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        out[str(ev["UID"])] = stamp
    return out


def test_ical_js_reads_every_event_at_its_true_hour(tmp_path: Path) -> None:
    node = _node()
    project, _ = load_project(Layout(REPO), ON)
    settings = Settings(today=ON, audience="core")
    pages = plan(filter_project(project, "core"), settings).pages
    feeds = {p: page.raw for p, page in pages.items() if p.endswith(".ics") and page.raw}
    assert len(feeds) > 3
    files = {}
    for i, (path, data) in enumerate(sorted(feeds.items())):
        file = tmp_path / f"{i}.ics"
        file.write_bytes(data)
        files[str(file)] = (path, data)
    run = subprocess.run(
        [node, str(JS / "starts.mjs"), *files], capture_output=True, text=True, check=True
    )
    read = json.loads(run.stdout)
    wrong = []
    events = 0
    for file, (path, data) in files.items():
        expected = _expected(data)
        for uid, start, written in read[file]:
            events += 1
            if expected[uid] != start:
                wrong.append(f"{path}: {uid} at {written}: ical.js {start}, true {expected[uid]}")
    assert events > 20
    assert not wrong, f"{len(wrong)} of {events} events at the wrong hour:\n" + "\n".join(wrong)
