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
from filelock import FileLock

from generator.source.problems import short
from tests.conftest import minimal, run
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


def test_a_second_sender_of_the_same_notes_sends_nothing(
    example: Path, mailbox: tuple[Mailbox, str]
) -> None:
    box, server = mailbox
    log = example / LOG
    log.parent.mkdir(parents=True)
    # Another run is sending: it holds the send log's lock (filelock, as the command takes it).
    with FileLock(str(log.with_name(".sent.lock"))):
        result = send(example, server)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{LOG}: another `playbook notify --send` is sending these notes; nothing was sent\n"
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


class Dropping(Mailbox):
    """Takes the whole message for some recipients, then drops the connection instead of
    answering 250: the sender cannot know whether it was delivered."""

    def __init__(self) -> None:
        super().__init__()
        self.drop: set[str] = set()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if set(envelope.rcpt_tos) & self.drop:
            self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
            server.transport.abort()
            return "421 closing"  # never reaches the client: the connection is gone
        return await super().handle_DATA(server, session, envelope)


def _email(root: Path, pid: str, address: str) -> None:
    path = root / f"playbooks/people/{pid}.yml"
    text = path.read_text("utf-8")
    old = f"email: {pid.replace('-', '.')}@example.com"
    assert old in text
    path.write_text(text.replace(old, f"email: {address}"), "utf-8")


def test_an_international_domain_is_sent_and_a_non_ascii_name_skipped(
    example: Path, mailbox: tuple[Mailbox, str]
) -> None:
    box, server = mailbox
    _email(example, "lee-wong", "lee.wong@exämple.com")
    _email(example, "priya-nair", "prïya@example.com")
    result = send(example, server)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "sent: Lee Wong <lee.wong@xn--exmple-cua.com>" in lines
    assert (
        "skipped priya-nair (Priya Nair): the email prïya@example.com is not ASCII before the "
        "@ (needs SMTPUTF8)"
    ) in lines
    assert len(box.received) == MEMBERS - 1
    assert "lee.wong@xn--exmple-cua.com" in box.recipients()
    msg = email.message_from_bytes(
        (example / f"outbox/{CX}/development/lee-wong.eml").read_bytes(), policy=policy.default
    )
    assert str(msg["To"]) == "Lee Wong <lee.wong@xn--exmple-cua.com>"


def test_a_non_ascii_sender_is_refused(example: Path, mailbox: tuple[Mailbox, str]) -> None:
    box, server = mailbox
    result = send(example, server, "--from", "bürö@example.com")
    assert result.exit_code == 1
    assert result.stderr == (
        "--from 'bürö@example.com': the email bürö@example.com is not ASCII before the @ "
        "(needs SMTPUTF8); nothing was sent\n"
    )
    assert box.received == []


def test_a_sender_with_a_line_break_is_refused_before_anything(
    example: Path, mailbox: tuple[Mailbox, str]
) -> None:
    box, server = mailbox
    result = send(example, server, "--from", "office@corp.example\r\nBcc: all@evil.example")
    assert result.exit_code == 1
    assert result.stderr == (
        "--from 'office@corp.example\\r\\nBcc: all@evil.example' holds a line break or control "
        "character; give one address on one line (e.g. office@example.com); nothing was sent\n"
    )
    assert box.received == []
    assert not (example / "outbox").exists()


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("javascript:alert(1)//", "is not an absolute http(s) address"),
        ("playbook.example/change/", "is not an absolute http(s) address"),
        ("https://playbook.example/\r\nBcc: x@evil.example", "holds a line break"),
    ],
)
def test_a_bad_site_url_is_refused_before_anything(
    example: Path, mailbox: tuple[Mailbox, str], url: str, why: str
) -> None:
    box, server = mailbox
    result = send(example, server, "--site-url", url)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"--site-url: {short(url)} {why}")
    assert result.stderr.endswith("; nothing was written\n")
    assert "Traceback" not in result.output
    assert box.received == []
    assert not (example / "outbox").exists()


@pytest.mark.parametrize("command", [("build",), ("notify", CX), ("validate",)])
@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("javascript:alert(1)//", "is not an absolute http(s) address"),
        ('"https://playbook.example/\\r\\nx"', "holds a line break"),
    ],
)
def test_a_bad_site_url_in_mkdocs_yml_is_refused(
    example: Path, command: tuple[str, ...], url: str, why: str
) -> None:
    config = example / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + f"\nsite_url: {url}\n", "utf-8")
    result = run(example, *command)
    assert result.exit_code == 1
    assert result.stderr.startswith("mkdocs.yml: site_url: '")
    assert why in result.stderr
    for made in ("outbox", "site", "generated"):
        assert not (example / made).exists()


def test_a_stage_with_no_recorded_start_is_not_sent_again_another_day(
    blank: Path, mailbox: tuple[Mailbox, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    box, server = mailbox
    minimal(blank)
    for pid in ("ann-lee", "bo-chen"):
        person = blank / f"playbooks/people/{pid}.yml"
        person.write_text(person.read_text() + f"email: {pid}@example.com\n")
    first = run(blank, "notify", "small", "--send", "--smtp", server)
    assert first.exit_code == 0, first.output
    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-12-03")
    second = run(blank, "notify", "small", "--send", "--smtp", server)
    assert second.exit_code == 0, second.output
    assert "already sent: Bo Chen <bo-chen@example.com>" in second.output.splitlines()
    assert box.recipients() == ["ann-lee@example.com", "bo-chen@example.com"]


@pytest.fixture
def dropping() -> Iterator[tuple[Dropping, str]]:
    box = Dropping()
    port = free_port()
    controller = Controller(box, hostname=HOST, port=port)
    controller.start()
    try:
        yield box, f"{HOST}:{port}"
    finally:
        controller.stop()


def test_a_note_the_server_held_when_the_run_stopped_is_not_sent_again(
    example: Path, dropping: tuple[Dropping, str]
) -> None:
    box, server = dropping
    box.drop = {"lee.wong@example.com"}
    first = send(example, server)
    assert first.exit_code == 1
    logged = json.loads((example / LOG).read_text())["transitions"]
    assert logged["2026-11-23 infancy -> development"]["lee-wong"]["in_flight"] is True
    box.drop = set()
    second = send(example, server)
    assert second.exit_code == 1
    assert (
        "may have been sent: Lee Wong <lee.wong@example.com>: the last run stopped while the "
        "server held this note, so it may have been delivered; not sent again (pass --resend "
        "lee-wong to send it)"
    ) in second.output.splitlines()
    assert second.stderr.splitlines()[-1] == (
        "1 note may have been delivered already (lee-wong): check with the member, and pass "
        "--resend lee-wong to send it again"
    )
    assert box.recipients().count("lee.wong@example.com") == 1
    assert len(set(box.recipients())) == MEMBERS  # every other member was reached
    third = send(example, server, "--resend", "lee-wong")
    assert third.exit_code == 0, third.output
    assert "sent: Lee Wong <lee.wong@example.com>" in third.output.splitlines()
    assert box.recipients().count("lee.wong@example.com") == 2
    fourth = send(example, server, "--resend", "lee-wong")
    assert fourth.exit_code == 0, fourth.output
    assert box.recipients().count("lee.wong@example.com") == 2
    unknown = send(example, server, "--resend", "lee-wongg")
    assert unknown.exit_code == 1
    assert unknown.stderr == (
        f"--resend lee-wongg: no draft for this member in {CX} (did you mean 'lee-wong'?); "
        "nothing was sent\n"
    )
