"""`notify --send` against a real SMTP server (aiosmtpd) that the tests start on loopback."""

from __future__ import annotations

import email
import json
import socket
from collections.abc import Iterator
from email import policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.conftest import run
from tests.test_notify import WITH_EMAIL

CX = "client-experience"
LOG = f"outbox/{CX}/development/sent.json"
HOST = "127.0.0.1"
MEMBERS = 8  # the example team members of client-experience with an email


class Mailbox:
    """An SMTP server's handler: keeps what it accepts, refuses whom it is told to."""

    def __init__(self) -> None:
        self.refuse_rcpt: set[str] = set()
        self.fail_data: set[str] = set()
        self.received: list[tuple[str, list[str], bytes]] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refuse_rcpt:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if set(envelope.rcpt_tos) & self.fail_data:
            return "554 5.6.0 Message rejected"
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def recipients(self) -> list[str]:
        return sorted(r for _, rcpts, _ in self.received for r in rcpts)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, str]]:
    box = Mailbox()
    port = free_port()
    controller = Controller(box, hostname=HOST, port=port)
    controller.start()
    try:
        yield box, f"{HOST}:{port}"
    finally:
        controller.stop()


def send(root: Path, server: str, *more: str) -> Any:
    return run(root, "notify", CX, "--send", "--smtp", server, *more)


def test_each_member_gets_the_note_exactly_once_across_runs(
    example: Path, mailbox: tuple[Mailbox, str]
) -> None:
    box, server = mailbox
    first = send(example, server)
    assert first.exit_code == 0, first.output
    assert len(box.received) == MEMBERS
    assert "sent: Sam Okafor <sam.okafor@example.com>" in first.output.splitlines()
    second = send(example, server)
    assert second.exit_code == 0, second.output
    assert len(box.received) == MEMBERS
    assert "already sent: Sam Okafor <sam.okafor@example.com>" in second.output.splitlines()
    assert len(set(box.recipients())) == MEMBERS
    # What arrives is the draft, byte for byte.
    sender, rcpts, content = next(m for m in box.received if m[1] == ["lee.wong@example.com"])
    assert sender == "dana.whitfield@example.com"
    draft = (example / f"outbox/{CX}/development/lee-wong.eml").read_bytes()
    assert content.replace(b"\r\n", b"\n") == draft.replace(b"\r\n", b"\n")
    log = json.loads((example / LOG).read_text())
    entry = log["transitions"]["2026-11-23 infancy -> development"]
    assert len(entry) == MEMBERS
    assert entry["lee-wong"]["to"] == "Lee Wong <lee.wong@example.com>"


def test_a_refused_recipient_does_not_stop_the_others(
    example: Path, mailbox: tuple[Mailbox, str]
) -> None:
    box, server = mailbox
    box.refuse_rcpt = {"lee.wong@example.com"}
    box.fail_data = {"priya.nair@example.com"}
    first = send(example, server)
    assert first.exit_code == 1
    lines = first.output.splitlines()
    assert (
        "failed: Lee Wong <lee.wong@example.com>: recipient refused: 550 5.1.1 Mailbox unavailable"
    ) in lines
    assert "failed: Priya Nair <priya.nair@example.com>: refused: 554 5.6.0 Message rejected" in (
        lines
    )
    assert first.stderr.splitlines()[-1] == (
        "2 of 8 notes not sent; run the same command again to retry (those sent are recorded "
        f"in {LOG} and not sent again)"
    )
    assert len(box.received) == MEMBERS - 2
    logged = json.loads((example / LOG).read_text())["transitions"]
    assert "lee-wong" not in logged["2026-11-23 infancy -> development"]
    assert "priya-nair" not in logged["2026-11-23 infancy -> development"]
    box.refuse_rcpt, box.fail_data = set(), set()
    second = send(example, server)
    assert second.exit_code == 0, second.output
    assert box.recipients() == sorted(f"{p.replace('-', '.')}@example.com" for p in WITH_EMAIL)
    assert "sent: Lee Wong <lee.wong@example.com>" in second.output.splitlines()


def test_an_unreachable_server_is_a_clear_error(example: Path) -> None:
    port = free_port()  # nothing listens there any more
    result = send(example, f"{HOST}:{port}")
    assert result.exit_code == 1
    assert result.stderr == (
        f"cannot reach the SMTP server {HOST}:{port}: Connection refused; nothing was sent\n"
    )
    assert not (example / LOG).exists()


def test_from_overrides_the_sender(example: Path, mailbox: tuple[Mailbox, str]) -> None:
    box, server = mailbox
    result = send(example, server, "--from", "Change Office <change@corp.example>")
    assert result.exit_code == 0, result.output
    assert {m[0] for m in box.received} == {"change@corp.example"}
    msg = email.message_from_bytes(box.received[0][2], policy=policy.default)
    assert str(msg["From"]) == "Change Office <change@corp.example>"


def test_starttls_refused_by_a_plain_server(example: Path, mailbox: tuple[Mailbox, str]) -> None:
    box, server = mailbox
    result = send(example, server, "--starttls")
    assert result.exit_code == 1
    assert result.stderr == (
        f"the SMTP server {server} does not offer STARTTLS; nothing was sent\n"
    )
    assert box.received == []


def test_a_corrupt_send_log_sends_nothing(example: Path, mailbox: tuple[Mailbox, str]) -> None:
    box, server = mailbox
    log = example / LOG
    log.parent.mkdir(parents=True)
    log.write_text("{not json")
    result = send(example, server)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{LOG}: cannot read the send log (")
    assert result.stderr.endswith(
        "); nothing was sent. Fix the file: removing it would send every note of this stage again\n"
    )
    assert box.received == []


def _authenticator(
    server: Any, session: Any, envelope: Any, mechanism: str, data: Any
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"office", b"s3cret")
    return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535 itself


# The test server runs AUTH without TLS on loopback; aiosmtpd rightly warns about that.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
@pytest.mark.parametrize(("password", "sent"), [("s3cret", True), ("wrong", False)])
def test_credentials_come_from_the_environment(
    example: Path, monkeypatch: pytest.MonkeyPatch, password: str, sent: bool
) -> None:
    box, port = Mailbox(), free_port()
    controller = Controller(
        box,
        hostname=HOST,
        port=port,
        authenticator=_authenticator,
        auth_required=True,
        auth_require_tls=False,  # loopback only: no certificate to set up for the test
    )
    controller.start()
    try:
        monkeypatch.setenv("PLAYBOOK_SMTP_USER", "office")
        monkeypatch.setenv("PLAYBOOK_SMTP_PASSWORD", password)
        result = send(example, f"{HOST}:{port}")
    finally:
        controller.stop()
    assert (result.exit_code, len(box.received)) == ((0, MEMBERS) if sent else (1, 0))
    if not sent:
        assert result.stderr == (
            f"the SMTP server {HOST}:{port} refused the login of PLAYBOOK_SMTP_USER "
            "(535 5.7.8 Authentication credentials invalid); nothing was sent\n"
        )
