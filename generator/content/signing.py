"""A member's signature as their charter page shows it: signed, not signed, signed with no
copy kept, or signed in an earlier version, with what changed since in the YAML's words.

It reads an initiative already filtered for its audience (the kept copies with it), so a
change shown is a change the audience may see; the rule itself is signatures.signature.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.source.model import Initiative, Member
from generator.source.signatures import Change, State, signature

__all__ = ["ChangeRow", "CharterSignature", "charter_signature"]


@dataclass(frozen=True)
class ChangeRow:
    """One line of "what changed since": its kind and part are labels' keys."""

    kind: str  # added, removed, changed
    part: str  # signatures.PARTS
    where: str | None  # the stage's name, for a stage's duties
    subject: str | None  # the activity's title, for its letters
    before: str | None
    after: str | None

    @property
    def role(self) -> bool:
        """The values are roles: shown by their label."""
        return self.part == "role"


@dataclass(frozen=True)
class CharterSignature:
    state: State
    signed: dt.date | None
    kept_on: dt.date | None
    changes: tuple[ChangeRow, ...]


def _row(ini: Initiative, change: Change) -> ChangeRow:
    names = {s.id: s.name for s in ini.stages}
    where = names.get(change.stage, change.stage) if change.stage else None
    return ChangeRow(change.kind, change.part, where, change.subject, change.before, change.after)


def charter_signature(ini: Initiative, member: Member) -> CharterSignature:
    found = signature(ini, member)
    return CharterSignature(
        found.state,
        found.signed,
        found.kept_on,
        tuple(_row(ini, c) for c in found.changes),
    )
