"""Reliability, round three (issue 26): a full disk, interrupted imports and advances, and
where the site is built."""

from __future__ import annotations

import errno
import hashlib
import subprocess
from pathlib import Path

import mkdocs.utils
import pytest

from tests.conftest import run


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
