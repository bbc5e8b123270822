"""Problems found in user input, and the one exception type that carries them to the CLI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = ["Problem", "Severity", "UserError", "printable", "short"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    file: str
    line: int
    column: int
    path: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        prefix = f"{self.path}: " if self.path else ""
        label = "warning: " if self.severity == "warning" else ""
        return f"{where}: {label}{prefix}{self.message}"


class UserError(Exception):
    """Bad input or a refused action: printed without a traceback, exit status 1."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(sorted(problems))

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        head = self.args[0] if self.args else ""
        return "\n".join([*lines, head] if lines else [head])


def printable(text: str) -> str:
    """Text as a one-line message can show it: a line break as '\\n', a tab as '\\t'."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def short(value: object, limit: int = 40) -> str:
    """A value as it may appear in a message: never a huge dump, never a line break."""
    if isinstance(value, str):
        value = printable(value)
        return f"'{value}'" if len(value) <= limit else f"'{value[: limit - 3]}...'"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
