"""The one place that touches the generated folder: only changed files, only files we own.

A manifest in the folder lists every file the generator wrote, with its hash. A file in the
way that is not in the manifest is never overwritten or deleted. The manifest is updated
before files are written as well as after, so an interrupted write never disowns its files.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.source.atomic import atomic_write
from generator.source.problems import UserError

MANIFEST = ".playbook-manifest.json"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_path(rel: str) -> None:
    norm = posixpath.normpath(rel)
    outside = rel.startswith("/") or norm.startswith("..") or "\\" in rel
    if outside or norm != rel or rel == MANIFEST:
        raise ValueError(f"refusing to write outside the output folder: {rel!r}")


def _write_file(path: Path, data: bytes) -> None:
    """Every file the writer writes goes through here (tests interrupt it)."""
    atomic_write(path, data)


def _load(out: Path) -> dict[str, Any]:
    try:
        data = json.loads((out / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _files(manifest: dict[str, Any]) -> dict[str, str]:
    files = manifest.get("files", {})
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def _untouched(path: Path, stamp: object, digest: str) -> bool:
    """Is the file as the last write left it? Size and modification time, as fresh_run
    trusts them, spare reading it back; without a stamp (an older manifest), its bytes."""
    try:
        if stamp is not None:
            return _stamp(path) == stamp
        return path.is_file() and _digest(path.read_bytes()) == digest
    except OSError:
        return False


def fresh_run(out: Path, key: str) -> dict[str, Any] | None:
    """What the last write recorded about its run, if it ran on inputs with this `key` and
    every file it wrote is still exactly as it left it (size and modification time)."""
    data = _load(out)
    run, stamps = data.get("run"), data.get("stamps")
    if not isinstance(run, dict) or run.get("key") != key or not isinstance(stamps, dict):
        return None
    if set(stamps) != set(data.get("files", {})):
        return None
    for rel, stamp in stamps.items():
        try:
            if _stamp(out / rel) != stamp:
                return None
        except OSError:
            return None
    return run


def _holds(path: Path, digest: str) -> bool:
    try:
        return path.is_file() and _digest(path.read_bytes()) == digest
    except OSError:
        return False


def _owned(out: Path, previous: dict[str, Any]) -> dict[str, str]:
    """The files we own: those the last complete write recorded, and those an interrupted
    write announced and wrote (they hold exactly the bytes it announced)."""
    owned = _files(previous)
    pending = previous.get("pending", {})
    for rel, digest in (pending if isinstance(pending, dict) else {}).items():
        try:
            _check_path(str(rel))
        except ValueError:
            continue
        if rel not in owned and _holds(out / rel, str(digest)):
            owned[str(rel)] = str(digest)
    return owned


def _save(out: Path, manifest: dict[str, Any]) -> None:
    body = json.dumps(manifest, indent=1, sort_keys=True) + "\n"
    _write_file(out / MANIFEST, body.encode("utf-8"))


def write(files: dict[str, bytes], out: Path, run: dict[str, Any] | None = None) -> WriteReport:
    """Make `out` hold exactly `files` among the files we own; touch nothing else.

    Before the first new file is written, the manifest announces every new file with its
    hash ("pending"): a run stopped at any point leaves only files the next run knows as its
    own, so it never has to refuse them as files in the way."""
    for rel in files:
        _check_path(rel)
    previous = _load(out)
    owned = _owned(out, previous)
    stamps = previous.get("stamps", {}) if isinstance(previous.get("stamps"), dict) else {}
    foreign = [rel for rel in files if rel not in owned and (out / rel).exists()]
    if foreign:
        listing = ", ".join(sorted(foreign)[:5])
        raise UserError(
            f"{out.as_posix()}: {len(foreign)} file(s) in the way were not written by playbook "
            f"({listing}); move them out of the generated folder (hand-written pages belong "
            "in playbooks/pages/)"
        )
    digests = {rel: _digest(data) for rel, data in files.items()}
    pending = {rel: digests[rel] for rel in sorted(files) if rel not in owned}
    if pending or owned != _files(previous):
        kept = {rel: stamps[rel] for rel in sorted(owned) if rel in stamps}
        _save(out, {"files": dict(sorted(owned.items())), "pending": pending, "stamps": kept})
    report = WriteReport()
    for rel, data in files.items():
        path = out / rel
        if owned.get(rel) == digests[rel] and _untouched(path, stamps.get(rel), digests[rel]):
            report.unchanged += 1
            continue
        _write_file(path, data)
        report.written.append(rel)
    for rel in sorted(set(owned) - set(files)):
        try:
            _check_path(rel)
        except ValueError:
            continue
        path = out / rel
        if path.is_file():
            path.unlink()
            report.removed.append(rel)
            _prune_empty(path.parent, out)
    manifest = {
        "files": dict(sorted(digests.items())),
        "stamps": {rel: _stamp(out / rel) for rel in sorted(digests)},
        "run": run or {},
    }
    if manifest != previous:
        _save(out, manifest)
    return report


def _prune_empty(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
