"""What a member signed against what their charter says now: is the signature still current?

One function builds a member's commitments from the model (`commitments`): `playbook sign`
keeps what it returns, and `signature` compares what it returns with the kept copy. The
charter page, the scorecard, the gate check on signed charters, the lints and the digest all
ask `signature` (or `not_signed_as_they_stand`), so they never disagree on who signed what.

A list is a set of commitments: the same duties in another order are the same charter. A
duty reworded is one removed and one added, each in the file's own words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from generator.source import rules
from generator.source.model import Activity, Initiative, Member, StageDuty
from generator.source.signed import Commitments, SignedActivity, SignedCharter

__all__ = [
    "PARTS",
    "Change",
    "Signature",
    "State",
    "changes",
    "commitments",
    "letters",
    "not_signed_as_they_stand",
    "signature",
]

# The parts of a charter, in the order a list of changes names them; each is a key of the
# member's YAML (`individual` of accountabilities, `responsibilities` of a stage...).
Part = Literal[
    "role",
    "purpose",
    "individual",
    "shared",
    "decides",
    "recommends",
    "consulted_on",
    "responsibilities",
    "time_commitment",
    "kpis",
    "activities",
    "letters",
]
PARTS: tuple[Part, ...] = (
    "role",
    "purpose",
    "individual",
    "shared",
    "decides",
    "recommends",
    "consulted_on",
    "responsibilities",
    "time_commitment",
    "kpis",
    "activities",
    "letters",
)
Kind = Literal["added", "removed", "changed"]
State = Literal["unsigned", "uncopied", "current", "stale"]


@dataclass(frozen=True)
class Change:
    """One difference between the kept copy and the charter now, in the YAML's words.

    `stage` is the stage id of a stage's duties; `subject` the activity's title for its
    letters; `before` is the kept copy's words (None: added), `after` the charter's now
    (None: removed)."""

    kind: Kind
    part: Part
    before: str | None = None
    after: str | None = None
    stage: str | None = None
    subject: str | None = None


@dataclass(frozen=True)
class Signature:
    """A member's signature of their charter as it stands now."""

    person: str
    signed: dt.date | None  # charter_signed
    kept: SignedCharter | None  # the copy `playbook sign` kept, if any
    changes: tuple[Change, ...]  # since the kept copy

    @property
    def state(self) -> State:
        """unsigned; uncopied (a date with no kept copy: counts as signed); current; stale."""
        if self.signed is None:
            return "unsigned"
        if self.kept is None:
            return "uncopied"
        return "stale" if self.changes else "current"

    @property
    def stale(self) -> bool:
        return self.state == "stale"

    @property
    def kept_on(self) -> dt.date | None:
        return self.kept.signed if self.kept else None


def letters(activity: Activity, pid: str) -> str:
    """`pid`'s RACI letters on an activity, in R, A, C order, or I on its own (any other
    letter implies being informed); `informed: [all]` informs every member."""
    raci = activity.raci
    if raci is None:
        return ""
    accountable = raci.accountable if isinstance(raci.accountable, list) else [raci.accountable]
    held = "".join(
        letter
        for letter, ids in (("R", raci.responsible), ("A", accountable), ("C", raci.consulted))
        if pid in ids
    )
    return held or ("I" if pid in raci.informed or "all" in raci.informed else "")


def _duties(ini: Initiative, member: Member) -> dict[str, StageDuty]:
    """The member's duties stage by stage, in stage order; stages with none left out."""
    ids = [s.id for s in ini.stages]
    order = ids + [k for k in member.stages if k not in ids]
    return {
        sid: member.stages[sid]
        for sid in order
        if sid in member.stages
        and (member.stages[sid].responsibilities or member.stages[sid].time_commitment)
    }


def commitments(ini: Initiative, member: Member) -> Commitments:
    """What `member` commits to in `ini`, as `playbook sign` keeps it."""
    acts = [(a, letters(a, member.person)) for a in ini.activities]
    return Commitments(
        role=member.role,
        purpose=member.purpose,
        accountabilities=member.accountabilities,
        decision_rights=member.decision_rights,
        stages=_duties(ini, member),
        kpis=member.kpis,
        activities=[SignedActivity(id=a.id, title=a.title, letters=x) for a, x in acts if x],
    )


