"""The generated wording in the site's language: catalogs, plural forms, dates, and escaping."""

from __future__ import annotations

import datetime as dt
import gettext
import re
from pathlib import Path

import jinja2
import pytest

from generator.content import i18n
from generator.content.i18n import SUPPORTED, language_of, wording
from generator.markdown.render import environment
from generator.pipeline import Layout, Settings, generate, load_project
from generator.source.problems import UserError
from tests.conftest import TODAY, user_text

TODAY_DATE = dt.date.fromisoformat(TODAY)


def _render(source: str, language: str = "en", **context: object) -> str:
    env = environment([], language)
    env.loader = jinja2.DictLoader({"t.md.j2": source})
    return env.get_template("t.md.j2").render(context)


def test_values_placed_in_wording_are_escaped_asuser_text() -> None:
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


class _Pseudo(gettext.NullTranslations):
    """Every message wrapped in ⟦ ⟧: what is left outside them is either the user's text or
    wording that was never marked for translation."""

    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"⟦{singular if n == 1 else plural}⟧"

    def pgettext(self, context: str, message: str) -> str:
        return f"⟦{message}⟧"


def test_every_word_the_generator_writes_goes_through_the_catalog(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendered in a pseudo-language, the example site holds no word of ours outside ⟦ ⟧:
    templates, page titles, pictures, calendars and notices included."""
    monkeypatch.setattr(i18n, "_translations", lambda language: _Pseudo())
    i18n.wording.cache_clear()
    try:
        project, _ = load_project(Layout(example), TODAY_DATE)
        _, files = generate(project, Layout(example), Settings(TODAY_DATE, "core", language="de"))
    finally:
        i18n.wording.cache_clear()
    user = user_text(example / "playbooks")
    left: dict[str, set[str]] = {}
    for rel, data in files.items():
        if not rel.endswith((".md", ".ics")) or rel.startswith("pages/"):
            continue
        text = data.decode("utf-8")
        text = text.split("\n---\n", 1)[1] if rel.endswith(".md") else text
        text = text.replace("\r\n ", "").replace("\\,", ",").replace("\\n", "\n")
        while "⟦" in text:  # innermost first: wording nests (a count inside a sentence)
            text = re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
        for phrase in user:
            text = text.replace(phrase, " ")
        text = re.sub(
            r"\]\([^)]*\)|<[^>]*>|`[^`]*`|https?://\S+|mailto:\S*|[\w.-]+@[\w.-]+|!!! \w+",
            " ",
            text,
        )
        if rel.endswith(".ics"):  # the calendar format's own words, ids and zone names
            text = re.sub(
                r"^(PRODID|UID|TZID|TZNAME|COMMENT|CALSCALE|METHOD|TRANSP|BEGIN|END)"
                r"[;:].*$",
                " ",
                text,
                flags=re.M,
            )
            text = re.sub(r"^[A-Z-]+(;[^:\n]*)?:", " ", text, flags=re.M)
        for word in re.findall(r"[A-Za-z]{3,}", text):
            left.setdefault(word, set()).add(rel)
    assert {w: sorted(f)[:2] for w, f in sorted(left.items())} == {}
