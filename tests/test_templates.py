"""Templates are the site's editable wording: a mistake in one is a clean error, not a crash."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import minimal, run


def _render_error(root: Path) -> str:
    result = run(root, "render")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not list((root / "generated").glob("*.md"))  # nothing written
    return result.stderr


def test_missing_template(blank: Path) -> None:
    minimal(blank)
    (blank / "templates" / "tags.md.j2").unlink()
    assert _render_error(blank) == (
        "templates/tags.md.j2: template not found; restore it from the playbook repository "
        "you started from\n"
    )


def test_syntax_error_names_the_line(blank: Path) -> None:
    minimal(blank)
    path = blank / "templates" / "home.md.j2"
    path.write_text("# Home\n\n{% for x in %}\n")
    assert _render_error(blank) == (
        "templates/home.md.j2:3: template syntax error: Expected an expression, got 'end of "
        "statement block'\n"
    )


def test_undefined_name_names_the_line(blank: Path) -> None:
    minimal(blank)
    path = blank / "templates" / "home.md.j2"
    path.write_text("# Home\n\n{{ no_such_thing }}\n")
    assert _render_error(blank) == (
        "templates/home.md.j2:3: template error: 'no_such_thing' is undefined\n"
    )
