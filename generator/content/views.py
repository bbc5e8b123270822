"""Questions the pages ask of one initiative, answered in Python so templates stay wording.

An `InitiativeView` wraps an already audience-filtered initiative: it only ever sees what
its audience may see, and knows that audience, so a page never hints at what is hidden (an
empty list of names is not "0 attendees" when the names are hidden).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from generator.content.figures import TimelineStage
from generator.content.paths import InitiativePaths
from generator.content.signing import CharterSignature, charter_signature
from generator.source import rules
from generator.source.model import (
    Activity,
    Alignment,
    HistoryEntry,
    Initiative,
    Member,
    Module,
    Person,
    Stage,
    Visibility,
)
from generator.source.pulse import PulseSummary

__all__ = [
    "AlignmentView",
    "InitiativeView",
    "Involvement",
    "LETTERS",
    "MATRIX_MAX_COLUMNS",
    "Peer",
]

LETTERS = ("R", "A", "C", "I")
MATRIX_MAX_COLUMNS = 15


@dataclass(frozen=True)
class Involvement:
    """One activity as seen from one member: their letters and who else is on it."""

    activity: Activity
    letters: str
    others: tuple[tuple[str, str], ...]  # (person id, letters) of those with R, A or C
    informed_all: bool


@dataclass(frozen=True)
class Peer:
    person: str
    shared: tuple[str, ...]


class InitiativeView:
    def __init__(
        self,
        id_: str,
        ini: Initiative,
        people: dict[str, Person],
        audience: Visibility,
        pulse: PulseSummary | None = None,
    ) -> None:
        self.id = id_
        self.ini = ini
        # The pulse's anonymous tallies (the audience filter computed them from every answer).
        self.pulse = pulse
        self.people = people
        self.audience = audience
        self.paths = InitiativePaths(id_)
        # Whether this audience sees who is on the team, attends a module, holds a letter.
        self.sees_team = rules.sees_team(audience)

    # --- people -------------------------------------------------------------------------
    def name(self, pid: str) -> str:
        person = self.people.get(pid)
        return person.name if person else pid

    def person(self, pid: str) -> Person | None:
        return self.people.get(pid)

    @cached_property
    def team_ids(self) -> list[str]:
        return [m.person for m in self.ini.team]

    @cached_property
    def _members(self) -> dict[str, Member]:
        return {m.person: m for m in self.ini.team}

    def member(self, pid: str) -> Member | None:
        return self._members.get(pid)

    def signature(self, pid: str) -> CharterSignature | None:
        """How `pid`'s charter stands signed, against the copy kept when they signed."""
        member = self.member(pid)
        return charter_signature(self.ini, member) if member else None

    # --- stages -------------------------------------------------------------------------
    @cached_property
    def _stages(self) -> dict[str, Stage]:
        return {s.id: s for s in self.ini.stages}

    def stage(self, sid: str) -> Stage | None:
        return self._stages.get(sid)

    @cached_property
    def current(self) -> Stage | None:
        return self.stage(self.ini.current_stage)

    @cached_property
    def stage_index(self) -> dict[str, int]:
        return {s.id: i for i, s in enumerate(self.ini.stages)}

    @cached_property
    def history(self) -> list[HistoryEntry]:
        """The stage history rows of stages this view can name (its audience sees them)."""
        return [h for h in self.ini.stage_history if self.stage(h.stage)]

    def is_past(self, sid: str) -> bool:
        cur = self.stage_index.get(self.ini.current_stage, -1)
        return self.stage_index.get(sid, -1) < cur

    @cached_property
    def progress(self) -> tuple[int, int]:
        """(stages completed, stages in all)."""
        cur = self.stage_index.get(self.ini.current_stage, 0)
        return cur, len(self.ini.stages)

    def timeline(self) -> list[TimelineStage]:
        return [
            TimelineStage(
                s.name, s.starts, s.ends, s.id == self.ini.current_stage, self.is_past(s.id)
            )
            for s in self.ini.stages
        ]

    @cached_property
    def gate(self) -> tuple[int, int]:
        """(exit criteria done, exit criteria in all) for the current stage."""
        crit = self.current.exit_criteria if self.current else []
        return sum(c.done for c in crit), len(crit)

    # --- activities and RACI ------------------------------------------------------------
    def activities_in(self, sid: str) -> list[Activity]:
        return [a for a in self.ini.activities if a.stage == sid]

    @cached_property
    def _explicit(self) -> dict[str, dict[str, str]]:
        """activity id -> {person id: letters} as written, `all` not expanded, team order."""
        out: dict[str, dict[str, str]] = {}
        position = {p: i for i, p in enumerate(self.team_ids)}
        for a in self.ini.activities:
            raci = a.raci
            if raci is None:
                out[a.id] = {}
                continue
            acc = raci.accountable if isinstance(raci.accountable, list) else [raci.accountable]
            holders: dict[str, set[str]] = {}
            for letter, ids in (
                ("R", raci.responsible),
                ("A", acc),
                ("C", raci.consulted),
                ("I", raci.informed),
            ):
                for pid in ids:
                    if pid in position:
                        holders.setdefault(pid, set()).add(letter)
            # Informed is implied by any other letter, so "I" shows only on its own.
            out[a.id] = {
                pid: "".join(x for x in LETTERS if x in held and (x != "I" or held == {"I"}))
                for pid, held in sorted(holders.items(), key=lambda kv: position[kv[0]])
            }
        return out

    @staticmethod
    def informs_all(activity: Activity) -> bool:
        return activity.raci is not None and "all" in activity.raci.informed

    def letters(self, activity: Activity, expand_all: bool = True) -> dict[str, str]:
        """person id -> letters (in R, A, C, I order) on this activity, team order.

        `informed: [all]` gives every member an I unless `expand_all` is false.
        """
        explicit = self._explicit[activity.id]
        if not expand_all or not self.informs_all(activity):
            return explicit
        return {pid: explicit.get(pid, "I") for pid in self.team_ids}

    def matrix(self, sid: str) -> tuple[list[str], list[tuple[Activity, dict[str, str], bool]]]:
        """The RACI matrix of a stage: columns are the members named on its activities (not
        the whole team, which would grow the page with the square of the team), rows are
        (activity, letters by named person, whole team informed)."""
        acts = self.activities_in(sid)
        named = {p for a in acts for p in self._explicit[a.id]}
        columns = [p for p in self.team_ids if p in named]
        rows = []
        for a in acts:
            explicit = self._explicit[a.id]
            everyone = self.informs_all(a)
            rows.append(
                (a, {p: explicit.get(p, "I" if everyone else "") for p in columns}, everyone)
            )
        return columns, rows

    def matrix_fits(self, columns: list[str]) -> bool:
        """Whether a members-as-columns matrix stays readable; beyond that, list names."""
        return len(columns) <= MATRIX_MAX_COLUMNS

    @cached_property
    def _involvements(self) -> dict[str, list[Involvement]]:
        """The activities each member is named on. Being informed only through
        `informed: [all]` is not an involvement: it would give every member every whole-team
        activity, and every charter a list as long as the organisation's (see informed_of_all)."""
        out: dict[str, list[Involvement]] = {p: [] for p in self.team_ids}
        for a in self.ini.activities:
            explicit = self._explicit[a.id]
            everyone = self.informs_all(a)
            working = [(p, x) for p, x in explicit.items() if x != "I"]
            for pid, letters in explicit.items():
                others = tuple((p, x) for p, x in working if p != pid)
                out[pid].append(Involvement(a, letters, others, everyone))
        return out

    def involvements(self, pid: str) -> list[Involvement]:
        """The activities `pid` is named on (R, A, C or I), in the playbook's order."""
        return self._involvements.get(pid, [])

    @cached_property
    def _informing_all(self) -> dict[str, int]:
        """stage id -> how many of its activities inform the whole team."""
        out: dict[str, int] = {}
        for a in self.ini.activities:
            if self.informs_all(a):
                out[a.stage] = out.get(a.stage, 0) + 1
        return out

    def informed_of_all(self, pid: str) -> list[tuple[Stage, int]]:
        """(stage, count) of the whole-team activities `pid` is informed of and does no work
        on, in stage order, stages with none left out: a count per stage, however many
        activities the organisation runs."""
        working: dict[str, int] = {}
        for inv in self.involvements(pid):
            if inv.informed_all and inv.letters != "I":
                working[inv.activity.stage] = working.get(inv.activity.stage, 0) + 1
        counts = [
            (s, self._informing_all.get(s.id, 0) - working.get(s.id, 0)) for s in self.ini.stages
        ]
        return [(s, n) for s, n in counts if n]

    def by_letter(self, activity: Activity) -> dict[str, list[str]]:
        """R, A, C, I -> person ids named with that letter (explicitly)."""
        out: dict[str, list[str]] = {x: [] for x in LETTERS}
        for pid, letters in self._explicit[activity.id].items():
            for x in letters:
                out[x].append(pid)
        return out

    # --- training -----------------------------------------------------------------------
    def training_in(self, sid: str) -> list[Module]:
        return [t for t in self.ini.training if t.stage == sid]

    def attendees(self, module: Module) -> list[str]:
        if module.attendees == "all":
            return list(self.team_ids)
        return [p for p in module.attendees if p in self.team_ids]

    def named_attendees(self, module: Module) -> list[str]:
        """Who a module names as its attendees, as this audience may see them: none when the
        module is for the whole team, or when the audience does not see the team (the filter
        left the list empty), so a page then says only that named members attend."""
        if module.attendees == "all":
            return []
        return self.attendees(module)

    def training_for(self, pid: str) -> list[Module]:
        return [t for t in self.ini.training if t.attendees == "all" or pid in t.attendees]

    @staticmethod
    def agenda_total(module: Module) -> int:
        return rules.agenda_total(module)

    @staticmethod
    def agenda_adds_up(module: Module) -> bool:
        return rules.agenda_adds_up(module)

    def agenda_warning(self, module: Module) -> bool:
        """An agenda that does not add up is the office's to fix: the core site says so."""
        return self.audience == "core" and not rules.agenda_adds_up(module)

    @staticmethod
    def agenda_times(module: Module) -> list[tuple[int, int]]:
        """(start minute, end minute) of each agenda line."""
        out, at = [], 0
        for item in module.agenda:
            out.append((at, at + item.minutes))
            at += item.minutes
        return out

    # --- collective ---------------------------------------------------------------------
    def peers(self, pid: str) -> list[Peer]:
        """Team members who work on an activity with `pid` (R, A or C on both sides)."""
        shared: dict[str, list[str]] = {}
        for inv in self.involvements(pid):
            if inv.letters == "I":
                continue
            for other, _ in inv.others:
                shared.setdefault(other, []).append(inv.activity.title)
        position = self._position
        return [Peer(p, tuple(shared[p])) for p in sorted(shared, key=position.__getitem__)]

    @cached_property
    def _position(self) -> dict[str, int]:
        return {p: i for i, p in enumerate(self.team_ids)}

    @cached_property
    def _reports(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for p in self.team_ids:
            person = self.people.get(p)
            if person and person.reports_to:
                out.setdefault(person.reports_to, []).append(p)
        return out

    def reports(self, pid: str) -> list[str]:
        """Team members who report to `pid`."""
        return self._reports.get(pid, [])

    def review_overdue(self, today: dt.date) -> bool:
        return rules.review_overdue(self.ini, today)

    @cached_property
    def alignment(self) -> AlignmentView | None:
        al = self.ini.alignment
        return AlignmentView(al) if al else None


class AlignmentView:
    """The alignment budget against the rule of thumb, for the overview."""

    factor = rules.ALIGNMENT_FACTOR

    def __init__(self, alignment: Alignment) -> None:
        self.first_estimate = alignment.first_estimate_weeks
        self.planned = alignment.planned_weeks
        self.floor = rules.alignment_floor(alignment)
        self.ratio = rules.alignment_ratio(alignment)
        self.short = rules.alignment_short(alignment)
