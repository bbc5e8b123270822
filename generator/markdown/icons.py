"""Icons for change roles and stages, from the Material Design icons Material ships.

Inline SVG, so the site makes no request for them and they print; read from the installed
mkdocs-material package, which the site depends on anyway.
"""

from __future__ import annotations

import functools
from importlib import resources

from markupsafe import Markup

ROLE_ICONS = {
    "sponsor": "account-star",
    "champion": "bullhorn",
    "owner": "account-hard-hat",
    "contributor": "account-group",
    "advisor": "lightbulb-on",
}


@functools.cache
def _svg(name: str) -> str:
    try:
        path = resources.files("material") / "templates" / ".icons" / "material" / f"{name}.svg"
        return path.read_text("utf-8").strip()
    except (OSError, ModuleNotFoundError):
        return ""  # an icon is decoration: its absence must not stop a build


def role_icon(role: str) -> Markup:
    svg = _svg(ROLE_ICONS.get(role, ""))
    if not svg.startswith("<svg"):
        return Markup("")
    return Markup(f'<span class="pb-icon" aria-hidden="true">{svg}</span>')
