"""Plain helpers shared by the browser tests and the screenshot script: build the example
site once, serve it on 127.0.0.1, drive Debian's Chromium (never a downloaded browser)."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
HOST = "127.0.0.1"
TODAY = "2026-11-27"
# Root in a container: no sandbox. The rest keeps Chromium from phoning home on its own,
# so any request to another host that the tests see comes from the site.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def why_unavailable() -> str | None:
    """None when the browser tests can run here, else the reason they cannot."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -e '.[test]')"
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing (apt-get install -y chromium)"
    return None


def build_example_site(work: Path, audience: str = "leadership") -> Path:
    """Build the example playbooks in a copy of the repository; returns the site folder."""
    from click.testing import CliRunner

    from generator.cli import cli
    from tests.conftest import copy_repo

    root = copy_repo(work / "repo")
    site = work / f"site-{audience}"
    old = os.environ.get("PLAYBOOK_TODAY")
    os.environ["PLAYBOOK_TODAY"] = TODAY
    try:
        result = CliRunner().invoke(
            cli,
            ["-C", str(root), "build", "--audience", audience, "--site-dir", str(site)],
            catch_exceptions=False,
        )
    finally:
        if old is None:
            os.environ.pop("PLAYBOOK_TODAY", None)
        else:
            os.environ["PLAYBOOK_TODAY"] = old
    if result.exit_code != 0:
        raise RuntimeError(f"example site did not build:\n{result.output}")
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 at a free port; yields the base URL (ending in '/')."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
