"""Microsoft Forms `.xlsx` exports for the tests and the shipped example, written with
openpyxl (a test dependency, never the generator's: it only reads them, with calamine).

Forms downloads one sheet, `Sheet1`: `ID, Start time, Completion time, Email, Name, Last
modified time`, then a column per question headed by its text (each statement of a Likert
question is a column of its own); times are real date-time cells, IDs numbers.

    python -m tests.forms_export     # rewrites examples/forms/forms-client-experience-infancy.xlsx
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

HEADER = ("ID", "Start time", "Completion time", "Email", "Name", "Last modified time")
QUESTIONS = (
    "I know what is expected of me in this stage of the change.",
    "The leadership team agrees on what this change is for.",
    "I have the time this change asks of me.",
)
EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "examples"
    / "forms"
    / "forms-client-experience-infancy.xlsx"
)

Row = tuple[dt.datetime | str, str, str, Sequence[object]]  # completed, email, name, answers


def forms_xlsx(rows: Sequence[Row], questions: Sequence[str] = QUESTIONS) -> bytes:
    """A workbook as Forms writes it: each row's start time is two minutes before its
    completion time (when that is a date-time)."""
    from openpyxl import Workbook  # a test dependency

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append([*HEADER, *questions])
    for n, (done, email, name, answers) in enumerate(rows, start=1):
        start = done - dt.timedelta(minutes=2) if isinstance(done, dt.datetime) else done
        sheet.append([n, start, done, email, name, None, *answers])
    for column in ("B", "C"):
        for cell in sheet[column][1:]:
            cell.number_format = "m/d/yy h:mm:ss"
    fixed = dt.datetime(2026, 11, 20, 17, 0)
    book.properties.created = book.properties.modified = fixed
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _at(day: int, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, 41 - day)


# The infancy pulse of the client-experience example: eight of the nine answered (Tomas
# Varga did not), Hannah Berg's role is not clear to her, Lee Wong answered twice (the
# later counts), Sam Okafor skipped a question and a partner answered the link he was sent.
INFANCY: tuple[Row, ...] = (
    (
        _at(9, 9, 4),
        "dana.whitfield@example.com",
        "Dana Whitfield",
        ("Strongly agree", "Agree", "Disagree"),
    ),
    (_at(9, 9, 31), "morgan.lee@example.com", "Morgan Lee", ("Agree", "Strongly agree", "Neutral")),
    (_at(9, 14, 2), "lee.wong@example.com", "Lee Wong", ("Neutral", "Disagree", "Disagree")),
    (_at(10, 8, 15), "priya.nair@example.com", "Priya Nair", ("Agree", "Agree", "Agree")),
    (_at(10, 11, 47), "sam.okafor@example.com", "Sam Okafor", ("Strongly agree", "Agree", None)),
    (_at(11, 16, 20), "amara.osei@example.com", "Amara Osei", ("Agree", "Neutral", "Neutral")),
    (_at(12, 10, 5), "rafael.costa@example.com", "Rafael Costa", ("Agree", "Agree", "Disagree")),
    (
        _at(13, 17, 38),
        "hannah.berg@example.com",
        "Hannah Berg",
        ("Disagree", "Neutral", "Disagree"),
    ),
    (_at(16, 9, 12), "jo.park@partner.example", "Jo Park", ("Agree", "Agree", "Agree")),
    (_at(17, 7, 55), "lee.wong@example.com", "Lee Wong", ("Agree", "Neutral", "Disagree")),
)


if __name__ == "__main__":
    EXAMPLE.parent.mkdir(parents=True, exist_ok=True)
    EXAMPLE.write_bytes(forms_xlsx(INFANCY))
    print(f"wrote {EXAMPLE}")
