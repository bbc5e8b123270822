"""`playbook attendance import REPORT`: who came to a session, from the meeting tool's report.

The report is read (source/reports), its rows matched to the team, the session found by the
meeting's date (or --module/--date), and the members present for at least the threshold are
added to the session's `attended`, edited as text. Nobody is ever removed, guests are never
written, and the project is validated as it would be after the change before the file is
replaced (atomically). A second run with the same report changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.commands.attended_text import add_attended
from generator.commands.leftovers import remove_leftovers
from generator.commands.rewrite import initiative_named, replace_initiative
from generator.commands.yamltext import CannotEdit
from generator.pipeline import Layout
from generator.source.explain import did_you_mean
from generator.source.load import Sources, load_sources
from generator.source.model import Initiative, Module, Session
from generator.source.problems import UserError, printable
from generator.source.reports import Report, read_report
from generator.source.reports.match import Present, Stranger, match
from generator.source.reports.when import spoken
from generator.source.rules import invited
from generator.source.validate import validate

__all__ = ["Attendance", "import_attendance", "summary"]


@dataclass(frozen=True)
class Attendance:
    """What an import found, and what it added (or, dry, would add)."""

    report: Report
    file: str
    module: Module
    session: Session
    threshold: int  # minutes
    added: tuple[str, ...]
    already: tuple[str, ...]  # present and recorded before
    short: tuple[Present, ...]  # invited, present for less than the threshold
    uninvited: tuple[Present, ...]  # on the team, not invited to the module
    strangers: tuple[Stranger, ...]
    absent: tuple[str, ...]  # invited, not in the report
    names: dict[str, str]


def import_attendance(
    layout: Layout,
    shown: str,
    iid: str,
    module: str | None = None,
    on: dt.date | None = None,
    min_minutes: int | None = None,
    dry_run: bool = False,
) -> Attendance:
    """Read the report `shown`, record who came, and (unless `dry_run`) write it."""
    try:
        data = Path(shown).read_bytes()
    except OSError as exc:
        raise UserError(f"{shown}: cannot read file: {exc.strerror}") from None
    report = read_report(shown, data, on)
    if not dry_run:
        remove_leftovers(layout.playbooks, layout.root)
    sources = load_sources(layout.playbooks, layout.root)
    project = validate(sources)
    ini = initiative_named(project, iid)
    index, mod, j = _session(report, iid, ini, module)
    session = mod.sessions[j]
    threshold = mod.duration_minutes // 2 if min_minutes is None else min_minutes
    team = [m.person for m in ini.team]
    present, strangers = match(report.attendees, team, project.people)
    guests = invited(mod, team)
    recorded = [] if session.attended is None else list(session.attended)
    came = [p for p in present if p.person in guests and p.seconds >= threshold * 60]
    everyone = session.attended == "all"
    added = [] if everyone else [p.person for p in came if p.person not in recorded]
    file = sources.initiatives[iid].file
    if added and not dry_run:
        _write(layout.root / file, sources, iid, (index, j), added, [*recorded, *added])
    seen = {p.person for p in present}
    return Attendance(
        report=report,
        file=file,
        module=mod,
        session=session,
        threshold=threshold,
        added=tuple(added),
        already=tuple(
            p.person for p in came if everyone or (p.person in recorded and p.person not in added)
        ),
        short=tuple(p for p in present if p.person in guests and p.seconds < threshold * 60),
        uninvited=tuple(p for p in present if p.person not in guests),
        strangers=tuple(strangers),
        absent=tuple(p for p in guests if p not in seen),
        names={pid: project.people[pid].name for pid in team if pid in project.people},
    )


def _session(
    report: Report, iid: str, ini: Initiative, module: str | None
) -> tuple[int, Module, int]:
    """(module index, module, session index) of the one session on the meeting's date."""
    ids = [m.id for m in ini.training]
    if module is not None and module not in ids:
        raise UserError(
            f"{iid}: unknown training module '{module}'{did_you_mean(module, ids)}; "
            f"modules: {', '.join(ids) or 'none'}"
        )
    mods = [(i, m) for i, m in enumerate(ini.training) if module in (None, m.id)]
    found = [(i, m, j) for i, m in mods for j, s in enumerate(m.sessions) if s.date == report.date]
    day = f"{report.date.isoformat()} ({spoken(report.date)})"
    if len(found) == 1:
        return found[0]
    if not found:
        every = sorted((s.date, m.id) for _, m in mods for s in m.sessions)
        near = sorted(every, key=lambda e: (abs((e[0] - report.date).days), e))[:6]
        listed = ", ".join(f"{m} on {d.isoformat()}" for d, m in sorted(near)) or "none"
        of = f" of module '{module}'" if module else ""
        raise UserError(
            f"{report.shown}: is the report of a meeting on {day}, and {iid} has no session"
            f"{of} that day (is it the report of another meeting? sessions: {listed}); "
            "nothing was changed"
        )
    listed = ", ".join(sorted(m.id for _, m, _ in found))
    raise UserError(
        f"{report.shown}: {iid} has {len(found)} sessions on {day}: {listed}; "
        "give --module to say which; nothing was changed"
    )


