"""Which export it is, and what each column of its header row holds.

Microsoft Forms: `ID, Start time, Completion time, Email, Name` (a newer export adds `Last
modified time`), then one column per question. Google Forms: `Timestamp`, `Email Address`
when the form collects it, then the questions (a name, when asked, is a question like any
other). Both write their own headers in the form owner's language; the English words and
those of the site languages the exports are known to use are read. A column is a question
of the pulse when its header is the question's text or id, or ends with the text after a
title (a row of a Google grid, `Title [Text]`; a statement of a Likert question written
after its title, `Title.Text`); any other column is left alone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.source.model import PulseQuestion
from generator.source.problems import printable
from generator.source.reports.text import RowError, header_word
from generator.source.surveys.answers import plain

__all__ = ["FORMS", "GOOGLE", "Columns", "columns", "is_header", "kind_of", "shown"]

FORMS = "Microsoft Forms export"
GOOGLE = "Google Forms export"

_DONE = ("completion time", "fertigstellungszeit", "heure de fin", "hora de finalización")
_START = ("start time", "startzeit", "heure de début", "hora de inicio")
_STAMP = ("timestamp", "zeitstempel", "horodateur", "marca temporal")
_EMAIL = (
    "email",
    "email address",
    "e-mail",
    "e-mail address",
    "e-mail-adresse",
    "adresse e-mail",
    "correo electrónico",
    "dirección de correo electrónico",
    "username",
)
_NAME = (
    "name",
    "full name",
    "your name",
    "your full name",
    "name (first and last)",
    "first and last name",
    "nom",
    "nombre",
)
# Google Forms writes each row of a grid question as `Question [Row]`.
_GRID = re.compile(r"^(?P<title>.*?)\s*\[(?P<row>[^\[\]]+)\]$")


def kind_of(words: set[str]) -> str | None:
    """Microsoft or Google Forms, from the words of a header row; None for neither."""
    if any(w in words for w in _DONE) and ("id" in words or any(w in words for w in _START)):
        return FORMS
    if any(w in words for w in _STAMP) and "user action" not in words:  # a Teams log has one
        return GOOGLE
    return None


def is_header(words: set[str]) -> bool:
    return kind_of(words) is not None


def shown(header: str, limit: int = 60) -> str:
    """A header as a message names it: on one line, never a whole paragraph."""
    text = printable(" ".join(header.split()))
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class Columns:
    """Where each thing is in a row (0-based), and the header as written, by column."""

    header: tuple[str, ...]
    when: int
    email: int | None
    name: int | None
    questions: dict[str, int]  # question id -> its column

    @functools.cached_property
    def when_shown(self) -> str:
        return shown(self.header[self.when])


def _first(words: list[str], names: tuple[str, ...]) -> int | None:
    return next((words.index(n) for n in names if n in words), None)


def _question(header: str, by_text: dict[str, str], ids: set[str]) -> str | None:
    """The question a header is, by its text or id; a grid row's header by the row; a
    statement of a Likert question written after its title (`Title.Statement`) by the
    statement."""
    for candidate in (header, *(m["row"] for m in [_GRID.match(header)] if m)):
        key = plain(candidate)
        if key in by_text:
            return by_text[key]
        if key in ids:
            return key
        for text, qid in by_text.items():
            if key.endswith(text) and key[: -len(text)].rstrip().endswith((".", "?", ":")):
                return qid
    return None


def columns(
    kind: str,
    header_row: int,
    header: Sequence[str],
    questions: Sequence[PulseQuestion],
    errors: list[RowError],
) -> Columns:
    words = [header_word(h) for h in header]
    when = _first(words, _DONE if kind == FORMS else _STAMP)
    assert when is not None  # kind_of found it
    email, name = _first(words, _EMAIL), _first(words, _NAME)
    by_text = {plain(q.text): q.id for q in questions}
    ids = {q.id for q in questions}
    found: dict[str, int] = {}
    for j, cell in enumerate(header):
        if j in (when, email, name):
            continue
        qid = _question(cell, by_text, ids)
        if qid is None:
            continue
        if qid in found:
            errors.append(
                RowError(
                    header_row,
                    shown(cell),
                    f"a second column for question '{qid}' (the first is "
                    f"'{shown(header[found[qid]])}'): keep one",
                )
            )
            continue
        found[qid] = j
    if email is None and name is None:
        errors.append(
            RowError(
                header_row,
                "",
                "no Email or Name column: nobody can be matched to the team (collect the "
                "respondents' email addresses in the form's settings)",
            )
        )
    return Columns(tuple(header), when, email, name, found)
