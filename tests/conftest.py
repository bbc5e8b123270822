"""Shared fixtures: a copy of the example repository, a small playbook builder, the CLI."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from generator.cli import cli

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-27"
SITE_FILES = ("mkdocs.yml", "playbooks", "templates", "site_overrides")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/goldens from the current output",
    )


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output may depend on today's date (review_by); tests pin it."""
    monkeypatch.setenv("PLAYBOOK_TODAY", TODAY)
    monkeypatch.delenv("PLAYBOOK_AUDIENCE", raising=False)


def copy_repo(dest: Path, playbooks: bool = True) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        if name == "playbooks" and not playbooks:
            continue
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A site repository holding the example playbooks, in a temporary folder, with no
    warning: the signature of an earlier version the example ships is signed again (the
    `shipped` fixture keeps it, for the tests of signing)."""
    root = copy_repo(tmp_path / "repo")
    sign_again(root)
    return root


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """The example playbooks exactly as shipped, in a temporary folder."""
    return copy_repo(tmp_path / "repo")


Writer = Callable[[str, str], Path]


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    """A site repository with templates and config but no playbooks."""
    root = copy_repo(tmp_path / "repo", playbooks=False)
    (root / "playbooks" / "people").mkdir(parents=True)
    return root


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


MINIMAL_PEOPLE = {
    "ann-lee": "name: Ann Lee\ntitle: Chief Executive\nfunction: Executive\n",
    "bo-chen": "name: Bo Chen\ntitle: Chief Operating Officer\nfunction: Operations\n"
    "reports_to: ann-lee\n",
}

MINIMAL_INITIATIVE = """
title: Small Change
mandate: Make one thing better.
sponsor: ann-lee
owner: Change Office
current_stage: start
stages:
  - id: start
    name: Start
    goal: Agree the case.
    exit_criteria:
      - {text: Case agreed, done: true}
  - id: finish
    name: Finish
    goal: Deliver it.
team:
  - person: ann-lee
    role: sponsor
    purpose: Hold the mandate.
    stages:
      start: {responsibilities: [Chair the kick-off]}
      finish: {responsibilities: [Close the programme]}
  - person: bo-chen
    role: owner
    purpose: Run the work.
    stages:
      start: {responsibilities: [Map the process]}
      finish: {responsibilities: [Deliver the change]}
activities:
  - id: kick-off
    title: Kick-off
    stage: start
    raci: {accountable: ann-lee, responsible: [bo-chen], informed: [all]}
training:
  - id: start-workshop
    stage: start
    title: Start workshop
    format: workshop
    duration_minutes: 60
    agenda:
      - {minutes: 60, title: Why change}
  - id: finish-workshop
    stage: finish
    title: Finish workshop
    format: workshop
    duration_minutes: 30
"""


def edited(*pairs: tuple[str, str]) -> str:
    """The minimal initiative with each (old, new) replaced once; `old` must be there."""
    text = MINIMAL_INITIATIVE
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def minimal(root: Path, initiative: str = MINIMAL_INITIATIVE, iid: str = "small") -> Path:
    """Write a small valid playbook (two people, two stages) into `root`."""
    for pid, text in MINIMAL_PEOPLE.items():
        write(root, f"playbooks/people/{pid}.yml", text)
    return write(root, f"playbooks/{iid}/initiative.yml", initiative)


# The example ships one signature of an earlier version (README, "Signing the charter"): a
# test that needs the example free of warnings (a strict build, a cached render) signs again.
STALE_SIGNATURE = ("client-experience", "tomas-varga")


def sign_again(root: Path) -> None:
    """Sign the example's stale signature again, as `playbook sign` does, on TODAY."""
    import datetime as dt

    from generator.commands.sign import sign
    from generator.pipeline import Layout

    sign(Layout(root), *STALE_SIGNATURE, dt.date.fromisoformat(TODAY), None)


def run(root: Path, *args: str) -> Result:
    """The CLI in-process, as `playbook -C ROOT ARGS...`."""
    return CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)


def require(module: str) -> None:
    """A test dependency: skip with the reason on a laptop without it, but fail under
    CI=true, where a missing dependency would otherwise hide a whole suite."""
    import importlib
    import os

    if os.environ.get("CI") == "true":
        importlib.import_module(module)
    else:
        pytest.importorskip(module, reason="a test dependency: pip install -e '.[test]'")


def user_text(folder: Path) -> list[str]:
    """Every text the example's YAML holds, longest first."""
    out: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            out.update({node, *node.split("\n")})

    for path in sorted(folder.rglob("*.yml")):
        # A kept copy of a signed charter repeats the initiative's words, with the codes of
        # our own format (RACI letters) that are no user text.
        if path.parent.name != "signed":
            walk(yaml.safe_load(path.read_text("utf-8")))
    return sorted((t.strip() for t in out if t.strip()), key=len, reverse=True)
