"""`playbook digest`: the sponsor's weekly digest (leadership content) and the office's (core),
as RFC 5322 drafts read back with Python's strict parser, sent over a real SMTP server."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.conftest import MINIMAL_INITIATIVE, copy_repo, edited, minimal, run, write
from tests.sites import write_yaml
from tests.test_send import HOST, Mailbox, free_port

ON = "2027-01-21"  # the digest's date: since defaults to 2027-01-14
OUTBOX = f"outbox/small/digest/{ON}"
SITE = "https://playbook.example/"

PEOPLE = {
    "ann-lee": "name: Ann Lee\ntitle: Chief Executive\nfunction: Executive\n"
    "email: ann@example.com\n",
    "bo-chen": "name: Bo Chen\ntitle: Chief Operating Officer\nfunction: Operations\n"
    "email: bo@example.com\n",
    "cy-diaz": "name: Cy Díaz\ntitle: Chief Financial Officer\nfunction: Finance\n",
}
# A portfolio of one initiative, not the repository's example: a past session with no
# attendance, a charter never signed, a session coming up (and one for named members), an
# open resistance entry past its review, a member skeptic twice, a pulse not everyone took.
INITIATIVE = """
title: Small Change
mandate: Make one thing better.
sponsor: ann-lee
owner: Change Office
office_email: office@example.com
current_stage: start
timezone: Europe/Paris
gate_checks: [charters-signed, team-trained, pulse-taken, roles-clear]
stage_history:
  - {stage: start, entered: 2027-01-04}
alignment: {first_estimate_weeks: 1, planned_weeks: 10}
stages:
  - id: start
    name: Start
    goal: Agree the case.
    exit_criteria:
      - {text: "Case agreed <script>alert('x')</script> {{ 7*7 }}", done: false}
      - {text: Budget set, done: true}
  - id: finish
    name: Finish
    goal: Deliver it.
team:
  - person: ann-lee
    role: sponsor
    purpose: Hold the mandate.
    charter_signed: 2027-01-10
    stages:
      start: {responsibilities: [Chair the kick-off]}
      finish: {responsibilities: [Close the programme]}
  - person: bo-chen
    role: owner
    purpose: Run the work.
    stages:
      start: {responsibilities: [Map the process]}
      finish: {responsibilities: [Deliver the change]}
    assessment: {support: skeptic, influence: high, notes: Quietly doubts the whole case.,
                 date: 2027-01-12}
    assessment_history:
      - {date: 2026-12-01, support: resistant, influence: high}
  - person: cy-diaz
    role: advisor
    purpose: Keep it affordable.
    charter_signed: 2027-01-20
    stages:
      start: {responsibilities: [Price the options]}
      finish: {responsibilities: [Track the spend]}
training:
  - id: start-workshop
    stage: start
    title: Start workshop
    format: workshop
    duration_minutes: 60
    facilitator_notes: Seat Bo next to the sponsor.
    sessions:
      - {date: 2027-01-15, start: "09:00", attended: [ann-lee, cy-diaz]}
      - {date: 2027-01-18, start: "09:00"}
      - {date: 2027-01-28, start: "10:00", location: "Salle <b>Émile</b>"}
  - id: cost-brief
    stage: start
    title: Cost briefing
    format: briefing
    duration_minutes: 30
    attendees: [ann-lee, cy-diaz]
    sessions:
      - {date: 2027-02-02}
  - id: finish-workshop
    stage: finish
    title: Finish workshop
    format: workshop
    duration_minutes: 30
resistance:
  - person: bo-chen
    observed: Sends every budget back unread.
    response: Ask him to co-own the cost model.
    owner: ann-lee
    review_on: 2027-01-15
pulse:
  questions:
    - {id: role-clear, text: I know what is expected of me in this stage.}
  min_answers: 2
  responses:
    - {person: ann-lee, stage: start, date: 2027-01-16, answers: {role-clear: 5}}
    - {person: bo-chen, stage: start, date: 2027-01-17, answers: {role-clear: 2}}
