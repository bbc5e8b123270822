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

from generator.source.checks import CHECKS
from generator.source.markers import NC_
from generator.source.problems import UserError

__all__ = [
    "DOMAIN",
    "LABELS",
    "LOCALE",
    "SOURCE",
    "SUPPORTED",
    "Wording",
    "catalog_path",
    "language_of",
    "wording",
]

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

    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message)

    def label(self, kind: str, value: str) -> str:
        """The word for one of the model's fixed values (a role, a format, a status...)."""
        found = LABELS.get(kind, {}).get(value)
        return self.pgettext(*found) if found else value.replace("-", " ").capitalize()

    def minutes(self, value: int) -> str:
        hours, mins = divmod(int(value), 60)
        if hours and mins:
            return self.gettext("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": mins}
        if hours:
            return self.gettext("%(hours)d h") % {"hours": hours}
        return self.gettext("%(minutes)d min") % {"minutes": mins}

    def date(self, value: dt.date) -> str:
        return str(format_date(value, format="medium", locale=self.language))

    def number(self, value: float, decimals: int | None = None) -> str:
        """A number the language's way: as precise as it is (up to 3 decimals), or with
        exactly `decimals` of them."""
        pattern = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
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


# The words for the model's fixed values, by kind: the same English word may need two
# translations (a champion of the change as a role, or as a stance).
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "role": {
        "sponsor": NC_("role", "Sponsor"),
        "champion": NC_("role", "Champion"),
        "owner": NC_("role", "Owner"),
        "contributor": NC_("role", "Contributor"),
        "advisor": NC_("role", "Advisor"),
    },
    "support": {
        "champion": NC_("support", "Champion"),
        "supporter": NC_("support", "Supporter"),
        "neutral": NC_("support", "Neutral"),
        "skeptic": NC_("support", "Skeptic"),
        "resistant": NC_("support", "Resistant"),
    },
    "influence": {
        "low": NC_("influence", "Low"),
        "medium": NC_("influence", "Medium"),
        "high": NC_("influence", "High"),
    },
    "status": {
        "planned": NC_("status", "Planned"),
        "in-progress": NC_("status", "In progress"),
        "done": NC_("status", "Done"),
        "blocked": NC_("status", "Blocked"),
    },
    "format": {
        "workshop": NC_("format", "Workshop"),
        "offsite": NC_("format", "Offsite"),
        "briefing": NC_("format", "Briefing"),
        "one-to-one": NC_("format", "One-to-one"),
        "self-paced": NC_("format", "Self-paced"),
    },
    "barrier": {
        "awareness": NC_("barrier", "Awareness"),
        "desire": NC_("barrier", "Desire"),
        "knowledge": NC_("barrier", "Knowledge"),
        "ability": NC_("barrier", "Ability"),
        "reinforcement": NC_("barrier", "Reinforcement"),
    },
    "root_cause": {
        "unclear-role": NC_("root cause", "Unclear role"),
        "loss-of-control": NC_("root cause", "Loss of control"),
        "overload": NC_("root cause", "Overload"),
        "disagrees-with-strategy": NC_("root cause", "Disagrees with strategy"),
        "incentives": NC_("root cause", "Incentives"),
        "low-awareness": NC_("root cause", "Low awareness"),
        "other": NC_("root cause", "Other"),
    },
    "outcome": {
        "open": NC_("outcome", "Open"),
        "improving": NC_("outcome", "Improving"),
        "resolved": NC_("outcome", "Resolved"),
        "escalated": NC_("outcome", "Escalated"),
    },
    "check": {c.id: c.label for c in CHECKS.values()},
    # What changed in a charter since it was signed (source/signatures.py: PARTS).
    "charter_part": {
        "role": NC_("charter part", "Change role"),
        "purpose": NC_("charter part", "Purpose"),
        "individual": NC_("charter part", "Individual accountabilities"),
        "shared": NC_("charter part", "Shared accountabilities"),
        "decides": NC_("charter part", "Decides"),
        "recommends": NC_("charter part", "Recommends"),
        "consulted_on": NC_("charter part", "Consulted on"),
        "responsibilities": NC_("charter part", "Responsibilities"),
        "time_commitment": NC_("charter part", "Time commitment"),
        "kpis": NC_("charter part", "KPIs"),
        "activities": NC_("charter part", "Activities"),
        "letters": NC_("charter part", "RACI letters"),
    },
    "charter_change": {
        "added": NC_("charter change", "Added"),
        "removed": NC_("charter change", "Removed"),
        "changed": NC_("charter change", "Changed"),
    },
    # The five answers of the pulse, 1 to 5, as an agreement scale labels them (Microsoft
    # Forms' Likert words): `playbook pulse import` reads them in English and the site's
    # language.
    "agreement": {
        "1": NC_("agreement", "Strongly disagree"),
        "2": NC_("agreement", "Disagree"),
        "3": NC_("agreement", "Neutral"),
        "4": NC_("agreement", "Agree"),
        "5": NC_("agreement", "Strongly agree"),
    },
}
