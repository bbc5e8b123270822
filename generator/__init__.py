"""Change-playbook site generator: YAML playbooks -> Markdown -> MkDocs + Material site."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
