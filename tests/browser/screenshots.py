"""Take the README's screenshots of the example site with the browser-test tooling.

    .venv/bin/python -m tests.browser.screenshots [OUT_DIR]      (default: docs-images/)

Builds the example playbooks in a temporary copy of the repository, serves the site on
127.0.0.1 and photographs a few pages in Debian's Chromium. Commit the PNGs it writes.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.browser import harness

OUT = harness.REPO / "docs-images"
# name -> (path, viewport width, viewport height)
SHOTS = {
    "home": ("", 1280, 760),
    "charter": ("client-experience/charters/sam-okafor/", 1280, 760),
    "stage": ("client-experience/stages/development/", 1280, 760),
    "phone-overview": ("client-experience/", 390, 780),
}


def take(out: Path = OUT) -> list[Path]:
    reason = harness.why_unavailable()
    if reason:
        raise SystemExit(f"cannot take screenshots: {reason}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        site = harness.build_example_site(Path(tmp))
        with harness.serve(site) as url, harness.chromium() as browser:
            for name, (path, width, height) in SHOTS.items():
                page = browser.new_page(base_url=url, viewport={"width": width, "height": height})
                page.goto(path)
                page.wait_for_load_state("networkidle")
                target = out / f"{name}.png"
                page.screenshot(path=str(target), animations="disabled", caret="hide")
                page.close()
                written.append(target)
    return written


if __name__ == "__main__":
    for shot in take(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(f"{shot} ({shot.stat().st_size // 1024} KB)")
