"""The `playbook-validate` pre-commit hook, as a site repository would use it.

`pre-commit try-repo` installs this repository into an environment of its own (from the
package index) and runs the hook on a repository holding playbooks: a valid one passes, a
broken one fails naming the error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, TODAY, require

require("pre_commit")


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def _try_repo(target: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PLAYBOOK_TODAY": TODAY}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(REPO),
            "playbook-validate",
            "--all-files",
            "--color",
            "never",
        ],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_hook_passes_valid_playbooks_and_fails_a_broken_one(tmp_path: Path) -> None:
    target = tmp_path / "site"
    shutil.copytree(REPO / "playbooks", target / "playbooks")
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    passed = _try_repo(target, tmp_path / "home")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "playbook validate" in passed.stdout and "Passed" in passed.stdout

    person = target / "playbooks" / "people" / "lee-wong.yml"
    person.write_text(
        person.read_text("utf-8").replace("reports_to: morgan-lee", "reports_to: morgan")
    )
    _git(target, "add", "-A")
    failed = _try_repo(target, tmp_path / "home")
    assert failed.returncode == 1
    assert "Failed" in failed.stdout
    assert (
        "playbooks/people/lee-wong.yml:6:13: reports_to: unknown person 'morgan' "
        "(did you mean 'morgan-lee'?)" in failed.stdout
    )
