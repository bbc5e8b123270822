"""A write stopped at any point never makes the next write refuse its own files, and still
never overwrites a file someone else put there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.site import write as write_module
from generator.site.write import MANIFEST, write
from generator.source.problems import UserError

FILES = {"a.md": b"A", "b.md": b"B", "sub/c.md": b"C", "sub/d.md": b"D"}


class Killed(BaseException):
    """Stands in for a kill: nothing after it runs, no handler catches it."""


def _interrupted(out: Path, files: dict[str, bytes], after: int, mp: pytest.MonkeyPatch) -> None:
    """Run `write` and stop it once `after` files (the manifest not counted) are written."""
    real = write_module._write_file
    written: list[Path] = []

    def dying(path: Path, data: bytes) -> None:
        real(path, data)
        if path.name != MANIFEST:
            written.append(path)
            if len(written) == after:
                raise Killed

    with mp.context() as patched:
        patched.setattr(write_module, "_write_file", dying)
        with pytest.raises(Killed):
            write(files, out)


def _on_disk(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


def test_the_next_write_finishes_the_job(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    _interrupted(out, FILES, 2, monkeypatch)
    assert _on_disk(out) == {"a.md": b"A", "b.md": b"B"}
    report = write(FILES, out)
    assert sorted(report.written) == ["sub/c.md", "sub/d.md"]
    assert report.unchanged == 2
    assert _on_disk(out) == FILES
    assert "pending" not in json.loads((out / MANIFEST).read_text())


def test_new_content_replaces_what_an_interrupted_write_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _interrupted(out, FILES, 1, monkeypatch)
    _interrupted(out, {**FILES, "a.md": b"A2"}, 3, monkeypatch)  # stopped twice in a row
    changed = {"a.md": b"A3", "sub/c.md": b"C3"}  # b.md and sub/d.md no longer planned
    report = write(changed, out)
    assert sorted(report.written) == ["a.md", "sub/c.md"]
    assert report.removed == ["b.md"]
    assert _on_disk(out) == changed


def test_a_file_changed_since_the_interruption_is_not_ours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _interrupted(out, FILES, 2, monkeypatch)
    (out / "b.md").write_bytes(b"edited by hand")
    with pytest.raises(UserError) as refused:
        write(FILES, out)
    assert str(refused.value) == (
        f"{out.as_posix()}: 1 file(s) in the way were not written by playbook (b.md); move "
        "them out of the generated folder (hand-written pages belong in playbooks/pages/)"
    )
    assert (out / "b.md").read_bytes() == b"edited by hand"
    write({"a.md": b"A"}, out)  # nor is it removed when no longer planned
    assert _on_disk(out) == {"a.md": b"A", "b.md": b"edited by hand"}


def test_a_foreign_file_with_the_very_bytes_we_would_write_is_still_refused(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    write({"a.md": b"A"}, out)
    (out / "b.md").write_bytes(b"B")
    with pytest.raises(UserError, match=r"1 file\(s\) in the way"):
        write({"a.md": b"A", "b.md": b"B"}, out)
