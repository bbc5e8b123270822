"""Delivering the drafts over SMTP, one recipient at a time, each recorded once confirmed.

A refused recipient does not stop the others; a lost connection fails the rest of the run
(run again to retry them: those already sent are not sent again).
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from generator.delivery.outbox import Draft, SendLog
from generator.source.problems import UserError

USER, PASSWORD = "PLAYBOOK_SMTP_USER", "PLAYBOOK_SMTP_PASSWORD"
TIMEOUT = 30  # seconds: a server that stops answering fails the run instead of hanging it
Status = Literal["sent", "already sent", "failed", "may have been sent"]
MAYBE = (
    "the last run stopped while the server held this note, so it may have been delivered; "
    "not sent again (pass --resend {pid} to send it)"
)


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    starttls: bool = False

    @property
    def shown(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class Result:
    draft: Draft
    status: Status
    detail: str = ""
    lost: str = ""  # the connection was lost: the rest of the run cannot be sent


def parse_server(value: str) -> Server:
    """HOST:PORT, with an IPv6 host in brackets ([::1]:25)."""
    host, sep, port = value.rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"'{value}' is not HOST:PORT (e.g. smtp.example.com:587)")
    return Server(host, int(port))


def _reply(code: int, text: bytes | str) -> str:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(message.split())}"


@contextmanager
def connect(server: Server) -> Iterator[smtplib.SMTP]:
    """An open session, logged in when PLAYBOOK_SMTP_USER is set; a clear error otherwise."""
    where = f"the SMTP server {server.shown}"
    try:
        smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
    except (OSError, smtplib.SMTPException) as exc:
        why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise UserError(f"cannot reach {where}: {why}; nothing was sent") from None
    try:
        if server.starttls:
            smtp.starttls(context=ssl.create_default_context())
        user = os.environ.get(USER)
        if user:
            smtp.login(user, os.environ.get(PASSWORD, ""))
    except smtplib.SMTPNotSupportedError:
        smtp.close()
        raise UserError(f"{where} does not offer STARTTLS; nothing was sent") from None
    except smtplib.SMTPAuthenticationError as exc:
        smtp.close()
        raise UserError(
            f"{where} refused the login of {USER} ({_reply(exc.smtp_code, exc.smtp_error)}); "
            "nothing was sent"
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        smtp.close()
        raise UserError(f"cannot start a session with {where}: {exc}; nothing was sent") from None
    try:
        yield smtp
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()


def _send_one(
    smtp: smtplib.SMTP, sender: str, draft: Draft, handing_over: Callable[[], None]
) -> str | None:
    """None once the server accepted the message for the recipient; else why not.

    The envelope first, then `handing_over`, then the message: from DATA on, a lost answer
    leaves the note perhaps delivered, and the send log says so before it starts."""
    smtp.ehlo_or_helo_if_needed()
    code, text = smtp.mail(sender)
    if code != 250:
        smtp.rset()
        return f"sender {sender} refused: {_reply(code, text)}"
    code, text = smtp.rcpt(draft.to.addr_spec)
    if code not in (250, 251):
        smtp.rset()
        return f"recipient refused: {_reply(code, text)}"
    handing_over()
    try:
        code, text = smtp.data(draft.data)
    except smtplib.SMTPDataError as exc:  # DATA itself refused: the message never left
        smtp.rset()
        return f"refused: {_reply(exc.smtp_code, exc.smtp_error)}"
    if code != 250:
        smtp.rset()
        return f"refused: {_reply(code, text)}"
    return None


def _attempt(smtp: smtplib.SMTP, sender: str, d: Draft, log: SendLog) -> Result:
    """One draft through an open session, its send log kept as it goes."""
    handed = False

    def handing_over() -> None:
        nonlocal handed
        log.hand_over(d)
        handed = True

    try:
        why = _send_one(smtp, sender, d, handing_over)
    except (OSError, smtplib.SMTPException) as exc:
        lost = f"connection lost ({exc or type(exc).__name__})"
        if handed:
            return Result(d, "may have been sent", f"{lost}; {MAYBE.format(pid=d.pid)}", lost)
        return Result(d, "failed", f"{lost}; not sent", lost)
    if why is None:
        log.record(d)
        return Result(d, "sent")
    if handed:
        log.forget(d)
    return Result(d, "failed", why)


def deliver(
    server: Server,
    sender: str,
    drafts: list[Draft],
    log: SendLog,
    report: Callable[[Result], None],
    resend: frozenset[str] = frozenset(),
) -> list[Result]:
    """Send each draft not yet sent for this transition; report each result as it comes.

    A note the last run handed over without hearing back is sent again only when its member
    is in `resend`."""
    results: list[Result] = []

    def done(result: Result) -> None:
        results.append(result)
        report(result)

    waiting = []
    for d in drafts:
        if log.sent(d.pid):
            done(Result(d, "already sent"))
        elif log.in_flight(d.pid) and d.pid not in resend:
            done(Result(d, "may have been sent", MAYBE.format(pid=d.pid)))
        else:
            waiting.append(d)
    if not waiting:
        return results
    with connect(server) as smtp:
        for i, d in enumerate(waiting):
            result = _attempt(smtp, sender, d, log)
            done(result)
            if result.lost:
                for rest in waiting[i + 1 :]:
                    done(Result(rest, "failed", f"{result.lost}; not sent"))
                break
    return results
