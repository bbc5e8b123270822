from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.write import MANIFEST, write
from generator.source.problems import UserError


def test_writes_only_changed_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = write({"a.md": b"A", "sub/b.md": b"B"}, out)
    assert sorted(first.written) == ["a.md", "sub/b.md"]
    mtime = (out / "a.md").stat().st_mtime_ns
    second = write({"a.md": b"A", "sub/b.md": b"B2"}, out)
    assert second.written == ["sub/b.md"]
    assert second.unchanged == 1
    assert (out / "a.md").stat().st_mtime_ns == mtime
    assert (out / "sub/b.md").read_bytes() == b"B2"


def test_removes_stale_owned_files_and_empty_folders(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write({"a.md": b"A", "old/b.md": b"B"}, out)
    report = write({"a.md": b"A"}, out)
    assert report.removed == ["old/b.md"]
    assert not (out / "old").exists()


def test_never_touches_foreign_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write({"a.md": b"A"}, out)
    (out / "mine.md").write_text("hand-written")
    (out / "b.md").write_text("in the way")
    with pytest.raises(
        UserError,
        match=r"1 file\(s\) in the way were not written by playbook "
        r"\(b\.md\)",
    ):
        write({"a.md": b"A2", "b.md": b"B"}, out)
    assert (out / "b.md").read_text() == "in the way"
    assert (out / "a.md").read_bytes() == b"A"  # nothing written when refusing
    write({"a.md": b"A"}, out)
    assert (out / "mine.md").read_text() == "hand-written"


@pytest.mark.parametrize("bad", ["../x.md", "/etc/x.md", "a/../../x.md", MANIFEST])
def test_refuses_paths_outside(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="refusing to write outside"):
        write({bad: b"x"}, tmp_path / "out")