def _lists(part: Part, before: list[str], after: list[str], stage: str | None) -> list[Change]:
    was, now = set(before), set(after)
    gone = [t for t in dict.fromkeys(before) if t not in now]
    new = [t for t in dict.fromkeys(after) if t not in was]
    return [
        *(Change("removed", part, before=t, stage=stage) for t in gone),
        *(Change("added", part, after=t, stage=stage) for t in new),
    ]


def _value(part: Part, before: str | None, after: str | None, stage: str | None) -> list[Change]:
    if before == after:
        return []
    kind: Kind = "added" if before is None else "removed" if after is None else "changed"
    return [Change(kind, part, before=before, after=after, stage=stage)]


def _stages(before: Commitments, after: Commitments) -> list[Change]:
    out: list[Change] = []
    empty = StageDuty()
    for sid in dict.fromkeys([*after.stages, *before.stages]):
        was, now = before.stages.get(sid, empty), after.stages.get(sid, empty)
        out += _lists("responsibilities", was.responsibilities, now.responsibilities, sid)
        out += _value("time_commitment", was.time_commitment, now.time_commitment, sid)
    return out


def _activities(before: Iterable[SignedActivity], after: Iterable[SignedActivity]) -> list[Change]:
    was = {a.id: a for a in before}
    now = {a.id: a for a in after}
    out: list[Change] = []
    for aid in dict.fromkeys([*now, *was]):
        old, new = was.get(aid), now.get(aid)
        if old is None and new is not None:
            out.append(Change("added", "activities", after=new.letters, subject=new.title))
        elif new is None and old is not None:
            out.append(Change("removed", "activities", before=old.letters, subject=old.title))
        elif old is not None and new is not None:
            if old.title != new.title:
                out.append(Change("changed", "activities", before=old.title, after=new.title))
            if old.letters != new.letters:
                out += [Change("changed", "letters", old.letters, new.letters, subject=new.title)]
    return out


def changes(before: Commitments, after: Commitments) -> tuple[Change, ...]:
    """What changed from `before` (the kept copy) to `after` (the charter now), in the order
    of PARTS; a stage's duties together, stage by stage."""
    acc_b, acc_a = before.accountabilities, after.accountabilities
    dr_b, dr_a = before.decision_rights, after.decision_rights
    found = [
        *_value("role", before.role, after.role, None),
        *_value("purpose", before.purpose, after.purpose, None),
        *_lists("individual", acc_b.individual, acc_a.individual, None),
        *_lists("shared", acc_b.shared, acc_a.shared, None),
        *_lists("decides", dr_b.decides, dr_a.decides, None),
        *_lists("recommends", dr_b.recommends, dr_a.recommends, None),
        *_lists("consulted_on", dr_b.consulted_on, dr_a.consulted_on, None),
        *_stages(before, after),
        *_lists("kpis", before.kpis, after.kpis, None),
        *_activities(before.activities, after.activities),
    ]
    return tuple(found)


def signature(ini: Initiative, member: Member) -> Signature:
    """`member`'s signature of their charter in `ini`, against the copy kept when signed."""
    kept = ini.kept.get(member.person) if member.charter_signed else None
    found = changes(kept.commitments, commitments(ini, member)) if kept else ()
    return Signature(member.person, member.charter_signed, kept, found)


def not_signed_as_they_stand(ini: Initiative, stage_id: str, on: dt.date) -> list[str]:
    """Members, in team order, whose charter was not signed by `on`; in the current stage
    also those who signed an earlier version (what the charters said when an earlier stage
    was left is not kept, so a past stage counts the dates)."""
    unsigned = set(rules.unsigned(ini, on))
    current = stage_id == ini.current_stage
    return [
        m.person for m in ini.team if m.person in unsigned or (current and signature(ini, m).stale)
    ]
