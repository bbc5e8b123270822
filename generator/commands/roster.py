"""Read an HR roster (CSV) into checked rows: every error of the file at once, by row and column.

Excel writes UTF-8 with a byte order mark, and in some locales separates cells with `;`:
both are read. Cells are trimmed. Rows whose cells are all empty (Excel's trailing `,,,,,`)
are skipped. Row numbers are the physical lines of the file, the header being line 1.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.source.explain import did_you_mean
from generator.source.model import ID_PATTERN, ID_RULE
from generator.source.problems import UserError, short

__all__ = ["COLUMNS", "Entry", "MAX_BYTES", "REQUIRED", "Roster", "RowError", "read_roster"]

COLUMNS = ("id", "name", "title", "function", "email", "reports_to")
REQUIRED = COLUMNS[:4]
MAX_BYTES = 10 * 1024 * 1024

_ID = re.compile(ID_PATTERN)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# What one line of YAML text cannot hold as written: control characters and line breaks.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_EMPTY = {
    "id": "a person id such as dana-whitfield",
    "name": "the person's full name",
    "title": "their job title",
    "function": "their function, e.g. Marketing",
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def line(self, shown: str) -> str:
        return f"{shown}:{self.row}: " + (f"{self.column}: " if self.column else "") + self.message


@dataclass(frozen=True)
class Entry:
    """One person of the roster: the fields of the columns the roster has (None: empty)."""

    row: int
    id: str
    fields: Mapping[str, str | None]


@dataclass(frozen=True)
class Roster:
    shown: str  # the path as the user gave it
    columns: tuple[str, ...]  # the person fields it manages, in COLUMNS order
    entries: tuple[Entry, ...]
    ignored: tuple[str, ...]  # header cells that name no field


def read_roster(shown: str, known: Collection[str]) -> Roster:
    """Read and check the roster at `shown`; `known` are the ids that have a people file."""
    text = _text(Path(shown), shown)
    errors: list[RowError] = []
    rows = _records(text, errors)
    header = next(rows, None)
    if header is None:
        raise UserError(f"{shown}: the file is empty (expected a header row: {','.join(COLUMNS)})")
    where, ignored = _header(*header, errors)
    entries: list[Entry] = []
    for row, cells in rows:
        if len(cells) != len(header[1]):
            errors.append(
                RowError(
                    row,
                    "",
                    f"found {len(cells)} cells (expected {len(header[1])}, one per column "
                    "of the header; quote a cell that holds a comma)",
                )
            )
        elif where is not None:
            entries.append(_entry(row, cells, where, errors))
    _check_ids(entries, known, errors)
    if errors:
        n = len(errors)
        order = {c: i for i, c in enumerate(COLUMNS)}
        errors.sort(key=lambda e: (e.row, order.get(e.column, -1)))
        raise UserError(
            "\n".join(e.line(shown) for e in errors)
            + f"\n{n} error{'s' if n != 1 else ''} in {shown}; nothing was written."
        )
    columns = tuple(c for c in COLUMNS[1:] if where and c in where)
    return Roster(shown, columns, tuple(entries), ignored)


def _text(path: Path, shown: str) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{shown}: cannot read file: {exc.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise UserError(f"{shown}: file is larger than {MAX_BYTES // 1024 // 1024} MiB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError(
            f"{shown}:{line}: file is not valid UTF-8 text (expected UTF-8; in Excel, save it "
            "as 'CSV UTF-8')"
        ) from None


def _records(text: str, errors: list[RowError]) -> Iterator[tuple[int, list[str]]]:
    """(physical line where the row starts, trimmed cells) of every row that is not blank."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = ";" if "," not in first and ";" in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    row = 1
    while True:
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            errors.append(RowError(row, "", f"not valid CSV: {exc} (check the quotes)"))
            return
        if cells is None:
            return
        if any(c.strip() for c in cells):
            yield row, [c.strip() for c in cells]
        row = reader.line_num + 1


def _header(
    row: int, cells: list[str], errors: list[RowError]
) -> tuple[dict[str, int] | None, tuple[str, ...]]:
    """Column name -> cell index, or None when the header has errors; and ignored cells."""
    where: dict[str, int] = {}
    ignored: list[str] = []
    before = len(errors)
    meant: set[str] = set()  # missing columns an unknown one was probably meant to be
    for i, cell in enumerate(cells):
        name = cell.lower()
        if name in where:
            errors.append(RowError(row, name, "column appears twice (expected each once)"))
        elif name in COLUMNS:
            where[name] = i
    for cell in cells:
        name = cell.lower()
        if name in COLUMNS:
            continue
        hint = did_you_mean(name, [c for c in COLUMNS if c not in where])
        if hint:
            errors.append(RowError(row, short(cell)[1:-1], f"unknown column{hint}"))
            meant.add(hint[len(" (did you mean '") : -len("'?)")])
        else:
            ignored.append(cell)
    for name in REQUIRED:
        if name not in where and name not in meant:
            errors.append(
                RowError(
                    row,
                    name,
                    "required column is missing (the header needs id, name, title and "
                    "function; email and reports_to are optional)",
                )
            )
    return (where if len(errors) == before else None), tuple(ignored)


def _entry(row: int, cells: list[str], where: dict[str, int], errors: list[RowError]) -> Entry:
    fields: dict[str, str | None] = {}
    for name, i in where.items():
        value = cells[i]
        if name in _EMPTY and not value:
            errors.append(RowError(row, name, f"empty (expected {_EMPTY[name]})"))
        elif _UNPRINTABLE.search(value):
            errors.append(
                RowError(row, name, "holds a line break or control character (expected one line)")
            )
        elif name in ("id", "reports_to") and value and not _ID.fullmatch(value):
            errors.append(
                RowError(row, name, f"not a valid person id: {short(value)} (expected {ID_RULE})")
            )
        elif name == "email" and value and not _EMAIL.fullmatch(value):
            errors.append(
                RowError(
                    row,
                    name,
                    f"not an email address: {short(value)} (expected one like name@example.com)",
                )
            )
        fields[name] = value or None
    pid = fields.pop("id") or ""
    return Entry(row, pid, fields)


def _check_ids(entries: list[Entry], known: Collection[str], errors: list[RowError]) -> None:
    """Each id once; every reports_to a person of the roster or of playbooks/people/."""
    first: dict[str, int] = {}
    for e in entries:
        if not _ID.fullmatch(e.id):
            continue
        if e.id in first:
            errors.append(
                RowError(e.row, "id", f"'{e.id}' is already on line {first[e.id]} (expected once)")
            )
        else:
            first[e.id] = e.row
    people = set(known) | set(first)
    for e in entries:
        boss = e.fields.get("reports_to")
        if boss and _ID.fullmatch(boss) and boss not in people:
            hint = did_you_mean(boss, people) or (
                " (expected the id of a person in the roster or in playbooks/people/)"
            )
            errors.append(RowError(e.row, "reports_to", f"unknown person '{boss}'{hint}"))
