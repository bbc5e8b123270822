"""Bad input, or a failed MkDocs build, never changes a file on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.layout import LOCK
from tests.conftest import MINIMAL_INITIATIVE, minimal, run, write


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under the repository, with its bytes (the whole disk state we care about)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def markdown(root: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted((root / "generated").rglob("*.md")))


BAD_INPUTS = {
    "yaml syntax": MINIMAL_INITIATIVE.replace("title: Small Change", "title: [Small"),
    "unknown person": MINIMAL_INITIATIVE.replace("  - person: bo-chen", "  - person: bo-chn"),
    "impossible date": MINIMAL_INITIATIVE.replace(
        "current_stage: start", "current_stage: start\nreview_by: 2026-13-01"
    ),
    "python tag": MINIMAL_INITIATIVE.replace("title: Small Change", "title: !!python/name:os.sep"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
@pytest.mark.parametrize("command", [("render",), ("validate",), ("build",)])
def test_bad_input_changes_nothing(blank: Path, name: str, command: tuple[str, ...]) -> None:
    minimal(blank)
    assert run(blank, "render").exit_code == 0
    write(blank, "playbooks/small/initiative.yml", BAD_INPUTS[name])
    before = snapshot(blank)
    result = run(blank, *command)
    assert result.exit_code == 1, result.output
    assert result.stderr.endswith("nothing was written.\n")
    assert snapshot(blank) == before


def test_strict_warning_changes_nothing(blank: Path) -> None:
    minimal(blank)
    assert run(blank, "render").exit_code == 0
    write(
        blank,
        "playbooks/small/initiative.yml",
        MINIMAL_INITIATIVE.replace("duration_minutes: 60", "duration_minutes: 90"),
    )
    before = snapshot(blank)
    result = run(blank, "render", "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "1 warning treated as errors (--strict); nothing was written."
    )
    assert snapshot(blank) == before


def test_failed_mkdocs_build_keeps_markdown_and_site(blank: Path) -> None:
    """Render succeeds, MkDocs fails (a broken link is an error under --strict): both the
    generated Markdown and the built site stay exactly as the last good build left them."""
    minimal(blank)
    first = run(blank, "build", "--strict")
    assert first.exit_code == 0, first.output
    assert (blank / "site" / "index.html").is_file()
    write(
        blank,
        "playbooks/small/initiative.yml",
        MINIMAL_INITIATIVE.replace("title: Small Change", "title: Renamed Change"),
    )
    write(blank, "playbooks/pages/broken.md", "# Broken\n\nSee [nowhere](missing.md).\n")
    before = snapshot(blank)

    result = run(blank, "build", "--strict")

    assert result.exit_code == 1, result.output
    assert "site not built; site/ left as it was" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(blank) == before
    assert b"Renamed Change" not in markdown(blank)
    assert [p.name for p in blank.iterdir() if p.name.startswith(".")] == [LOCK]

    # The same change without the broken page builds, and only then reaches generated/.
    (blank / "playbooks/pages/broken.md").unlink()
    again = run(blank, "build", "--strict")
    assert again.exit_code == 0, again.output
    assert b"Renamed Change" in markdown(blank)


def test_foreign_file_in_generated_keeps_site(blank: Path) -> None:
    minimal(blank)
    assert run(blank, "build").exit_code == 0
    generated = blank / "generated"
    stray = next(p for p in sorted(generated.rglob("*.md")))
    (generated / ".playbook-manifest.json").write_text('{"files": {}}\n', "utf-8")
    before = snapshot(blank)
    result = run(blank, "build")
    assert result.exit_code == 1
    assert "were not written by playbook" in result.stderr
    assert snapshot(blank) == before
    assert stray.is_file()
