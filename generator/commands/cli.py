"""The commands that change the playbooks or act on them: advance, notify, digest, init,
people, attendance, pulse.

Doors, like generator/cli.py, which adds them to the `playbook` group: the work is done in
the modules beside this one.
"""

from __future__ import annotations

import datetime as dt

import click

from generator.commands.options import locked, mail_options, rendered, settings, smtp_server
from generator.pipeline import Layout, render_to_disk, today

__all__ = [
    "advance_command",
    "attendance",
    "digest",
    "init",
    "notify",
    "people",
    "people_import",
    "pulse",
]


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date as YYYY-MM-DD") from None


@click.command(name="advance")
@click.argument("initiative")
@click.option("--to", metavar="STAGE", help="The stage to move to (default: the next one).")
@click.option(
    "--date",
    "on",
    metavar="YYYY-MM-DD",
    callback=_date,
    help="The date of the transition (default: today).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Move even though exit criteria are open; the site shows which were.",
)
@click.option("--by", metavar="NAME", help="Who moves it, recorded in stage_history.")
@click.pass_obj
@locked
def advance_command(
    layout: Layout, initiative: str, to: str | None, on: dt.date | None, force: bool, by: str | None
) -> None:
    """Move INITIATIVE to the next (or named) stage, then re-render."""
    from generator.commands.advance import advance

    moved = advance(layout, initiative, on or today(), to=to, force=force, by=by)
    skipped = []
    if moved.open_criteria:
        n = len(moved.open_criteria)
        skipped.append(f"{n} exit criteri{'on' if n == 1 else 'a'} open")
    if moved.failed_checks:
        n = len(moved.failed_checks)
        skipped.append(f"{n} gate check{'' if n == 1 else 's'} failing")
    note = f" (forced: {', '.join(skipped)})" if skipped else ""
    click.echo(
        f"{moved.file}: {moved.initiative} moved from '{moved.left.id}' to "
        f"'{moved.entered.id}' on {moved.on}{note}"
    )
    click.echo(rendered(render_to_disk(layout, settings(layout))))
    # The members' notes for the stage just entered, as drafts to review and send.
    from generator.commands import notify as notes

    notes.write(notes.prepare(layout, initiative), click.echo)


@click.command(name="sign")
@click.argument("initiative")
@click.argument("person")
@click.option("--date", "on", metavar="YYYY-MM-DD", help="The date they signed (default: today).")
@click.option(
    "--by", metavar="NAME", help="Who records the signature (default: the initiative's owner)."
)
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@click.pass_obj
@locked
def sign_command(
    layout: Layout, initiative: str, person: str, on: str | None, by: str | None, dry_run: bool
) -> None:
    """Record that PERSON signed their charter in INITIATIVE, and keep what they signed."""
    from generator.commands.sign import parse_date, sign

    done = sign(layout, initiative, person, parse_date(on) if on else today(), by, dry_run)
    if not done.changed:
        click.echo(
            f"nothing to change: {done.person} signed their charter on {done.on}, and "
            f"{done.copy_file} keeps it as it stands"
        )
        return
    verb = "would " if dry_run else ""
    if done.line_changed:
        click.echo(
            f"{done.initiative_file}: {verb}set charter_signed of {done.person} to {done.on}"
        )
    if done.copy_changed:
        click.echo(f"{done.copy_file}: {verb}keep what {done.person} signed")
    if dry_run:
        click.echo("dry run: nothing was written")


@click.command()
@click.argument("initiative")
@mail_options("Sender of the notes (default: the sponsor's email).")
@click.option(
    "--resend",
    "resend",
    metavar="PERSON",
    multiple=True,
    help="Send again a note an interrupted run may have delivered (repeatable).",
)
@click.pass_obj
@locked
def notify(
    layout: Layout,
    initiative: str,
    send: bool,
    server: str | None,
    sender: str | None,
    starttls: bool,
    site_url: str | None,
    resend: tuple[str, ...],
) -> None:
    """Write (or --send) a transition note to every member of INITIATIVE's team.

    Drafts go to outbox/INITIATIVE/STAGE/PERSON.eml. SMTP credentials come from
    PLAYBOOK_SMTP_USER and PLAYBOOK_SMTP_PASSWORD when set."""
    from generator.commands import notify as notes

    where = smtp_server(send, server, starttls, resend)
    batch = notes.prepare(layout, initiative, sender, site_url)
    notes.write(batch, click.echo)
    if where is not None:
        notes.send(batch, layout.root, where, click.echo, frozenset(resend))


