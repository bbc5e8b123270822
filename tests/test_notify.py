"""`playbook notify` writes one RFC 5322 draft per team member with an email; `advance` too."""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage
from pathlib import Path

import icalendar
import pytest

from tests.conftest import MINIMAL_INITIATIVE, MINIMAL_PEOPLE, minimal, run, write

CX = "client-experience"
OUTBOX = f"outbox/{CX}/development"
WITH_EMAIL = [
    "amara-osei",
    "dana-whitfield",
    "hannah-berg",
    "lee-wong",
    "morgan-lee",
    "priya-nair",
    "rafael-costa",
    "sam-okafor",
]
# Core-only content of the example: assessments, the resistance plan, facilitator notes,
# a core module and a core exercise. None may reach a draft.
CORE = [
    "Trusted by the CEO",
    "doubts the return",
    "payback case",
    "Seat Lee between Sam and Priya",
    "The numbers behind client experience",
    "Observer log",
    "cfo-one-to-one",
]


def parse(path: Path) -> EmailMessage:
    msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def test_one_parseable_draft_per_member_with_an_email(example: Path) -> None:
    result = run(example, "notify", CX)
    assert result.exit_code == 0, result.output
    drafts = sorted(p.stem for p in (example / OUTBOX).glob("*.eml"))
    assert drafts == WITH_EMAIL
    assert "skipped tomas-varga (Tomas Varga): no email address" in result.output.splitlines()
    assert f"{OUTBOX}/sam-okafor.eml: written (Sam Okafor <sam.okafor@example.com>)" in (
        result.output.splitlines()
    )
    for pid in WITH_EMAIL:
        msg = parse(example / OUTBOX / f"{pid}.eml")
        assert msg["To"].addresses[0].addr_spec == f"{pid.replace('-', '.')}@example.com"
        assert msg["From"].addresses[0].addr_spec == "dana.whitfield@example.com"
        assert msg["Subject"] == ("Client Experience Transformation: now in Development")
        assert msg["Date"] == "Mon, 23 Nov 2026 00:00:00 +0000"
        assert msg["Message-ID"].strip() == f"<{CX}.development.20261123.{pid}@example.com>"
        types = [p.get_content_type() for p in msg.walk()]
        assert types == [
            "multipart/mixed",
            "multipart/alternative",
            "text/plain",
            "text/html",
            "text/calendar",
        ]


def test_the_note_says_what_changes_and_what_comes_next(example: Path) -> None:
    run(example, "notify", CX, "--site-url", "https://playbook.example/")
    msg = parse(example / OUTBOX / "sam-okafor.eml")
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "moved from Infancy to Development" in text
    assert "- Responsibility: Co-author the investment case with the CFO" in text.splitlines()
    assert "Ends with Infancy:" in text
    assert "- Responsibility: Lead the journey-mapping sessions" in text.splitlines()
    assert (
        "- Jan 14, 2027 09:00 Europe/London time: Designing the future client experience "
    ) in text
    assert (
        "Your role charter: https://playbook.example/client-experience/charters/sam-okafor/"
    ) in text
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert '<a href="https://playbook.example/client-experience/charters/sam-okafor/">' in html
    (attachment,) = msg.iter_attachments()
    assert attachment.get_filename() == "sam-okafor.ics"
    cal = icalendar.Calendar.from_ical(attachment.get_content())
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert "client-experience.design-offsite.2027-01-14@playbook" in uids
    assert all("cfo-one-to-one" not in u for u in uids)


def test_leadership_content_only_never_core(example: Path) -> None:
    assert run(example, "notify", CX).exit_code == 0
    assert run(example, "notify", "finance-close").exit_code == 0
    for path in (example / "outbox").rglob("*.eml"):
        msg = parse(path)
        everything = "\n".join(p.get_content() for p in msg.walk() if not p.is_multipart())
        # Unfold the calendar's folded lines before looking for words.
        everything = everything.replace("\r\n ", "").replace("\\,", ",")
        found = [c for c in CORE if c in everything]
        assert found == [], path


