"""Raw documents -> typed, cross-checked model. Every error of every file, in one run.

Two kinds of checks run on every file that parsed as YAML key: value pairs:
- the schema (pydantic, model.py), which reports every value of the wrong type or shape;
- the reference checks (references.py), which read the raw data through what the schema
  accepted (parsed.py), so a wrong enum in one place and a misspelt person in another are both
  reported in the same run, and a value the schema refused is not reported twice.
A file enters the typed project only when both found nothing.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from generator.source.explain import found
from generator.source.load import Sources
from generator.source.model import Initiative, Person
from generator.source.parsed import Parsed
from generator.source.problems import Problem, UserError
from generator.source.project import Project
from generator.source.references import Checker, unknown_person
from generator.source.schema_errors import problems_from, refused_at
from generator.source.signed import SignedCharter
from generator.source.yamlfile import Document

__all__ = ["validate"]


def _typed(doc: Document, cls: type[BaseModel], out: list[Problem]) -> tuple[Any, Parsed | None]:
    """The typed model (None if the schema refused anything) and the data as far as it parsed
    (None if the file is not key: value pairs at all)."""
    if not isinstance(doc.data, dict):
        out.append(
            Problem(
                doc.file,
                1,
                1,
                "",
                f"found {found(doc.data)} at the top (expected key: value pairs)",
            )
        )
        return None, None
    try:
        return cls.model_validate(doc.data), Parsed(doc.data, ())
    except ValidationError as exc:
        out.extend(problems_from(exc, doc, cls))
        return None, Parsed(doc.data, refused_at(exc, doc))


def _reports_to(doc: Document, parsed: Parsed, person_ids: set[str]) -> list[Problem]:
    boss = parsed.text(("reports_to",))
    if boss is None or boss in person_ids:
        return []
    line, col = doc.marks.at(("reports_to",))
    return [Problem(doc.file, line, col, "reports_to", unknown_person(boss, person_ids))]


def _kept(docs: dict[str, Document], out: list[Problem]) -> dict[str, SignedCharter]:
    """The kept copies of signed charters that validate (a copy for someone no longer on the
    team is kept too: lint says so; signatures only ever read a member's own)."""
    kept = {}
    for pid, doc in docs.items():
        copy, _ = _typed(doc, SignedCharter, out)
        if copy is not None:
            kept[pid] = copy
    return kept


def validate(sources: Sources) -> Project:
    """Typed model of every file; raises UserError listing every error found."""
    problems = list(sources.problems)
    people: dict[str, Person] = {}
    for pid, doc in sources.people.items():
        person, parsed = _typed(doc, Person, problems)
        if person:
            people[pid] = person
        if parsed:
            problems.extend(_reports_to(doc, parsed, sources.person_ids))
    initiatives: dict[str, Initiative] = {}
    for iid, doc in sources.initiatives.items():
        ini, parsed = _typed(doc, Initiative, problems)
        if parsed is None:
            continue
        # Unparsed people files still count as known people, so one bad person file does not
        # cascade into an "unknown person" error in every initiative.
        checks = Checker(doc, parsed, sources.person_ids).run()
        problems.extend(checks)
        kept = _kept(sources.signed.get(iid, {}), problems)
        if ini is not None and not checks:
            initiatives[iid] = ini.attached(iid, kept)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        count = len(errors)
        raise UserError(
            f"{count} error{'s' if count != 1 else ''} found; nothing was written.", errors
        )
    return Project(
        people=people,
        initiatives=initiatives,
        pages=dict(sources.pages),
        initiative_files={k: v for k, v in sources.initiative_files.items() if k in initiatives},
        person_files={k: v for k, v in sources.person_files.items() if k in people},
    )
