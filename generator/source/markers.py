"""gettext's markers: wording defined in code is marked here for `make messages` and
translated where it is shown (content/i18n.py), so a rule can name its own words from the
source layer without depending on the catalogs."""

from __future__ import annotations

__all__ = ["NC_", "N_", "Nn_"]


def N_(message: str) -> str:
    """Marks a message for extraction (`make messages`); it is translated where it is shown."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message with its plural for extraction; counted and translated where shown."""
    return singular, plural


def NC_(context: str, message: str) -> tuple[str, str]:
    """Marks a message with its context for extraction (`make messages`); translated later."""
    return context, message
