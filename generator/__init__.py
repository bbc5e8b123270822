"""Change-playbook site generator: YAML playbooks -> Markdown -> MkDocs + Material site."""

from __future__ import annotations

from pathlib import Path

__all__ = ["__version__", "packaged"]

__version__ = "0.1.0"

_HERE = Path(__file__).resolve().parent
# Installed from a wheel, the default templates and theme assets are inside the package (see
# pyproject.toml's package-dir); in a source checkout they are the repository's own folders.
_CHECKOUT = {"templates": "templates", "theme": "site_overrides"}


def packaged(folder: str) -> Path:
    """A folder of default files that ships with the package: `templates` or `theme`."""
    inside = _HERE / folder
    return inside if inside.is_dir() else _HERE.parent / _CHECKOUT[folder]
