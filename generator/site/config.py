"""What a site repository's mkdocs.yml says that the pipeline needs, read the same way for
the `playbook` command as MkDocs reads it for the plugin: where the playbooks and templates
are, the URL folder, the site's address and its language.

mkdocs.yml may hold tags only MkDocs and its plugins understand (`!ENV`, `!!python/name:`):
this reads what it needs, resolves `!ENV` as MkDocs would, and ignores every other tag. A
repository without mkdocs.yml gets the defaults.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator.layout import CONFIG, PLAYBOOKS, PLUGIN, SITE, TEMPLATES
from generator.source.problems import UserError, short


@dataclass(frozen=True)
class SiteConfig:
    playbooks: str = PLAYBOOKS
    templates: str = TEMPLATES
    prefix: str = ""  # the playbook's URL folder, "" or "change/"
    site_url: str | None = None
    site_dir: str = SITE  # where `playbook build` builds, as `mkdocs build` does
    directory_urls: bool = True
    language: str | None = None  # theme.language, or the plugin's own `language`

    @property
    def playbook_url(self) -> str | None:
        """The playbook's own address: the site's, and its folder in the site."""
        return self.site_url.rstrip("/") + "/" + self.prefix if self.site_url else None


def plugin_missing() -> UserError:
    """The refusal for a mkdocs.yml without the playbook plugin, whichever command reads it."""
    return UserError(
        f"{CONFIG}: the playbook plugin is not in `plugins:`; add `- {PLUGIN}` there "
        "(and remove any old `hooks:` entry for the generator)"
    )


def folder(prefix: str) -> str:
    """A `prefix` option as a URL folder: '' or 'name/'."""
    name = prefix.strip().strip("/")
    return f"{name}/" if name else ""


def checked_url(value: str, where: str) -> str:
    """A site address as links may carry it: absolute http(s), one line, nothing hidden.

    It reaches mail headers, calendars and every link of a note: a line break would start a
    header of its own, and `javascript:` or a bare host would be a link that is not the site."""
    if any(ord(c) < 32 or ord(c) == 127 or c.isspace() for c in value):
        raise UserError(
            f"{where}: {short(value)} holds a line break, a space or a control character "
            "(expected one absolute address such as https://playbook.example/); nothing was "
            "written"
        )
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise UserError(
            f"{where}: {short(value)} is not an absolute http(s) address (expected one such "
            "as https://playbook.example/); nothing was written"
        )
    return value


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


def plugin_options(plugins: object) -> dict[str, Any] | None:
    """The playbook plugin's options in a `plugins:` value (a list or a mapping)."""
    entries = plugins.items() if isinstance(plugins, dict) else [
        next(iter(e.items())) if isinstance(e, dict) and len(e) == 1 else (e, {})
        for e in (plugins if isinstance(plugins, list) else [])
    ]
    for name, options in entries:
        if name == PLUGIN:
            return dict(options) if isinstance(options, dict) else {}
    return None


def _text(value: object, default: str | None = None) -> str | None:
    return value if isinstance(value, str) and value.strip() else default


def read_site_config(root: Path) -> SiteConfig:
    try:
        data = yaml.load((root / CONFIG).read_text("utf-8"), Loader=_Lenient)  # noqa: S506
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return SiteConfig()
    if not isinstance(data, dict):
        return SiteConfig()
    options = plugin_options(data.get("plugins")) or {}
    site_url = _text(data.get("site_url"))
    theme = data.get("theme")
    theme = theme if isinstance(theme, dict) else {}
    return SiteConfig(
        playbooks=_text(options.get("playbooks"), PLAYBOOKS) or PLAYBOOKS,
        templates=_text(options.get("templates"), TEMPLATES) or TEMPLATES,
        prefix=folder(_text(options.get("prefix"), "") or ""),
        site_url=checked_url(site_url, f"{CONFIG}: site_url") if site_url else None,
        site_dir=_text(data.get("site_dir"), SITE) or SITE,
        directory_urls=data.get("use_directory_urls", True) is not False,
        language=_text(options.get("language")) or _text(theme.get("language")),
    )
