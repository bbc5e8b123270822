"""Cross-checks of what the office records as the change happens: who attended each session,
assessments over time, progress on resistance, the gate checks and what a forced move skipped,
and the pulse's answers.

Part of the reference checks (`references.Checker` runs them): errors, with file, line and
column. Like them, they read the raw data through `Parsed`, so they run on whatever parsed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from generator.source.explain import explain, one_of
from generator.source.parsed import Known, Parsed
from generator.source.problems import short
from generator.source.yamlfile import Key

if TYPE_CHECKING:
    from generator.source.references import Checker


def check_records(c: Checker) -> None:
    p = c.p
    c.duplicates(p.texts(("gate_checks",)), ("gate_checks",), "gate check", key=None)
    for i in p.indexes(("stage_history",)):
        for j in p.indexes(("stage_history", i, "failed_checks")):
            people: Key = ("stage_history", i, "failed_checks", j, "people")
            for k, pid in p.texts(people):
                c.known_person((*people, k), pid)
    for i in p.indexes(("training",)):
        invited = _invited(p, ("training", i, "attendees"))
        for j in p.indexes(("training", i, "sessions")):
            _attended(c, ("training", i, "sessions", j, "attended"), invited)
    for i in p.indexes(("team",)):
        history: Key = ("team", i, "assessment_history")
        dates = _dates(p, history)
        _oldest_first(c, dates, history)
        latest = p.date(("team", i, "assessment", "date"))
        last = dates[-1] if dates else None
        if latest and last and latest < last:
            c.error(
                ("team", i, "assessment", "date"),
                f"date {latest} is before the last assessment_history date "
                f"{last} (expected the latest assessment under "
                "assessment:, earlier ones under assessment_history:)",
            )
    for i in p.indexes(("resistance",)):
        updates: Key = ("resistance", i, "updates")
        _oldest_first(c, _dates(p, updates), updates)
    _pulse(c)


def _pulse(c: Checker) -> None:
    """Each question once; each response by a member, to a stage, answering known questions,
    one response per member and stage (a later one replaces it: `playbook pulse import`)."""
    p = c.p
    questions: Key = ("pulse", "questions")
    c.duplicates(p.texts(questions, "id"), questions, "question id")
    known = p.known(questions, "id")
    responses: Key = ("pulse", "responses")
    seen: dict[tuple[str, str], int] = {}
    for i in p.indexes(responses):
        who, stage = p.text((*responses, i, "person")), p.text((*responses, i, "stage"))
        if who is not None:
            c.member((*responses, i, "person"), who)
        if stage is not None:
            c.stage((*responses, i, "stage"), stage)
        for qid in p.keys((*responses, i, "answers")):
            if qid not in known and not known.excuses(qid):
                c.error(
                    (*responses, i, "answers", qid),
                    explain(
                        f"unknown question {short(qid)}",
                        f"expected a question id of pulse.questions: {one_of(known.ids)}",
                        qid,
                        known.ids,
                    ),
                    at_key=True,
                )
        if who is None or stage is None:
            continue
        if (who, stage) in seen:
            first = seen[(who, stage)]
            c.error(
                (*responses, i),
                f"a second response of {who} to stage '{stage}' (expected one per member and "
                f"stage; first at pulse.responses.{first}, line "
                f"{c.doc.marks.at((*responses, first))[0]})",
            )
        else:
            seen[(who, stage)] = i


def _invited(p: Parsed, path: Key) -> Known | None:
    """Who a module invites; None for the whole team (`all`, the default)."""
    value = p.raw(path)
    if p.sound(path) and (value is None or value == "all"):
        return None
    return p.known(path)


def _attended(c: Checker, path: Key, invited: Known | None) -> None:
    """Who attended must be on the team and invited to the module, each once."""
    for k, pid in c.p.texts(path):
        where = (*path, k)
        if pid == "all":
            c.error(
                where,
                "'all' inside a list (expected `attended: all` on its own, or a list of "
                "person ids)",
            )
        elif pid not in c.team:
            c.member(where, pid)
        elif invited is not None and pid not in invited and not invited.excuses(pid):
            c.error(
                where,
                f"'{pid}' is not invited to this module (expected one of its attendees: "
                f"{one_of(invited.ids)}; or add them to the module's attendees:)",
            )
    c.duplicates(c.p.texts(path), path, "attendee", key=None)


def _dates(p: Parsed, path: Key) -> list[dt.date | None]:
    """The `date` of each item of the list at `path`, None where it is not a sound date."""
    return [p.date((*path, k, "date")) for k in p.indexes(path)]


def _oldest_first(c: Checker, dates: list[dt.date | None], path: Key) -> None:
    for k in range(1, len(dates)):
        before, this = dates[k - 1], dates[k]
        if before and this and this < before:
            c.error(
                (*path, k, "date"),
                f"date {this} is before the one above it, {before} (expected oldest first)",
            )
