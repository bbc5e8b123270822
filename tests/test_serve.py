"""`playbook serve`: edits to YAML and templates are served within seconds, with no reload loop."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.conftest import TODAY, copy_repo
from tests.test_advance import playbook

BUILDING = "Building documentation..."


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(check: Callable[[], bool], seconds: float, log: Path) -> float:
    """Seconds it took for `check` to hold; fails the test after `seconds`."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if check():
            return time.monotonic() - start
        time.sleep(0.2)
    raise AssertionError(f"not true within {seconds} s; server log:\n{log.read_text('utf-8')}")


@contextlib.contextmanager
def serving(root: Path, log: Path) -> Iterator[str]:
    """`playbook serve` on a free loopback port, stopped afterwards; yields its base URL."""
    port = _free_port()
    env = {**os.environ, "PLAYBOOK_TODAY": TODAY}
    env.pop("PLAYBOOK_AUDIENCE", None)
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield f"http://127.0.0.1:{port}"
            assert server.poll() is None, log.read_text("utf-8")
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def test_advance_while_serving_is_served_and_leaves_no_trace(tmp_path: Path) -> None:
    """`advance` takes the repository lock while the server's rebuilds take it too: the move
    lands in the file, the server shows the new stage, and nothing is left behind."""
    root = copy_repo(tmp_path / "repo", playbooks=False)
    playbook(root, "stage_history:\n  - {stage: start, entered: 2026-01-05}\n")
    log = tmp_path / "serve.log"
    with serving(root, log) as base:
        page = lambda: _get(base + "/small/") or ""  # noqa: E731
        _wait_for(lambda: "Current stage: <a" in page() and ">Start<" in page(), 90, log)
        env = {**os.environ, "PLAYBOOK_TODAY": TODAY}
        moved = subprocess.run(
            [sys.executable, "-m", "generator", "advance", "small", "--date", "2026-03-02"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert moved.returncode == 0, moved.stderr
        assert "Traceback" not in moved.stderr
        _wait_for(lambda: "<strong>Build</strong>" in page(), 60, log)
    assert "Traceback" not in log.read_text("utf-8")
    assert not list(root.glob(".generated.*")) and not list(root.glob(".site.*"))
    assert "current_stage: build" in (root / "playbooks/small/initiative.yml").read_text()


def test_serve_regenerates_on_edit_without_a_loop(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo", playbooks=False)
    path = playbook(root, "stage_history:\n  - {stage: start, entered: 2026-01-05}\n")
    log = tmp_path / "serve.log"

    def builds() -> int:
        return log.read_text("utf-8").count(BUILDING)

    with serving(root, log) as base:

        def served(page: str, text: str) -> Callable[[], bool]:
            return lambda: text in (_get(base + page) or "")

        _wait_for(served("/small/", "Make one thing better."), 90, log)
        assert builds() == 1

        path.write_text(
            path.read_text("utf-8").replace("Make one thing better.", "Make two things better.")
        )
        took = _wait_for(served("/small/", "Make two things better."), 30, log)
        assert took < 15, f"the edit took {took:.1f} s to be served"
        # A dirty rebuild: only the pages whose Markdown changed were rendered again.
        partial = re.search(r"preview: (\d+) of (\d+) generated files changed", log.read_text())
        assert partial and int(partial[1]) < int(partial[2]), log.read_text("utf-8")
        assert "A 'dirty' build" not in log.read_text("utf-8")

        template = root / "templates" / "stage.md.j2"
        template.write_text(template.read_text("utf-8") + "\nEdited stage template.\n")
        _wait_for(served("/small/stages/start/", "Edited stage template."), 30, log)

        # The plugin writes nothing the server watches: the rebuild an edit causes triggers
        # no other, so the server settles instead of rebuilding for ever.
        time.sleep(3)
        settled = builds()
        time.sleep(4)
        assert builds() == settled
        assert settled <= 5, log.read_text("utf-8")
