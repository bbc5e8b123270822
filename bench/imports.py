"""The importers against `playbook validate`, side by side: python bench/imports.py [--runs N].

On the portfolio of 20 initiatives and 1,600 leaders (bench/synth.py, with a workshop
session per stage and a pulse answered for the stage each initiative left), times in fresh
processes, as a user runs them: `playbook validate`; `playbook attendance import` of a
400-row Teams attendance report (UTF-16, tabs, the sectioned report: the initiative's 80
members, then 320 leaders of other initiatives, not on its team); and `playbook pulse
import` of 1,600 responses (every leader of the portfolio answered; the initiative's 80 are
recorded, the others listed), from a Microsoft Forms .xlsx and from a Google Forms .csv.
The runs are interleaved, each import starting from the same initiative file; the table
gives each command's median and best seconds and its median over validate's (target: each
import at most 2x).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import QUESTIONS, SESSIONS, make_org

LEADERS, INITIATIVES = 1600, 20
TEAM = LEADERS // INITIATIVES  # initiative-00's members: p00000 ... p00079
ANSWERS = ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")


def _name(i: int) -> str:
    return f"Leader {i:05d} Surname{i}"  # as bench/synth.py names them


def teams_report(rows: int = 400) -> bytes:
    """A sectioned Teams attendance report of the development workshop: the initiative's
    members (one in eight left early), then leaders from elsewhere in the portfolio."""
    day = dt.date.fromisoformat(SESSIONS["development"])
    when = f"{day.month}/{day.day}/{day.year}"
    lines = [
        "1. Summary",
        "Meeting title\tDevelopment workshop",
        f"Attended participants\t{rows}",
        f"Start time\t{when}, 9:00:00 AM",
        f"End time\t{when}, 10:00:00 AM",
        "",
        "2. Participants",
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
    ]
    for i in range(rows):
        spent = "12m 5s" if i < TEAM and i % 8 == 7 else "58m 30s"
        email = f"leader{i}@example.com"
        lines.append(
            f"{_name(i)}\t{when}, 9:01:00 AM\t{when}, 9:59:30 AM\t{spent}\t{email}\t{email}\t"
            "Attendee"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-16")


def _responses(rows: int) -> list[tuple[dt.datetime, str, str, tuple[str, ...]]]:
    start = dt.datetime(2026, 5, 18, 8, 0)
    return [
        (
            start + dt.timedelta(minutes=7 * i),
            f"leader{i}@example.com",
            _name(i),
            tuple(ANSWERS[(i + k) % 5] for k in range(3)),
        )
        for i in range(rows)
    ]


def forms_export(rows: int = LEADERS) -> bytes:
    from tests.forms_export import forms_xlsx  # openpyxl: a test dependency

    return forms_xlsx(_responses(rows), [text for _, text in QUESTIONS])


def google_export(rows: int = LEADERS) -> bytes:
    head = ["Timestamp", "Email Address", *(text for _, text in QUESTIONS)]
    out = [",".join(f'"{h}"' for h in head)]
    for done, email, _, answers in _responses(rows):
        stamp = done.strftime("%Y/%m/%d %I:%M:%S %p GMT").replace(" 0", " ")
        out.append(",".join(f'"{c}"' for c in (stamp, email, *answers)))
    return ("\n".join(out) + "\n").encode()


def _timed(root: Path, args: list[str]) -> tuple[float, str]:
    env = {**os.environ, "PLAYBOOK_TODAY": "2026-05-20"}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"playbook {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return seconds, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="playbook-bench-imports-") as tmp:
        root = make_org(Path(tmp) / "org", LEADERS, INITIATIVES, records=True)
        (root / "teams.csv").write_bytes(teams_report())
        (root / "pulse.xlsx").write_bytes(forms_export())
        (root / "pulse.csv").write_bytes(google_export())
        target = root / "playbooks" / "initiative-00" / "initiative.yml"
        pristine = target.read_bytes()
        pulse = ["pulse", "import", "--initiative", "initiative-00", "--stage", "development"]
        cases = {
            "validate": ["validate"],
            "attendance import (400 rows)": [
                *("attendance", "import", "teams.csv", "--initiative", "initiative-00"),
            ],
            "pulse import (1,600, .xlsx)": [*pulse, "pulse.xlsx"],
            "pulse import (1,600, .csv)": [*pulse, "pulse.csv"],
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        said: dict[str, str] = {}
        for _ in range(args.runs):
            for name, command in cases.items():
                target.write_bytes(pristine)
                seconds, said[name] = _timed(root, command)
                times[name].append(seconds)
        base = statistics.median(times["validate"])
        print(
            f"# {LEADERS} leaders, {INITIATIVES} initiatives; {args.runs} runs each, "
            "fresh processes, interleaved"
        )
        print(f"{'command':<30} {'median s':>8} {'best s':>7} {'x validate':>10}")
        for name, runs in times.items():
            median = statistics.median(runs)
            print(f"{name:<30} {median:>8.2f} {min(runs):>7.2f} {median / base:>9.2f}x")
        for name in list(cases)[1:]:
            recorded = next(ln for ln in said[name].splitlines() if "recorded" in ln)
            print(f"# {name}: {recorded.split(': ', 2)[-1][:70]}...")


if __name__ == "__main__":
    main()
