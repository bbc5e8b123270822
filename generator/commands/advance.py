"""`playbook advance`: move an initiative to another stage by editing its YAML in place.

The file is edited as text, never dumped again: only the `current_stage` line and the end of
`stage_history` change, so every comment, blank line and layout choice of the user survives.
The edited text is validated before it replaces the file (atomically); an edit that would not
validate, or would not say what we meant, leaves the file untouched.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from generator.commands.gate import gate_of, refusal
from generator.commands.leftovers import remove_leftovers
from generator.commands.yamltext import end_line, quoted, split_lines
from generator.pipeline import Layout
from generator.source.checks import CheckResult
from generator.source.explain import did_you_mean
from generator.source.load import Sources, load_sources
from generator.source.model import FailedCheck, HistoryEntry, Initiative, Person, Stage
from generator.source.problems import UserError
from generator.source.validate import validate
from generator.source.yamlfile import Document, load

__all__ = ["Move", "advance"]


@dataclass(frozen=True)
class Move:
    """What `advance` did."""

    initiative: str
    file: str
    left: Stage
    entered: Stage
    on: dt.date
    open_criteria: tuple[str, ...]
    failed_checks: tuple[CheckResult, ...] = ()


def advance(
    layout: Layout,
    iid: str,
    on: dt.date,
    to: str | None = None,
    force: bool = False,
    by: str | None = None,
) -> Move:
    """Move initiative `iid` to the next stage (or `to`) on `on`; raise UserError if refused."""
    remove_leftovers(layout.playbooks, layout.root)
    sources = load_sources(layout.playbooks, layout.root)
    project = validate(sources)
    if iid not in project.initiatives:
        known = sorted(project.initiatives)
        raise UserError(
            f"unknown initiative '{iid}'{did_you_mean(iid, known)}; "
            f"initiatives: {', '.join(known) or 'none'}"
        )
    ini, doc = project.initiatives[iid], sources.initiatives[iid]
    current = next(s for s in ini.stages if s.id == ini.current_stage)
    target = _target(iid, ini, current, to)
    history = _history(ini, current, on)
    last = history[-1] if history else None
    if last and on < last.entered:
        raise UserError(
            f"{iid}: --date {on} is before the last transition ({last.stage}, "
            f"entered {last.entered}); nothing was changed"
        )
    gate = gate_of(ini, current, on)
    if not gate.passed and not force:
        raise refusal(iid, doc, ini, current, gate, lambda pid: _name(project.people, pid))
    open_criteria = [text for _, text in gate.open_criteria]
    added = [
        *history[len(ini.stage_history) :],
        HistoryEntry(
            stage=target.id,
            entered=on,
            by=by or None,
            open_criteria=open_criteria,
            failed_checks=gate.failed_checks(),
        ),
    ]
    path = layout.root / doc.file
    raw = path.read_bytes()
    text = _edit(raw.decode("utf-8"), doc, ini, target.id, added)
    _replace_checked(path, text, doc, sources, iid, target.id, [*ini.stage_history, *added])
    return Move(iid, doc.file, current, target, on, tuple(open_criteria), gate.failed)


def _name(people: dict[str, Person], pid: str) -> str:
    person = people.get(pid)
    return person.name if person else pid


def _target(iid: str, ini: Initiative, current: Stage, to: str | None) -> Stage:
    ids = [s.id for s in ini.stages]
    if to is None:
        index = ids.index(current.id)
        if index + 1 == len(ids):
            raise UserError(
                f"{iid}: '{current.id}' is the last stage; name the stage to move to "
                f"with --to (stages: {', '.join(ids)})"
            )
        return ini.stages[index + 1]
    if to not in ids:
        raise UserError(
            f"{iid}: unknown stage '{to}'{did_you_mean(to, ids)}; stages: {', '.join(ids)}"
        )
    if to == current.id:
        raise UserError(f"{iid}: '{to}' is already the current stage; nothing was changed")
    return ini.stages[ids.index(to)]


def _history(ini: Initiative, current: Stage, on: dt.date) -> list[HistoryEntry]:
    """The history, with the stage being left recorded first if the file never recorded it.

    Without it the site could not say what the move changed. Its start date is the best
    knowledge of when it was entered; failing that, the day it is left.
    """
    history = list(ini.stage_history)
    if not history or history[-1].stage != current.id:
        entered = current.starts if current.starts and current.starts <= on else on
        history.append(HistoryEntry(stage=current.id, entered=entered))
    return history


# --- the text edit ----------------------------------------------------------------------


def _flow(entry: HistoryEntry) -> str:
    parts = [f"stage: {entry.stage}", f"entered: {entry.entered.isoformat()}"]
    if entry.by:
        parts.append(f"by: {quoted(entry.by)}")
    if entry.open_criteria:
        parts.append("open_criteria: [" + ", ".join(map(quoted, entry.open_criteria)) + "]")
    if entry.failed_checks:
        parts.append("failed_checks: [" + ", ".join(map(_failed, entry.failed_checks)) + "]")
    return "{" + ", ".join(parts) + "}"


def _failed(failed: FailedCheck) -> str:
    # Check names and person ids are validated ids: plain YAML scalars.
    return f"{{check: {failed.check}, people: [{', '.join(failed.people)}]}}"


def _block(entry: HistoryEntry, pad: str) -> list[str]:
    """The lines after the dash of a block-style item; `pad` is the indent of its keys."""
    lines = [f"stage: {entry.stage}", f"{pad}entered: {entry.entered.isoformat()}"]
    if entry.by:
        lines.append(f"{pad}by: {quoted(entry.by)}")
    if entry.open_criteria:
        lines.append(f"{pad}open_criteria:")
        lines.extend(f"{pad}  - {quoted(t)}" for t in entry.open_criteria)
    if entry.failed_checks:
        lines.append(f"{pad}failed_checks:")
        lines.extend(f"{pad}  - {_failed(f)}" for f in entry.failed_checks)
    return lines


def _edit(text: str, doc: Document, ini: Initiative, target: str, added: list[HistoryEntry]) -> str:
    """The file's text with `current_stage` set to `target` and `added` appended to its
    stage_history, however the user wrote it (block, flow, `[]` or missing)."""
    lines, newline = split_lines(text)
    # current_stage: the value is a validated id, plain or quoted.
    line, col = doc.marks.values[("current_stage",)]
    row = lines[line - 1]
    found = re.compile(r"(['\"]?)" + re.escape(ini.current_stage) + r"\1").match(row, col - 1)
    if not found:
        raise _cannot(doc, f"line {line} does not hold current_stage as a plain value")
    quote = found.group(1)
    lines[line - 1] = row[: found.start()] + quote + target + quote + row[found.end() :]

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    node = (
        next((v for k, v in root.value if k.value == "stage_history"), None)
        if isinstance(root, yaml.MappingNode)
        else None
    )
    if node is None or (isinstance(node, yaml.SequenceNode) and node.flow_style and not node.value):
        _start_history(lines, newline, doc, node, added)
    elif not isinstance(node, yaml.SequenceNode):
        raise _cannot(doc, "stage_history is not a list")
    elif node.flow_style:
        end = node.value[-1].end_mark
        row = lines[end.line]
        tail = "".join(f", {_flow(e)}" for e in added)
        lines[end.line] = row[: end.column] + tail + row[end.column :]
    else:
        _append_block(lines, newline, doc, node.value[-1], added)
    return "".join(lines)


def _cannot(doc: Document, why: str) -> UserError:
    return UserError(f"{doc.file}: cannot update the stage in place: {why}; nothing was changed")


def _start_history(
    lines: list[str], newline: str, doc: Document, node: yaml.Node | None, added: list[HistoryEntry]
) -> None:
    """A missing `stage_history`, or `stage_history: []`, becomes a block list like the
    examples': after current_stage, or where the empty list was."""
    key_col = doc.marks.key_at(("current_stage",))[1] - 1
    at = doc.marks.values[("current_stage",)][0]
    new: list[str] = []
    if node is not None:
        start, end = node.start_mark, node.end_mark
        if start.line != end.line:
            raise _cannot(doc, f"line {start.line + 1}: write `stage_history: []` on one line")
        row = lines[start.line]
        lines[start.line] = row[: start.column].rstrip(" ") + row[end.column :]
        at = start.line + 1
        key_col = doc.marks.key_at(("stage_history",))[1] - 1
    else:
        new = [" " * key_col + "stage_history:" + newline]
    pad = " " * (key_col + 2)
    new += [f"{pad}- {_flow(e)}{newline}" for e in added]
    lines[at:at] = new


