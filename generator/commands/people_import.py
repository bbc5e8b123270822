"""`playbook people import ROSTER.csv`: create and update people files from an HR export.

HR is the source of truth for the fields its roster has columns for (name, title, function,
and email and reports_to when present): those are set from the roster, an empty optional cell
clears the field, a missing optional column leaves it alone. Every other line of a people file
(comments, blank lines, key order, other fields) stays byte for byte: files are edited as
text. Nobody is deleted. The whole project is validated as it would be after the import
before anything is written; then every changed file is replaced whole.
"""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator.commands.init import PERSON_PLACEHOLDERS, SCHEMA_LINE
from generator.commands.leftovers import remove_leftovers
from generator.commands.roster import COLUMNS, Entry, Roster, read_roster
from generator.commands.yamltext import CannotEdit, scalar, set_fields
from generator.pipeline import Layout
from generator.source.load import Sources, load_sources
from generator.source.problems import Problem, UserError
from generator.source.project import Project
from generator.source.validate import validate
from generator.source.yamlfile import Document, load

__all__ = [
    "Change",
    "ImportPlan",
    "import_people",
    "log",
    "plan_import",
    "summary",
    "write_changes",
]

log = logging.getLogger("playbook")


@dataclass(frozen=True)
class Change:
    """One people file to write: its new text, and its bytes when read (None: a new file)."""

    file: str  # relative to the repository root, as messages show it
    person: str
    text: str
    before: bytes | None
    fields: tuple[str, ...]  # set from the roster
    cleared: tuple[str, ...]  # removed: their roster cell was empty


@dataclass(frozen=True)
class ImportPlan:
    roster: Roster
    changes: tuple[Change, ...]
    unchanged: int
    missing: tuple[str, ...]  # people with a file who are not in the roster (kept)
    warnings: tuple[Problem, ...]  # those of them on some initiative's team


def import_people(layout: Layout, roster_path: str, dry_run: bool = False) -> ImportPlan:
    """Plan the import, log its warnings and, unless `dry_run`, write it."""
    if not dry_run:
        remove_leftovers(layout.playbooks, layout.root)
    plan = plan_import(layout, roster_path)
    for w in plan.warnings:
        log.warning("%s", w)
    if not dry_run:
        write_changes(layout.root, plan.changes)
    return plan


def plan_import(layout: Layout, roster_path: str) -> ImportPlan:
    """Everything the import would do, checked; raises UserError and writes nothing."""
    sources = load_sources(layout.playbooks, layout.root)
    roster = read_roster(roster_path, sources.person_ids)
    changes: list[Change] = []
    problems: list[Problem] = []
    for entry in roster.entries:
        doc = sources.people.get(entry.id)
        if doc is not None:
            change = _updated(layout.root, doc, entry, roster.columns, problems)
        elif entry.id not in sources.person_ids:  # a file that does not parse is not replaced
            change = _created(layout.playbooks, entry, roster.columns)
        else:
            change = None
        if change:
            changes.append(change)
    if problems:
        raise UserError(
            f"cannot update {len(problems)} people file{'s' if len(problems) != 1 else ''} "
            "in place; nothing was written: edit the fields by hand",
            problems,
        )
    changes.sort(key=lambda c: c.file)
    project = _validated(sources, changes, roster)
    ids = {e.id for e in roster.entries}
    missing = tuple(sorted(sources.person_ids - ids))
    return ImportPlan(
        roster,
        tuple(changes),
        len(roster.entries) - len(changes),
        missing,
        _team_warnings(project, sources, set(missing), roster.shown),
    )


def _wanted(entry: Entry, columns: Sequence[str]) -> dict[str, str | None]:
    return {c: entry.fields[c] for c in columns}


def _updated(
    root: Path, doc: Document, entry: Entry, columns: Sequence[str], problems: list[Problem]
) -> Change | None:
    data = doc.data if isinstance(doc.data, dict) else {}
    diff = {k: v for k, v in _wanted(entry, columns).items() if data.get(k) != v}
    if not diff:
        return None
    before = (root / doc.file).read_bytes()
    try:
        text = set_fields(before.decode("utf-8"), diff, COLUMNS[1:], PERSON_PLACEHOLDERS)
    except CannotEdit as exc:
        problems.append(Problem(doc.file, exc.line, 1, "", f"cannot update in place: {exc}"))
        return None
    return Change(
        doc.file,
        entry.id,
        text,
        before,
        tuple(k for k, v in diff.items() if v is not None),
        tuple(k for k, v in diff.items() if v is None),
    )


