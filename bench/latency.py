"""Preview latency: python bench/latency.py ROOT, printed as JSON.

Starts `playbook serve` on a free loopback port in ROOT, waits for the first build to be
served, changes one person's title and times how long until their charter is served with the
new title. Every wait is bounded; the server is stopped (and killed if it must be) after.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

FIRST_BUILD_S = 900.0
EDIT_S = 300.0
TITLE = "Previewed Title"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait(check: Callable[[], bool], seconds: float, what: str) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if check():
            return time.monotonic() - start
        time.sleep(0.05)
    raise SystemExit(f"bench/latency.py: {what} not served within {seconds:.0f} s")


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def main() -> None:
    root = Path(sys.argv[1]).resolve()
    port = _free_port()
    person_file = sorted((root / "playbooks" / "people").glob("*.yml"))[-1]
    person = person_file.stem
    lines = person_file.read_text("utf-8").splitlines(keepends=True)
    name = next(ln for ln in lines if ln.startswith("name:")).split(":", 1)[1].strip()
    edited = "".join(f"title: {TITLE}\n" if ln.startswith("title:") else ln for ln in lines)
    initiative = next(p.name for p in sorted((root / "playbooks").iterdir()) if p.name != "people")
    charter = f"http://127.0.0.1:{port}/{initiative}/charters/{person}/"
    env = {**os.environ, "PLAYBOOK_TODAY": "2026-11-27"}
    env.pop("PLAYBOOK_AUDIENCE", None)
    with (root / "serve.log").open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            first = _wait(lambda: name in _get(charter), FIRST_BUILD_S, "the first build")
            time.sleep(1)  # let the watcher settle after the first build
            person_file.write_text(edited, "utf-8")
            edit = _wait(lambda: TITLE in _get(charter), EDIT_S, "the edited charter")
        finally:
            _stop(server)
    print(json.dumps({"first_s": first, "edit_s": edit}))


if __name__ == "__main__":
    main()