def _append_block(
    lines: list[str], newline: str, doc: Document, last: yaml.Node, added: list[HistoryEntry]
) -> None:
    """New items after the last item of a block list, in the same style and indent."""
    item_line, item_col = last.start_mark.line, last.start_mark.column
    dash = lines[item_line].rfind("-", 0, item_col)
    if dash < 0:
        raise _cannot(
            doc, f"line {item_line + 1}: expected '- ' before the last stage_history item"
        )
    head = " " * dash + "-" + " " * (item_col - dash - 1)
    new = []
    for e in added:
        if isinstance(last, yaml.MappingNode) and not last.flow_style:
            body = _block(e, " " * item_col)
            new += [head + body[0] + newline, *(b + newline for b in body[1:])]
        else:
            new.append(head + _flow(e) + newline)
    at = end_line(last) + 1
    lines[at:at] = new


def _replace_checked(
    path: Path,
    text: str,
    doc: Document,
    sources: Sources,
    iid: str,
    target: str,
    history: list[HistoryEntry],
) -> None:
    """Write `text` over `path` only if it validates and says what we meant."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".advance-", suffix=".yml.tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())  # on disk before the rename: a crash keeps old or new
        new_doc, problems = load(tmp, doc.file)
        if new_doc is None or problems:
            raise UserError(
                f"{doc.file}: the edited file would not load; nothing was changed", problems
            )
        edited = replace(sources, initiatives={**sources.initiatives, iid: new_doc})
        try:
            ini = validate(edited).initiatives[iid]
        except UserError as exc:
            raise UserError(
                f"{doc.file}: the edited file would not validate; nothing was changed", exc.problems
            ) from None
        if ini.current_stage != target or list(ini.stage_history) != history:
            raise UserError(
                f"{doc.file}: cannot update the stage in place (unusual layout); "
                "nothing was changed: edit current_stage and stage_history by hand"
            )
        os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