def _write(
    path: Path,
    sources: Sources,
    iid: str,
    where: tuple[int, int],
    added: list[str],
    attended: list[str],
) -> None:
    """Replace the initiative file with `added` added to the session at `where` (module and
    session index), only if the project still validates and the session then reads back as
    `attended`; a file changed meanwhile is left alone."""
    doc = sources.initiatives[iid]
    index, j = where
    before = path.read_bytes()
    try:
        text = add_attended(before.decode("utf-8"), index, j, added)
    except CannotEdit as exc:
        raise UserError(
            f"{doc.file}:{exc.line}: cannot record attendance in place: {exc}; nothing was "
            "changed: add the ids under attended by hand"
        ) from None
    replace_initiative(
        path,
        before,
        text,
        sources,
        iid,
        ".attendance-",
        lambda ini: ini.training[index].sessions[j].attended == attended,
        "add the ids under attended by hand",
    )


def summary(done: Attendance, dry_run: bool) -> list[str]:
    """What the import did (or, dry, would do), then who it left out and why."""
    r, m, names = done.report, done.module, done.names

    def who(pids: tuple[str, ...] | list[str]) -> str:
        return ", ".join(f"{names.get(p, p)} ({p})" for p in pids)

    what = f"{m.id}, session of {done.session.date.isoformat()}"
    title = f" '{printable(r.title)}'" if r.title else ""
    lines = [f"{r.shown}: {r.kind}{title}, meeting of {spoken(r.date)}"]
    if done.added:
        verb = "would record" if dry_run else "recorded"
        lines.append(f"{done.file}: {what}: {verb} {len(done.added)} attended: {who(done.added)}")
    elif done.session.attended == "all":
        lines.append(f"{done.file}: {what}: attended: all already; nothing to add")
    else:
        lines.append(f"{done.file}: {what}: nothing to change, all present already recorded")
    if done.already:
        lines.append(f"already recorded: {who(done.already)}")
    for p in done.short:
        lines.append(
            f"{names.get(p.person, p.person)} ({p.person}): joined for {p.seconds // 60} of "
            f"{m.duration_minutes} minutes: not recorded (the threshold is {done.threshold})"
        )
    for p in done.uninvited:
        lines.append(
            f"{names.get(p.person, p.person)} ({p.person}): not invited to {m.id}: not recorded"
        )
    for s in done.strangers:
        rows = ", ".join(map(str, s.rows))
        email = f" <{printable(s.email)}>" if s.email else ""
        why = (
            f"matches {' and '.join(s.twins)}: give them an email in their person files"
            if s.twins
            else "not on the team (a guest): not recorded"
        )
        lines.append(
            f"{r.shown}:{rows}: {printable(s.name)}{email}, {s.seconds // 60} minutes: {why}"
        )
    if done.absent:
        lines.append(f"invited, absent: {who(done.absent)}")
    if dry_run:
        lines.append("dry run: nothing was written")
    return lines
