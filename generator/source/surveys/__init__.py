"""Survey exports (Microsoft Forms, Google Forms) -> the responses they hold: pure, from bytes.

Every problem of the file is reported at once (`FILE:ROW: column: what is wrong`); a file
that is no survey export, or an empty one, is refused cleanly. Dates are read as meeting
reports' are (source/reports/when): the day/month order is never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from generator.source.model import PulseQuestion
from generator.source.problems import UserError, short
from generator.source.reports.text import RowError, header_word, refuse
from generator.source.reports.when import (
    ORDERS,
    Order,
    Stamp,
    clashing,
    orders,
    spoken,
    stamp,
    told_apart,
)
from generator.source.surveys.answers import Labels, answer, plain
from generator.source.surveys.columns import FORMS, GOOGLE, Columns, columns, is_header, kind_of
from generator.source.surveys.columns import shown as named
from generator.source.surveys.sheet import EXPECTED, Cell, read_sheet

__all__ = ["FORMS", "GOOGLE", "Labels", "Response", "Survey", "plain", "read_survey"]

A_DATE = "a date and time such as 1/20/2027 9:14:03 AM"


@dataclass(frozen=True)
class Response:
    """One row of the export: who (as written), when, and their answers by question id."""

    row: int
    name: str
    email: str | None
    date: dt.date
    moment: tuple[dt.datetime, int]  # for "later": when completed, then the row
    answers: dict[str, int]


@dataclass(frozen=True)
class Survey:
    shown: str
    kind: str
    columns: dict[str, str]  # question id -> its header as written
    absent: tuple[str, ...]  # question ids with no column in the export
    responses: tuple[Response, ...]


def read_survey(
    shown: str,
    data: bytes,
    questions: Sequence[PulseQuestion],
    labels: Labels,
    settle: dt.date | None = None,
) -> Survey:
    """The responses in `data` (the file `shown`) to `questions`; `settle` (--date) is the
    date recorded for every response, and spares reading the export's own dates."""
    table = read_sheet(shown, data, is_header).table
    filled = [(row, cells) for row, cells in table if any(_text(c) for c in cells)]
    if not filled:
        raise UserError(f"{shown}: the file is empty ({EXPECTED}); nothing was changed")
    header_row, header_cells = filled[0]
    header = [_text(c) for c in header_cells]
    kind = kind_of({header_word(h) for h in header})
    if kind is None:
        first = ", ".join(header[:8])
        raise UserError(
            f"{shown}: is not a survey export ({EXPECTED}; its first row reads: "
            f"{short(first, 120)[1:-1]}); nothing was changed"
        )
    errors: list[RowError] = []
    cols = columns(kind, header_row, header, questions, errors)
    if not cols.questions:
        expected = "; ".join(f"{q.id}: {q.text}" for q in questions)
        raise UserError(
            f"{shown}: no column is a question of the pulse (expected columns headed by the "
            f"questions' text or id: {expected}); nothing was changed"
        )
    drafts = [_row(row, cells, cols, labels, settle, errors) for row, cells in filled[1:]]
    if errors:
        raise refuse(shown, errors)
    if not drafts:
        raise UserError(f"{shown}: the export holds no response ({kind}); nothing was changed")
    order = _order(shown, [d[1] for d in drafts if d[1] is not None], settle)
    responses = tuple(_response(draft, order, settle) for draft in drafts)
    by_id = {qid: header[j] for qid, j in cols.questions.items()}
    absent = tuple(q.id for q in questions if q.id not in cols.questions)
    return Survey(shown, kind, by_id, absent, responses)


def _text(cell: Cell) -> str:
    return cell.isoformat(sep=" ") if isinstance(cell, dt.datetime) else cell


def _cell(cells: list[Cell], at: int | None) -> Cell:
    return cells[at] if at is not None and at < len(cells) else ""


_Draft = tuple[int, Stamp | None, str, str | None, dict[str, int]]


def _row(
    row: int,
    cells: list[Cell],
    cols: Columns,
    labels: Labels,
    settle: dt.date | None,
    errors: list[RowError],
) -> _Draft:
    column = cols.when_shown
    when = _when(row, column, _cell(cells, cols.when))
    if when is None and settle is None:
        text = _text(_cell(cells, cols.when))
        what = f"{short(text)} is not {A_DATE}" if text else "empty (expected when it was sent)"
        errors.append(RowError(row, column, what))
    answers: dict[str, int] = {}
    for qid, j in cols.questions.items():
        text = _text(_cell(cells, j))
        if not text:
            continue  # not answered
        found = answer(text, labels)
        if found is None:
            errors.append(
                RowError(
                    row,
                    named(cols.header[j]),
                    f"{short(text)} is not an answer (expected 1 to 5 or "
                    f"{', '.join(labels.shown)})",
                )
            )
        else:
            answers[qid] = found
    email = _text(_cell(cells, cols.email))
    return row, when, _text(_cell(cells, cols.name)), email if "@" in email else None, answers


def _when(row: int, column: str, cell: Cell) -> Stamp | None:
    if isinstance(cell, dt.datetime):
        seconds = cell.hour * 3600 + cell.minute * 60 + cell.second
        text = cell.isoformat(sep=" ")
        return Stamp(row, column, text, cell.month, cell.day, cell.year, True, seconds)
    return stamp(row, column, cell) if cell else None


def _order(shown: str, stamps: list[Stamp], settle: dt.date | None) -> Order | None:
    """The day/month order every date of the export reads in; None when --date spares it."""
    possible = orders(stamps)
    if not possible:
        day, month = clashing(stamps) or (stamps[0], stamps[0])
        if settle is not None:
            return None
        raise UserError(
            f"{shown}:{month.row}: {month.column}: '{month.text}' reads only month first, but "
            f"'{day.text}' on row {day.row} reads only day first; nothing was changed"
        )
    if len(possible) == 2 and told_apart(stamps):
        if settle is not None:
            return None
        two = next(s for s in stamps if s.date("day-first") != s.date("month-first"))
        first, second = (two.date(o) for o in ORDERS)
        assert first and second
        raise UserError(
            f"{shown}: the export's dates read two ways ('{two.text}' on row {two.row} is "
            f"{spoken(first)} or {spoken(second)}): give --date YYYY-MM-DD, the date to record "
            "for every response; nothing was changed"
        )
    return possible[0]


def _response(draft: _Draft, order: Order | None, settle: dt.date | None) -> Response:
    row, when, name, email, answers = draft
    moment = when.moment(order) if when is not None and order is not None else None
    date = settle or (moment.date() if moment else None)
    assert date is not None  # without --date every row has a date read in `order`
    return Response(row, name, email, date, (moment or dt.datetime.min, row), answers)
