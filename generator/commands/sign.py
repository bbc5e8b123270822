"""`playbook sign INITIATIVE PERSON`: record that a member signed their charter, and keep what
they signed.

Two files change: the member's `charter_signed` in the initiative file (one line, edited as
text: comments and layout kept) and playbooks/<initiative>/signed/<person>.yml, the kept copy
(signatures.commitments, as the loader reads it back). Both are checked as the project would
be after the change before either is written; the copy is written first, so an interrupted
run never leaves a new date counting for a charter whose copy was not kept.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from generator.commands.leftovers import remove_leftovers
from generator.commands.yamltext import end_line, split_lines
from generator.pipeline import Layout
from generator.source.atomic import atomic_write
from generator.source.explain import did_you_mean
from generator.source.load import SIGNED, Sources, load_sources
from generator.source.model import Initiative, Member
from generator.source.problems import Problem, UserError
from generator.source.project import Project
from generator.source.signatures import commitments, signature
from generator.source.signed import SignedCharter
from generator.source.validate import validate
from generator.source.yamlfile import Document, load

__all__ = ["Signing", "copy_text", "parse_date", "sign"]

SCHEMA = "# yaml-language-server: $schema=../../../schemas/signed.schema.json\n"
# Where a new `charter_signed:` line goes: after the last of these the member has.
BEFORE = ("person", "role", "purpose", "accountabilities", "decision_rights", "stages", "kpis")


@dataclass(frozen=True)
class Signing:
    """What `sign` did (or, dry, would do)."""

    initiative: str
    person: str
    on: dt.date
    initiative_file: str
    copy_file: str
    line_changed: bool
    copy_changed: bool

    @property
    def changed(self) -> bool:
        return self.line_changed or self.copy_changed


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(
            f"--date '{text}' is not a date as YYYY-MM-DD; nothing was changed"
        ) from None


def copy_text(copy: SignedCharter, person: str) -> str:
    """The kept copy as a file: the same copy gives the same bytes."""
    body = yaml.safe_dump(
        copy.model_dump(mode="python", exclude_defaults=True),
        sort_keys=False,
        allow_unicode=True,
        width=4096,
        default_flow_style=False,
    )
    return (
        SCHEMA + f"# What {person} signed, kept by `playbook sign` and compared with their "
        "charter on every build.\n# Do not edit it: when the charter changes, sign again.\n" + body
    )


def _member(project: Project, iid: str, pid: str) -> tuple[Initiative, int, Member]:
    if iid not in project.initiatives:
        known = sorted(project.initiatives)
        raise UserError(
            f"unknown initiative '{iid}'{did_you_mean(iid, known)}; "
            f"initiatives: {', '.join(known) or 'none'}; nothing was changed"
        )
    ini = project.initiatives[iid]
    team = [m.person for m in ini.team]
    if pid not in team:
        what = (
            f"'{pid}' is not on the team of {iid}"
            if pid in project.people
            else f"unknown person '{pid}'"
        )
        raise UserError(
            f"{what}{did_you_mean(pid, team)}; the team of {iid}: {', '.join(team)}; "
            "nothing was changed"
        )
    index = team.index(pid)
    return ini, index, ini.team[index]


def sign(
    layout: Layout, iid: str, pid: str, on: dt.date, by: str | None, dry_run: bool = False
) -> Signing:
    """Record `pid`'s signature of their charter in `iid` on `on`; raise UserError if not."""
    if not dry_run:
        remove_leftovers(layout.playbooks, layout.root)
    sources = load_sources(layout.playbooks, layout.root)
    project = validate(sources)
    ini, index, member = _member(project, iid, pid)
    doc = sources.initiatives[iid]
    kept = SignedCharter(
        signed=on, recorded_by=by or ini.owner, commitments=commitments(ini, member)
    )
    copy_path = layout.root / Path(doc.file).parent / SIGNED / f"{pid}.yml"
    copy_file = copy_path.relative_to(layout.root).as_posix()
    ini_path = layout.root / doc.file
    before = ini_path.read_bytes()
    text = before.decode("utf-8")
    if member.charter_signed != on:
        text = _set_signed(text, doc, index, on)
    copy = copy_text(kept, pid)
    old_copy = copy_path.read_bytes() if copy_path.is_file() else None
    done = Signing(
        iid,
        pid,
        on,
        doc.file,
        copy_file,
        line_changed=member.charter_signed != on,
        copy_changed=old_copy != copy.encode("utf-8"),
    )
    if not done.changed:
        return done
    _check(sources, iid, pid, text, doc, copy, copy_file, on)
    if not dry_run:
        if ini_path.read_bytes() != before:
            raise UserError(f"{doc.file} changed on disk while signing; nothing was changed")
        if done.copy_changed:
            _write(copy_path, copy.encode("utf-8"))
        if done.line_changed:
            _write(ini_path, text.encode("utf-8"))
    return done


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all, keeping the file's permissions (a new file gets the umask's)."""
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
    atomic_write(path, data, durable=True)
    os.chmod(path, mode)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# --- the text edit ----------------------------------------------------------------------


def _cannot(doc: Document, why: str) -> UserError:
    return UserError(
        f"{doc.file}: cannot record the signature in place: {why}; nothing was changed: "
        "set charter_signed by hand, then run `playbook sign` again"
    )


def _set_signed(text: str, doc: Document, index: int, on: dt.date) -> str:
    """`text` with team[index].charter_signed set to `on`: its value replaced, or a line
    added after the member's charter (kpis, stages...), in the indent of their keys."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        raise _cannot(doc, "the file is not key: value pairs")
    team = next((v for k, v in root.value if k.value == "team"), None)
    if not isinstance(team, yaml.SequenceNode) or index >= len(team.value):
        raise _cannot(doc, "team is not a list")
    node = team.value[index]
    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        raise _cannot(doc, f"line {node.start_mark.line + 1}: the member is not one key per line")
    keys = {k.value: (k, v) for k, v in node.value}
    value = on.isoformat()
    if "charter_signed" in keys:
        found = keys["charter_signed"][1]
        if not isinstance(found, yaml.ScalarNode) or found.start_mark.line != found.end_mark.line:
            raise _cannot(doc, f"line {found.start_mark.line + 1}: charter_signed is not one value")
        start, end = found.start_mark.index, found.end_mark.index
        if start == end:  # `charter_signed:` with nothing after it
            start = end = text.index(":", keys["charter_signed"][0].end_mark.index) + 1
            value = " " + value
        return text[:start] + value + text[end:]
    lines, newline = split_lines(text)
    after = [keys[k][1] for k in BEFORE if k in keys]
    at = end_line(after[-1]) + 1 if after else end_line(node) + 1
    indent = " " * node.value[0][0].start_mark.column
    lines.insert(at, f"{indent}charter_signed: {value}{newline}")
    out = "".join(lines)
    return out if text.endswith(("\n", "\r")) else out.rstrip("\r\n")


