"""The generated wording in the site's language: catalogs, plural forms, dates, and escaping."""

from __future__ import annotations

import datetime as dt

import jinja2
import pytest

from generator.content.i18n import SUPPORTED, language_of, wording
from generator.markdown.render import environment
from generator.source.problems import UserError


def _render(source: str, language: str = "en", **context: object) -> str:
    env = environment([], language)
    env.loader = jinja2.DictLoader({"t.md.j2": source})
    return env.get_template("t.md.j2").render(context)


def test_values_placed_in_wording_are_escaped_as_user_text() -> None:
    out = _render(
        "{% trans name=name %}Role charter: {{ name }}{% endtrans %}",
        name="<b>Ann</b> | {{ x }}",
    )
    assert out == "Role charter: &lt;b&gt;Ann&lt;/b&gt; \\| \\{\\{ x \\}\\}"


def test_plural_forms_follow_the_count() -> None:
    source = (
        "{% trans count=n %}{{ count }} session{% pluralize %}{{ count }} sessions{% endtrans %}"
    )
    assert _render(source, n=1) == "1 session"
    assert _render(source, n=3) == "3 sessions"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Mar 2, 2026"), ("de", "02.03.2026"), ("fr", "2 mars 2026"), ("es", "2 mar 2026")],
)
def test_dates_are_written_the_locales_way(language: str, expected: str) -> None:
    assert wording(language).date(dt.date(2026, 3, 2)) == expected


def test_a_language_we_write_or_material_speaks_or_neither() -> None:
    assert language_of(None) == ("en", None)
    assert language_of("de") == ("de", None)
    assert language_of("fr-CA") == ("fr", None)
    language, warning = language_of("pt-BR")
    assert language == "en"
    assert warning == (
        "language 'pt-BR': the playbook's own wording is not available in it yet, so it is in "
        "English (available: en, de, fr, es); Material's interface follows 'pt-BR'"
    )
    with pytest.raises(
        UserError, match=r"^unknown language 'xx' \(expected one of: en, de, fr, es\)$"
    ):
        language_of("xx")
    assert SUPPORTED[0] == "en"
