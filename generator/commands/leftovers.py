"""What an interrupted command that edits playbooks/ left there: its temporary files.

Each writes a file's new text beside it, then renames it over the file. A run killed before
the rename leaves the temporary file (an HR roster's names and emails, a whole initiative,
the pulse's answers): the next run of any of them (`people import`, `advance`, `attendance
import`, `pulse import`, `sign`), holding the one-writer lock so that no other run is
writing them, removes them before it does anything else. The patterns are in the .gitignore
too.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger("playbook")

# `.tmp-*.yml`: source/atomic.py's temporary file, which `sign` writes beside a kept copy.
PATTERNS = (".import-*.tmp", ".advance-*.tmp", ".attendance-*.tmp", ".pulse-*.tmp", ".tmp-*.yml")


def remove_leftovers(playbooks: Path, root: Path) -> list[str]:
    """Remove every temporary file an interrupted run left under `playbooks`; say so."""
    found = sorted(
        {p for pattern in PATTERNS for p in playbooks.rglob(pattern) if p.is_file()},
    )
    removed = []
    for path in found:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path.relative_to(root).as_posix())
    if removed:
        n = len(removed)
        log.info(
            "removed %d temporary file%s an interrupted run left (%s%s)",
            n,
            "" if n == 1 else "s",
            ", ".join(removed[:3]),
            ", ..." if n > 3 else "",
        )
    return removed
