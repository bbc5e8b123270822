"""The generated wording in the organisation's language: gettext catalogs, dates and numbers.

English is the source language: every message id is the English text. A catalog per language
lives in the package (generator/locale/<language>/LC_MESSAGES/playbook.po) and is read as is,
with Babel, so there is no compiled file to keep in step. Users' own YAML text is never
translated: only the generator's wording is.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from generator.source.problems import UserError

SOURCE = "en"
SUPPORTED = ("en", "de", "fr", "es")
DOMAIN = "playbook"
LOCALE = Path(__file__).resolve().parent.parent / "locale"


def catalog_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True)
class Wording:
    """The generator's words in one language, and the locale's way with dates and numbers."""

    language: str
    translations: gettext.NullTranslations

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def date(self, value: dt.date) -> str:
        return str(format_date(value, format="medium", locale=self.language))

    def number(self, value: float, decimals: int = 0) -> str:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return str(format_decimal(value, format=pattern, locale=self.language))


def _translations(language: str) -> gettext.NullTranslations:
    if language == SOURCE:
        return gettext.NullTranslations()
    with catalog_path(language).open("rb") as fh:
        catalog = read_po(fh, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


@functools.cache
def wording(language: str = SOURCE) -> Wording:
    """The wording of a supported language (see `language_of` for what a site may ask)."""
    return Wording(language, _translations(language))


def _material_languages() -> set[str]:
    """The interface languages Material for MkDocs ships (theme.language)."""
    try:
        folder = resources.files("material") / "templates" / "partials" / "languages"
        return {p.name.removesuffix(".html") for p in folder.iterdir()}
    except (OSError, ModuleNotFoundError):
        return set()


def language_of(code: str | None) -> tuple[str, str | None]:
    """The language to write in for a site set to `code`, and a warning if it is not that one.

    Material speaks some 60 languages for its own interface; we write our wording in a few.
    A language Material knows and we do not gets English wording and a warning; a code
    neither knows is an error naming the supported ones."""
    code = (code or SOURCE).strip()
    if code in SUPPORTED:
        return code, None
    base = code.split("-")[0].split("_")[0].lower()
    if base in SUPPORTED:
        return base, None
    supported = ", ".join(SUPPORTED)
    if code in _material_languages():
        return SOURCE, (
            f"language '{code}': the playbook's own wording is not available in it yet, so "
            f"it is in English (available: {supported}); Material's interface follows '{code}'"
        )
    raise UserError(f"unknown language '{code}' (expected one of: {supported})")
