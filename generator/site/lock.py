"""One writer at a time: the repository lock every run that writes takes.

Two builds at once each swap half-built sites into place and delete each other's staging
folders. So `render`, `build` and `advance` (and the MkDocs plugin's rebuilds) take
`.playbook.lock` in the repository root; a second run waits for the first, up to
PLAYBOOK_LOCK_TIMEOUT seconds (default 120), then gives up cleanly.

The lock is an OS lock (`filelock`): a killed holder releases it with its last breath. What
a killed run was changing is recorded next to it, in `.playbook.lock.json` (its pid, the
sites it was replacing); a clean release removes that record, so the next holder finding
one knows a run died and repairs what it left (see recover.py). Re-entrant within a thread:
`advance` re-renders, and a build's MkDocs plugin renders, under the lock already held.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from generator.layout import GENERATED, HOLDER, LOCK
from generator.site.recover import recover_repository
from generator.source.problems import UserError

DEFAULT_TIMEOUT = 120.0

# One FileLock per repository and process: FileLock counts re-entries per thread on one
# instance, while a second instance would wait for the first, even in the same thread.
_locks: dict[Path, FileLock] = {}
_guard = threading.Lock()


def _timeout() -> float:
    raw = os.environ.get("PLAYBOOK_LOCK_TIMEOUT")
    if raw is None:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise UserError(f"PLAYBOOK_LOCK_TIMEOUT={raw!r} is not a number of seconds (such as 120)")
    return seconds


def _read_holder(root: Path) -> dict[str, object]:
    try:
        data = json.loads((root / HOLDER).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_holder(root: Path, record: dict[str, object]) -> None:
    # Only the holder writes, so a fixed temporary name is safe; the replace is atomic.
    tmp = root / f"{HOLDER}.tmp"
    tmp.write_text(json.dumps(record, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, root / HOLDER)


def _holder_pid(root: Path) -> int | None:
    pid = _read_holder(root).get("pid")
    return pid if isinstance(pid, int) else None


def _acquire(lock: FileLock, root: Path, timeout: float) -> None:
    pid = None
    for _ in range(10):
        try:
            lock.acquire(timeout=0)
            return
        except Timeout:
            pass
        pid = _holder_pid(root)
        if pid is not None:
            break
        time.sleep(0.05)  # a holder writes its record just after taking the lock
    who = f" (pid {pid})" if pid is not None else ""
    print(f"waiting for another playbook run{who} ...", file=sys.stderr, flush=True)
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        pid = _holder_pid(root) or pid
        who = f" (pid {pid})" if pid is not None else ""
        raise UserError(
            f"gave up after {timeout:g} s: another playbook run{who} still holds {LOCK}; "
            "try again when it has finished (PLAYBOOK_LOCK_TIMEOUT sets the wait in seconds)"
        ) from None


def _sites(record: dict[str, object]) -> list[str]:
    sites = record.get("sites")
    return [s for s in sites if isinstance(s, str)] if isinstance(sites, list) else []


def _take_over(root: Path) -> None:
    """Record this run as the holder, then repair what a killed holder left: its record
    names the sites it was replacing (kept in ours until repaired, in case we die too)."""
    left = _sites(_read_holder(root))
    _write_holder(root, {"pid": os.getpid(), "sites": left})
    recover_repository(root, root / GENERATED, [Path(s) for s in left])
    if left:
        _write_holder(root, {"pid": os.getpid(), "sites": []})


@contextlib.contextmanager
def repository_lock(root: Path) -> Iterator[None]:
    """Hold the repository lock of `root` for the block; waits for another run to finish.

    The first (outermost) hold in a thread repairs what a killed run left behind."""
    root = root.resolve()
    if not root.is_dir():  # nothing to protect; the command itself reports the missing folder
        yield
        return
    with _guard:
        lock = _locks.get(root) or _locks.setdefault(root, FileLock(str(root / LOCK)))
    if lock.is_locked:  # held by this thread already
        with lock:
            yield
        return
    try:
        _acquire(lock, root, _timeout())
    except OSError as exc:
        raise UserError(f"cannot take the lock {root / LOCK}: {exc.strerror}") from None
    try:
        _take_over(root)
        try:
            yield
        except UserError:
            (root / HOLDER).unlink(missing_ok=True)  # a refused run has cleaned up after itself
            raise
        # Anything else (a bug, an interrupt mid-swap) leaves the record for the next run.
        (root / HOLDER).unlink(missing_ok=True)
    finally:
        lock.release()


def note_replacing(root: Path, site_dir: Path) -> None:
    """Record that this run is about to replace `site_dir`, so that if it is killed the
    next holder can put the old site back. Does nothing unless this thread holds the lock."""
    root = root.resolve()
    lock = _locks.get(root)
    if lock is None or not lock.is_locked:
        return
    known = _sites(_read_holder(root))
    if str(site_dir) not in known:
        _write_holder(root, {"pid": os.getpid(), "sites": sorted([*known, str(site_dir)])})
