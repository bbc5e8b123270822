"""The outbox: drafts on disk (outbox/<initiative>/<stage>/<person>.eml) and the send log.

The outbox is the office's working folder, git-ignored and outside the site's sources, so
no draft is ever published. The send log (sent.json beside the drafts) records each
delivery the server confirmed, rewritten atomically after each one: a member is never sent
the same transition twice, and nothing half-sent is recorded as sent.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.headerregistry import Address
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from generator.layout import OUTBOX
from generator.source.atomic import atomic_write
from generator.source.problems import UserError

__all__ = ["Draft", "LOG", "SendLog", "folder", "sending", "write_drafts"]

LOG = "sent.json"


@contextmanager
def sending(log: Path, busy: str) -> Iterator[None]:
    """Hold the send log's lock while delivering: one sender at a time per log, so two runs
    never both send a draft the log does not yet record. `busy` is the error when another
    run holds it (the lock is not waited for)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(log.with_name(".sent.lock")), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise UserError(busy) from None
    try:
        yield
    finally:
        lock.release()


@dataclass(frozen=True)
class Draft:
    pid: str
    to: Address
    message_id: str
    data: bytes
    path: Path  # where the draft lives
    shown: str  # the same, as the user reads it: outbox/<initiative>/<stage>/<person>.eml


def folder(root: Path, iid: str, stage: str) -> Path:
    return root / OUTBOX / iid / stage


def write_drafts(drafts: list[Draft]) -> list[tuple[Draft, bool]]:
    """Each draft with whether its file changed; an unchanged draft is not rewritten."""
    out = []
    for d in drafts:
        changed = not d.path.is_file() or d.path.read_bytes() != d.data
        if changed:
            atomic_write(d.path, d.data, durable=True)
        out.append((d, changed))
    return out


class SendLog:
    """Who was sent which transition, per stage folder: {transition: {person: record}}."""

    def __init__(self, path: Path, shown: str, transition: str) -> None:
        self.path, self.shown, self.transition = path, shown, transition
        self.data: dict[str, Any] = self._read()

    def _read(self) -> dict[str, Any]:
        if not self.path.exists():
            return {"transitions": {}}
        try:
            data = json.loads(self.path.read_text("utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("transitions"), dict):
                raise ValueError("not a send log")
        except (OSError, ValueError) as exc:
            raise UserError(
                f"{self.shown}: cannot read the send log ({exc}); nothing was sent. Fix the "
                "file: removing it would send every note of this stage again"
            ) from None
        return data

    def _mine(self) -> dict[str, Any]:
        found = self.data["transitions"].get(self.transition, {})
        return found if isinstance(found, dict) else {}

    def sent(self, pid: str) -> bool:
        """Confirmed by the server (an entry without `in_flight`: older logs too)."""
        entry = self._mine().get(pid)
        return isinstance(entry, dict) and not entry.get("in_flight")

    def in_flight(self, pid: str) -> bool:
        """Handed to the server by a run that never heard its answer: it may have arrived."""
        entry = self._mine().get(pid)
        return isinstance(entry, dict) and bool(entry.get("in_flight"))

    def hand_over(self, draft: Draft) -> None:
        """Before the message itself is sent: a run killed from here on cannot know whether
        the server kept it, and the next run must not send it again without being told."""
        self._put(draft, {"in_flight": True})

    def record(self, draft: Draft) -> None:
        """After the server confirmed the delivery: kept on disk before the next one."""
        self._put(draft, {})

    def forget(self, draft: Draft) -> None:
        """The server refused the message: it was not delivered, and may be sent again."""
        mine = self._mine()
        if mine.pop(draft.pid, None) is not None:
            self._save(mine)

    def _put(self, draft: Draft, extra: dict[str, Any]) -> None:
        mine = self._mine()
        mine[draft.pid] = {
            "to": str(draft.to),
            "message_id": draft.message_id,
            "sent_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            **extra,
        }
        self._save(mine)

    def _save(self, mine: dict[str, Any]) -> None:
        self.data["transitions"][self.transition] = dict(sorted(mine.items()))
        text = json.dumps(self.data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        atomic_write(self.path, text.encode("utf-8"), durable=True)
