"""The repository lock: one writer at a time, a clean refusal after waiting too long, and
the leftovers of killed runs repaired by the next holder."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.layout import HOLDER, LOCK
from generator.site.lock import repository_lock
from tests.conftest import minimal, run

# Another process holding the lock: it says so, then holds it until its stdin closes.
HOLD = """
import sys
from pathlib import Path
from generator.site.lock import repository_lock
with repository_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def holder(blank: Path) -> Iterator[subprocess.Popen[str]]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(blank)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin and child.stdout
    try:
        assert child.stdout.readline() == "held\n"
        yield child
    finally:
        child.stdin.close()
        child.wait(timeout=10)
        child.stdout.close()


def test_a_second_run_waits_then_gives_up_cleanly(
    blank: Path, holder: subprocess.Popen[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    minimal(blank)
    monkeypatch.setenv("PLAYBOOK_LOCK_TIMEOUT", "0.5")
    result = run(blank, "render")
    assert result.exit_code == 1
    pid = holder.pid
    assert result.stderr == (
        f"waiting for another playbook run (pid {pid}) ...\n"
        f"gave up after 0.5 s: another playbook run (pid {pid}) still holds .playbook.lock; "
        "try again when it has finished (PLAYBOOK_LOCK_TIMEOUT sets the wait in seconds)\n"
    )
    assert not (blank / "generated").exists()


def test_a_second_run_goes_ahead_once_the_first_is_done(
    blank: Path, holder: subprocess.Popen[str]
) -> None:
    minimal(blank)
    assert holder.stdin
    release = threading.Timer(0.5, holder.stdin.close)
    release.start()
    result = run(blank, "render")
    release.join()
    assert result.exit_code == 0, result.output
    assert result.stderr == f"waiting for another playbook run (pid {holder.pid}) ...\n"
    assert (blank / "generated" / "small" / "index.md").is_file()


def test_a_wait_that_is_not_a_number_is_refused(
    blank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    minimal(blank)
    monkeypatch.setenv("PLAYBOOK_LOCK_TIMEOUT", "soon")
    result = run(blank, "build")
    assert result.exit_code == 1
    assert result.stderr == (
        "PLAYBOOK_LOCK_TIMEOUT='soon' is not a number of seconds (such as 120)\n"
    )


def test_reentrant_in_a_thread_exclusive_between_threads(tmp_path: Path) -> None:
    order: list[str] = []

    def other() -> None:
        with repository_lock(tmp_path):
            order.append("other thread")

    with repository_lock(tmp_path):
        with repository_lock(tmp_path):  # `advance` re-renders under the lock it holds
            order.append("nested")
        thread = threading.Thread(target=other)
        thread.start()
        thread.join(0.3)
        assert thread.is_alive()
        order.append("outer")
    thread.join(10)
    assert order == ["nested", "outer", "other thread"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK]  # the record is gone


def test_the_next_holder_repairs_what_a_killed_run_left(tmp_path: Path) -> None:
    root = tmp_path
    for folder in (".generated.ab12_x9z/people", "generated/people", ".site-core.building"):
        (root / folder).mkdir(parents=True)
    (root / ".generated.ab12_x9z/people/ann.md").write_text("staged")
    (root / "generated/people/.tmp-k3j_8zq1.md").write_text("half written")
    # Killed between the two renames of `build --site-dir site-core`: no site-core/.
    (root / ".site-core.old").mkdir()
    (root / ".site-core.old/index.html").write_text("the old site")
    record = {"pid": 999_999_999, "sites": [str(root / "site-core")]}
    (root / HOLDER).write_text(json.dumps(record))
    # Look-alikes that are not ours stay.
    (root / ".generated.notes").mkdir()
    (root / "generated/.tmp-notes.md").write_text("mine")

    with repository_lock(root):
        pass

    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == [
        ".generated.notes",
        ".playbook.lock",
        "generated",
        "generated/.tmp-notes.md",
        "generated/people",
        "site-core",
        "site-core/index.html",
    ]
    assert (root / "site-core/index.html").read_text() == "the old site"
