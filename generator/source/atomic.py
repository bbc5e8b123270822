"""Replace a file whole or not at all: the generated folder's writer and the outbox's."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["atomic_write"]


def atomic_write(path: Path, data: bytes, durable: bool = False) -> None:
    """Replace `path` with `data` whole or not at all; `durable` also waits for the disk (a
    record that must survive a crash, such as what was already sent). The temporary file is
    `.tmp-` + mkstemp's random part + the suffix (site/recover.py cleans those a kill left)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
