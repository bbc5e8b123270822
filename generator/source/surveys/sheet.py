"""A survey export's bytes -> numbered rows of cells: a spreadsheet or a CSV, told by content.

Microsoft Forms downloads `.xlsx`; it is read with python-calamine (a maintained reader in
Rust), never by unzipping XML by hand. A zip holding one CSV is what Google Forms' "Download
responses (.csv)" gives; any other bytes are a CSV as Excel or a survey tool writes it (UTF-8
with or without a byte order mark, UTF-16, commas, semicolons or tabs: source/reports/text).
Row numbers are the spreadsheet's rows, or the file's lines, as the user's own tools count.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook

from generator.source.problems import UserError
from generator.source.reports.text import MAX_BYTES, ZIP, decode, delimiter, header_word, rows

__all__ = ["EXPECTED", "Cell", "IsHeader", "Sheet", "Table", "read_sheet"]

# A cell as read: text (trimmed), or a date and time the spreadsheet holds as one.
Cell = str | dt.datetime
Table = list[tuple[int, list[Cell]]]

EXPECTED = (
    "expected a Microsoft Forms export (.xlsx, or .csv: ID, Start time, Completion time, "
    "Email, Name, then the questions) or a Google Forms export (.csv: Timestamp, Email "
    "Address, then the questions)"
)
_OLE = b"\xd0\xcf\x11\xe0"  # the old binary .xls
# A workbook of a few thousand responses unpacks to a few MiB; far more is a zip bomb.
_MAX_UNZIPPED = 200 * 1024 * 1024


@dataclass(frozen=True)
class Sheet:
    spreadsheet: bool  # read from a workbook, not from CSV text
    table: Table


IsHeader = Callable[[set[str]], bool]


def read_sheet(shown: str, data: bytes, is_header: IsHeader) -> Sheet:
    """The rows of the export in `data`; in a workbook, of the first sheet whose first row
    `is_header` accepts (a callable on the set of header words), else of the first sheet."""
    if len(data) > MAX_BYTES:
        limit = MAX_BYTES // 1024 // 1024
        raise UserError(f"{shown}: file is larger than {limit} MiB ({EXPECTED})")
    if data.startswith(ZIP):
        inner = _zipped_csv(data)
        if inner is not None:
            return Sheet(False, _csv(shown, inner, is_header))
        if _unzipped_size(data) > _MAX_UNZIPPED:
            raise UserError(
                f"{shown}: unpacks to more than {_MAX_UNZIPPED // 1024 // 1024} MiB, far more "
                f"than a survey export ({EXPECTED}); nothing was changed"
            )
    if data.startswith((ZIP, _OLE)):
        return Sheet(True, _workbook(shown, data, is_header))
    return Sheet(False, _csv(shown, data, is_header))


def _csv(shown: str, data: bytes, is_header: IsHeader) -> Table:
    text = decode(shown, data, EXPECTED)
    try:
        return [(row, list(cells)) for row, cells in rows(shown, text)]
    except UserError:
        # A quoting error deep in a file that is no survey at all: say what it is instead.
        first = _first_row(text)
        if first is None or is_header({header_word(c) for c in first[1]}):
            raise
        return [(first[0], list(first[1]))]


def _first_row(text: str) -> tuple[int, list[str]] | None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    for line, cells in enumerate(reader, start=1):
        trimmed = [c.strip() for c in cells]
        if any(trimmed):
            return line, trimmed
    return None


def _unzipped_size(data: bytes) -> int:
    """What a zip says its files unpack to (0 when it is no readable zip: the reader says)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(i.file_size for i in archive.infolist())
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        return 0


def _zipped_csv(data: bytes) -> bytes | None:
    """The one CSV inside a zip that is no workbook, if that is what it is."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [i for i in archive.infolist() if not i.is_dir()]
            if len(names) != 1 or not names[0].filename.lower().endswith(".csv"):
                return None
            if names[0].file_size > MAX_BYTES:
                return None
            return archive.read(names[0])
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        return None


def _workbook(shown: str, data: bytes, is_header: IsHeader) -> Table:
    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as book:
            tables = [_table(book.get_sheet_by_index(i)) for i in range(len(book.sheet_names))]
    except (CalamineError, ValueError, OSError) as exc:  # PasswordError, ZipError, XmlError...
        raise UserError(
            f"{shown}: is a zip archive or binary file that is no spreadsheet the export "
            f"reader can read ({EXPECTED}; it says: {' '.join(str(exc).split())[:120]}); "
            "nothing was changed"
        ) from None
    for table in tables:
        first = next((cells for _, cells in table if cells), None)
        if first is not None and is_header({header_word(str(c)) for c in first}):
            return table
    return next((t for t in tables if t), [])


def _table(sheet: CalamineSheet) -> Table:
    """Rows numbered as the spreadsheet shows them (1 is the first), with cells as text, or
    a date and time; trailing empty cells dropped, as for CSV."""
    out: Table = []
    for i, values in enumerate(sheet.to_python(skip_empty_area=False), start=1):
        cells = [_cell(v) for v in values]
        while cells and cells[-1] == "":
            cells.pop()
        out.append((i, cells))
    return out


def _cell(value: object) -> Cell:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        # Excel keeps every number as a float: 4.0 is the answer 4.
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()
