"""Reliability, round three (issue 26): a full disk, interrupted imports and advances, and
where the site is built."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
from pathlib import Path

import mkdocs.utils
import pytest

from tests.conftest import REPO, copy_repo, minimal, run
from tests.test_faults import KILL_AFTER, _run


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _disk_fills_after(monkeypatch: pytest.MonkeyPatch, files: int) -> None:
    real, written = mkdocs.utils.write_file, []

    def filling(content: bytes, output_path: str) -> None:
        if len(written) >= files:
            raise OSError(errno.ENOSPC, "No space left on device", output_path)
        written.append(output_path)
        real(content, output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", filling)


def test_a_full_disk_during_a_build_is_a_clear_message(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(example, "build").exit_code == 0
    before = _tree(example / "site")
    _disk_fills_after(monkeypatch, 20)
    (example / "playbooks/pages").mkdir(exist_ok=True)
    (example / "playbooks/pages/new.md").write_text("# A new page\n", "utf-8")
    result = run(example, "build")
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert message.startswith(
        f"disk full (no space left) while building the site in {example.resolve()}: the new "
        "site had reached "
    )
    assert " MB when the disk filled (the current one takes " in message
    assert message.endswith(
        "; free at least that much there and build again. site/ is untouched and the "
        "unfinished build was removed"
    )
    assert "Traceback" not in result.output
    assert _tree(example / "site") == before
    assert sorted(p.name for p in example.iterdir() if p.name.startswith(".site")) == []


def _blocks(folder: Path) -> int:
    return sum(p.lstat().st_blocks * 512 for p in folder.rglob("*"))


def test_a_really_full_disk_leaves_the_old_site(example: Path, tmp_path: Path) -> None:
    """The same on a real small disk (a tmpfs that holds one site, not two): needs root."""
    assert run(example, "build").exit_code == 0
    size = _blocks(example / "site")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size * 3 // 2}", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        site = disk / "site"
        assert run(example, "build", "--site-dir", str(site)).exit_code == 0
        before = _tree(site)
        result = run(example, "build", "--site-dir", str(site))
        assert result.exit_code == 1
        assert result.stderr.startswith(
            f"disk full (no space left) while building the site in {disk}: the new site had "
            "reached "
        )
        assert _tree(site) == before
        assert sorted(p.name for p in disk.iterdir()) == ["site"]
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def _site_dir(root: Path, value: str) -> None:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + f"\nsite_dir: {value}\n", "utf-8")


def test_build_honours_site_dir_of_mkdocs_yml(example: Path) -> None:
    _site_dir(example, "public")
    result = run(example, "build")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"built the 'leadership' site in {example}/public"
    assert (example / "public/index.html").is_file()
    assert not (example / "site").exists()
    other = example / "elsewhere"
    assert run(example, "build", "--site-dir", str(other)).exit_code == 0
    assert (other / "index.html").is_file()
    assert not (example / "site").exists()


@pytest.mark.parametrize("value", [".", ".."])
def test_a_site_dir_holding_the_repository_is_refused(example: Path, value: str) -> None:
    _site_dir(example, value)
    before = sorted(p.name for p in example.iterdir())
    result = run(example, "build")
    assert result.exit_code == 1
    assert result.stderr == (
        f"the site folder {(example / value).resolve()} holds the repository itself; build "
        "into a folder of its own (site_dir in mkdocs.yml, or --site-dir); nothing was written\n"
    )
    assert sorted(p.name for p in example.iterdir() if p.name != ".playbook.lock") == before


ROSTER_HEAD = "id,name,title,function,email,reports_to\n"


def _roster(path: Path, n: int) -> Path:
    rows = [f"hire-{i:03d},Hire {i},Analyst,Finance,hire{i}@example.com,ann-lee" for i in range(n)]
    path.write_text(ROSTER_HEAD + "\n".join(rows) + "\n", "utf-8")
    return path


def _leftovers(root: Path) -> list[str]:
    return sorted(
        p.relative_to(root).as_posix()
        for pattern in (".import-*", ".advance-*", ".tmp-*")
        for p in (root / "playbooks").rglob(pattern)
    )


def test_a_killed_people_import_leaves_nothing_the_next_run_keeps(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo", playbooks=False)
    minimal(root)
    hr = _roster(tmp_path / "hr.csv", 40)
    # Killed right after the first of 40 renames: 39 files of HR data are left staged.
    killer = KILL_AFTER.format(module="os", name="replace", condition="'.import-' in str(args[0])")
    code, _ = _run(root, "people", "import", str(hr), script=killer)
    assert code == -signal.SIGKILL
    assert len(_leftovers(root)) == 39
    code, err = _run(root, "people", "import", str(hr))
    assert code == 0, err
    assert err.startswith("removed 39 temporary files an interrupted run left (playbooks/people/")
    assert _leftovers(root) == []
    assert len(list((root / "playbooks/people").glob("hire-*.yml"))) == 40


def test_a_killed_advance_leaves_nothing_the_next_run_keeps(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo", playbooks=False)
    minimal(root)
    killer = KILL_AFTER.format(
        module="tempfile", name="mkstemp", condition="'.advance-' in str(kwargs)"
    )
    code, _ = _run(root, "advance", "small", "--date", "2026-11-20", script=killer)
    assert code == -signal.SIGKILL
    assert len(_leftovers(root)) == 1
    code, err = _run(root, "advance", "small", "--date", "2026-11-20")
    assert code == 0, err
    assert _leftovers(root) == []
    assert "current_stage: finish" in (root / "playbooks/small/initiative.yml").read_text()


def test_a_killed_sign_leaves_nothing_the_next_run_keeps(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo", playbooks=False)
    minimal(root)
    # Killed once the kept copy's temporary file is written, before its rename.
    killer = KILL_AFTER.format(
        module="tempfile", name="mkstemp", condition="'.tmp-' in str(kwargs)"
    )
    code, _ = _run(root, "sign", "small", "ann-lee", "--date", "2026-11-20", script=killer)
    assert code == -signal.SIGKILL
    assert len(_leftovers(root)) == 1
    code, err = _run(root, "sign", "small", "ann-lee", "--date", "2026-11-20")
    assert code == 0, err
    assert _leftovers(root) == []
    assert (root / "playbooks/small/signed/ann-lee.yml").is_file()


def test_git_ignores_what_an_interrupted_import_or_advance_leaves(tmp_path: Path) -> None:
    shutil.copy(REPO / ".gitignore", tmp_path / ".gitignore")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for name in (
        "people/.import-k3j2x9.tmp",
        "small/.advance-a8b7c6.yml.tmp",
        "small/.attendance-a8b7c6.yml.tmp",
        "small/signed/.tmp-a8b7c6x_.yml",
    ):
        done = subprocess.run(
            ["git", "-C", str(tmp_path), "check-ignore", "-q", f"playbooks/{name}"], check=False
        )
        assert done.returncode == 0, name


@pytest.mark.parametrize("command", ["import", "advance"])
def test_each_file_is_on_disk_before_it_is_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    root = copy_repo(tmp_path / "repo", playbooks=False)
    minimal(root)
    synced: list[int] = []
    renamed: list[tuple[str, int]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    def replace(src: str | Path, dst: str | Path) -> None:
        renamed.append((Path(src).name, len(synced)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    if command == "import":
        result = run(root, "people", "import", str(_roster(tmp_path / "hr.csv", 3)))
    else:
        result = run(root, "advance", "small", "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    staged = [(name, n) for name, n in renamed if name.startswith(f".{command}-")]
    assert staged
    assert all(n >= i + 1 for i, (_, n) in enumerate(staged)), staged