def test_same_data_same_drafts(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(example, "notify", CX).exit_code == 0
    first = {p.name: p.read_bytes() for p in (example / OUTBOX).glob("*.eml")}
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    monkeypatch.setenv("PLAYBOOK_TODAY", "2027-02-01")
    again = run(example, "notify", CX)
    assert f"{OUTBOX}/lee-wong.eml: unchanged (Lee Wong <lee.wong@example.com>)" in again.output
    assert {p.name: p.read_bytes() for p in (example / OUTBOX).glob("*.eml")} == first


def test_from_and_unknown_initiative(example: Path) -> None:
    result = run(example, "notify", CX, "--from", "Change Office <change@corp.example>")
    assert result.exit_code == 0, result.output
    msg = parse(example / OUTBOX / "lee-wong.eml")
    assert str(msg["From"]) == "Change Office <change@corp.example>"
    assert msg["Message-ID"].strip() == f"<{CX}.development.20261123.lee-wong@corp.example>"
    bad = run(example, "notify", "client-experiense")
    assert bad.exit_code == 1
    assert bad.stderr == (
        "unknown initiative 'client-experiense' (did you mean 'client-experience'?); "
        "initiatives: client-experience, finance-close\n"
    )
    assert run(example, "notify", CX, "--from", "nobody").stderr == (
        "--from 'nobody' is not an email address (e.g. office@example.com)\n"
    )


def test_usage_errors(example: Path) -> None:
    assert run(example, "notify", CX, "--send").exit_code == 2
    assert run(example, "notify", CX, "--smtp", "127.0.0.1:25").exit_code == 2
    result = run(example, "notify", CX, "--send", "--smtp", "localhost")
    assert result.exit_code == 2
    assert "'localhost' is not HOST:PORT (e.g. smtp.example.com:587)" in result.output
    assert not (example / "outbox").exists()


def test_advance_writes_the_drafts_for_the_new_stage(blank: Path) -> None:
    minimal(blank, MINIMAL_INITIATIVE)
    write(
        blank,
        "playbooks/people/ann-lee.yml",
        "name: Ann Lee\ntitle: CEO\nfunction: Exec\nemail: ann@example.com\n",
    )
    result = run(blank, "advance", "small", "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert "outbox/small/finish/ann-lee.eml: written (Ann Lee <ann@example.com>)" in result.output
    assert "skipped bo-chen (Bo Chen): no email address" in result.output
    msg = parse(blank / "outbox/small/finish/ann-lee.eml")
    assert msg["Subject"] == "Small Change: now in Finish"
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "On Nov 20, 2026, Small Change moved from Start to Finish." in text
    assert "- Responsibility: Close the programme" in text.splitlines()
    # Ann is the sponsor and has an email: she is the sender too.
    assert msg["From"].addresses[0].addr_spec == "ann@example.com"


def test_the_outbox_is_never_published(example: Path) -> None:
    assert run(example, "notify", CX).exit_code == 0
    assert run(example, "build", "--site-dir", str(example / "site")).exit_code == 0
    site = example / "site"
    assert not [p for p in site.rglob("*") if p.suffix == ".eml" or "outbox" in p.parts]
    ignored = (Path(__file__).parent.parent / ".gitignore").read_text().splitlines()
    assert "/outbox/" in ignored


def test_no_sender_address_without_from(blank: Path) -> None:
    minimal(blank)
    write(
        blank,
        "playbooks/people/bo-chen.yml",
        "name: Bo Chen\ntitle: COO\nfunction: Ops\nemail: bo@example.com\n",
    )
    result = run(blank, "notify", "small")
    assert result.exit_code == 0, result.output
    msg = parse(blank / "outbox/small/start/bo-chen.eml")
    assert str(msg["From"]) == "Change Office <playbook@playbook.invalid>"


def test_the_attached_calendar_says_it_is_utf8(blank: Path) -> None:
    minimal(blank)
    path = blank / "playbooks" / "small" / "initiative.yml"
    path.write_text(
        path.read_text("utf-8").replace(
            "    agenda:\n",
            '    sessions: [{date: 2026-12-10, location: "Salle Émile"}]\n    agenda:\n',
            1,
        ),
        "utf-8",
    )
    write(
        blank,
        "playbooks/people/ann-lee.yml",
        MINIMAL_PEOPLE["ann-lee"] + "email: ann@example.com\n",
    )
    assert run(blank, "notify", "small").exit_code == 0
    (draft,) = sorted((blank / "outbox").rglob("*.eml"))
    (attachment,) = parse(draft).iter_attachments()
    assert attachment.get_content_charset() == "utf-8"
    assert "Salle Émile" in attachment.get_content()
