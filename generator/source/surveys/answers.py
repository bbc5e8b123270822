"""An answer as a survey writes it -> 1 (strongly disagree) to 5 (strongly agree).

A rating or linear-scale question gives the number ("4", or 4.0 from a spreadsheet); a
Likert or multiple-choice question gives its label ("Agree"), in whatever language the form
was written in. The labels come from the caller (the catalogs' words, in English and the
site's language): nothing here guesses a language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Labels", "answer", "plain"]

_NUMBER = re.compile(r"^([1-5])(?:[.,]0+)?$")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_TRAILING = ".?!:;…*"


def plain(text: str) -> str:
    """Text as compared: any case, spacing, curly or straight apostrophe, and without the
    punctuation a form may end it with."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(text.split()).rstrip(_TRAILING + " ")


@dataclass(frozen=True)
class Labels:
    """The words an answer may be given in: by plain text, the answer they stand for."""

    values: Mapping[str, int]
    shown: tuple[str, ...]  # for messages: each language's five labels, 1 to 5

    @classmethod
    def of(cls, *languages: tuple[str, ...], also: Mapping[str, int] = {}) -> Labels:
        """From the five labels of each language (strongly disagree first); `also`: other
        words for an answer (English's "Neither agree nor disagree")."""
        values: dict[str, int] = {}
        for five in languages:
            for n, label in enumerate(five, start=1):
                values.setdefault(plain(label), n)
        for label, n in also.items():
            values.setdefault(plain(label), n)
        shown = tuple(dict.fromkeys(label for five in languages for label in five))
        return cls(values, shown)


def answer(text: str, labels: Labels) -> int | None:
    """The answer in a non-empty cell, or None when it is no answer."""
    number = _NUMBER.match(text.strip())
    if number:
        return int(number[1])
    return labels.values.get(plain(text))
