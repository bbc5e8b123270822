"""A meeting report's (or a survey's) bytes -> numbered rows of trimmed cells, whatever the
tool wrote.

Teams writes UTF-16 with a byte order mark, or UTF-8 with or without one; tabs or commas.
The encoding is read from the bytes and the delimiter from the text, never from the name.
Row numbers are the physical lines of the file, so messages point where an editor does.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from generator.source.problems import UserError

__all__ = [
    "EXPECTED",
    "MAX_BYTES",
    "ZIP",
    "RowError",
    "decode",
    "delimiter",
    "header_word",
    "refuse",
    "rows",
]

MAX_BYTES = 10 * 1024 * 1024
EXPECTED = "expected a Teams attendance report or a Zoom participants export, as CSV"
ZIP = b"PK\x03\x04"  # .xlsx and .docx are zip archives


@dataclass(frozen=True)
class RowError:
    """One problem of the input: `FILE:ROW: column: what is wrong`."""

    row: int
    column: str
    message: str

    def line(self, shown: str) -> str:
        return f"{shown}:{self.row}: " + (f"{self.column}: " if self.column else "") + self.message


def refuse(shown: str, errors: list[RowError]) -> UserError:
    errors = sorted(set(errors), key=lambda e: (e.row, e.column, e.message))
    n = len(errors)
    return UserError(
        "\n".join(e.line(shown) for e in errors)
        + f"\n{n} error{'s' if n != 1 else ''} in {shown}; nothing was changed."
    )


def decode(shown: str, data: bytes, expected: str = EXPECTED) -> str:
    """The file's text, or a clear refusal for a file that is no text; `expected` says what
    the command reads (a meeting report, a survey export)."""
    if len(data) > MAX_BYTES:
        limit = MAX_BYTES // 1024 // 1024
        raise UserError(f"{shown}: file is larger than {limit} MiB ({expected})")
    if data.startswith(ZIP):
        raise UserError(
            f"{shown}: is a spreadsheet or other zip archive, not a CSV file ({expected}: "
            "download the report as .csv)"
        )
    encoding = _encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise UserError(f"{shown}: is not UTF-8 or UTF-16 text ({expected})") from None
    if "\x00" in text:
        raise UserError(f"{shown}: is a binary file, not a CSV file ({expected})")
    return text


def _encoding(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    head = data[:400]
    # UTF-16 without a byte order mark: every other byte of ASCII text is zero.
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and not head[0::2].count(0):
        return "utf-16-le"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4 and not head[1::2].count(0):
        return "utf-16-be"
    return "utf-8"


def delimiter(text: str) -> str:
    """Tab when the lines hold tabs (Teams' own export), else `;` for a header that has
    semicolons and no comma (Excel in some locales), else a comma."""
    lines = [ln for ln in text.splitlines()[:40] if ln.strip()]
    if any("\t" in ln for ln in lines):
        return "\t"
    widest = max(lines, key=lambda ln: ln.count(",") + ln.count(";"), default="")
    return ";" if widest.count(";") > widest.count(",") else ","


def rows(shown: str, text: str) -> list[tuple[int, list[str]]]:
    """(line, trimmed cells without the trailing empty ones) of every row; a blank row is
    kept as no cells, since blank lines end the sections of some reports."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text), strict=True)
    out: list[tuple[int, list[str]]] = []
    row = 1
    while True:
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            error = RowError(row, "", f"not valid CSV: {exc} (check the quotes)")
            raise refuse(shown, [error]) from None
        if cells is None:
            return out
        trimmed = [c.strip() for c in cells]
        while trimmed and not trimmed[-1]:
            trimmed.pop()
        out.append((row, trimmed))
        row = reader.line_num + 1


def header_word(cell: str) -> str:
    """A header cell as compared: any case, any spacing."""
    return " ".join(cell.split()).casefold()