"""
# What only the core site shows: none of it may reach the sponsor.
CORE = [
    "Sends every budget back unread",
    "Ask him to co-own",
    "Quietly doubts",
    "Seat Bo next to the sponsor",
    "Skeptic",
    "Resistant",
    "answered the pulse",
    "not clear to them",
    "not yet: Cy",
    "Pulse taken: failing for",  # who has not answered is as private as what was answered
    "Roles clear: failing for",
    "Resistance",
    "transformation office's edition",
    "Jan 16, 2027",  # the dates of the pulse answers
    "Jan 17, 2027",
    "Jan 12, 2027",  # of the assessment
]


@pytest.fixture
def repo(blank: Path) -> Path:
    config = blank / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + f"\nsite_url: {SITE}\n", "utf-8")
    for pid, text in PEOPLE.items():
        write(blank, f"playbooks/people/{pid}.yml", text)
    write(blank, "playbooks/small/initiative.yml", INITIATIVE)
    return blank


def parse(path: Path) -> EmailMessage:
    """With the strict policy: any defect in the message raises."""
    msg = BytesParser(policy=policy.strict).parsebytes(path.read_bytes())
    assert isinstance(msg, EmailMessage)
    return msg


def parts(msg: EmailMessage) -> tuple[str, str]:
    text, html = msg.get_body(("plain",)), msg.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


def everything(msg: EmailMessage) -> str:
    """Every header and every part, decoded: where a leak could be."""
    heads = "\n".join(f"{k}: {v}" for k, v in msg.items())
    bodies = "\n".join(p.get_content() for p in msg.walk() if not p.is_multipart())
    return heads + "\n" + bodies


def digest(root: Path, *more: str) -> Any:
    return run(root, "digest", "small", "--date", ON, *more)


def test_two_strict_drafts_with_both_alternatives(repo: Path) -> None:
    result = digest(repo)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{OUTBOX}/sponsor.eml: written (Ann Lee <ann@example.com>; 10 things need attention)",
        f"{OUTBOX}/office.eml: written (Change Office <office@example.com>; 13 things need "
        "attention)",
    ]
    assert sorted(p.name for p in (repo / OUTBOX).iterdir()) == ["office.eml", "sponsor.eml"]
    for name, to, n in (("sponsor", "ann@example.com", 10), ("office", "office@example.com", 13)):
        msg = parse(repo / OUTBOX / f"{name}.eml")
        assert [p.get_content_type() for p in msg.walk()] == [
            "multipart/alternative",
            "text/plain",
            "text/html",
        ]
        assert msg["To"].addresses[0].addr_spec == to
        assert msg["From"].addresses[0].addr_spec == "office@example.com"
        assert msg["Subject"] == f"Small Change: {n} things need you this week"
        assert msg["Date"] == "Thu, 21 Jan 2027 00:00:00 +0100"
        assert msg["Message-ID"] == f"<small.digest.20270121.{name}@example.com>"


def test_the_sponsor_reads_what_needs_them_and_nothing_core(repo: Path) -> None:
    assert digest(repo).exit_code == 0
    msg = parse(repo / OUTBOX / "sponsor.eml")
    text, html = parts(msg)
    lines = text.splitlines()
    # The next session, and who is invited to the one for named members.
    assert "- Jan 28, 2027 10:00 Europe/Paris time: Start workshop, Salle <b>Émile</b>; " in (
        text.replace("invited: the whole team\n", "")
    )
    assert (
        "- Feb 2, 2027 (time to be confirmed): Cost briefing; invited: Ann Lee, Cy Díaz; "
        "not invited: Bo Chen"
    ) in lines
    # The unsigned charter, the session with no attendance, the open criterion.
    assert "- Bo Chen: not signed" in lines
    assert f"  Role charter of Bo Chen: {SITE}small/charters/bo-chen/" in lines
    assert "- Jan 18, 2027 09:00 Europe/Paris time: Start workshop" in lines
    assert "- Case agreed <script>alert('x')</script> {{ 7*7 }}" in lines
    # The pulse, anonymous: how many answered, never who, not even in its gate checks.
    assert "- Not yet taken in Start: 2 of 3 members answered" in lines
    assert "- Pulse taken: failing" in lines
    assert "- Roles clear: failing" in lines
    # What happened: a signature and an attendance, by their own dates.
    assert "- Cy Díaz signed their role charter on Jan 20, 2027." in lines
    assert (
        "- Attendance recorded for Jan 15, 2027 09:00 Europe/Paris time: Start workshop: "
        "2 of 3 came; missed: Bo Chen."
    ) in lines
    # The site's address, in both parts.
    assert f"The playbook: {SITE}small/" in lines
    assert f'<a href="{SITE}small/training/start-workshop/">' in html
    # User text is data in the HTML part: escaped, never markup or template code.
    assert "Case agreed &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; {{ 7*7 }}" in html
    assert "Salle &lt;b&gt;Émile&lt;/b&gt;" in html
    assert "<script>" not in html and "<b>" not in html
    found = [c for c in CORE if c in everything(msg)]
    assert found == []


def test_the_office_reads_the_core_content_too(repo: Path) -> None:
    core = "https://core.playbook.example/"
    assert digest(repo, "--office-site-url", core).exit_code == 0
    text, html = parts(parse(repo / OUTBOX / "office.eml"))
    lines = text.splitlines()
    assert f"The playbook: {core}small/" in lines  # the core site, where its links work
    assert (
        "- Bo Chen: Sends every budget back unread. (review was due on Jan 15, 2027; owner: "
        "Ann Lee; Open)"
    ) in lines
    assert f"  Engagement plan: {core}small/engagement/" in lines
    assert "- Bo Chen: Resistant, Skeptic" in lines
    assert (
        "- Bo Chen answered that their role in Start is not clear to them: talk to them"
    ) in lines
    assert "- Not yet taken in Start: 2 of 3 members answered; not yet: Cy Díaz" in lines
    assert "- Pulse taken: failing for Cy Díaz" in lines
    assert "- Roles clear: failing for Bo Chen" in lines
    assert "- Bo Chen answered the pulse of Start on Jan 17, 2027." in lines
    assert "core content" in html
    sponsor, _ = parts(parse(repo / OUTBOX / "sponsor.eml"))
    assert f"The playbook: {SITE}small/" in sponsor.splitlines()


def test_the_same_date_gives_the_same_bytes(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert digest(repo).exit_code == 0
    first = {p.name: p.read_bytes() for p in (repo / OUTBOX).iterdir()}
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    monkeypatch.setenv("PLAYBOOK_TODAY", "2030-05-05")
    again = digest(repo)
    assert again.exit_code == 0
    assert f"{OUTBOX}/sponsor.eml: unchanged (Ann Lee <ann@example.com>; 10 things need " in (
        again.output
    )
    assert {p.name: p.read_bytes() for p in (repo / OUTBOX).iterdir()} == first


def test_date_defaults_to_today_and_since_to_a_week_before(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLAYBOOK_TODAY", ON)
    assert run(repo, "digest", "small").exit_code == 0
    text, _ = parts(parse(repo / OUTBOX / "sponsor.eml"))
    assert "WHAT HAPPENED SINCE JAN 14, 2027" in text.splitlines()
    later = run(repo, "digest", "small", "--date", ON, "--since", "2027-01-19")
    assert later.exit_code == 0
    text, _ = parts(parse(repo / OUTBOX / "sponsor.eml"))
    assert "Cy Díaz signed their role charter on Jan 20, 2027." in text
    assert "Attendance recorded" not in text  # the session of Jan 15 is before --since


def test_a_quiet_week_is_a_digest_too(blank: Path) -> None:
    quiet = edited(
        ("owner: Change Office\n", "owner: Change Office\noffice_email: office@example.com\n"),
        (
            "    purpose: Hold the mandate.\n",
            "    purpose: Hold the mandate.\n    charter_signed: 2026-01-05\n",
        ),
        (
            "    purpose: Run the work.\n",
            "    purpose: Run the work.\n    charter_signed: 2026-01-05\n",
        ),
    )
    minimal(blank, quiet)
    write(blank, "playbooks/people/ann-lee.yml", PEOPLE["ann-lee"])
    result = run(blank, "digest", "small", "--date", ON)
    assert result.exit_code == 0, result.output
    msg = parse(blank / OUTBOX / "sponsor.eml")
    assert msg["Subject"] == "Small Change: nothing needs you this week"
    text, _ = parts(msg)
    assert text.splitlines()[2] == (
        "Nothing needs you this week. This digest comes every week, so you know the playbook "
        "is being kept."
    )
    assert "NEEDS YOU" not in text
    assert "Nothing was recorded in the playbook since Jan 14, 2027." in text


def test_the_digest_speaks_the_sites_language(repo: Path) -> None:
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("language: en", "language: de"))
    assert digest(repo).exit_code == 0
    msg = parse(repo / OUTBOX / "sponsor.eml")
    assert msg["Subject"] == "Small Change: 10 Punkte brauchen diese Woche Ihre Aufmerksamkeit"
    text, html = parts(msg)
    assert '<html lang="de">' in html
    lines = text.splitlines()
    assert "- Bo Chen: nicht unterzeichnet" in lines
    assert "Termine ohne erfasste Teilnahme:" in lines
    assert "- Cy Díaz hat am 20.01.2027 die Rollenvereinbarung unterzeichnet." in lines


def test_all_initiatives(repo: Path) -> None:
    minimal(repo, MINIMAL_INITIATIVE, iid="other")
    write(repo, "playbooks/people/ann-lee.yml", PEOPLE["ann-lee"])  # minimal rewrote it
    write(repo, "playbooks/people/bo-chen.yml", PEOPLE["bo-chen"])
    result = run(repo, "digest", "--all", "--date", ON)
    assert result.exit_code == 0, result.output
    drafts = sorted(p.relative_to(repo / "outbox").as_posix() for p in repo.glob("outbox/**/*"))
    assert drafts == [
        "other",
        "other/digest",
        f"other/digest/{ON}",
        f"other/digest/{ON}/sponsor.eml",
        "small",
        "small/digest",
        f"small/digest/{ON}",
        f"small/digest/{ON}/office.eml",
        f"small/digest/{ON}/sponsor.eml",
    ]
    assert (
        "skipped: other: the office's digest was not written: the initiative has no "
        "office_email; add `office_email: ADDRESS` (the transformation office's address) to "
        "playbooks/other/initiative.yml"
    ) in result.output.splitlines()


# --- bad input ------------------------------------------------------------------------------


def test_unknown_initiative(repo: Path) -> None:
    result = run(repo, "digest", "smal", "--date", ON)
    assert result.exit_code == 1
    assert result.stderr == (
        "unknown initiative 'smal' (did you mean 'small'?); initiatives: small\n"
    )
    assert not (repo / "outbox").exists()


def test_a_sponsor_without_email_skips_their_digest_only(repo: Path) -> None:
    write(repo, "playbooks/people/ann-lee.yml", "name: Ann Lee\ntitle: CEO\nfunction: Exec\n")
    result = digest(repo)
    assert result.exit_code == 0, result.output
    assert (
        "skipped: small: the sponsor's digest was not written: Ann Lee (ann-lee) has no email "
        "address; add `email: ADDRESS` to playbooks/people/ann-lee.yml"
    ) in result.output.splitlines()
    assert sorted(p.name for p in (repo / OUTBOX).iterdir()) == ["office.eml"]


def test_an_invalid_email_names_the_file_line_and_column(repo: Path) -> None:
    path = repo / "playbooks/small/initiative.yml"
    path.write_text(path.read_text().replace("office@example.com", "the office"))
    write(
        repo,
        "playbooks/people/ann-lee.yml",
        "name: Ann Lee\ntitle: CEO\nfunction: Exec\nemail: ann at example\n",
    )
    result = digest(repo)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "skipped: playbooks/people/ann-lee.yml:4:8: email: email not valid; small: the "
        "sponsor's digest was not written",
        "skipped: playbooks/small/initiative.yml:5:15: office_email: email not valid; small: "
        "the office's digest was not written",
    ]
    assert result.stderr.splitlines()[-1] == (
        "no digest was written: no recipient has a usable address (see above); nothing was sent"
    )
    assert not (repo / "outbox").exists()


def test_without_office_email_only_the_sponsor_gets_one(repo: Path) -> None:
    path = repo / "playbooks/small/initiative.yml"
    path.write_text(path.read_text().replace("office_email: office@example.com\n", ""))
    result = digest(repo)
    assert result.exit_code == 0, result.output
    assert "the initiative has no office_email; add `office_email: ADDRESS`" in result.output
    assert sorted(p.name for p in (repo / OUTBOX).iterdir()) == ["sponsor.eml"]
    # The office sends the digests; without its address the sponsor's own does.
    assert parse(repo / OUTBOX / "sponsor.eml")["From"] == "Ann Lee <ann@example.com>"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["small", "--all"], "give one INITIATIVE or --all"),
        ([], "give one INITIATIVE or --all"),
        (["small", "--send"], "--send and --smtp HOST:PORT go together"),
        (["small", "--date", "21/01/2027"], "'21/01/2027' is not a date as YYYY-MM-DD"),
        (["small", "--date", ON, "--since", ON], f"{ON} is not before the digest's date {ON}"),
        (["small", "--resend", "office"], "--resend only applies with --send"),
    ],
)
def test_usage_errors(repo: Path, args: list[str], error: str) -> None:
    result = run(repo, "digest", *args)
    assert result.exit_code == 2
    assert error in result.output
    assert not (repo / "outbox").exists()


# --- sending --------------------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[tuple[Mailbox, str]]:
    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname=HOST, port=port)
    controller.start()
    try:
        yield box, f"{HOST}:{port}"
    finally:
        controller.stop()


def test_send_delivers_two_then_none(repo: Path, server: tuple[Mailbox, str]) -> None:
    box, where = server
    first = digest(repo, "--send", "--smtp", where)
    assert first.exit_code == 0, first.output
    assert f"sent: {OUTBOX}/sponsor.eml (Ann Lee <ann@example.com>)" in first.output
    assert box.recipients() == ["ann@example.com", "office@example.com"]
    assert {m[0] for m in box.received} == {"office@example.com"}
    # What arrives is the draft, byte for byte.
    sent = next(m[2] for m in box.received if m[1] == ["ann@example.com"])
    draft = (repo / OUTBOX / "sponsor.eml").read_bytes()
    assert sent.replace(b"\r\n", b"\n") == draft.replace(b"\r\n", b"\n")
    second = digest(repo, "--send", "--smtp", where)
    assert second.exit_code == 0, second.output
    assert len(box.received) == 2
    assert f"already sent: {OUTBOX}/office.eml (Change Office <office@example.com>)" in (
        second.output.splitlines()
    )
    log = json.loads((repo / OUTBOX / "sent.json").read_text())
    assert sorted(log["transitions"][f"digest {ON}"]) == ["office", "sponsor"]


def test_a_refused_recipient_does_not_stop_the_other(
    repo: Path, server: tuple[Mailbox, str]
) -> None:
    box, where = server
    box.refuse_rcpt = {"office@example.com"}
    first = digest(repo, "--send", "--smtp", where)
    assert first.exit_code == 1
    assert (
        f"failed: {OUTBOX}/office.eml (Change Office <office@example.com>): recipient refused: "
        "550 5.1.1 Mailbox unavailable"
    ) in first.output.splitlines()
    assert first.stderr.splitlines()[-1] == (
        "1 of 2 digests not sent; run the same command again to retry (those sent are "
        f"recorded in {OUTBOX}/sent.json and not sent again)"
    )
    assert box.recipients() == ["ann@example.com"]
    box.refuse_rcpt = set()
    second = digest(repo, "--send", "--smtp", where)
    assert second.exit_code == 0, second.output
    assert box.recipients() == ["ann@example.com", "office@example.com"]


def test_an_unreachable_server_sends_nothing_but_keeps_the_drafts(repo: Path) -> None:
    port = free_port()
    result = digest(repo, "--send", "--smtp", f"{HOST}:{port}")
    assert result.exit_code == 1
    assert result.stderr == (
        f"cannot reach the SMTP server {HOST}:{port}: Connection refused; nothing was sent\n"
    )
    assert (repo / OUTBOX / "sponsor.eml").is_file()
    assert not (repo / OUTBOX / "sent.json").exists()


def _login(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"office", b"s3cret")
    return AuthResult(success=ok, handled=False)


# The test server runs AUTH without TLS on loopback; aiosmtpd rightly warns about that.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_credentials_come_from_the_environment_as_for_notify(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    box, port = Mailbox(), free_port()
    controller = Controller(
        box,
        hostname=HOST,
        port=port,
        authenticator=_login,
        auth_required=True,
        auth_require_tls=False,  # loopback only
    )
    controller.start()
    try:
        monkeypatch.setenv("PLAYBOOK_SMTP_USER", "office")
        monkeypatch.setenv("PLAYBOOK_SMTP_PASSWORD", "s3cret")
        result = digest(repo, "--send", "--smtp", f"{HOST}:{port}")
    finally:
        controller.stop()
    assert result.exit_code == 0, result.output
    assert box.recipients() == ["ann@example.com", "office@example.com"]


def test_hostile_text_is_data_in_both_parts(tmp_path: Path) -> None:
    """The hostile playbook (markup, script, unsafe links, template syntax in every text
    field): both editions parse strictly, run nothing, and show each text as written."""
    from tests.test_hostile_text import INITIATIVES, PEOPLE, TAGS, _check_html, norm
    from tests.test_hostile_text import parse as page_of

    people = copy.deepcopy(PEOPLE)
    people["ann-lee"]["email"] = "ann@example.com"
    ini = copy.deepcopy(INITIATIVES["hostile"])
    ini["office_email"] = "office@example.com"
    root = copy_repo(tmp_path / "repo", playbooks=False)
    for pid, data in people.items():
        write_yaml(root, f"playbooks/people/{pid}.yml", data)
    write_yaml(root, "playbooks/hostile/initiative.yml", ini)
    result = run(root, "digest", "hostile", "--date", "2026-01-10", "--since", "2026-01-01")
    assert result.exit_code == 0, result.output
    shown_in = {
        "sponsor": ["title", "owner", "stages[0].name", "training[0].title", "ann-lee.name"],
        "office": ["resistance[0].observed", "stages[0].exit_criteria[0].text"],
    }
    for name, fields in shown_in.items():
        msg = parse(root / "outbox/hostile/digest/2026-01-10" / f"{name}.eml")
        text, html = parts(msg)
        page = page_of(html)
        assert _check_html(name, page) == []
        assert "<script>" not in html and "<img" not in html
        seen = norm(" ".join(page.text))
        tags = [t for t, p in TAGS.items() if p in fields]
        assert len(tags) == len(fields)
        for tag in tags:
            assert f"{tag} <script>alert('{tag}')</script>" in seen, (name, tag)
            assert f"{tag} <script>alert('{tag}')</script>" in norm(text), (name, tag)
        assert "\n" not in msg["Subject"] and "<script>" in msg["Subject"]


def test_sessions_of_the_next_14_days_from_the_digests_date(repo: Path) -> None:
    path = repo / "playbooks/small/initiative.yml"
    path.write_text(
        path.read_text().replace(
            "      - {date: 2027-02-02}\n",
            "      - {date: 2027-01-21}\n      - {date: 2027-02-03}\n      - {date: 2027-02-04}\n",
        )
    )
    assert digest(repo).exit_code == 0
    text, _ = parts(parse(repo / OUTBOX / "sponsor.eml"))
    listed = [line[2:14] for line in text.splitlines() if "Cost briefing;" in line]
    assert listed == ["Jan 21, 2027", "Feb 3, 2027 "]  # the day itself to 13 days after
    assert "Sessions in the next 14 days:" in text.splitlines()
