"""A member's note -> an RFC 5322 message: text and HTML alternatives, their calendar attached.

The wording is in templates/email/ (editable like the site's). The same note gives the same
bytes: Date, Message-ID and MIME boundaries come from the data, never the clock or chance.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import jinja2

from generator.content.calendars import Occurrence
from generator.content.mail import one_line
from generator.delivery.notes import Note
from generator.source import zones
from generator.source.problems import UserError

TEXT = "email/transition.txt.j2"
HTML = "email/transition.html.j2"
# Drafts use the policy of the wire (CRLF, lines folded at 78): what is sent is the file.
WIRE = policy.SMTP


def _minutes(value: int) -> str:
    hours, mins = divmod(int(value), 60)
    return " ".join(p for p in (f"{hours} h" if hours else "", f"{mins} min" if mins else "") if p)


def _label(value: str) -> str:
    return value.replace("-", " ").capitalize()


def _when(occ: Occurrence) -> str:
    s = occ.session
    if not s.start:
        return f"{s.date.isoformat()} (time to be confirmed)"
    return f"{s.date.isoformat()} {s.start} {occ.view.ini.timezone} time"


def environment(templates: Sequence[Path]) -> jinja2.Environment:
    """The email templates (the site's own first, then the packaged ones): HTML escaped as
    HTML, text left as written (it is plain text)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(t) for t in templates]),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(minutes=_minutes, label=_label, when=_when)
    return env


def _render(env: jinja2.Environment, name: str, note: Note) -> str:
    try:
        return env.get_template(name).render(note=note)
    except jinja2.TemplateNotFound as exc:
        raise UserError(
            f"templates/{exc.name}: template not found; restore it from the playbook "
            "repository you started from"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        where = f"templates/{name}:{exc.lineno}"
        raise UserError(f"{where}: template syntax error: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise UserError(f"templates/{name}: template error: {exc}") from None


def subject(note: Note) -> str:
    return one_line(f"{note.view.ini.title}: now in {note.stage.name}")


def message_id(note: Note, sender: Address) -> str:
    """Stable per member and transition: a resent draft is recognisably the same message."""
    domain = sender.domain or "playbook.invalid"
    return f"<{note.view.id}.{note.stage.id}.{note.on:%Y%m%d}.{note.pid}@{domain}>"


def message(note: Note, sender: Address, env: jinja2.Environment) -> EmailMessage:
    text, html = _render(env, TEXT, note), _render(env, HTML, note)
    msg = EmailMessage(policy=WIRE)
    msg["From"] = sender
    msg["To"] = note.to
    msg["Subject"] = subject(note)
    midnight = dt.datetime.combine(note.on, dt.time(), tzinfo=zones.zone(note.view.ini.timezone))
    msg["Date"] = format_datetime(midnight)
    msg["Message-ID"] = message_id(note, sender)
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    if note.calendar:
        msg.add_attachment(
            note.calendar,
            maintype="text",
            subtype="calendar",
            filename=f"{note.pid}.ics",
            params={"method": "PUBLISH"},
        )
    # Boundaries from the content, not from random numbers: same note, same bytes.
    digest = hashlib.sha256(text.encode() + html.encode() + (note.calendar or b"")).hexdigest()
    for depth, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"=_playbook_{depth}_{digest[:32]}")
    return msg


def as_bytes(msg: EmailMessage) -> bytes:
    return msg.as_bytes(policy=WIRE)
