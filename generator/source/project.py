"""The validated project: every person and initiative, ready to plan from."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.source.model import Initiative, Person
from generator.source.pulse import PulseSummary

__all__ = ["Project"]


@dataclass(frozen=True)
class Project:
    people: dict[str, Person]
    initiatives: dict[str, Initiative]
    # Hand-written pages from playbooks/pages/, relative path -> bytes, carried unchanged.
    pages: dict[str, bytes] = field(default_factory=dict)
    # Per initiative: the pulse's anonymous tallies, set by the audience filter for an
    # audience that sees the pulse but maybe not its responses (content/audience.py).
    pulse: dict[str, PulseSummary] = field(default_factory=dict)
    # The file each initiative and person was read from, relative to the playbooks folder
    # (id -> POSIX path): a page built from it points there to be edited. Filtered by
    # audience like the rest (content/audience.py): a file's name says whose it is.
    initiative_files: dict[str, str] = field(default_factory=dict)
    person_files: dict[str, str] = field(default_factory=dict)
