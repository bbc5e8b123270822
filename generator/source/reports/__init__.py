"""Meeting reports (Teams, Zoom) -> a typed `Report`: pure, from bytes; told apart by content."""

from __future__ import annotations

import datetime as dt

from generator.source.problems import UserError
from generator.source.reports import teams, zoom
from generator.source.reports.report import Attendee, Draft, Report, Table, resolve
from generator.source.reports.text import EXPECTED, RowError, decode, header_word, refuse, rows

__all__ = ["Attendee", "Report", "read_report"]


def read_report(shown: str, data: bytes, settle: dt.date | None = None) -> Report:
    """The report in `data` (the file `shown`); `settle` is the meeting's date when given
    (--date): it settles a day/month order the file leaves open. Every problem of the file
    is reported at once; a file that is no report is refused cleanly."""
    text = decode(shown, data)
    table = rows(shown, text)
    filled = [cells for _, cells in table if cells]
    if not filled:
        raise UserError(f"{shown}: the file is empty ({EXPECTED}); nothing was changed")
    errors: list[RowError] = []
    draft = _draft(table, errors)
    if draft is None:
        first = ", ".join(filled[0][:8])
        raise UserError(
            f"{shown}: is not a meeting attendance report ({EXPECTED}; its first row reads: "
            f"{first[:120]}); nothing was changed"
        )
    if errors:
        raise refuse(shown, errors)
    if not draft.attendees and not draft.events:
        raise UserError(f"{shown}: the report lists nobody ({draft.kind}); nothing was changed")
    return resolve(shown, draft, settle)


def _draft(table: Table, errors: list[RowError]) -> Draft | None:
    """Read by the kind of the first table header found: Teams or Zoom, by its words."""
    for _, cells in table:
        words = {header_word(c) for c in cells}
        if teams.is_log(words):
            return teams.read_log(table, errors)
        if zoom.is_header(words):
            return zoom.read(table, errors)
        if teams.is_table(words):
            return teams.read(table, errors)
    return None
