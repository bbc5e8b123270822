"""What the importers share: the initiative they name, and replacing its file with an edit.

An edited initiative file replaces the old one only when the whole project validates with it
and the edit reads back as what was meant (an unusual layout the text edit misread leaves
the file alone); a file changed on disk meanwhile is left alone too. The new text is written
beside the file, flushed to disk, then renamed over it: a crash leaves the old file or the
new one, and the next run removes the temporary file (commands/leftovers.py).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from generator.source.explain import did_you_mean
from generator.source.load import Sources
from generator.source.model import Initiative
from generator.source.problems import UserError
from generator.source.project import Project
from generator.source.validate import validate
from generator.source.yamlfile import load

__all__ = ["initiative_named", "replace_initiative"]


def initiative_named(project: Project, iid: str) -> Initiative:
    if iid not in project.initiatives:
        known = sorted(project.initiatives)
        raise UserError(
            f"unknown initiative '{iid}'{did_you_mean(iid, known)}; "
            f"initiatives: {', '.join(known) or 'none'}"
        )
    return project.initiatives[iid]


def replace_initiative(
    path: Path,
    before: bytes,
    text: str,
    sources: Sources,
    iid: str,
    prefix: str,
    meant: Callable[[Initiative], bool],
    by_hand: str,
) -> None:
    """Replace `path` (read as `before`) with `text` if the project validates with it and
    `meant` holds of the initiative it reads back as; `prefix` names the temporary file
    (leftovers.PATTERNS), `by_hand` says what to do when the edit cannot be made."""
    doc = sources.initiatives[iid]
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".yml.tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        new_doc, problems = load(tmp, doc.file)
        if new_doc is None or problems:
            raise UserError(
                f"{doc.file}: the edited file would not load; nothing was changed", problems
            )
        try:
            project = validate(replace(sources, initiatives={**sources.initiatives, iid: new_doc}))
        except UserError as exc:
            raise UserError(
                f"{doc.file}: the edited file would not validate; nothing was changed",
                exc.problems,
            ) from None
        if not meant(project.initiatives[iid]):
            raise UserError(
                f"{doc.file}: cannot edit it in place (unusual layout); nothing was changed: "
                f"{by_hand}"
            )
        if path.read_bytes() != before:
            raise UserError(f"{doc.file} changed on disk during the import; nothing was changed")
        os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
