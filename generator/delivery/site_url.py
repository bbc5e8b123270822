"""The site's public address, read from mkdocs.yml, for links that leave the site (mail).

mkdocs.yml may hold tags only MkDocs and its plugins understand (`!ENV`, `!!python/name:`):
this reads `site_url` alone, as MkDocs would for `!ENV`, and ignores every other tag.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

CONFIG = "mkdocs.yml"


class _Lenient(yaml.SafeLoader):
    """Safe loading in which a tag we do not know stands for nothing."""


def _unknown(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
    *variables, default = names or [None]
    for name in variables:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return default


_Lenient.add_constructor("!ENV", _env)
_Lenient.add_multi_constructor("!", _unknown)
_Lenient.add_multi_constructor("tag:yaml.org,2002:python/", _unknown)


def site_url(root: Path) -> str | None:
    """`site_url` of the repository's mkdocs.yml; None when unset or unreadable."""
    try:
        data = yaml.load((root / CONFIG).read_text("utf-8"), Loader=_Lenient)  # noqa: S506
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    value = data.get("site_url") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value.strip() else None
