"""Scale benchmarks, side by side in one run: `make bench` (or python bench/run.py [--quick]).

For each synthetic organisation: full build seconds (render + MkDocs), generator-only seconds,
a no-op render, pages, average and largest page, peak memory; the same site with a flat nav
(every page listed) as the baseline; and the growth ratio between sizes.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import make_org  # noqa: E402

HERE = Path(__file__).resolve().parent


def measure(root: Path, mode: str) -> dict[str, float]:
    # A fresh process per measurement, so peak memory is this measurement's own.
    out = subprocess.run(
        [sys.executable, str(HERE / "measure.py"), str(root), mode],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes (25, 100, 400)")
    parser.add_argument("--no-flat", action="store_true", help="skip the flat-nav baseline")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    sizes = (
        [(25, 1), (100, 1), (400, 1)] if args.quick else [(100, 1), (400, 1), (1600, 1), (1600, 20)]
    )
    print(f"# {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores")
    header = (
        f"{'leaders':>8} {'inits':>5} {'pages':>6} {'full s':>7} {'gen s':>6} "
        f"{'gen %':>6} {'noop s':>6} {'edit s':>6} {'edit w':>6} {'avg KB':>7} "
        f"{'max KB':>7} {'peak MB':>8} "
        f"{'flat s':>7} {'flat MB':>8} {'flat avg':>8} {'x time':>7}"
    )
    print(header)
    previous: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory(prefix="playbook-bench-") as tmp:
        for leaders, inits in sizes:
            root = make_org(Path(tmp) / f"org-{leaders}-{inits}", leaders, inits)
            full = measure(root, "full")
            noop = measure(root, "noop")
            edit = measure(root, "edit")
            flat = {} if args.no_flat or inits > 1 else measure(root, "flat")
            total = full["generator_s"] + full["mkdocs_s"]
            ratio = ""
            if previous and inits == 1:
                growth = leaders / previous[0]
                ratio = f"{total / previous[1]:.2f}/{growth:.0f}x"
            if inits == 1:
                previous = (leaders, total)
            print(
                f"{leaders:>8} {inits:>5} {int(full['pages']):>6} {total:>7.2f} "
                f"{full['generator_s']:>6.2f} {100 * full['generator_s'] / total:>5.1f}% "
                f"{noop['generator_s']:>6.2f} {edit['generator_s']:>6.2f} "
                f"{int(edit['written']):>6} {full['avg_kb']:>7.1f} {full['max_kb']:>7.1f} "
                f"{full['peak_mb']:>8.0f} "
                f"{flat.get('mkdocs_s', 0) + flat.get('generator_s', 0):>7.2f} "
                f"{flat.get('peak_mb', 0):>8.0f} {flat.get('avg_kb', 0):>8.1f} {ratio:>7}",
                flush=True,
            )


if __name__ == "__main__":
    main()
