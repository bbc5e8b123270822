from __future__ import annotations

from pathlib import Path

from tests.conftest import minimal, run


def test_validate_example_is_clean(example: Path) -> None:
    result = run(example, "validate", "--strict")
    assert result.exit_code == 0, result.output
    assert "ok: 2 initiatives, 11 people, 0 warnings" in result.output


def test_render_minimal_then_noop(blank: Path) -> None:
    minimal(blank)
    first = run(blank, "render")
    assert first.exit_code == 0, first.output
    second = run(blank, "render")
    assert "0 written, 0 removed" in second.output


def test_usage_error_exits_2(blank: Path) -> None:
    result = run(blank, "render", "--audience", "board")
    assert result.exit_code == 2
