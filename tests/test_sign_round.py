"""The signing round as the README shows it (sign, change a duty, see the signature go stale,
sign again), replayed from the README's own console blocks on a copy of the example; and the
example's shipped signatures: one current, one stale, the rest from before copies were kept.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import REPO, run

README = (REPO / "README.md").read_text("utf-8")
SECTION = README.split("### Signing the charter\n", 1)[1].split("\n### ", 1)[0]
ANCHOR = "          - Rank the reconciliations by effort and risk\n"
NEW_DUTY = "          - Agree the cut-off times with every entity's controller\n"
# What a command of the round exits with: advance refuses while a gate check fails.
EXIT = {"advance": 1}


def blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", SECTION, re.S)


def commands(block: str) -> list[tuple[str, list[str]]]:
    """Each `$ playbook ...` line of a console block, with the lines shown after it."""
    out: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        else:
            out[-1][1].append(line)
    return out


def shown_in(expected: list[str], actual: list[str]) -> bool:
    """The README's lines, in order, among the command's; `...` stands for any lines, and
    without it the output is exactly what is shown."""
    if "..." not in expected:
        return expected == actual
    rest = iter(actual)
    return all(any(line == got for got in rest) for line in expected if line != "...")


def replay(root: Path, block: str) -> None:
    for command, expected in commands(block):
        args = shlex.split(command)
        assert args[0] == "playbook", command
        result = run(root, *args[1:])
        assert result.exit_code == EXIT.get(args[1], 0), f"{command}\n{result.output}"
        assert shown_in(expected, result.output.splitlines()), f"{command}\n{result.output}"


def test_the_readme_round_works_on_the_example(shipped: Path) -> None:
    first, stale, again = blocks("console")
    initiative = shipped / "playbooks/finance-close/initiative.yml"
    before = initiative.read_text("utf-8")

    replay(shipped, first)
    copy = shipped / "playbooks/finance-close/signed/nadia-rahman.yml"
    assert copy.is_file()
    signed = initiative.read_text("utf-8")
    assert [line for line in signed.splitlines() if line not in before.splitlines()] == [
        "    charter_signed: 2026-11-20"
    ]

    # The duty the README adds, where its YAML block shows it.
    (shown,) = blocks("yaml")
    assert ANCHOR + NEW_DUTY in shown
    assert signed.count(ANCHOR) == 1
    initiative.write_text(signed.replace(ANCHOR, ANCHOR + NEW_DUTY), "utf-8")

    replay(shipped, stale)
    charter = (shipped / "generated/finance-close/charters/nadia-rahman.md").read_text("utf-8")
    assert "**signed an earlier version on Nov 20, 2026**" in charter
    assert (
        "- **Added** · Responsibilities (Design): Agree the cut-off times with every entity's "
        "controller"
    ) in charter
    scorecard = (shipped / "generated/finance-close/scorecard.md").read_text("utf-8")
    home = (shipped / "generated/index.md").read_text("utf-8")
    for page in (scorecard, home):
        assert "charters 3 of 4 signed as they stand" in page
    for said in (
        "signed an earlier version on Nov 20, 2026",
        "charters 3 of 4 signed as they stand",
    ):
        assert said in SECTION.replace("\n", " ")

    replay(shipped, again)
    assert "charter_signed: 2026-11-26" in initiative.read_text("utf-8")
    result = run(shipped, "validate")
    assert "nadia-rahman" not in result.output


def test_the_example_ships_a_current_and_a_stale_signature(shipped: Path) -> None:
    kept = sorted(p.name for p in (shipped / "playbooks/client-experience/signed").iterdir())
    assert kept == ["sam-okafor.yml", "tomas-varga.yml"]
    assert not (shipped / "playbooks/finance-close/signed").exists()
    result = run(shipped, "build")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if ": warning: " in line]
    assert len(warnings) == 1 and "tomas-varga signed an earlier version" in warnings[0]
    charters = shipped / "generated/client-experience/charters"
    sam = (charters / "sam-okafor.md").read_text("utf-8")
    assert "| Charter | signed Sep 16, 2026 |" in sam
    assert "earlier version" not in sam and "No copy of what was signed" not in sam
    tomas = (charters / "tomas-varga.md").read_text("utf-8")
    assert "**signed an earlier version on Sep 25, 2026**" in tomas
    assert (
        "- **Added** · Responsibilities (Development): Sign off the consent wording of every "
        "new CRM journey"
    ) in tomas
    lee = (charters / "lee-wong.md").read_text("utf-8")
    assert "No copy of what was signed was kept" in lee
    team = (charters / "index.md").read_text("utf-8")
    assert "| signed an earlier version on Sep 25, 2026 |" in team
    home = (shipped / "generated/index.md").read_text("utf-8")
    assert "charters 8 of 9 signed as they stand" in home


@pytest.mark.parametrize("audience", ["everyone", "leadership", "core"])
def test_the_example_builds_in_every_audience(shipped: Path, audience: str) -> None:
    site = shipped / f"site-{audience}"
    result = run(shipped, "build", "--audience", audience, "--site-dir", str(site))
    assert result.exit_code == 0, result.output
    stale = site / "client-experience/charters/tomas-varga/index.html"
    assert stale.exists() is (audience != "everyone")
    everything = "".join(
        p.read_text("utf-8", errors="replace") for p in site.rglob("*") if p.suffix == ".html"
    )
    # A member's duties, what they signed and what changed since: leadership content.
    for said in ("Sign off the consent wording", "Signed an earlier version"):
        assert (said in everything) is (audience != "everyone"), said


def test_the_shipped_example_is_strict_clean_once_signed_again(shipped: Path) -> None:
    """Its one warning is the stale signature, with the command that signs again; after it,
    `validate --strict` (the CI templates' first step) passes."""
    refused = run(shipped, "validate", "--strict")
    assert refused.exit_code == 1
    assert [line for line in refused.output.splitlines() if ": warning: " in line] == [
        "playbooks/client-experience/initiative.yml:520:21: warning: team[8].charter_signed: "
        "tomas-varga signed an earlier version of their charter on 2026-09-25 (1 change since) "
        "(advice: a charter changed since it was signed is not agreed; "
        "`playbook sign client-experience tomas-varga` re-signs it)"
    ]
    assert run(shipped, "sign", "client-experience", "tomas-varga").exit_code == 0
    result = run(shipped, "validate", "--strict")
    assert result.exit_code == 0, result.output
    assert "ok: 2 initiatives, 11 people, 0 warnings" in result.output
