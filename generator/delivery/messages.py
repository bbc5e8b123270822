"""A member's note -> an RFC 5322 message: text and HTML alternatives, their calendar attached.

The wording is in templates/email/ (editable like the site's). The same note gives the same
bytes: Date, Message-ID and MIME boundaries come from the data, never the clock or chance.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import jinja2

from generator.content.calendars import Occurrence
from generator.content.i18n import Wording, wording
from generator.content.mail import one_line
from generator.delivery.notes import Note
from generator.source import zones
from generator.source.problems import UserError

__all__ = [
    "HTML",
    "TEXT",
    "WIRE",
    "as_bytes",
    "compose",
    "environment",
    "message",
    "message_id",
    "render",
    "subject",
]

TEXT = "email/transition.txt.j2"
HTML = "email/transition.html.j2"
# Drafts use the policy of the wire (CRLF, lines folded at 78): what is sent is the file.
WIRE = policy.SMTP


def _when(words: Wording) -> Callable[[Occurrence], str]:
    def when(occ: Occurrence) -> str:
        s = occ.session
        if not s.start:
            return words.gettext("%(date)s (time to be confirmed)") % {"date": words.date(s.date)}
        return words.gettext("%(date)s %(start)s %(zone)s time") % {
            "date": words.date(s.date),
            "start": s.start,
            "zone": occ.view.ini.timezone,
        }

    return when


def environment(templates: Sequence[Path], words: Wording | None = None) -> jinja2.Environment:
    """The email templates (the site's own first, then the packaged ones), in the site's
    language: HTML escaped as HTML, text left as written (it is plain text)."""
    words = words or wording()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(t) for t in templates]),
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(words.translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        minutes=words.minutes,
        label=lambda value, kind: words.label(kind, value),
        when=_when(words),
        date=words.date,
        number=words.number,
        line=one_line,
    )
    env.globals.update(language=words.language)
    return env


def render(env: jinja2.Environment, name: str, **context: object) -> str:
    """A mail template, or a clear error naming it (a site may override the templates)."""
    try:
        return env.get_template(name).render(**context)
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


def subject(note: Note, words: Wording | None = None) -> str:
    words = words or wording()
    return one_line(
        words.gettext("%(initiative)s: now in %(stage)s")
        % {"initiative": note.view.ini.title, "stage": note.stage.name}
    )


def message_id(note: Note, sender: Address) -> str:
    """Stable per member and transition: a resent draft is recognisably the same message."""
    domain = sender.domain or "playbook.invalid"
    return f"<{note.view.id}.{note.stage.id}.{note.on:%Y%m%d}.{note.pid}@{domain}>"


def compose(
    sender: Address,
    to: Address,
    title: str,
    day: dt.date,
    zone: str,
    mid: str,
    text: str,
    html: str,
    calendar: tuple[str, bytes] | None = None,
) -> EmailMessage:
    """Text and HTML alternatives (and a calendar, by file name) as one message whose every
    byte comes from its inputs: dated midnight of `day` in `zone`, never the clock."""
    msg = EmailMessage(policy=WIRE)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = title
    midnight = dt.datetime.combine(day, dt.time(), tzinfo=zones.zone(zone))
    msg["Date"] = format_datetime(midnight)
    msg["Message-ID"] = mid
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    if calendar:
        msg.add_attachment(
            calendar[1],
            maintype="text",
            subtype="calendar",
            filename=calendar[0],
            # The calendar is UTF-8 (names, places in any language): say so, for strict readers.
            params={"method": "PUBLISH", "charset": "utf-8"},
        )
    # Boundaries from the content, not from random numbers: same note, same bytes.
    attached = calendar[1] if calendar else b""
    digest = hashlib.sha256(text.encode() + html.encode() + attached).hexdigest()
    for depth, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"=_playbook_{depth}_{digest[:32]}")
    return msg


def message(
    note: Note, sender: Address, env: jinja2.Environment, words: Wording | None = None
) -> EmailMessage:
    return compose(
        sender,
        note.to,
        subject(note, words),
        note.on,
        note.view.ini.timezone,
        message_id(note, sender),
        render(env, TEXT, note=note),
        render(env, HTML, note=note),
        (f"{note.pid}.ics", note.calendar) if note.calendar else None,
    )


def as_bytes(msg: EmailMessage) -> bytes:
    return msg.as_bytes(policy=WIRE)
