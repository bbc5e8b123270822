"""`playbook pulse import RESPONSES`: the team's answers to a stage's pulse, from the survey.

The export is read (source/surveys), each row matched to a member by email, else by name
(source/reports/match, as attendance is), and each member's latest response recorded in
`pulse.responses`, edited as text: a later response of the same member and stage replaces
the earlier one, in the file and against what is already recorded. Rows that match nobody
on the team are listed, never written. The project is validated as it would be after the
change before the file is replaced (atomically); a second run with the same export changes
nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.commands.leftovers import remove_leftovers
from generator.commands.pulse_text import set_responses
from generator.commands.rewrite import initiative_named, replace_initiative
from generator.commands.yamltext import CannotEdit
from generator.content.i18n import SOURCE, language_of, wording
from generator.pipeline import Layout
from generator.source import rules
from generator.source.explain import did_you_mean
from generator.source.load import Sources, load_sources
from generator.source.model import Initiative, PulseResponse, Stage
from generator.source.problems import UserError, printable
from generator.source.pulse import ANSWERS
from generator.source.reports import Attendee
from generator.source.reports.match import Stranger, match
from generator.source.surveys import Labels, Response, Survey, read_survey
from generator.source.validate import validate

__all__ = ["PulseImport", "import_pulse", "labels_for", "summary"]

# Other English words for an answer that survey scales commonly use.
ALSO = {"Neither agree nor disagree": 3, "Somewhat disagree": 2, "Somewhat agree": 4}


@dataclass(frozen=True)
class Twice:
    """A member who answered more than once: the rows, and the one kept (the latest)."""

    person: str
    rows: tuple[int, ...]
    kept: int


@dataclass(frozen=True)
class Older:
    """A member whose response in the export is older than the one already recorded."""

    person: str
    row: int
    recorded: dt.date


@dataclass(frozen=True)
class PulseImport:
    """What an import found, and what it recorded (or, dry, would record)."""

    survey: Survey
    file: str
    stage: Stage
    added: tuple[PulseResponse, ...]
    replaced: tuple[PulseResponse, ...]
    unchanged: tuple[str, ...]  # the same response was recorded already
    older: tuple[Older, ...]
    twice: tuple[Twice, ...]
    blank: tuple[tuple[str, int], ...]  # (member, row) answering none of the questions
    strangers: tuple[Stranger, ...]
    missing: tuple[str, ...]  # members with no response to the stage, after the import
    names: dict[str, str]


def labels_for(language: str) -> Labels:
    """The answers' labels in English and in `language` (the catalogs' words)."""

    def five(lang: str) -> tuple[str, ...]:
        return tuple(wording(lang).label("agreement", str(n)) for n in ANSWERS)

    return Labels.of(five(SOURCE), five(language), also=ALSO)


def import_pulse(
    layout: Layout,
    shown: str,
    iid: str,
    stage_id: str,
    on: dt.date | None = None,
    dry_run: bool = False,
) -> PulseImport:
    """Read the export `shown`, record each member's latest response to stage `stage_id`
    and (unless `dry_run`) write it."""
    if not dry_run:
        remove_leftovers(layout.playbooks, layout.root)
    try:
        data = Path(shown).read_bytes()
    except OSError as exc:
        raise UserError(f"{shown}: cannot read file: {exc.strerror}") from None
    sources = load_sources(layout.playbooks, layout.root)
    project = validate(sources)
    ini = initiative_named(project, iid)
    file = sources.initiatives[iid].file
    stage = _stage(iid, ini, stage_id, file)
    assert ini.pulse is not None  # _stage refuses an initiative that asks none
    language, _ = language_of(layout.site.language)
    survey = read_survey(shown, data, ini.pulse.questions, labels_for(language), on)
    team = [m.person for m in ini.team]
    rows = {r.row: r for r in survey.responses}
    people = [Attendee(r.row, r.name, r.email, 0) for r in survey.responses]
    present, strangers = match(people, team, project.people)
    recorded = {r.person: i for i, r in enumerate(ini.pulse.responses) if r.stage == stage.id}
    order = [q.id for q in ini.pulse.questions]
    added, replaced, unchanged, older, twice, blank = [], [], [], [], [], []
    changes: list[tuple[int | None, PulseResponse]] = []
    for p in present:
        theirs = [rows[i] for i in p.rows]
        answered = [r for r in theirs if r.answers]
        if not answered:
            blank.append((p.person, theirs[-1].row))
            continue
        latest = max(answered, key=lambda r: r.moment)
        if len(theirs) > 1:
            twice.append(Twice(p.person, p.rows, latest.row))
        new = _response(p.person, stage.id, latest, order)
        at = recorded.get(p.person)
        if at is None:
            added.append(new)
            changes.append((None, new))
            continue
        before = ini.pulse.responses[at]
        if before.date > new.date:
            older.append(Older(p.person, latest.row, before.date))
        elif before == new:
            unchanged.append(p.person)
        else:
            replaced.append(new)
            changes.append((at, new))
    if changes and not dry_run:
        _write(layout.root / file, sources, iid, changes, ini)
    after = {*recorded, *(r.person for r in added)}
    return PulseImport(
        survey=survey,
        file=file,
        stage=stage,
        added=tuple(added),
        replaced=tuple(replaced),
        unchanged=tuple(unchanged),
        older=tuple(older),
        twice=tuple(twice),
        blank=tuple(blank),
        strangers=tuple(strangers),
        missing=tuple(p for p in team if p not in after),
        names={pid: project.people[pid].name for pid in team if pid in project.people},
    )


def _stage(iid: str, ini: Initiative, stage_id: str, file: str) -> Stage:
    if not rules.pulse_asked(ini):
        raise UserError(
            f"{iid}: asks no pulse: add the questions under pulse.questions in {file} first "
            "(ask the team at every stage; don't assume it knows its role); nothing was changed"
        )
    ids = [s.id for s in ini.stages]
    if stage_id not in ids:
        raise UserError(
            f"{iid}: unknown stage '{stage_id}'{did_you_mean(stage_id, ids)}; "
            f"stages: {', '.join(ids)}"
        )
    return ini.stages[ids.index(stage_id)]


def _response(person: str, stage: str, row: Response, order: list[str]) -> PulseResponse:
    answers = {q: row.answers[q] for q in order if q in row.answers}
    return PulseResponse(person=person, stage=stage, date=row.date, answers=answers)


def _write(
    path: Path,
    sources: Sources,
    iid: str,
    changes: list[tuple[int | None, PulseResponse]],
    ini: Initiative,
) -> None:
    """Replace the initiative file with the changes made, only if the project still
    validates and its responses then read back as meant."""
    assert ini.pulse is not None
    doc = sources.initiatives[iid]
    expected = list(ini.pulse.responses)
    for at, r in changes:
        if at is None:
            expected.append(r)
        else:
            expected[at] = r
    before = path.read_bytes()
    try:
        text = set_responses(before.decode("utf-8"), changes)
    except CannotEdit as exc:
        raise UserError(
            f"{doc.file}:{exc.line}: cannot record the pulse in place: {exc}; nothing was "
            "changed: write pulse.responses as a list, one response per item"
        ) from None
    replace_initiative(
        path,
        before,
        text,
        sources,
        iid,
        ".pulse-",
        lambda edited: edited.pulse is not None and list(edited.pulse.responses) == expected,
        "write pulse.responses as a list, one response per item",
    )


def summary(done: PulseImport, dry_run: bool) -> list[str]:
    """What the import did (or, dry, would do), then who it left out and why. It names who
    answered, never what they answered: the command is the office's, the answers core's."""
    s, names = done.survey, done.names

    def who(pids: tuple[str, ...] | list[str]) -> str:
        return ", ".join(f"{names.get(p, p)} ({p})" for p in pids)

    def many(n: int) -> str:
        return f"{n} response{'' if n == 1 else 's'}"

    found = ", ".join(s.columns)
    lines = [f"{s.shown}: {s.kind}, {many(len(s.responses))} to the questions {found}"]
    what = f"{done.file}: the pulse of stage '{done.stage.id}'"
    verb = "would record" if dry_run else "recorded"
    if done.added:
        lines.append(f"{what}: {verb} {many(len(done.added))}: {who(_ids(done.added))}")
    if done.replaced:
        n = len(done.replaced)
        lines.append(
            f"{what}: {'would replace' if dry_run else 'replaced'} {n} earlier "
            f"response{'' if n == 1 else 's'} with a later one: {who(_ids(done.replaced))}"
        )
    if not done.added and not done.replaced:
        lines.append(f"{what}: nothing to change, every response already recorded")
    if done.unchanged:
        lines.append(f"already recorded: {who(done.unchanged)}")
    for qid in s.absent:
        lines.append(f"question '{qid}' is not in the export: no answers to it recorded")
    for t in done.twice:
        rows = ", ".join(map(str, t.rows))
        lines.append(
            f"{names.get(t.person, t.person)} ({t.person}): answered on rows {rows}: the "
            f"latest (row {t.kept}) counts"
        )
    for o in done.older:
        lines.append(
            f"{s.shown}:{o.row}: {names.get(o.person, o.person)} ({o.person}): a later "
            f"response, of {o.recorded.isoformat()}, is already recorded: not recorded"
        )
    for pid, row in done.blank:
        lines.append(
            f"{s.shown}:{row}: {names.get(pid, pid)} ({pid}): answered none of the "
            "questions: not recorded"
        )
    for x in done.strangers:
        lines.append(f"{s.shown}:{', '.join(map(str, x.rows))}: {_stranger(x)}")
    if done.missing:
        lines.append(f"no response recorded: {who(done.missing)}")
    if dry_run:
        lines.append("dry run: nothing was written")
    return lines


def _ids(responses: tuple[PulseResponse, ...]) -> list[str]:
    return [r.person for r in responses]


def _stranger(x: Stranger) -> str:
    if not x.name and not x.email:
        some = "an anonymous response" if len(x.rows) == 1 else "anonymous responses"
        return (
            f"{some}: not recorded (make the form record who answers: Microsoft Forms' "
            "'Record name', Google Forms' 'Collect email addresses')"
        )
    email = f"<{printable(x.email)}>" if x.email else ""
    who = f"{printable(x.name)} {email}".strip()
    if x.twins:
        return (
            f"{who}: matches {' and '.join(x.twins)}: give them an email in their person "
            "files: not recorded"
        )
    if not x.name:
        return (
            f"{who}: no member has this email (if it is a member's, add it to their person "
            "file): not recorded"
        )
    return f"{who}: not on the team: not recorded"
