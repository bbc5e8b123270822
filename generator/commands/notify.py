"""`playbook notify`: a transition note for every team member with an email, as drafts in
the outbox, and optionally sent over SMTP. `playbook advance` writes the same drafts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.utils import parseaddr
from pathlib import Path

from generator.content import mail
from generator.content.audience import filter_project
from generator.content.views import InitiativeView
from generator.content.what_changed import what_changed
from generator.delivery import messages, notes, outbox, smtp
from generator.delivery.outbox import Draft, SendLog
from generator.pipeline import Layout, settings_for
from generator.site.config import checked_url
from generator.source.explain import did_you_mean
from generator.source.load import load_sources
from generator.source.model import Visibility
from generator.source.problems import UserError, printable
from generator.source.validate import validate

__all__ = ["AUDIENCE", "Batch", "NO_SENDER", "given_sender", "prepare", "send", "write"]

# The drafts say what the leadership site says: never anything core.
AUDIENCE: Visibility = "leadership"
NO_SENDER = "playbook@playbook.invalid"  # a reserved domain (RFC 2606): it cannot be sent


@dataclass(frozen=True)
class Batch:
    """The notes of one transition, ready to write or send."""

    initiative: str
    stage: str
    transition: str  # what the send log is keyed by: the same move is never sent twice
    sender: Address
    drafts: list[Draft]
    skipped: list[notes.Skipped]
    log: Path
    absolute_links: bool

    def shown(self, path: Path, root: Path) -> str:
        return path.relative_to(root).as_posix()


def given_sender(given: str) -> Address:
    if any(ord(c) < 32 or ord(c) == 127 for c in given):
        # A line break would start a header of its own: a changed sender, a hidden Bcc.
        raise UserError(
            f"--from '{printable(given)}' holds a line break or control character; give one "
            "address on one line (e.g. office@example.com); nothing was sent"
        )
    name, addr = parseaddr(given)
    if "@" in addr and not addr.rpartition("@")[0].isascii():
        raise UserError(f"--from '{given}': {mail.unusable(addr)}; nothing was sent")
    try:
        address: Address | None = Address(display_name=name, addr_spec=addr)
    except (ValueError, IndexError, HeaderParseError):
        address = None
    if not address or not address.username or not address.domain:
        raise UserError(f"--from '{given}' is not an email address (e.g. office@example.com)")
    wire, why = mail.for_the_wire(address)
    if wire is None:
        raise UserError(f"--from '{given}': {why}; nothing was sent")
    return wire


def _sender(given: str | None, view: InitiativeView) -> Address:
    if given:
        return given_sender(given)
    sponsor = view.person(view.ini.sponsor)
    found = mail.address(sponsor) if sponsor else None
    wire = mail.for_the_wire(found)[0] if found else None
    return wire or Address(display_name=mail.one_line(view.ini.owner), addr_spec=NO_SENDER)


def prepare(
    layout: Layout, iid: str, sender: str | None = None, site_url: str | None = None
) -> Batch:
    """Every member's draft for the stage `iid` is now in, built in memory."""
    project = filter_project(validate(load_sources(layout.playbooks, layout.root)), AUDIENCE)
    if iid not in project.initiatives:
        known = sorted(project.initiatives)
        raise UserError(
            f"unknown initiative '{iid}'{did_you_mean(iid, known)}; "
            f"initiatives: {', '.join(known) or 'none'}"
        )
    views = [
        InitiativeView(k, ini, project.people, AUDIENCE, project.pulse.get(k))
        for k, ini in project.initiatives.items()
    ]
    view = next(v for v in views if v.id == iid)
    settings = settings_for(layout, AUDIENCE)
    if site_url:
        settings = replace(settings, site_url=checked_url(site_url, "--site-url"))
    url = settings.site_url
    found, skipped = notes.notes(view, views, settings)
    address = _sender(sender, view)
    env = messages.environment(layout.template_folders, settings.words)
    where = outbox.folder(layout.root, iid, view.ini.current_stage)
    drafts = []
    for note in found:
        msg = messages.message(note, address, env, settings.words)
        path = where / f"{note.pid}.eml"
        shown = path.relative_to(layout.root).as_posix()
        drafts.append(
            Draft(note.pid, note.to, str(msg["Message-ID"]), messages.as_bytes(msg), path, shown)
        )
    change = what_changed(view)
    left = change.left.id if change and change.entered.id == view.ini.current_stage else ""
    # Keyed by what the playbook recorded, never by the day the command runs: a stage with
    # no recorded start is the same transition on every retry.
    on = notes.recorded_start(view)
    return Batch(
        iid,
        view.ini.current_stage,
        f"{on.isoformat() if on else '(no start recorded)'} {left or '(start)'} -> "
        f"{view.ini.current_stage}",
        address,
        drafts,
        skipped,
        where / outbox.LOG,
        bool(url),
    )


