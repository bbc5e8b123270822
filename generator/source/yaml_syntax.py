"""YAML syntax errors in the user's words: where the broken construct began, and where the
parser gave up.

PyYAML reports where it stopped (`problem_mark`), which for an unclosed bracket or quote is
wherever the next thing happened to be, often the end of the file. The construct it was
reading (`context_mark`) is where the user should look: the `[` that was never closed.
libyaml and the pure-Python parser word their problems differently; the wording here is our
own wherever we know the construct, so both give the same message.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

__all__ = ["Syntax", "describe"]


@dataclass(frozen=True)
class Syntax:
    """One YAML syntax error, ready for a Problem: 1-based line and column, and the text."""

    line: int
    column: int
    message: str


def _at(mark: yaml.Mark) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _char(text: str, mark: yaml.Mark) -> str:
    lines = text.splitlines()
    row = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    return row[mark.column] if 0 <= mark.column < len(row) else ""


def _unclosed(exc: yaml.MarkedYAMLError, text: str) -> str | None:
    """The message for a list, mapping or quoted text that was opened and never closed."""
    start, stop = exc.context_mark, exc.problem_mark
    context, problem = exc.context or "", exc.problem or ""
    if start is None or stop is None:
        return None
    if "flow sequence" in context and "',' or ']'" in problem:
        return (
            f"the list opened with '[' at {_at(start)} was never closed: at {_at(stop)} "
            "expected ',' or ']' (end the list with ']' and separate its items with ',')"
        )
    if "flow mapping" in context and "',' or '}'" in problem:
        return (
            f"the mapping opened with '{{' at {_at(start)} was never closed: at {_at(stop)} "
            "expected ',' or '}' (end the mapping with '}' and separate its entries with ',')"
        )
    quote = _char(text, start)
    if "quoted scalar" in context and quote in ("'", '"'):
        if "end of stream" in problem:
            ended = f"the file ends at {_at(stop)}"
        elif "document" in problem:
            ended = f"a document separator '---' at {_at(stop)} ends it"
        else:
            return None
        shown = f"'{quote}'" if quote == '"' else f'"{quote}"'
        return (
            f"the quoted text opened with {shown} at {_at(start)} was never closed: {ended} "
            f"(end the text with {shown})"
        )
    return None


def describe(exc: yaml.MarkedYAMLError, text: str) -> Syntax:
    """Where to point and what to say about a syntax error PyYAML raised reading `text`."""
    stop = exc.problem_mark or exc.context_mark
    unclosed = _unclosed(exc, text)
    opened = exc.context_mark
    if unclosed and opened:
        return Syntax(opened.line + 1, opened.column + 1, f"YAML syntax error: {unclosed}")
    what = exc.problem or "invalid YAML"
    if "could not determine a constructor" in what:
        what = "tags such as '!!python/...' are not allowed; write plain values"
    elif stop and _tab_indented(text, stop.line):
        what += " (indent with spaces, not tabs)"
    if exc.context and opened and stop and (opened.line, opened.column) != (stop.line, stop.column):
        what = f"{exc.context} at {_at(opened)}: {what}"
    line, column = (stop.line + 1, stop.column + 1) if stop else (0, 0)
    return Syntax(line, column, f"YAML syntax error: {what}")


def _tab_indented(text: str, line: int) -> bool:
    lines = text.splitlines()
    if not 0 <= line < len(lines):
        return False
    row = lines[line]
    return "\t" in row[: len(row) - len(row.lstrip())]
