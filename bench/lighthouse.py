"""Lighthouse accessibility of every page kind: python bench/lighthouse.py SITE [SITE ...]

Serves each built site (`playbook build --site-dir ...`) on a free loopback port and runs
Lighthouse's accessibility category on one page of each kind, desktop and phone, with the
Debian Chromium (CHROME_PATH, default /usr/bin/chromium). Lighthouse comes from the npm
registry through `npx` (LIGHTHOUSE, default lighthouse@12.8.2). Prints one row per page and
form factor: the score and the audits that did not pass. A measurement, not a test: axe-core
in tests/browser/test_axe.py is what CI holds to; Lighthouse runs axe-core too, plus a few
audits of its own (target size, for one).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

# One page of each kind, where the example site has it (a page a site lacks is skipped).
PAGES = (
    "",
    "client-experience/",
    "client-experience/charters/",
    "client-experience/charters/dana-whitfield/",
    "client-experience/charters/_print/",
    "client-experience/training/case-for-change/",
    "client-experience/stages/development/",
    "client-experience/decision-rights/",
    "client-experience/scorecard/",
    "client-experience/what-changed/",
    "client-experience/engagement/",
    "people/",
    "people/amara-osei/",
    "tags/",
    "pages/about/",
    "404.html",
)
SKIPPED = {"notApplicable", "manual", "informative"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return None


def _serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", _free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _audit(url: str, phone: bool, out: Path) -> tuple[int, list[str]]:
    command = [
        "npx",
        "--yes",
        os.environ.get("LIGHTHOUSE", "lighthouse@12.8.2"),
        url,
        "--only-categories=accessibility",
        "--chrome-flags=--headless=new --no-sandbox",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
    ]
    if not phone:
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, check=True, env=env, timeout=300, capture_output=True)
    report = json.loads(out.read_text("utf-8"))
    failed = [
        key
        for key, audit in sorted(report["audits"].items())
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") not in SKIPPED
    ]
    return round(report["categories"]["accessibility"]["score"] * 100), failed


def main(sites: list[str]) -> int:
    worst = 100
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        for site in sites:
            root = Path(site)
            server, base = _serve(root)
            try:
                for page in PAGES:
                    if not (root / page).exists() and not (root / page / "index.html").exists():
                        continue
                    for phone in (False, True):
                        score, failed = _audit(base + page, phone, out)
                        worst = min(worst, score)
                        form = "phone" if phone else "desktop"
                        print(f"{site}\t/{page}\t{form}\t{score}\t{' '.join(failed)}", flush=True)
            finally:
                server.shutdown()
    print(f"lowest score: {worst}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["site"]))
