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

__all__ = ["address", "for_the_wire", "mailbox", "one_line", "unusable"]

_PLAIN = re.compile(r"[^@\s<>()\[\],;:\"\\]+@[^@\s<>()\[\],;:\"\\]+\.[^@\s<>()\[\],;:\"\\.]+")


def one_line(text: str) -> str:
    """Text for a header or a parameter, which may not hold line breaks."""
    return " ".join(text.split())


def address(person: Person) -> Address | None:
    return _address(person.name, person.email or "")


def mailbox(name: str, email: str) -> Address | None:
    """`email` under the display name `name` (an initiative's office_email under its owner),
    read as a person's email is: one plain address, or None."""
    return _address(name, email)


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


def for_the_wire(found: Address) -> tuple[Address | None, str]:
    """The address as a mail server takes it without SMTPUTF8 (which we do not assume): an
    international domain in its ASCII form (IDNA); a name before the @ that is not ASCII
    cannot be written at all, so the address is refused, with why."""
    if not found.username.isascii():
        return None, unusable(found.addr_spec)
    domain = found.domain
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return None, f"the email domain {found.domain} cannot be written in ASCII (IDNA)"
    return Address(display_name=found.display_name, username=found.username, domain=domain), ""


def unusable(email: str) -> str:
    """Why an email that is no address for mail (see `address`) cannot be used."""
    spec = email.strip()
    local = spec.rpartition("@")[0]
    if local and not local.isascii():
        return f"the email {spec} is not ASCII before the @ (needs SMTPUTF8)"
    return "email not valid"
