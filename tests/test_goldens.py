"""Golden Markdown at two scales: small playbooks, and the whole example site.

Refresh after a deliberate change with `make goldens` (pytest --update-goldens) and review
the diff like code.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from generator.pipeline import Layout, Settings, generate, load_project
from tests.conftest import REPO, TODAY

GOLDENS = Path(__file__).parent / "goldens"
CASES = sorted(p.name for p in GOLDENS.iterdir() if (p / "playbooks").is_dir())


def _generate(playbooks_root: Path, audience: str) -> dict[str, bytes]:
    layout = Layout(playbooks_root)
    on = dt.date.fromisoformat(TODAY)
    project, _ = load_project(layout, on)
    _, files = generate(project, Layout(REPO), Settings(today=on, audience=audience))
    return files


# Role icons are Material's own SVG, read from the installed theme: their path data belongs to
# the theme's version, not to our output, so goldens keep a placeholder in their place.
_ICON = re.compile(r'(<span class="pb-icon"[^>]*>)<svg.*?</svg>', re.S)


def _stable(data: bytes) -> str:
    return _ICON.sub(r"\1<svg/>", data.decode())


def _compare(files: dict[str, bytes], expected: Path, update: bool) -> None:
    if update:
        shutil.rmtree(expected, ignore_errors=True)
        for rel, data in files.items():
            (expected / rel).parent.mkdir(parents=True, exist_ok=True)
            (expected / rel).write_bytes(_stable(data).encode())  # calendars keep their CRLF
        return
    assert expected.is_dir(), f"no goldens at {expected}; run `make goldens`"
    on_disk = sorted(p.relative_to(expected).as_posix() for p in expected.rglob("*") if p.is_file())
    assert on_disk == sorted(files), "set of generated pages changed; run `make goldens`"
    for rel, data in files.items():
        assert _stable(data) == (expected / rel).read_bytes().decode(), f"{rel} differs"


@pytest.mark.parametrize("case", CASES)
def test_small_cases(case: str, request: pytest.FixtureRequest) -> None:
    root = GOLDENS / case
    audience = (
        (root / "audience").read_text().strip() if (root / "audience").exists() else "leadership"
    )
    _compare(
        _generate(root, audience), root / "expected", request.config.getoption("--update-goldens")
    )


@pytest.mark.parametrize("audience", ["leadership", "core"])
def test_example_site(audience: str, request: pytest.FixtureRequest) -> None:
    _compare(
        _generate(REPO, audience),
        GOLDENS / f"example-{audience}",
        request.config.getoption("--update-goldens"),
    )
