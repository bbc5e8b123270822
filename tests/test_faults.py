"""Runs at once and runs killed: `playbook` in child processes, as people and CI run it.

Whatever happens to a run, the next one ends with the site and the generated Markdown of
a clean build and nothing else in the repository.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.site.write import MANIFEST
from tests.conftest import TODAY, copy_repo, edited, minimal

SECONDS = 60
# Kill a child right after the call matching its condition returns: a real kill -9 at an
# exact moment, with no hook in the product's code.
KILL_AFTER = """
import os, signal, sys
import {module} as target
real = target.{name}
calls = []
def killing(*args, **kwargs):
    result = real(*args, **kwargs)
    calls.append(args)
    if {condition}:
        os.kill(os.getpid(), signal.SIGKILL)
    return result
target.{name} = killing
from generator.cli import main
sys.argv = ["playbook", *sys.argv[1:]]
main()
"""


def _env() -> dict[str, str]:
    env = {**os.environ, "PLAYBOOK_TODAY": TODAY}
    env.pop("PLAYBOOK_AUDIENCE", None)
    env.pop("PLAYBOOK_LOCK_TIMEOUT", None)
    return env


def _start(root: Path, *args: str, script: str | None = None) -> subprocess.Popen[str]:
    head = ["-c", script] if script else ["-m", "generator"]
    return subprocess.Popen(
        [sys.executable, *head, "-C", str(root), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


def _run(root: Path, *args: str, script: str | None = None) -> tuple[int, str]:
    child = _start(root, *args, script=script)
    _, err = child.communicate(timeout=SECONDS)
    return child.returncode, err


def _ok(root: Path, *args: str) -> None:
    code, err = _run(root, *args)
    assert (code, err) == (0, ""), err


def _state(root: Path) -> dict[str, str]:
    """Every folder and file of the repository with its hash (the manifest without its file
    stamps): two runs that left the same state left the same site, Markdown and litter."""
    state: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if "__pycache__" in path.parts:
            continue
        if path.is_dir():
            state[rel] = "folder"
        elif path.name == MANIFEST:
            manifest = json.loads(path.read_text("utf-8"))
            manifest.pop("stamps")
            state[rel] = json.dumps(manifest, sort_keys=True)
        else:
            state[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def _repo(root: Path) -> Path:
    copy_repo(root, playbooks=False)
    minimal(root)
    return root


@dataclass(frozen=True)
class Clean:
    state: dict[str, str]
    seconds: float


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Clean:
    """The repository after one build, nothing interrupted, and how long the build took."""
    root = _repo(tmp_path_factory.mktemp("clean") / "repo")
    start = time.monotonic()
    _ok(root, "build")
    return Clean(_state(root), time.monotonic() - start)


WAITING = re.compile(r"waiting for another playbook run(?: \(pid (\d+)\))? \.\.\.\n")


def test_three_builds_at_once_take_turns(tmp_path: Path, clean: Clean) -> None:
    root = _repo(tmp_path / "repo")
    children = [_start(root, "build") for _ in range(3)]
    errors = [child.communicate(timeout=SECONDS)[1] for child in children]
    assert [child.returncode for child in children] == [0, 0, 0], errors
    pids = {child.pid for child in children}
    waited = 0
    for child, err in zip(children, errors, strict=True):
        if err:
            found = WAITING.fullmatch(err)
            assert found, err
            assert found.group(1) is None or int(found.group(1)) in pids - {child.pid}
            waited += 1
    assert waited >= 1  # they did overlap: at least one saw another hold the lock
    assert _state(root) == clean.state


def test_builds_killed_at_random_moments_leave_nothing_behind(tmp_path: Path, clean: Clean) -> None:
    root = _repo(tmp_path / "repo")
    _ok(root, "build")  # later kills interrupt the replacement of a site, not a first build
    rng = random.Random(16)
    # One moment in each quarter of a build, from start-up to the swap.
    for quarter in range(4):
        child = _start(root, "build")
        time.sleep((quarter + rng.random()) / 4 * clean.seconds)
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=SECONDS)
    _ok(root, "build")
    assert _state(root) == clean.state


def test_build_killed_between_its_renames_gets_the_old_site_back(
    tmp_path: Path, clean: Clean
) -> None:
    root = _repo(tmp_path / "repo")
    _ok(root, "build")
    old_site = _state(root / "site")
    minimal(root, edited(("title: Small Change", "title: Smaller Change")))
    killer = KILL_AFTER.format(
        module="pathlib", name="Path.rename", condition="str(args[1]).endswith('.site.old')"
    )
    code, _ = _run(root, "build", script=killer)
    assert code == -signal.SIGKILL
    assert not (root / "site").exists()  # the kill did land between the two renames
    assert (root / ".site.old").is_dir() and (root / ".site.building").is_dir()

    _ok(root, "render")  # any run that takes the lock repairs, not only a build
    assert _state(root / "site") == old_site
    assert not (root / ".site.old").exists() and not (root / ".site.building").exists()
    _ok(root, "build")
    assert "Smaller Change" in (root / "site" / "small" / "index.html").read_text("utf-8")


def test_render_killed_after_some_pages_does_not_lock_out_the_next(
    tmp_path: Path, clean: Clean
) -> None:
    root = _repo(tmp_path / "repo")
    # Three pages written, the run dies before its final manifest.
    killer = KILL_AFTER.format(
        module="generator.site.write",
        name="_write_file",
        condition=f"sum(a[0].name != {MANIFEST!r} for a in calls) == 3",
    )
    code, _ = _run(root, "render", script=killer)
    assert code == -signal.SIGKILL
    written = [p for p in (root / "generated").rglob("*") if p.is_file() and p.name != MANIFEST]
    assert len(written) == 3
    _ok(root, "render")
    _ok(root, "build")
    assert _state(root) == clean.state
