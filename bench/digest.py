"""The weekly digests of a portfolio against one validation: python bench/digest.py ROOT [N].

Times `playbook digest --all` (every initiative's two drafts, computed and written) and
`playbook validate` on the same repository, each as the command a CI job runs (a fresh
process: interpreter, imports, load, validate), alternating N times (default 3), and prints
the medians and their ratio as JSON. The repository gets what makes a digest realistic
first: an office address and sessions (past ones recorded, one not, one coming up).
Target (issue 24): digests for 20 initiatives at 1,600 leaders in at most 2x a validate.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ON = "2026-11-27"
SESSIONS = (
    "    sessions:\n"
    "      - {date: 2026-11-23, start: '09:00', attended: all}\n"
    "      - {date: 2026-11-24, start: '09:00'}\n"
    "      - {date: 2026-12-03, start: '09:00', location: Board room}\n"
)


def prepare(root: Path) -> int:
    """Give each initiative of bench/synth.py an office and sessions; the initiatives."""
    files = sorted((root / "playbooks").glob("*/initiative.yml"))
    for path in files:
        text = path.read_text()
        if "office_email:" in text:
            continue
        text = text.replace(
            "owner: Transformation Office\n",
            "owner: Transformation Office\noffice_email: office@example.com\n",
        )
        text = text.replace("    agenda: [{minutes: 60, title: Work together}]\n", "")
        text = text.replace("    duration_minutes: 60\n", "    duration_minutes: 60\n" + SESSIONS)
        path.write_text(text)
    return len(files)


def _time(root: Path, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(root), *args],
        check=True,
        capture_output=True,
        # From the repository: bench/synth.py copied this checkout's generator there.
        cwd=root,
        env={**os.environ, "PLAYBOOK_TODAY": ON},
    )
    return time.perf_counter() - start


def measure(root: Path, runs: int = 3) -> dict[str, float]:
    initiatives = prepare(root)
    validate, digest = [], []
    for _ in range(runs):  # alternated: a busy moment of a shared machine hits both
        validate.append(_time(root, "validate"))
        digest.append(_time(root, "digest", "--all", "--date", ON))
    drafts = len(list((root / "outbox").rglob("*.eml")))
    v, d = statistics.median(validate), statistics.median(digest)
    return {
        "initiatives": initiatives,
        "drafts": drafts,
        "validate_s": v,
        "digest_s": d,
        "ratio": d / v,
    }


def main() -> None:
    root = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    print(json.dumps(measure(root, runs)))


if __name__ == "__main__":
    main()
