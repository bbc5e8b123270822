"""`playbook sign` (issue 23): one line and a kept copy written; a charter changed since is a
stale signature on the charter, in the scorecard's count, the lint and the gate check; what
does not change the commitment leaves the signature current."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, copy_repo, minimal, run, write

INITIATIVE = "playbooks/small/initiative.yml"
COPY = "playbooks/small/signed/bo-chen.yml"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    root = copy_repo(tmp_path / "repo", playbooks=False)
    minimal(root)
    return root


def _tree(root: Path) -> dict[str, str]:
    folder = root / "playbooks"
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _sign(root: Path, *args: str) -> str:
    result = run(root, "sign", "small", "bo-chen", "--date", "2026-11-20", *args)
    assert result.exit_code == 0, result.output
    return result.output


def _charter(root: Path, audience: str = "leadership") -> str:
    result = run(root, "render", "--audience", audience)
    assert result.exit_code == 0, result.output
    return (root / "generated/small/charters/bo-chen.md").read_text("utf-8")


def _scorecard(root: Path) -> str:
    assert run(root, "render", "--audience", "leadership").exit_code == 0
    return (root / "generated/small/scorecard.md").read_text("utf-8")


def _add_duty(root: Path) -> None:
    path = root / INITIATIVE
    text = path.read_text("utf-8")
    old = "start: {responsibilities: [Map the process]}"
    assert old in text
    path.write_text(text.replace(old, "start: {responsibilities: [Map the process, Run pilots]}"))


def test_signing_changes_one_line_and_keeps_a_copy(small: Path) -> None:
    before = (small / INITIATIVE).read_text("utf-8").splitlines()
    out = _sign(small)
    after = (small / INITIATIVE).read_text("utf-8").splitlines()
    assert len(after) == len(before) + 1
    assert [ln for ln in after if ln not in before] == ["    charter_signed: 2026-11-20"]
    assert out == (
        f"{INITIATIVE}: set charter_signed of bo-chen to 2026-11-20\n"
        f"{COPY}: keep what bo-chen signed\n"
    )
    copy = yaml.safe_load((small / COPY).read_text("utf-8"))
    text = (small / COPY).read_text("utf-8")
    assert "Map the process" in text and "Run the work." in text
    assert str(copy["signed"]) == "2026-11-20"
    assert "Change Office" in text  # recorded by the owner when --by is not given
    # Nothing that does not change the commitment: no session dates, stage, language.
    assert "current_stage" not in text and "start-workshop" not in text
    assert "signed an earlier version" not in _charter(small)


def test_a_second_identical_sign_changes_nothing(small: Path) -> None:
    _sign(small)
    files = _tree(small)
    out = _sign(small)
    assert out.startswith("nothing to change: bo-chen signed their charter on 2026-11-20")
    assert _tree(small) == files


def test_dry_run_writes_nothing(small: Path) -> None:
    files = _tree(small)
    out = _sign(small, "--dry-run")
    assert "would set charter_signed" in out and "dry run: nothing was written" in out
    assert _tree(small) == files


def test_a_session_moved_or_a_german_site_leaves_the_signature_current(small: Path) -> None:
    _sign(small)
    path = small / INITIATIVE
    text = path.read_text("utf-8").replace(
        "    duration_minutes: 60\n",
        "    duration_minutes: 60\n    sessions:\n      - {date: 2026-12-01, start: '09:00'}\n",
    )
    path.write_text(text, "utf-8")
    config = small / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  language: en\n", "  language: de\n"))
    result = run(small, "validate")
    assert "signed an earlier version" not in result.output
    charter = _charter(small)
    assert "20.11.2026" in charter  # signed, in German
    assert "| Charter |" not in charter  # the page is German
    german = (REPO / "generator/locale/de/LC_MESSAGES/playbook.po").read_text("utf-8")
    stale = german.split('msgid "signed an earlier version on %(on)s"\nmsgstr "')[1]
    assert stale.split('"')[0].split("%(on)s")[1] not in charter


def test_a_duty_added_makes_the_signature_stale_everywhere(small: Path) -> None:
    _sign(small)
    # Ann has not signed: 1 of 2, then 0 of 2 once Bo's charter changed.
    assert "charters 1 of 2 signed as they stand" in _scorecard(small)
    _add_duty(small)

    charter = _charter(small)
    assert "signed an earlier version on Nov 20, 2026" in charter
    assert "Run pilots" in charter  # what changed, in the YAML's words
    assert "charters 0 of 2 signed as they stand" in _scorecard(small)

    lint = run(small, "validate")
    assert "bo-chen signed an earlier version of their charter on 2026-11-20" in lint.output
    assert "playbook sign small bo-chen" in lint.output

    gate = small / INITIATIVE
    gate.write_text(
        gate.read_text("utf-8").replace(
            "current_stage: start\n", "current_stage: start\ngate_checks: [charters-signed]\n"
        ),
        "utf-8",
    )
    files = _tree(small)
    moved = run(small, "advance", "small", "--date", "2026-11-21")
    assert moved.exit_code == 1
    assert "charters-signed" in moved.output and "bo-chen" in moved.output
    assert _tree(small) == files

    # Re-signing makes it current again.
    result = run(small, "sign", "small", "bo-chen", "--date", "2026-11-22")
    assert result.exit_code == 0, result.output
    assert "signed an earlier version" not in _charter(small)


def test_a_date_without_a_kept_copy_counts_as_signed(small: Path) -> None:
    path = small / INITIATIVE
    text = path.read_text("utf-8").replace(
        "    purpose: Run the work.\n",
        "    purpose: Run the work.\n    charter_signed: 2026-01-06\n",
    )
    path.write_text(text, "utf-8")
    charter = _charter(small)
    assert "earlier version" not in charter
    assert "no copy" in charter.lower()
    assert "charters 1 of 2 signed as they stand" in _scorecard(small)
    checked = run(small, "validate").output
    assert "bo-chen has not signed" not in checked and "bo-chen signed an" not in checked


def test_the_kept_copy_never_reaches_core_or_the_team(small: Path) -> None:
    _sign(small)
    _add_duty(small)
    assert "signed an earlier version" in _charter(small, "leadership")
    result = run(small, "render", "--audience", "everyone")
    assert result.exit_code == 0, result.output
    everything = "".join(p.read_text("utf-8") for p in sorted((small / "generated").rglob("*.md")))
    assert "earlier version" not in everything
    assert "Nov 20, 2026" not in everything


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("smal", "bo-chen"), "smal"),
        (("small", "bo-chn"), "bo-chen"),
        (("small", "cy-diaz"), "cy-diaz"),
        (("small", "bo-chen", "--date", "2026-13-01"), "is not a date as YYYY-MM-DD"),
    ],
)
def test_bad_arguments_are_a_clear_message_and_change_nothing(
    small: Path, args: tuple[str, ...], message: str
) -> None:
    write(small, "playbooks/people/cy-diaz.yml", "name: Cy Diaz\ntitle: CFO\nfunction: Finance\n")
    files = _tree(small)
    result = run(small, "sign", *args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert _tree(small) == files


def test_a_hand_broken_copy_is_a_file_line_column_message(small: Path) -> None:
    _sign(small)
    copy = small / COPY
    copy.write_text(copy.read_text("utf-8") + "commitments: [unclosed\n", "utf-8")
    result = run(small, "validate")
    assert result.exit_code == 1
    assert f"{COPY}:" in result.output
    assert "Traceback" not in result.output
