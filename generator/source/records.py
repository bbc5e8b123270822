"""Cross-checks of what the office records as the change happens: who attended each session,
assessments over time, progress on resistance, the gate checks and what a forced move skipped.

Part of validation (`validate._Checker` runs them): errors, with file, line and column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from generator.source.explain import one_of
from generator.source.model import Module, Session
from generator.source.yamlfile import Key, dotted

if TYPE_CHECKING:
    from generator.source.validate import _Checker


def check_records(c: _Checker) -> None:
    ini = c.ini
    _once(c, list(ini.gate_checks), ("gate_checks",), "gate check")
    for i, h in enumerate(ini.stage_history):
        for j, failed in enumerate(h.failed_checks):
            for k, pid in enumerate(failed.people):
                c.known_person(("stage_history", i, "failed_checks", j, "people", k), pid)
    for i, module in enumerate(ini.training):
        for j, session in enumerate(module.sessions):
            _attended(c, ("training", i, "sessions", j, "attended"), module, session)
    for i, m in enumerate(ini.team):
        base: Key = ("team", i)
        _oldest_first(c, [a.date for a in m.assessment_history], (*base, "assessment_history"))
        latest = m.assessment.date if m.assessment else None
        if latest and m.assessment_history and latest < m.assessment_history[-1].date:
            c.error(
                (*base, "assessment", "date"),
                f"date {latest} is before the last assessment_history date "
                f"{m.assessment_history[-1].date} (expected the latest assessment under "
                "assessment:, earlier ones under assessment_history:)",
            )
    for i, entry in enumerate(ini.resistance):
        _oldest_first(c, [u.date for u in entry.updates], ("resistance", i, "updates"))


def _attended(c: _Checker, path: Key, module: Module, session: Session) -> None:
    """Who attended must be on the team and invited to the module, each once."""
    if not isinstance(session.attended, list):
        return
    invited = None if module.attendees == "all" else list(module.attendees)
    for k, pid in enumerate(session.attended):
        where = (*path, k)
        if pid == "all":
            c.error(
                where,
                "'all' inside a list (expected `attended: all` on its own, or a list of "
                "person ids)",
            )
        elif pid not in c.team:
            c.member(where, pid)
        elif invited is not None and pid not in invited:
            c.error(
                where,
                f"'{pid}' is not invited to this module (expected one of its attendees: "
                f"{one_of(invited)}; or add them to the module's attendees:)",
            )
    _once(c, session.attended, path, "attendee")


def _once(c: _Checker, values: Sequence[str], path: Key, what: str) -> None:
    seen: dict[str, int] = {}
    for k, value in enumerate(values):
        if value in seen:
            first = (*path, seen[value])
            c.error(
                (*path, k),
                f"duplicate {what} '{value}' (expected each once; first at {dotted(first)}, "
                f"line {c.doc.marks.at(first)[0]})",
            )
        else:
            seen[value] = k


def _oldest_first(c: _Checker, dates: Sequence[dt.date], path: Key) -> None:
    for k in range(1, len(dates)):
        if dates[k] < dates[k - 1]:
            c.error(
                (*path, k, "date"),
                f"date {dates[k]} is before the one above it, {dates[k - 1]} (expected oldest "
                "first)",
            )
