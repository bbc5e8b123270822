"""Scale benchmarks, side by side in one run: `make bench` (or python bench/run.py [--quick]).

For each synthetic organisation: full build seconds (`playbook build`), the generator's share,
a no-op render, a one-person edit, pages, average and largest page, the search index, peak
memory; the same site with a flat nav (every page listed) as the baseline; the growth ratios
between sizes; and, where activities grow with the team, the preview latency of
`playbook serve` (bench/latency.py). Then the attendance and pulse imports against
`playbook validate` on the 1,600-leader portfolio (bench/imports.py), and the weekly digests
of the portfolio against one `playbook validate` (bench/digest.py).
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

from bench.synth import make_org

HERE = Path(__file__).resolve().parent


def measure(root: Path, mode: str) -> dict[str, float]:
    # A fresh process per measurement, so peak memory is this measurement's own.
    script = HERE / {"latency": "latency.py", "digest": "digest.py"}.get(mode, "measure.py")
    out = subprocess.run(
        [sys.executable, str(script), str(root)]
        + ([] if mode in ("latency", "digest") else [mode]),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _row(
    leaders: int, inits: int, grow: bool, args: argparse.Namespace, tmp: Path
) -> dict[str, dict[str, float]]:
    """Every figure of one organisation, each from a fresh process."""
    root = make_org(tmp / f"org-{leaders}-{inits}-{int(grow)}", leaders, inits, grow)
    row: dict[str, dict[str, float]] = {"full": measure(root, "full")}
    row["noop"] = measure(root, "noop")
    row["edit"] = measure(root, "edit")
    row["flat"] = {} if args.no_flat or inits > 1 or grow else measure(root, "flat")
    row["serve"] = {} if args.no_serve or not grow else measure(root, "latency")
    return row


def _ratio(now: float, before: float | None, growth: float) -> str:
    return f"{now / before:.2f}/{growth:.0f}x" if before else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument("--no-flat", action="store_true", help="skip the flat-nav baseline")
    parser.add_argument("--no-serve", action="store_true", help="skip the preview latency")
    parser.add_argument("--no-digest", action="store_true", help="skip the weekly digests")
    parser.add_argument(
        "--only",
        choices=("fixed", "grow", "imports", "digest"),
        help="one kind of organisation (see bench/synth.py), the importers or the digests alone",
    )
    parser.add_argument(
        "--no-imports", action="store_true", help="skip the importers against validate"
    )
    args = parser.parse_args()
    if args.only == "digest":
        _digest(args)
        return
    logging.disable(logging.WARNING)
    if args.only == "imports":
        _imports(args)
        return
    # (leaders, initiatives, activities grow with the team)
    sizes = (
        [(25, 1, False), (100, 1, False), (400, 1, False), (50, 1, True), (200, 1, True)]
        if args.quick
        else [
            (100, 1, False),
            (400, 1, False),
            (1600, 1, False),
            (1600, 20, False),
            (200, 1, True),
            (800, 1, True),
        ]
    )
    if args.only:
        sizes = [size for size in sizes if size[2] == (args.only == "grow")]
    print(f"# {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores")
    print(
        f"{'leaders':>7} {'inits':>5} {'org':>5} {'pages':>5} {'full s':>6} {'gen s':>5} "
        f"{'gen %':>5} {'cpu s':>6} {'noop s':>6} {'edit s':>6} {'edit w':>6} {'avg KB':>6} "
        f"{'max KB':>6} {'index KB':>8} {'peak MB':>7} {'flat s':>6} {'flat MB':>7} "
        f"{'flat avg':>8} {'x time':>7} {'x cpu':>7} {'x index':>7} {'serve s':>7}"
    )
    previous: dict[bool, tuple[int, float, float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="playbook-bench-") as tmp:
        for leaders, inits, grow in sizes:
            row = _row(leaders, inits, grow, args, Path(tmp))
            full, flat, serve = row["full"], row["flat"], row["serve"]
            total, cpu, index = full["total_s"], full["cpu_s"], full["index_kb"]
            last = previous.get(grow) if inits == 1 else None
            growth = leaders / last[0] if last else 0
            if inits == 1:
                previous[grow] = (leaders, total, cpu, index)
            print(
                f"{leaders:>7} {inits:>5} {'grow' if grow else 'fixed':>5} {int(full['pages']):>5} "
                f"{total:>6.2f} {full['generator_s']:>5.2f} "
                f"{100 * full['generator_s'] / total:>4.1f}% {cpu:>6.2f} "
                f"{row['noop']['generator_s']:>6.2f} {row['edit']['generator_s']:>6.2f} "
                f"{int(row['edit']['written']):>6} {full['avg_kb']:>6.1f} {full['max_kb']:>6.1f} "
                f"{index:>8.0f} {full['peak_mb']:>7.0f} {flat.get('total_s', 0):>6.2f} "
                f"{flat.get('peak_mb', 0):>7.0f} {flat.get('avg_kb', 0):>8.1f} "
                f"{_ratio(total, last[1] if last else None, growth):>7} "
                f"{_ratio(cpu, last[2] if last else None, growth):>7} "
                f"{_ratio(index, last[3] if last else None, growth):>7} "
                f"{serve.get('edit_s', 0):>7.2f}",
                flush=True,
            )
    if not args.no_imports:
        _imports(args)
    if not args.no_digest and args.only is None:
        _digest(args)


def _imports(args: argparse.Namespace) -> None:
    """The attendance and pulse imports against validate (bench/imports.py), in their own
    process: a table of their own, after the builds'."""
    print(flush=True)
    runs = ["--runs", "3"] if args.quick else []
    subprocess.run([sys.executable, str(HERE / "imports.py"), *runs], check=True)


def _digest(args: argparse.Namespace) -> None:
    """`playbook digest --all` against one `playbook validate`, on the portfolio."""
    leaders, inits = (400, 5) if args.quick else (1600, 20)
    with tempfile.TemporaryDirectory(prefix="playbook-bench-") as tmp:
        root = make_org(Path(tmp) / "digest", leaders, inits)
        found = measure(root, "digest")
    print(
        f"# digest --all vs validate, {leaders} leaders in {inits} initiatives "
        f"({int(found['drafts'])} drafts; medians of 3, fresh processes): "
        f"validate {found['validate_s']:.2f} s, digest {found['digest_s']:.2f} s, "
        f"ratio {found['ratio']:.2f}x (target <= 2x)",
        flush=True,
    )


if __name__ == "__main__":
    main()
