"""The validated project: every person and initiative, ready to plan from."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.source.model import Initiative, Person

__all__ = ["Project"]


@dataclass(frozen=True)
class Project:
    people: dict[str, Person]
    initiatives: dict[str, Initiative]
    # Hand-written pages from playbooks/pages/, relative path -> bytes, carried unchanged.
    pages: dict[str, bytes] = field(default_factory=dict)
