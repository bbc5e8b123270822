"""User words for what was expected and what was found, and did-you-mean suggestions."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable

from generator.source.problems import short

__all__ = ["did_you_mean", "explain", "found", "one_of"]


def found(value: object, bare: bool = False) -> str:
    """A value as a user would describe it: `text 'x'`, `the number 3`, `a list`.
    `bare` drops the kind for text (`'x'`), where the sentence already says what it is."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (yes/no)"
    if isinstance(value, int | float):
        return f"the number {short(value)}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return short(value) if bare else f"text {short(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "key: value pairs"
    return "a value of another kind"


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for a near miss, else ''."""
    if not isinstance(word, str) or len(word) > 200:
        return ""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def explain(wrong: str, expected: str, word: object = None, choices: Iterable[str] = ()) -> str:
    """`what is wrong (what was expected; did you mean ...?)`."""
    hint = did_you_mean(word, choices)
    extra = f"; {hint[2:-1]}" if hint else ""
    return f"{wrong} ({expected}{extra})"


def one_of(choices: Iterable[str]) -> str:
    return ", ".join(choices)