def _created(playbooks: Path, entry: Entry, columns: Sequence[str]) -> Change:
    """A new file in the style `playbook init` writes: schema line, then the fields; an
    optional field without a value stays as init's placeholder comment."""
    wanted = _wanted(entry, columns)
    lines = [SCHEMA_LINE.format(kind="person")]
    for key in COLUMNS[1:]:
        value = wanted.get(key)
        if value is not None:
            lines.append(f"{key}: {scalar(value)}\n")
        elif key in PERSON_PLACEHOLDERS:
            lines.append(PERSON_PLACEHOLDERS[key] + "\n")
    file = (playbooks / "people" / f"{entry.id}.yml").relative_to(playbooks.parent).as_posix()
    fields = tuple(k for k, v in wanted.items() if v is not None)
    return Change(file, entry.id, "".join(lines), None, fields, ())


def _validated(sources: Sources, changes: Sequence[Change], roster: Roster) -> Project:
    """The project as it would be after the import; refuses one that would not validate, or
    an edit that would not read back as the roster says."""
    docs: dict[str, Document] = {}
    problems = list(sources.problems)
    with tempfile.TemporaryDirectory(prefix="playbook-import-") as tmp:
        for c in changes:
            path = Path(tmp) / f"{c.person}.yml"
            path.write_bytes(c.text.encode("utf-8"))
            doc, found = load(path, c.file)
            problems.extend(found)
            if doc is not None:
                docs[c.person] = doc
    after = replace(
        sources,
        people={**sources.people, **docs},
        problems=problems,
        person_ids=sources.person_ids | set(docs),
    )
    try:
        project = validate(after)
    except UserError as exc:
        raise UserError(
            f"the playbooks would not validate after importing {roster.shown}; nothing was written",
            exc.problems,
        ) from None
    entries = {e.id: e for e in roster.entries}
    for c in changes:
        person = project.people[c.person]
        old = sources.people.get(c.person)
        kept = {k: v for k, v in (old.data if old else {}).items() if k not in c.fields + c.cleared}
        new = {k: v for k, v in docs[c.person].data.items() if k not in c.fields + c.cleared}
        wanted = _wanted(entries[c.person], roster.columns)
        if kept != new or any(getattr(person, k) != v for k, v in wanted.items()):
            raise UserError(
                f"{c.file}: cannot update it in place (unusual layout); nothing was written: "
                f"edit {', '.join(c.fields + c.cleared)} by hand"
            )
    return project


def _team_warnings(
    project: Project, sources: Sources, missing: set[str], shown: str
) -> tuple[Problem, ...]:
    out = []
    for iid in sorted(project.initiatives):
        doc = sources.initiatives[iid]
        for i, member in enumerate(project.initiatives[iid].team):
            if member.person in missing:
                path = ("team", i, "person")
                out.append(
                    Problem(
                        doc.file,
                        *doc.marks.at(path),
                        f"team[{i}].person",
                        f"{member.person} is not in the roster {shown} (kept; if they have "
                        "left, take them off the team)",
                        "warning",
                    )
                )
    return tuple(out)


def write_changes(root: Path, changes: Sequence[Change]) -> None:
    """The one step that writes: each file whole or not at all (a temporary file renamed over
    it), and none at all if any changed on disk since it was read."""
    staged: list[tuple[Path, Path]] = []
    try:
        for c in changes:
            path = root / c.file
            now = path.read_bytes() if path.exists() else None
            if now != c.before:
                raise UserError(
                    f"{c.file} changed on disk during the import; nothing was written: "
                    "run the import again"
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=path.parent, prefix=".import-", suffix=".tmp")
            staged.append((Path(name), path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(c.text.encode("utf-8"))
                fh.flush()
                os.fsync(fh.fileno())  # on disk before the rename: a crash keeps old or new
            mode = stat.S_IMODE(path.stat().st_mode) if now is not None else 0o666 & ~_umask()
            os.chmod(name, mode)
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def summary(plan: ImportPlan, dry_run: bool) -> list[str]:
    """What the import did (or, dry, would do): a line per file, then the counts."""
    lines = []
    for c in plan.changes:
        verb = "create" if c.before is None else "update"
        what = [*c.fields, *(f"{k} (cleared)" for k in c.cleared)]
        done = f"would {verb}" if dry_run else f"{verb}d"
        lines.append(f"{done} {c.file}: {', '.join(what)}")
    created = sum(c.before is None for c in plan.changes)
    counts = f"{created} created, {len(plan.changes) - created} updated, {plan.unchanged} unchanged"
    if not plan.changes:
        lines.append(
            f"nothing to change: {plan.unchanged} unchanged, all as in {plan.roster.shown}"
        )
    elif dry_run:
        lines.append(f"dry run: {counts}; nothing was written")
    else:
        lines.append(counts)
    if plan.roster.ignored:
        lines.append(f"ignored columns: {', '.join(plan.roster.ignored)}")
    if plan.missing:
        lines.append(f"not in the roster (kept): {', '.join(plan.missing)}")
    return lines
