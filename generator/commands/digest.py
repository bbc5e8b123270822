"""`playbook digest`: each initiative's weekly digest, as drafts in the outbox
(outbox/<initiative>/digest/<date>/<recipient>.eml), optionally sent over SMTP as `notify`
sends its notes: per-recipient results, the send log, never the same digest twice.

Two readers, two audiences: the sponsor gets what the leadership site shows, the office
(`office_email`) what the core site shows. Each digest is computed from the model filtered
for its reader (content/audience.py), by content/digest.py, on the date given: the same
playbooks and date give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from email.headerregistry import Address
from pathlib import Path

import jinja2

from generator.commands.notify import NO_SENDER, given_sender
from generator.content import mail
from generator.content.audience import filter_project
from generator.content.digest import Digest, digest
from generator.content.i18n import Wording
from generator.content.settings import Settings
from generator.content.views import InitiativeView
from generator.delivery import digests, messages, outbox, smtp
from generator.delivery.digests import Recipient
from generator.delivery.outbox import Draft, SendLog
from generator.layout import OUTBOX
from generator.pipeline import Layout, settings_for
from generator.site.config import checked_url
from generator.source.explain import did_you_mean
from generator.source.load import Sources, load_sources
from generator.source.model import Initiative, Visibility
from generator.source.problems import UserError
from generator.source.project import Project
from generator.source.validate import validate
from generator.source.yamlfile import Document

__all__ = ["AUDIENCES", "Batch", "Skipped", "folder", "prepare", "send", "write"]

# Who reads which digest, and what they may see of the playbook.
AUDIENCES: dict[Recipient, Visibility] = {"sponsor": "leadership", "office": "core"}


@dataclass(frozen=True)
class Skipped:
    initiative: str
    recipient: Recipient
    reason: str  # what is missing and what to add, as the user reads it


@dataclass(frozen=True)
class Batch:
    """One initiative's digests of one date, ready to write or send."""

    initiative: str
    on: dt.date
    sender: Address
    drafts: list[Draft]
    counts: dict[str, int]  # recipient -> how many things need them
    skipped: list[Skipped]
    log: Path
    log_shown: str
    absolute_links: bool


def folder(root: Path, iid: str, on: dt.date) -> Path:
    return root / OUTBOX / iid / "digest" / on.isoformat()


@dataclass(frozen=True)
class _Run:
    """What every initiative's digests share in one run."""

    layout: Layout
    sources: Sources
    project: Project
    seen: dict[Visibility, Project]
    settings: dict[Recipient, Settings]
    env: jinja2.Environment
    words: Wording
    on: dt.date
    since: dt.date
    sender: str | None

    def shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.layout.root).as_posix()
        except ValueError:
            return path.as_posix()


def _initiatives(project: Project, iid: str | None) -> list[str]:
    known = sorted(project.initiatives)
    if iid is None:
        if not known:
            raise UserError("no initiative to digest: the playbooks hold none")
        return known
    if iid not in project.initiatives:
        raise UserError(
            f"unknown initiative '{iid}'{did_you_mean(iid, known)}; "
            f"initiatives: {', '.join(known) or 'none'}"
        )
    return [iid]


def _sponsor(run: _Run, iid: str, ini: Initiative) -> tuple[Address | None, str]:
    pid = ini.sponsor
    person = run.project.people[pid]
    file = run.shown(run.layout.playbooks / "people" / f"{pid}.yml")
    doc = run.sources.people.get(pid)
    if not person.email:
        return None, (
            f"{iid}: the sponsor's digest was not written: {person.name} ({pid}) has no email "
            f"address; add `email: ADDRESS` to {doc.file if doc else file}"
        )
    found = mail.address(person)
    why = mail.unusable(person.email)
    if found is not None:
        found, why = mail.for_the_wire(found)
    if found is None:
        where = _mark(doc, ("email",)) if doc else file
        return None, f"{where}: email: {why}; {iid}: the sponsor's digest was not written"
    return found, ""


def _office(run: _Run, iid: str, ini: Initiative) -> tuple[Address | None, str]:
    doc = run.sources.initiatives.get(iid)
    file = doc.file if doc else run.shown(run.layout.playbooks / iid / "initiative.yml")
    if not ini.office_email:
        return None, (
            f"{iid}: the office's digest was not written: the initiative has no office_email; "
            f"add `office_email: ADDRESS` (the transformation office's address) to {file}"
        )
    found = mail.mailbox(ini.owner, ini.office_email)
    why = mail.unusable(ini.office_email)
    if found is not None:
        found, why = mail.for_the_wire(found)
    if found is None:
        where = _mark(doc, ("office_email",)) if doc else file
        return None, f"{where}: office_email: {why}; {iid}: the office's digest was not written"
    return found, ""


def _mark(doc: Document, path: tuple[str, ...]) -> str:
    line, col = doc.marks.at(path)
    return f"{doc.file}:{line}:{col}"


_FINDERS: tuple[
    tuple[Recipient, Callable[[_Run, str, Initiative], tuple[Address | None, str]]], ...
] = (
    ("sponsor", _sponsor),
    ("office", _office),
)


def _sender(run: _Run, to: dict[Recipient, Address], ini: Initiative) -> Address:
    """--from, else the office (which sends the digests), else the sponsor, else nobody."""
    if run.sender:
        return given_sender(run.sender)
    found = to.get("office") or to.get("sponsor")
    return found or Address(display_name=mail.one_line(ini.owner), addr_spec=NO_SENDER)


