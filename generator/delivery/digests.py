"""A digest -> an RFC 5322 message for its reader: text and HTML alternatives, composed as
the transition notes are (messages.compose), worded by templates/email/digest.*.j2.

The same digest gives the same bytes: its Date is the digest's date, its Message-ID names
the initiative, the date and the recipient, its boundaries come from its content.
"""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from typing import Literal

import jinja2

from generator.content.digest import Digest
from generator.content.i18n import Wording
from generator.content.mail import one_line
from generator.delivery.messages import compose, render

__all__ = ["HTML", "Recipient", "TEXT", "message", "message_id", "subject"]

TEXT = "email/digest.txt.j2"
HTML = "email/digest.html.j2"
# Who a digest is for: the sponsor (leadership content) or the office (core content).
Recipient = Literal["sponsor", "office"]


def subject(d: Digest, words: Wording) -> str:
    """The initiative and how many things need the reader; a quiet week says so too."""
    title = d.view.ini.title
    if not d.count:
        said = words.gettext("%(initiative)s: nothing needs you this week")
        return one_line(said % {"initiative": title})
    said = words.ngettext(
        "%(initiative)s: %(num)d thing needs you this week",
        "%(initiative)s: %(num)d things need you this week",
        d.count,
    )
    return one_line(said % {"initiative": title, "num": d.count})


def message_id(d: Digest, recipient: Recipient, sender: Address) -> str:
    """Stable per initiative, date and recipient: a rewritten draft is the same message."""
    domain = sender.domain or "playbook.invalid"
    return f"<{d.view.id}.digest.{d.on:%Y%m%d}.{recipient}@{domain}>"


def message(
    d: Digest,
    recipient: Recipient,
    to: Address,
    sender: Address,
    env: jinja2.Environment,
    words: Wording,
) -> EmailMessage:
    title = subject(d, words)
    context = {"d": d, "subject": title, "horizon": d.horizon}
    return compose(
        sender,
        to,
        title,
        d.on,
        d.view.ini.timezone,
        message_id(d, recipient, sender),
        render(env, TEXT, **context),
        render(env, HTML, **context),
    )