def _loaded(text: str, file: str) -> tuple[Document | None, list[Problem]]:
    with tempfile.TemporaryDirectory(prefix="playbook-sign-") as tmp:
        path = Path(tmp) / "file.yml"
        path.write_bytes(text.encode("utf-8"))
        doc, problems = load(path, file)
    return doc, list(problems)


def _check(
    sources: Sources,
    iid: str,
    pid: str,
    text: str,
    doc: Document,
    copy: str,
    copy_file: str,
    on: dt.date,
) -> None:
    """The project as it would be after signing must validate and say what we meant: the
    member signed on `on`, and the copy matches their charter."""
    new_doc, problems = _loaded(text, doc.file)
    new_copy, copy_problems = _loaded(copy, copy_file)
    if new_doc is None or new_copy is None or problems or copy_problems:
        raise _cannot(doc, "the edited files would not load")
    signed = {**sources.signed.get(iid, {}), pid: new_copy}
    after = replace(
        sources,
        initiatives={**sources.initiatives, iid: new_doc},
        signed={**sources.signed, iid: signed},
    )
    try:
        ini = validate(after).initiatives[iid]
    except UserError as exc:
        raise UserError(
            f"{doc.file}: the playbooks would not validate after signing; nothing was changed",
            exc.problems,
        ) from None
    member = next(m for m in ini.team if m.person == pid)
    state = signature(ini, member)
    if member.charter_signed != on or state.state != "current" or state.kept_on != on:
        raise _cannot(doc, "the edited file does not read back as the signature (unusual layout)")