def _batch(run: _Run, iid: str) -> Batch:
    ini = run.project.initiatives[iid]
    to: dict[Recipient, Address] = {}
    skipped = []
    for recipient, find in _FINDERS:
        found, why = find(run, iid, ini)
        if found is None:
            skipped.append(Skipped(iid, recipient, why))
        else:
            to[recipient] = found
    sender = _sender(run, to, ini)
    where = folder(run.layout.root, iid, run.on)
    drafts: list[Draft] = []
    counts: dict[str, int] = {}
    for recipient, address in to.items():  # the sponsor first, then the office
        audience = AUDIENCES[recipient]
        seen = run.seen[audience]
        view = InitiativeView(
            iid, seen.initiatives[iid], seen.people, audience, seen.pulse.get(iid)
        )
        said: Digest = digest(view, run.on, run.since, run.settings[recipient])
        msg = digests.message(said, recipient, address, sender, run.env, run.words)
        path = where / f"{recipient}.eml"
        data = messages.as_bytes(msg)
        drafts.append(
            Draft(recipient, address, str(msg["Message-ID"]), data, path, run.shown(path))
        )
        counts[recipient] = said.count
    links = all(bool(run.settings[r].site_url) for r in to)
    log = where / outbox.LOG
    return Batch(iid, run.on, sender, drafts, counts, skipped, log, run.shown(log), links)


def prepare(
    layout: Layout,
    iid: str | None,
    on: dt.date,
    since: dt.date,
    sender: str | None = None,
    site_url: str | None = None,
    office_site_url: str | None = None,
) -> list[Batch]:
    """The digests of `iid` (every initiative when None) on `on`, built in memory."""
    sources = load_sources(layout.playbooks, layout.root)
    project = validate(sources)
    iids = _initiatives(project, iid)
    # Only the initiatives digested are filtered (one of twenty, or all).
    chosen = replace(project, initiatives={k: project.initiatives[k] for k in iids})
    base = settings_for(layout, "leadership", on)
    if site_url:
        base = replace(base, site_url=checked_url(site_url, "--site-url"))
    office = replace(base, audience="core")
    if office_site_url:
        office = replace(office, site_url=checked_url(office_site_url, "--office-site-url"))
    run = _Run(
        layout=layout,
        sources=sources,
        project=project,
        seen={a: filter_project(chosen, a) for a in sorted(set(AUDIENCES.values()))},
        settings={"sponsor": base, "office": office},
        env=messages.environment(layout.template_folders, base.words),
        words=base.words,
        on=on,
        since=since,
        sender=sender,
    )
    return [_batch(run, i) for i in iids]


def write(batches: list[Batch], say: Callable[[str], None]) -> None:
    """Write the drafts (only those that changed) and say what happened to each recipient;
    UserError when no digest could be written at all."""
    for batch in batches:
        for draft, changed in outbox.write_drafts(batch.drafts):
            n = batch.counts[draft.pid]
            needs = f"{n} thing{'s' if n != 1 else ''} need{'' if n != 1 else 's'} attention"
            say(f"{draft.shown}: {'written' if changed else 'unchanged'} ({draft.to}; {needs})")
        for s in batch.skipped:
            say(f"skipped: {s.reason}")
    if any(b.drafts and not b.absolute_links for b in batches):
        say(
            "note: mkdocs.yml sets no site_url, so the links in the digests are paths on the "
            "site, not full addresses; set site_url (or pass --site-url) before sending"
        )
    if not any(b.drafts for b in batches):
        raise UserError(
            "no digest was written: no recipient has a usable address (see above); nothing was sent"
        )


def send(
    batches: list[Batch],
    root: Path,
    server: smtp.Server,
    say: Callable[[str], None],
    resend: frozenset[str] = frozenset(),
) -> None:
    """Deliver every draft not yet sent for its date; UserError if any failed."""
    waiting = [b for b in batches if b.drafts]
    for b in waiting:
        if b.sender.addr_spec == NO_SENDER:
            raise UserError(
                f"{b.initiative}: the digests have no sender address (neither office_email nor "
                "the sponsor's email is one a mail server can take); pass --from ADDRESS; "
                "nothing was sent"
            )
    results: list[smtp.Result] = []
    logs: list[str] = []
    for b in waiting:
        shown = b.log_shown
        busy = (
            f"{shown}: another `playbook digest --send` is sending these digests; "
            "nothing more was sent"
        )
        with outbox.sending(b.log, busy):
            log = SendLog(b.log, shown, f"digest {b.on.isoformat()}")
            found = smtp.deliver(server, b.sender.addr_spec, b.drafts, log, _reporter(say), resend)
        results += found
        if any(r.status != "sent" and r.status != "already sent" for r in found):
            logs.append(shown)
    _outcome(results, logs)


def _outcome(results: list[smtp.Result], logs: list[str]) -> None:
    failed = [r for r in results if r.status == "failed"]
    maybe = sorted({r.draft.pid for r in results if r.status == "may have been sent"})
    n, of = len(failed), len(results)
    parts = []
    if failed:
        parts.append(
            f"{n} of {of} digest{'s' if of != 1 else ''} not sent; run the same command again "
            f"to retry (those sent are recorded in {', '.join(logs)} and not sent again)"
        )
    if maybe:
        again = " ".join(f"--resend {r}" for r in maybe)
        parts.append(
            "a digest may have been delivered already (the last run stopped while the server "
            f"held it): check with the recipient, and pass {again} to send it again"
        )
    if parts:
        raise UserError("\n".join(parts))


def _reporter(say: Callable[[str], None]) -> Callable[[smtp.Result], None]:
    def report(r: smtp.Result) -> None:
        said = f"{r.status}: {r.draft.shown} ({r.draft.to})"
        say(said + (f": {r.detail}" if r.detail else ""))

    return report
