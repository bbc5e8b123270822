"""The ready-made CI templates under examples/ci/: validate every change, and on main build
one site per audience into its own folder. The same `playbook` steps run here, without deploy.
Also the README's screenshots: real files, small, shown by the README."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, run

CI = REPO / "examples" / "ci"
SITES = ["site-everyone", "site-leadership", "site-core"]
BUILDS = [
    f"playbook build --strict --audience {s.removeprefix('site-')} --site-dir {s}" for s in SITES
]


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((CI / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def github_steps(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def playbook_commands(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("playbook ")]


def test_github_actions_validates_every_change_and_builds_sites_on_main() -> None:
    flow = load("github-actions.yml")
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"] is None and triggers["pull_request"] is None  # every branch, PR
    validate, sites = flow["jobs"]["validate"], flow["jobs"]["sites"]
    assert "if" not in validate
    assert playbook_commands(github_steps(validate)) == ["playbook validate --strict"]
    assert sites["needs"] == "validate"
    assert sites["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert playbook_commands(github_steps(sites)) == BUILDS
    uploads = [
        (s["with"]["name"], s["with"]["path"])
        for s in sites["steps"]
        if s.get("uses", "").startswith("actions/upload-artifact@")
    ]
    assert uploads == [(s, f"{s}/") for s in SITES]  # one artifact, one host, per audience


def test_gitlab_ci_validates_every_change_and_builds_sites_on_main() -> None:
    flow = load("gitlab-ci.yml")
    validate, sites = flow["validate"], flow["sites"]
    assert "rules" not in validate and "only" not in validate
    assert playbook_commands(validate["script"]) == ["playbook validate --strict"]
    assert sites["rules"] == [{"if": '$CI_COMMIT_BRANCH == "main"'}]
    assert playbook_commands(sites["script"]) == BUILDS
    assert sites["artifacts"]["paths"] == [f"{s}/" for s in SITES]
    assert flow["stages"] == ["validate", "build", "digest"]


def test_the_templates_build_steps_give_three_separate_sites(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run the main-branch steps of the templates in a copy of the repository."""
    github = load("github-actions.yml")["jobs"]
    gitlab = load("gitlab-ci.yml")
    steps = playbook_commands(github_steps(github["validate"]) + github_steps(github["sites"]))
    assert steps == playbook_commands(gitlab["validate"]["script"] + gitlab["sites"]["script"])
    monkeypatch.chdir(example)  # CI runs from the repository root; --site-dir is relative
    for command in steps:
        result = run(example, *shlex.split(command)[1:])
        assert result.exit_code == 0, f"{command}\n{result.output}"
    pages = {
        s: {p.relative_to(example / s).as_posix() for p in (example / s).rglob("*.html")}
        for s in SITES
    }
    assert all("index.html" in pages[s] for s in SITES)
    assert pages["site-everyone"] < pages["site-leadership"] < pages["site-core"]
    assert not any("/charters/" in p for p in pages["site-everyone"])
    assert "client-experience/charters/sam-okafor/index.html" in pages["site-leadership"]
    assert not (example / "site").exists()  # nothing built outside the named folders


DIGEST = 'playbook digest --all --send --smtp "$PLAYBOOK_SMTP_HOST" --starttls'
SECRETS = ("PLAYBOOK_SMTP_HOST", "PLAYBOOK_SMTP_USER", "PLAYBOOK_SMTP_PASSWORD")


def test_github_actions_sends_the_digest_every_week() -> None:
    flow = load("github-actions.yml")
    triggers = flow.get("on", flow.get(True))
    assert triggers["schedule"] == [{"cron": "0 6 * * 1"}]  # Mondays, 06:00 UTC
    assert "workflow_dispatch" in triggers
    job = flow["jobs"]["digest"]
    assert job["needs"] == "validate"  # nothing is sent from playbooks that do not validate
    assert job["if"] == (
        "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'"
    )
    (step,) = [s for s in job["steps"] if s.get("run", "").startswith("playbook ")]
    assert step["run"] == DIGEST
    # Credentials from the repository's secrets, into the variables notify and digest read.
    assert step["env"] == {k: f"${{{{ secrets.{k} }}}}" for k in SECRETS}
    # The send log survives between runs: a re-run never sends a digest twice.
    cached = [s for s in job["steps"] if s.get("uses", "").startswith("actions/cache/")]
    assert [s["with"]["path"] for s in cached] == ["outbox/", "outbox/"]
    assert cached[-1]["if"] == "always()"


def test_gitlab_ci_sends_the_digest_on_its_schedule() -> None:
    flow = load("gitlab-ci.yml")
    job = flow["digest"]
    assert job["rules"] == [
        {"if": '$CI_PIPELINE_SOURCE == "schedule" && $PLAYBOOK_DIGEST == "weekly"'}
    ]
    assert job["needs"] == ["validate"]
    assert playbook_commands(job["script"]) == [DIGEST]
    assert job["cache"] == {"key": "playbook-outbox", "paths": ["outbox/"], "when": "always"}


def test_the_templates_digest_step_sends_each_digest_once(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The step as CI runs it, its variables set as the CI's secrets would set them."""
    from aiosmtpd.controller import Controller

    from tests.test_send import HOST, Mailbox, free_port

    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname=HOST, port=port)
    controller.start()
    try:
        monkeypatch.setenv("PLAYBOOK_SMTP_HOST", f"{HOST}:{port}")
        command = shlex.split(os.path.expandvars(DIGEST).replace(" --starttls", ""))
        first = run(example, *command[1:])
        second = run(example, *command[1:])
    finally:
        controller.stop()
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert len(box.received) == 4  # two initiatives, each to its sponsor and its office
    assert second.output.count("already sent: ") == 4


README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_screenshots_are_real_and_small() -> None:
    section = README.split("## Screenshots", 1)[1].split("\n## ", 1)[0]
    shown = re.findall(r"!\[[^\]]+\]\(([^)]+\.png)\)", section)
    assert {Path(s).stem for s in shown} >= {"home", "charter", "stage"}
    for rel in shown:
        png = (REPO / rel).read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n"), rel
        assert len(png) < 150_000, f"{rel} is {len(png) // 1024} KB"


def test_readme_publish_section_names_the_templates() -> None:
    section = README.split("## Publish", 1)[1].split("\n## ", 1)[0]
    for needle in (
        "examples/ci/github-actions.yml",
        "examples/ci/gitlab-ci.yml",
        "playbook validate --strict",
        *SITES,
    ):
        assert needle in section


def test_readme_digest_section_says_how_to_turn_it_on() -> None:
    section = README.split("## The sponsor's weekly digest", 1)[1].split("\n## ", 1)[0]
    for needle in (
        "office_email",
        "playbook digest client-experience",
        "playbook digest --all",
        DIGEST.replace('"$PLAYBOOK_SMTP_HOST"', "smtp.example.com:587"),
        "examples/ci/github-actions.yml",
        "examples/ci/gitlab-ci.yml",
        *SECRETS,
    ):
        assert needle in section, needle