@click.command()
@click.argument("initiative", required=False)
@click.option("--all", "every", is_flag=True, help="Every initiative, each in its own drafts.")
@click.option(
    "--date",
    "on",
    metavar="YYYY-MM-DD",
    callback=_date,
    help="The digest's date (default: today): it names the drafts and decides what is due.",
)
@click.option(
    "--since",
    metavar="YYYY-MM-DD",
    callback=_date,
    help="Tell what happened after this day (default: 7 days before --date).",
)
@mail_options("Sender of the digests (default: office_email, else the sponsor's email).")
@click.option(
    "--office-site-url",
    metavar="URL",
    help="The core site's address, for the office's links (default: the site's).",
)
@click.option(
    "--resend",
    type=click.Choice(["sponsor", "office"]),
    multiple=True,
    help="Send again a digest an interrupted run may have delivered (repeatable).",
)
@click.pass_obj
@locked
def digest(
    layout: Layout,
    initiative: str | None,
    every: bool,
    on: dt.date | None,
    since: dt.date | None,
    send: bool,
    server: str | None,
    sender: str | None,
    starttls: bool,
    site_url: str | None,
    office_site_url: str | None,
    resend: tuple[str, ...],
) -> None:
    """Write (or --send) the weekly digest of INITIATIVE (or --all): one draft for the
    sponsor (leadership content) and one for the initiative's office_email (core content).

    Drafts go to outbox/INITIATIVE/digest/DATE/{sponsor,office}.eml. SMTP credentials come
    from PLAYBOOK_SMTP_USER and PLAYBOOK_SMTP_PASSWORD when set."""
    from generator.commands import digest as digests

    if every == bool(initiative):
        raise click.UsageError("give one INITIATIVE or --all")
    where = smtp_server(send, server, starttls, resend)
    day = on or today()
    start = since or day - dt.timedelta(days=7)
    if start >= day:
        raise click.BadParameter(
            f"{start} is not before the digest's date {day}", param_hint="--since"
        )
    batches = digests.prepare(layout, initiative, day, start, sender, site_url, office_site_url)
    digests.write(batches, click.echo)
    if where is not None:
        digests.send(batches, layout.root, where, click.echo, frozenset(resend))


@click.command()
@click.argument("initiative")
@click.option(
    "--sponsor",
    metavar="ID",
    required=True,
    help="Person id of the sponsor; a people file is created if missing.",
)
@click.option(
    "--member",
    "members",
    metavar="ID",
    multiple=True,
    help="Another team member (repeatable); a people file is created if missing.",
)
@click.option("--title", default=None, help="Title of the initiative (default: from the id).")
@click.option(
    "--stages",
    default="infancy,development,implementation",
    show_default=True,
    help="Stage ids, in order, separated by commas.",
)
@click.pass_obj
def init(
    layout: Layout,
    initiative: str,
    sponsor: str,
    members: tuple[str, ...],
    title: str | None,
    stages: str,
) -> None:
    """Scaffold playbooks/INITIATIVE/initiative.yml (never overwrites)."""
    from generator.commands.init import scaffold, write_scaffold

    plan = scaffold(
        layout.playbooks,
        initiative,
        sponsor,
        list(members),
        title,
        [s.strip() for s in stages.split(",")],
        today(),
    )
    for rel in write_scaffold(layout.playbooks, plan):
        click.echo(f"wrote playbooks/{rel}")
    click.echo(f"next: edit playbooks/{initiative}/initiative.yml, then `playbook validate`")


@click.group()
def people() -> None:
    """Manage the people files (playbooks/people/)."""


@people.command(name="import")
@click.argument("roster", metavar="ROSTER.csv")
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@click.pass_obj
@locked
def people_import(layout: Layout, roster: str, dry_run: bool) -> None:
    """Create and update people files from an HR export.

    ROSTER.csv has the columns id, name, title, function and optionally email and
    reports_to. Only those fields change in the files; nobody is deleted."""
    from generator.commands.people_import import import_people, summary

    for line in summary(import_people(layout, roster, dry_run), dry_run):
        click.echo(line)


@click.group()
def attendance() -> None:
    """Record who came to the training sessions (the `attended` of a session)."""


@attendance.command(name="import")
@click.argument("report", metavar="REPORT")
@click.option("--initiative", "iid", metavar="ID", required=True, help="The initiative.")
@click.option("--module", metavar="ID", help="The training module (default: found by date).")
@click.option(
    "--date",
    "on",
    metavar="YYYY-MM-DD",
    callback=_date,
    help="The meeting's date: finds the session, and settles a report whose dates read "
    "two ways (day or month first).",
)
@click.option(
    "--min-minutes",
    type=click.IntRange(min=0),
    metavar="N",
    help="Minutes present to count as attended (default: half the module's duration).",
)
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@click.pass_obj
@locked
def attendance_import(
    layout: Layout,
    report: str,
    iid: str,
    module: str | None,
    on: dt.date | None,
    min_minutes: int | None,
    dry_run: bool,
) -> None:
    """Add who came to a session, from a Teams attendance report or a Zoom participants
    export (CSV, told apart by content). Nobody is removed; guests are never written."""
    from generator.commands.attendance import import_attendance, summary

    done = import_attendance(layout, report, iid, module, on, min_minutes, dry_run)
    for line in summary(done, dry_run):
        click.echo(line)


@click.group()
def pulse() -> None:
    """Record the team's answers to the pulse (the `pulse.responses` of an initiative)."""


@pulse.command(name="import")
@click.argument("responses", metavar="RESPONSES")
@click.option("--initiative", "iid", metavar="ID", required=True, help="The initiative.")
@click.option("--stage", metavar="ID", required=True, help="The stage whose pulse they answered.")
@click.option(
    "--date",
    "on",
    metavar="YYYY-MM-DD",
    callback=_date,
    help="The date to record for every response (default: each one's completion time); "
    "needed when the export's dates read two ways (day or month first).",
)
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@click.pass_obj
@locked
def pulse_import(
    layout: Layout, responses: str, iid: str, stage: str, on: dt.date | None, dry_run: bool
) -> None:
    """Record each member's latest answers to a stage's pulse, from a Microsoft Forms export
    (.xlsx or .csv) or a Google Forms export (.csv), told apart by content. A later response
    replaces an earlier one; rows that match nobody on the team are listed, never written."""
    from generator.commands.pulse_import import import_pulse, summary

    for line in summary(import_pulse(layout, responses, iid, stage, on, dry_run), dry_run):
        click.echo(line)
