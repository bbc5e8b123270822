"""Reference checks of one initiative: each id defined once, every person, stage and sponsor
named exists, stages end after they start, one accountable per activity, safe links, and the
records of what happened (records.py).

They read the raw data through `Parsed`, so they run on whatever parsed even when other parts
of the file failed the schema: one run reports every error. A value the schema refused is
reported by the schema alone, and a broken definition (a stage id, a team member) once, where
it is: references that may have meant it are not reported again (`Known.excuses`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from generator.source import zones
from generator.source.explain import did_you_mean, explain, one_of
from generator.source.parsed import Parsed
from generator.source.problems import Problem, short
from generator.source.records import check_records
from generator.source.safe import safe_url
from generator.source.yamlfile import Document, Key, dotted


def unknown_person(value: str, known: Iterable[str]) -> str:
    hint = did_you_mean(value, known)
    return f"unknown person {short(value)}" + (
        hint or f" (expected a person id: a file playbooks/people/{short(value)[1:-1]}.yml)"
    )


class Checker:
    """Cross-reference checks for one initiative file."""

    def __init__(self, doc: Document, parsed: Parsed, people: Collection[str]) -> None:
        self.doc = doc
        self.p = parsed
        self.people = people
        self.problems: list[Problem] = []
        self.stages = parsed.known(("stages",), "id")
        team = parsed.known(("team",), "person")
        # A member who is no known person is reported at team[i].person; a reference to a
        # person near that id most likely meant the member, so it is not reported again.
        self.team = team.with_broken(p for p in team.ids if p not in people)

    def error(self, path: Key, message: str, at_key: bool = False) -> None:
        line, col = self.doc.marks.key_at(path) if at_key else self.doc.marks.at(path)
        self.problems.append(Problem(self.doc.file, line, col, dotted(path), message))

    def stage(self, path: Key, value: str, at_key: bool = False) -> None:
        if value in self.stages or self.stages.excuses(value):
            return
        self.error(
            path,
            explain(
                f"unknown stage {short(value)}",
                f"expected one of: {one_of(self.stages.ids)}",
                value,
                self.stages.ids,
            ),
            at_key,
        )

    def member(self, path: Key, value: str, allow_all: bool = False) -> None:
        if (allow_all and value == "all") or value in self.team or self.team.excuses(value):
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

    def duplicates(
        self, items: Iterable[tuple[int, str]], path: Key, what: str, key: str | None = "id"
    ) -> None:
        """Each value once; `items` are (index, value) pairs of the list at `path`."""
        seen: dict[str, int] = {}
        for i, value in items:
            if value in seen:
                first = (*path, seen[value], key) if key else (*path, seen[value])
                self.error(
                    (*path, i, key) if key else (*path, i),
                    f"duplicate {what} '{value}' (expected each "
                    f"once; first at {dotted(first)}, line {self.doc.marks.at(first)[0]})",
                )
            else:
                seen[value] = i

    def run(self) -> list[Problem]:
        p = self.p
        self.duplicates(p.texts(("stages",), "id"), ("stages",), "stage id")
        self.duplicates(p.texts(("team",), "person"), ("team",), "team member", key="person")
        self.duplicates(p.texts(("activities",), "id"), ("activities",), "activity id")
        self.duplicates(p.texts(("training",), "id"), ("training",), "training module id")
        self._heading()
        for i in p.indexes(("stages",)):
            starts, ends = p.date(("stages", i, "starts")), p.date(("stages", i, "ends"))
            if starts and ends and ends < starts:
                self.error(("stages", i, "ends"), f"ends {ends} is before starts {starts}")
        for i, person in p.texts(("team",), "person"):
            self.known_person(("team", i, "person"), person)
        for i in p.indexes(("team",)):
            for stage_id in p.keys(("team", i, "stages")):
                self.stage(("team", i, "stages", stage_id), stage_id, at_key=True)
        for i in p.indexes(("activities",)):
            self._activity(("activities", i))
        for i in p.indexes(("training",)):
            self._module(("training", i))
        for i in p.indexes(("resistance",)):
            for key in ("person", "owner"):
                who = p.text(("resistance", i, key))
                if who is not None:
                    self.member(("resistance", i, key), who)
        check_records(self)
        return self.problems

    def _heading(self) -> None:
        """The top of the file: current stage, sponsor, the stages entered so far."""
        current = self.p.text(("current_stage",))
        if current is not None:
            self.stage(("current_stage",), current)
        for i, stage_id in self.p.texts(("stage_history",), "stage"):
            self.stage(("stage_history", i, "stage"), stage_id)
        sponsor = self.p.text(("sponsor",))
        if sponsor is None or sponsor in self.team or self.team.excuses(sponsor):
            return
        if sponsor in self.people:
            self.error(
                ("sponsor",),
                f"sponsor '{sponsor}' is not on the team (expected "
                "a team member; add them under team: with role sponsor)",
            )
        else:
            self.error(("sponsor",), unknown_person(sponsor, self.people))

    def _activity(self, base: Key) -> None:
        stage_id = self.p.text((*base, "stage"))
        if stage_id is not None:
            self.stage((*base, "stage"), stage_id)
        raci: Key = (*base, "raci")
        if not isinstance(self.p.get(base), dict) or not self.p.sound(raci):
            return
        if self.p.raw(raci) is None:
            self.error(
                base,
                "required key 'raci' is missing (expected raci: "
                "with exactly one accountable person)",
            )
            return
        accountable: Key = (*raci, "accountable")
        value = self.p.get(accountable)
        if isinstance(value, list):
            if len(value) != 1:
                self.error(
                    accountable,
                    f"found {len(value)} accountable people (expected exactly one person id)",
                )
            for j, who in self.p.texts(accountable):
                self.member((*accountable, j), who)
        elif isinstance(value, str):
            self.member(accountable, value)
        for letter in ("responsible", "consulted", "informed"):
            for j, who in self.p.texts((*raci, letter)):
                self.member((*raci, letter, j), who, allow_all=True)

    def _module(self, base: Key) -> None:
        stage_id = self.p.text((*base, "stage"))
        if stage_id is not None:
            self.stage((*base, "stage"), stage_id)
        for j, who in self.p.texts((*base, "attendees")):
            self.member((*base, "attendees", j), who)
        for j in self.p.indexes((*base, "sessions")):
            self._start((*base, "sessions", j))
        for j, url in self.p.texts((*base, "pre_reading"), "url"):
            if not safe_url(url):
                self.error(
                    (*base, "pre_reading", j, "url"),
                    f"not a safe link: {short(url)} (expected an http(s) URL or a relative path)",
                )

    def _start(self, session: Key) -> None:
        """A start time the clocks skip that day (spring forward) is no time at all."""
        day, start = self.p.date((*session, "date")), self.p.text((*session, "start"))
        zone = self.p.raw(("timezone",)) or zones.DEFAULT_ZONE
        if not (day and start and self.p.sound(("timezone",)) and isinstance(zone, str)):
            return
        if not zones.exists(day, start, zone):
            self.error(
                (*session, "start"),
                f"{start} does not exist on {day} in {zone}: the clocks "
                "go forward that day (expected a time outside the hour they skip)",
            )
