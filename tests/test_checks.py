"""The registry of gate checks is the one place a check is defined: the schema's values, the
words in every language, and nothing else in the code or the templates restating a check."""

from __future__ import annotations

import re
from typing import get_args

import pytest

from generator.content.i18n import SUPPORTED, wording
from generator.source.checks import CHECKS
from generator.source.model import AUDIENCES, GateCheck
from tests.conftest import REPO

TRANSLATED = [lang for lang in SUPPORTED if lang != "en"]


def test_the_schema_allows_exactly_the_registered_checks() -> None:
    assert list(get_args(GateCheck)) == list(CHECKS)
    assert all(check.id == key for key, check in CHECKS.items())


@pytest.mark.parametrize("check", CHECKS.values(), ids=list(CHECKS))
def test_each_check_has_its_level_and_its_words_in_every_language(check: object) -> None:
    from generator.source.checks import Check

    assert isinstance(check, Check)
    assert check.level in AUDIENCES and check.named_from in AUDIENCES
    for lang in TRANSLATED:
        words = wording(lang)
        assert words.label("check", check.id) != check.label[1], (lang, check.id)
        assert words.gettext(check.claim) != check.claim, (lang, check.id)


def _spelt(pattern: re.Pattern[str], folder: str, suffix: str) -> list[str]:
    return sorted(
        str(path.relative_to(REPO))
        for path in (REPO / folder).rglob(f"*{suffix}")
        if pattern.search(path.read_text(encoding="utf-8"))
    )


def test_a_check_id_is_spelt_only_in_the_schema_type_and_the_registry() -> None:
    for check in CHECKS:
        quoted = re.compile(rf"[\"']{re.escape(check)}[\"']|\b{re.escape(check)}\b")
        assert _spelt(quoted, "generator", ".py") == [
            "generator/source/checks.py",
            "generator/source/model.py",
        ], check
        assert _spelt(quoted, "templates", ".j2") == [], check


def test_no_template_decides_by_audience() -> None:
    """The views hand the templates what the audience may see; templates only lay it out."""
    deciding = re.compile(r"\{%-?\s*(?:el)?if\b[^%]*\b(?:audience|sees_team|sees)\b")
    assert _spelt(deciding, "templates", ".j2") == []
