"""A file's raw data read through the schema's verdict, so reference checks can run on whatever
parsed, even when other parts of the same file failed the schema.

Why raw data and not a partial model: pydantic gives all or nothing for a file, but it reports
every error with its location. A value the schema raised no error about, at its own place or
above it, is exactly what the typed model would have held; everything else is read as absent.
So one broken `role:` in team[1] hides nothing but itself: team[1].person is still checked.

`Known` then keeps one broken definition from echoing at every reference to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError

from generator.source.explain import did_you_mean
from generator.source.yamlfile import Key

__all__ = ["Known", "Parsed"]

_DATE: TypeAdapter[dt.date] = TypeAdapter(dt.date)


class Parsed:
    """The raw data of one file, minus every place the schema refused."""

    def __init__(self, data: Any, refused: Iterable[Key]) -> None:
        self.data = data
        self.refused = frozenset(refused)

    def sound(self, path: Key) -> bool:
        """No schema error at `path` nor above it (a wrong container spoils all it holds)."""
        return not any(path[:end] in self.refused for end in range(len(path) + 1))

    def raw(self, path: Key) -> Any:
        """The value at `path` as written, sound or not (None when not there)."""
        node = self.data
        for part in path:
            in_dict = isinstance(node, dict) and isinstance(part, str) and part in node
            in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            if not (in_dict or in_list):
                return None
            node = node[part]
        return node

    def get(self, path: Key) -> Any:
        """The value at `path` if the schema accepted it, else None."""
        return self.raw(path) if self.sound(path) else None

    def text(self, path: Key) -> str | None:
        value = self.get(path)
        return value if isinstance(value, str) else None

    def date(self, path: Key) -> dt.date | None:
        """A date as the schema reads it (a quoted "2026-05-01" is a date too)."""
        value = self.get(path)
        if value is None:
            return None
        try:
            return _DATE.validate_python(value)
        except ValidationError:
            return None

    def indexes(self, path: Key) -> range:
        """The indexes of the list at `path` (none unless it is a sound list)."""
        value = self.get(path)
        return range(len(value)) if isinstance(value, list) else range(0)

    def keys(self, path: Key) -> list[str]:
        value = self.get(path)
        return [k for k in value if isinstance(k, str)] if isinstance(value, dict) else []

    def texts(self, path: Key, key: str | None = None) -> list[tuple[int, str]]:
        """(index, text) of the sound text items of the list at `path`, or of their `key`."""
        out = []
        for i in self.indexes(path):
            value = self.text((*path, i, key) if key else (*path, i))
            if value is not None:
                out.append((i, value))
        return out

    def known(self, path: Key, key: str | None = None) -> Known:
        """The ids a list at `path` defines: its items, or each item's `key`."""
        ids: list[str] = []
        broken: list[object] = []
        if not self.sound(path) or not isinstance(self.raw(path), list):
            return Known(ids, [None])
        for i in self.indexes(path):
            where: Key = (*path, i, key) if key else (*path, i)
            value = self.text(where)
            if value is None:
                broken.append(self.raw(where))
            else:
                ids.append(value)
        return Known(ids, broken)


def _plain(text: str) -> str:
    return "-".join(text.lower().replace("_", " ").split())


@dataclass
class Known:
    """The ids a file defines (its stages, its team, a module's attendees): the sound ones, and
    what was written where a definition is broken.

    A reference to an id that is not defined is reported only when it cannot be the id a broken
    definition meant: one broken definition is reported once, where it is, not again at every
    reference to it. References that are themselves wrong get their own schema errors."""

    ids: list[str]
    broken: list[object]
    _set: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._set = frozenset(self.ids)

    def __contains__(self, value: object) -> bool:
        return value in self._set

    def excuses(self, ref: str) -> bool:
        """Could `ref` name one of the broken definitions?"""
        for value in self.broken:
            if not isinstance(value, str):
                return True  # nothing to go by (missing, a number, a list): it may be any id
            if did_you_mean(_plain(ref), [_plain(value)]):
                return True
        return False

    def with_broken(self, values: Iterable[object]) -> Known:
        return Known(self.ids, [*self.broken, *values])
