"""A person's email as an address a calendar or a mail header can carry, or None.

`email` is free text in a person file: anything that is not one plain address (a name in
angle brackets, two addresses, a typo with a space) is treated as no address at all.
"""

from __future__ import annotations

import functools
import re
from email.errors import HeaderParseError
from email.headerregistry import Address

from generator.source.model import Person

__all__ = ["address", "one_line"]

_PLAIN = re.compile(r"[^@\s<>()\[\],;:\"\\]+@[^@\s<>()\[\],;:\"\\]+\.[^@\s<>()\[\],;:\"\\.]+")


def one_line(text: str) -> str:
    """Text for a header or a parameter, which may not hold line breaks."""
    return " ".join(text.split())


def address(person: Person) -> Address | None:
    return _address(person.name, person.email or "")


@functools.lru_cache(maxsize=4096)
def _address(name: str, email: str) -> Address | None:
    # Parsing an address is slow next to the rest; the same few recur in every calendar.
    spec = email.strip()
    if not _PLAIN.fullmatch(spec):
        return None
    try:
        return Address(display_name=one_line(name), addr_spec=spec)
    except (ValueError, IndexError, HeaderParseError):
        return None
