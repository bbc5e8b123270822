"""Who on the team each row of a meeting report is: by email, else by name.

A name matches whatever the order of its words, their case, accents and spacing: "Amara
Osei", "OSEI Amara", "Osei, Amara" and "amara  osei" are one person; so is "Amara Osei
(Guest)", as Teams marks people of another organisation. A name two members share matches
neither (give them an email). Rows of one person are one attendance: the seconds add up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.source.model import Person
from generator.source.reports.report import Attendee

_APART = re.compile(r"[\s,.;_\-]+")
_QUOTES = re.compile("['\u2019`]")
_ASIDE = re.compile(r"^(?P<outer>.*?)\s*\((?P<inner>[^()]*)\)\s*$")


@dataclass(frozen=True)
class Present:
    """A member found in the report: every row that was theirs, and the seconds added up."""

    person: str
    rows: tuple[int, ...]
    seconds: int


@dataclass(frozen=True)
class Stranger:
    """Rows that match nobody on the team (a guest), or two members at once."""

    rows: tuple[int, ...]
    name: str
    email: str | None
    seconds: int
    twins: tuple[str, ...] = ()  # the members a shared name could be


def name_key(text: str) -> tuple[str, ...]:
    """A name as compared: no accents, any case, its words in any order."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return tuple(sorted(w for w in _APART.split(_QUOTES.sub("", plain)) if w))


def _names(text: str) -> list[tuple[str, ...]]:
    """The keys a report's name may stand for: as written, without a trailing aside in
    brackets ("(Guest)"), and the aside itself (Zoom's "New name (Original Name)")."""
    keys = [name_key(text)]
    aside = _ASIDE.match(text)
    if aside:
        keys += [name_key(aside["outer"]), name_key(aside["inner"])]
    return [k for k in keys if k]


def match(
    attendees: Sequence[Attendee], team: Sequence[str], people: Mapping[str, Person]
) -> tuple[list[Present], list[Stranger]]:
    """Members present (in team order) and the rows that match no single member."""
    by_email: dict[str, str] = {}
    by_name: dict[tuple[str, ...], list[str]] = {}
    for pid in team:
        person = people.get(pid)
        if person is None:
            continue
        if person.email:
            by_email.setdefault(person.email.casefold(), pid)
        members = by_name.setdefault(name_key(person.name), [])
        if pid not in members:
            members.append(pid)
    found: dict[str, list[Attendee]] = {}
    strangers: dict[tuple[object, ...], list[Attendee]] = {}
    twins_of: dict[tuple[object, ...], tuple[str, ...]] = {}
    for a in attendees:
        who = by_email.get(a.email.casefold()) if a.email else None
        candidates = [by_name.get(k, []) for k in _names(a.name)]
        if who is None:
            single = next((c for c in candidates if len(c) == 1), None)
            who = single[0] if single else None
        if who is not None:
            found.setdefault(who, []).append(a)
            continue
        key = ("email", a.email.casefold()) if a.email else ("name", *name_key(a.name))
        strangers.setdefault(key, []).append(a)
        twins_of[key] = tuple(next((c for c in candidates if len(c) > 1), []))
    present = [
        Present(pid, tuple(a.row for a in found[pid]), sum(a.seconds for a in found[pid]))
        for pid in team
        if pid in found
    ]
    others = [
        Stranger(
            tuple(a.row for a in rows),
            rows[0].name,
            rows[0].email,
            sum(a.seconds for a in rows),
            twins_of[key],
        )
        for key, rows in strangers.items()
    ]
    return present, sorted(others, key=lambda s: s.rows)
