"""What the last stage transition changed for each member of the team. Pure: no I/O.

A transition is the last two entries of `stage_history`, the last being the current stage.
For each member it sorts responsibilities, activities and training into what is new in the
stage entered, what ends with the stage left, and what stays:

- responsibilities: the stage duties of both stages, compared by their text;
- activities (any RACI letter the member is named with): those of the stage entered are new;
  those of the stage left end when done and stay while not. Activities that inform the whole
  team are told once for the team (`whole_team`), not once per member;
- training: modules of the stage entered are new; those of the stage left stay while a
  session is still to come, and end otherwise.

Purpose, accountabilities, decision rights and KPIs do not depend on the stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, Literal, TypeVar

from generator.content.i18n import Wording, wording
from generator.content.views import InitiativeView, Involvement
from generator.source.markers import Nn_
from generator.source.model import Activity, Module, Session, Stage

__all__ = ["KINDS", "Delta", "Kind", "MemberChange", "StageChange", "what_changed"]

T = TypeVar("T")
Kind = Literal["new", "ends", "stays"]
KINDS: tuple[Kind, ...] = ("new", "ends", "stays")


@dataclass(frozen=True)
class Delta(Generic[T]):
    new: tuple[T, ...] = ()
    ends: tuple[T, ...] = ()
    stays: tuple[T, ...] = ()

    def of(self, kind: Kind) -> tuple[T, ...]:
        return tuple(getattr(self, kind))


@dataclass(frozen=True)
class MemberChange:
    person: str
    responsibilities: Delta[str]
    activities: Delta[Involvement]
    training: Delta[Module]
    time_before: str | None
    time_now: str | None

    def any(self, kind: Kind) -> bool:
        return bool(
            self.responsibilities.of(kind) or self.activities.of(kind) or self.training.of(kind)
        )

    def tally(self, kind: Kind, words: Wording | None = None) -> str:
        """'2 responsibilities, 1 activity', or 'nothing'."""
        words = words or wording()
        counts = (
            (self.responsibilities, Nn_("%(num)d responsibility", "%(num)d responsibilities")),
            (self.activities, Nn_("%(num)d activity", "%(num)d activities")),
            (self.training, Nn_("%(num)d training module", "%(num)d training modules")),
        )
        parts = []
        for delta, (one, many) in counts:
            n = len(delta.of(kind))
            if n:
                parts.append(words.ngettext(one, many, n) % {"num": n})
        return ", ".join(parts) or words.gettext("nothing")

    @property
    def time_changed(self) -> bool:
        return self.time_before != self.time_now


@dataclass(frozen=True)
class StageChange:
    left: Stage
    entered: Stage
    on: dt.date
    by: str | None
    open_criteria: tuple[str, ...]
    forward: bool
    members: tuple[MemberChange, ...]
    whole_team: Delta[Activity] = Delta()

    def member(self, pid: str) -> MemberChange | None:
        return self._by_person.get(pid)

    @cached_property
    def _by_person(self) -> dict[str, MemberChange]:
        return {c.person: c for c in self.members}

    def next_session(self, module: Module) -> Session | None:
        """The first session of `module` on or after the transition."""
        return min(
            (s for s in module.sessions if s.date >= self.on), key=lambda s: s.date, default=None
        )


def _split(items: list[T], new: list[T], stays: list[T]) -> Delta[T]:
    return Delta(tuple(new), tuple(i for i in items if i not in stays), tuple(stays))


def what_changed(view: InitiativeView) -> StageChange | None:
    """The last transition as this view's audience may see it; None before any."""
    history = view.ini.stage_history
    if len(history) < 2 or history[-1].stage != view.ini.current_stage:
        return None
    left, entered = view.stage(history[-2].stage), view.stage(history[-1].stage)
    if left is None or entered is None or left.id == entered.id:
        return None
    on = history[-1].entered
    everyone = [a for a in view.ini.activities if view.informs_all(a)]
    everyone_before = [a for a in everyone if a.stage == left.id]
    whole_team = _split(
        everyone_before,
        [a for a in everyone if a.stage == entered.id],
        [a for a in everyone_before if a.status != "done"],
    )
    members = []
    for m in view.ini.team:
        before, now = m.stages.get(left.id), m.stages.get(entered.id)
        was = list(before.responsibilities) if before else []
        will = list(now.responsibilities) if now else []
        duties = _split(was, [r for r in will if r not in was], [r for r in will if r in was])
        involved = view.involvements(m.person)
        old = [i for i in involved if i.activity.stage == left.id]
        activities = _split(
            old,
            [i for i in involved if i.activity.stage == entered.id],
            [i for i in old if i.activity.status != "done"],
        )
        modules = view.training_for(m.person)
        old_modules = [t for t in modules if t.stage == left.id]
        training = _split(
            old_modules,
            [t for t in modules if t.stage == entered.id],
            [t for t in old_modules if any(s.date >= on for s in t.sessions)],
        )
        members.append(
            MemberChange(
                m.person,
                duties,
                activities,
                training,
                before.time_commitment if before else None,
                now.time_commitment if now else None,
            )
        )
    return StageChange(
        left,
        entered,
        on,
        history[-1].by,
        tuple(history[-1].open_criteria),
        view.stage_index[entered.id] > view.stage_index[left.id],
        tuple(members),
        whole_team,
    )
