"""Raw documents -> typed, cross-checked model. Every error of every file, in one run."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.markdown.escape import safe_url
from generator.source import zones
from generator.source.explain import did_you_mean, explain, found, one_of
from generator.source.load import Sources
from generator.source.model import Initiative, Person
from generator.source.problems import Problem, UserError, short
from generator.source.project import Project
from generator.source.records import check_records
from generator.source.schema_errors import problems_from
from generator.source.yamlfile import Document, Key, dotted


def _typed(doc: Document, cls: type[BaseModel], out: list[Problem]) -> Any:
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
        return None
    try:
        return cls.model_validate(doc.data)
    except ValidationError as exc:
        out.extend(problems_from(exc, doc, cls))
        return None


def unknown_person(value: str, known: Iterable[str]) -> str:
    hint = did_you_mean(value, known)
    return f"unknown person {short(value)}" + (
        hint or f" (expected a person id: a file playbooks/people/{short(value)[1:-1]}.yml)"
    )


class _Checker:
    """Cross-reference checks for one initiative."""

    def __init__(self, doc: Document, ini: Initiative, people: Collection[str]) -> None:
        self.doc = doc
        self.ini = ini
        self.people = people
        self.problems: list[Problem] = []
        self.team = [m.person for m in ini.team]
        self.stage_ids = [s.id for s in ini.stages]

    def error(self, path: Key, message: str, at_key: bool = False) -> None:
        line, col = self.doc.marks.key_at(path) if at_key else self.doc.marks.at(path)
        self.problems.append(Problem(self.doc.file, line, col, dotted(path), message))

    def stage(self, path: Key, value: str, at_key: bool = False) -> None:
        if value not in self.stage_ids:
            self.error(
                path,
                explain(
                    f"unknown stage {short(value)}",
                    f"expected one of: {one_of(self.stage_ids)}",
                    value,
                    self.stage_ids,
                ),
                at_key,
            )

    def member(self, path: Key, value: str, allow_all: bool = False) -> None:
        if allow_all and value == "all":
            return
        if value in self.team:
            return
        if value in self.people:
            self.error(
                path,
                f"person '{value}' is not on this initiative's team (expected a team "
                "member; add them under team:)",
            )
        else:
            self.error(path, unknown_person(value, [*self.people, *(["all"] if allow_all else [])]))

    def known_person(self, path: Key, value: str) -> None:
        if value not in self.people:
            self.error(path, unknown_person(value, self.people))

    def duplicates(self, items: Iterable[str], path_of: Key, what: str, key: str = "id") -> None:
        seen: dict[str, int] = {}
        for i, value in enumerate(items):
            if value in seen:
                first = (*path_of, seen[value], key)
                self.error(
                    (*path_of, i, key),
                    f"duplicate {what} '{value}' (expected each "
                    f"once; first at {dotted(first)}, line {self.doc.marks.at(first)[0]})",
                )
            else:
                seen[value] = i

    def run(self) -> list[Problem]:
        ini = self.ini
        self.duplicates((s.id for s in ini.stages), ("stages",), "stage id")
        self.duplicates(self.team, ("team",), "team member", key="person")
        self.duplicates((a.id for a in ini.activities), ("activities",), "activity id")
        self.duplicates((t.id for t in ini.training), ("training",), "training module id")
        self.stage(("current_stage",), ini.current_stage)
        if ini.sponsor not in self.team:
            if ini.sponsor in self.people:
                self.error(
                    ("sponsor",),
                    f"sponsor '{ini.sponsor}' is not on the team (expected "
                    "a team member; add them under team: with role sponsor)",
                )
            else:
                self.member(("sponsor",), ini.sponsor)
        for i, h in enumerate(ini.stage_history):
            self.stage(("stage_history", i, "stage"), h.stage)
        for i, s in enumerate(ini.stages):
            if s.starts and s.ends and s.ends < s.starts:
                self.error(("stages", i, "ends"), f"ends {s.ends} is before starts {s.starts}")
        for i, m in enumerate(ini.team):
            if m.person not in self.people:
                self.error(("team", i, "person"), unknown_person(m.person, self.people))
            for stage_id in m.stages:
                self.stage(("team", i, "stages", stage_id), stage_id, at_key=True)
        for i, a in enumerate(ini.activities):
            self.stage(("activities", i, "stage"), a.stage)
            if a.raci is None:
                self.error(
                    ("activities", i),
                    "required key 'raci' is missing (expected raci: "
                    "with exactly one accountable person)",
                )
                continue
            base: Key = ("activities", i, "raci")
            acc = a.raci.accountable
            if isinstance(acc, list):
                if len(acc) != 1:
                    self.error(
                        (*base, "accountable"),
                        f"found {len(acc)} accountable people (expected exactly one person id)",
                    )
                for j, p in enumerate(acc):
                    self.member((*base, "accountable", j), p)
            else:
                self.member((*base, "accountable"), acc)
            for letter in ("responsible", "consulted", "informed"):
                for j, p in enumerate(getattr(a.raci, letter)):
                    self.member((*base, letter, j), p, allow_all=True)
        for i, t in enumerate(ini.training):
            self.stage(("training", i, "stage"), t.stage)
            if isinstance(t.attendees, list):
                for j, p in enumerate(t.attendees):
                    self.member(("training", i, "attendees", j), p)
            for j, run in enumerate(t.sessions):
                if run.start and not zones.exists(run.date, run.start, ini.timezone):
                    self.error(
                        ("training", i, "sessions", j, "start"),
                        f"{run.start} does not exist on {run.date} in {ini.timezone}: the clocks "
                        "go forward that day (expected a time outside the hour they skip)",
                    )
            for j, r in enumerate(t.pre_reading):
                if not safe_url(r.url):
                    self.error(
                        ("training", i, "pre_reading", j, "url"),
                        f"not a safe link: {short(r.url)} (expected an http(s) URL or a "
                        "relative path)",
                    )
        for i, entry in enumerate(ini.resistance):
            self.member(("resistance", i, "person"), entry.person)
            self.member(("resistance", i, "owner"), entry.owner)
        check_records(self)
        return self.problems


def validate(sources: Sources) -> Project:
    """Typed model of every file; raises UserError listing every error found."""
    problems = list(sources.problems)
    people: dict[str, Person] = {}
    for pid, doc in sources.people.items():
        person = _typed(doc, Person, problems)
        if person:
            people[pid] = person
    for pid, person in people.items():
        if person.reports_to and person.reports_to not in sources.person_ids:
            doc = sources.people[pid]
            line, col = doc.marks.at(("reports_to",))
            problems.append(
                Problem(
                    doc.file,
                    line,
                    col,
                    "reports_to",
                    unknown_person(person.reports_to, sources.person_ids),
                )
            )
    initiatives: dict[str, Initiative] = {}
    for iid, doc in sources.initiatives.items():
        ini = _typed(doc, Initiative, problems)
        if ini is None:
            continue
        # Unparsed people files still count as known people, so one bad person file does not
        # cascade into an "unknown person" error in every initiative.
        checks = _Checker(doc, ini, sources.person_ids).run()
        problems.extend(checks)
        if not checks:
            initiatives[iid] = ini
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        count = len(errors)
        raise UserError(
            f"{count} error{'s' if count != 1 else ''} found; nothing was written.", errors
        )
    return Project(people=people, initiatives=initiatives, pages=dict(sources.pages))
