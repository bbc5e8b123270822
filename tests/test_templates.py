"""Templates are the site's editable wording: a mistake in one is a clean error, not a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.views import InitiativeView
from tests.conftest import minimal, run


def _render_error(root: Path) -> str:
    result = run(root, "render")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not list((root / "generated").glob("*.md"))  # nothing written
    return result.stderr


def test_a_deleted_site_template_falls_back_to_the_packaged_one(blank: Path) -> None:
    minimal(blank)
    (blank / "templates" / "tags.md.j2").unlink()
    result = run(blank, "render")
    assert result.exit_code == 0, result.output
    assert (blank / "generated" / "tags.md").read_text("utf-8").startswith("---\ntitle: ")


def test_missing_template(blank: Path) -> None:
    minimal(blank)
    (blank / "templates" / "home.md.j2").write_text('{% include "nowhere.md.j2" %}\n')
    assert _render_error(blank) == (
        "templates/nowhere.md.j2: template not found in the site's templates/ or the "
        "packaged ones; check the name\n"
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "# Home\n\n{% for x in %}\n",
            "templates/home.md.j2:3: template syntax error: Expected an expression, got 'end of "
            "statement block'\n",
        ),
        (
            "# Home\n\n{{ no_such_thing }}\n",
            "templates/home.md.j2:3: template error: 'no_such_thing' is undefined\n",
        ),
    ],
    ids=["syntax", "undefined"],
)
def test_template_errors_name_the_line(blank: Path, source: str, message: str) -> None:
    minimal(blank)
    (blank / "templates" / "home.md.j2").write_text(source)
    assert _render_error(blank) == message


def test_a_generator_bug_under_a_template_keeps_its_traceback(
    blank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only Jinja's own errors are the template's fault; anything else is a bug of ours and
    must not be reported as the user's template error."""
    minimal(blank)

    def broken(self: InitiativeView) -> None:
        raise TypeError("a bug in the generator")

    monkeypatch.setattr(InitiativeView, "timeline", broken)
    with pytest.raises(TypeError, match="a bug in the generator"):
        run(blank, "render")