def write(batch: Batch, say: Callable[[str], None]) -> None:
    """Write the drafts (only those that changed) and say what happened to each member."""
    for draft, changed in outbox.write_drafts(batch.drafts):
        say(f"{draft.shown}: {'written' if changed else 'unchanged'} ({draft.to})")
    for s in batch.skipped:
        say(f"skipped {s.pid} ({s.name}): {s.reason}")
    if not batch.absolute_links and batch.drafts:
        say(
            "note: mkdocs.yml sets no site_url, so the links in the drafts are paths on the "
            "site, not full addresses; set site_url (or pass --site-url) before sending"
        )


def send(
    batch: Batch,
    root: Path,
    server: smtp.Server,
    say: Callable[[str], None],
    resend: frozenset[str] = frozenset(),
) -> None:
    """Deliver every draft not yet sent for this transition; UserError if any failed."""
    if batch.sender.addr_spec == NO_SENDER:
        raise UserError(
            f"{batch.initiative}: the drafts have no sender address (the sponsor has no email "
            "a mail server can take); pass --from ADDRESS; nothing was sent"
        )
    unknown = sorted(resend - {d.pid for d in batch.drafts})
    if unknown:
        known = sorted(d.pid for d in batch.drafts)
        raise UserError(
            f"--resend {unknown[0]}: no draft for this member in {batch.initiative}"
            f"{did_you_mean(unknown[0], known)}; nothing was sent"
        )
    if not batch.drafts:
        say("nothing to send: no team member has an email address")
        return
    log_shown = batch.shown(batch.log, root)
    busy = f"{log_shown}: another `playbook notify --send` is sending these notes; nothing was sent"
    with outbox.sending(batch.log, busy):
        log = SendLog(batch.log, log_shown, batch.transition)
        sender = batch.sender.addr_spec
        results = smtp.deliver(server, sender, batch.drafts, log, _reporter(say), resend)
    _outcome(results, log_shown)


def _outcome(results: list[smtp.Result], log_shown: str) -> None:
    failed = [r for r in results if r.status == "failed"]
    maybe = [r.draft.pid for r in results if r.status == "may have been sent"]
    n, of = len(failed), len(results)
    parts = []
    if failed:
        parts.append(
            f"{n} of {of} note{'s' if of != 1 else ''} not sent; run the same command again "
            f"to retry (those sent are recorded in {log_shown} and not sent again)"
        )
    if maybe:
        again = " ".join(f"--resend {pid}" for pid in maybe)
        parts.append(
            f"{len(maybe)} note{'s' if len(maybe) != 1 else ''} may have been delivered "
            f"already ({', '.join(maybe)}): check with the member, and pass {again} to send "
            "it again"
        )
    if parts:
        raise UserError("\n".join(parts))


def _reporter(say: Callable[[str], None]) -> Callable[[smtp.Result], None]:
    def report(r: smtp.Result) -> None:
        say(f"{r.status}: {r.draft.to}" + (f": {r.detail}" if r.detail else ""))

    return report
