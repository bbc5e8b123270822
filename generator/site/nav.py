"""Where the playbook's navigation goes in a site's own `nav`.

A site that names the playbook's folder in its nav (`- Change: change/`) gets the playbook's
navigation there; a site with a nav that does not name it gets it appended; a site with no nav
gets the navigation MkDocs would have made for its own pages, plus the playbook's.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Any

from mkdocs.utils import dirname_to_title, nest_paths

__all__ = ["Nav", "place", "prefixed"]

Nav = list[Any]


def prefixed(nav: Nav, prefix: str) -> Nav:
    """The playbook's nav with every page path under `prefix` (a folder such as 'change/')."""
    if not prefix:
        return nav
    out: Nav = []
    for item in nav:
        if isinstance(item, str):
            out.append(prefix + item)
        else:
            out.append(
                {
                    k: prefixed(v, prefix) if isinstance(v, list) else prefix + v
                    for k, v in item.items()
                }
            )
    return out


def _names_prefix(value: object, prefix: str) -> bool:
    return isinstance(value, str) and value.strip("/") == prefix.strip("/")


def _replace(nav: Nav, prefix: str, section: dict[str, Nav]) -> tuple[Nav, bool]:
    """The site's nav with the entry naming `prefix` holding the playbook's section: under
    the site's own title when it gives one."""
    out: Nav = []
    found = False
    for item in nav:
        if isinstance(item, dict):
            entry = {}
            for title, value in item.items():
                if _names_prefix(value, prefix):
                    entry[title], found = next(iter(section.values())), True
                elif isinstance(value, list):
                    entry[title], deeper = _replace(value, prefix, section)
                    found = found or deeper
                else:
                    entry[title] = value
            out.append(entry)
        elif _names_prefix(item, prefix):
            out.append(section)
            found = True
        else:
            out.append(item)
    return out, found


def _section(ours: Nav, prefix: str) -> dict[str, Nav]:
    """The playbook's nav as one section titled after its folder; its home page comes first
    and untitled, so Material's navigation.indexes makes it the section's own page."""
    return {dirname_to_title(posixpath.basename(prefix.strip("/"))): ours}


def place(site_nav: Nav | None, ours: Nav, prefix: str, own_pages: Iterable[str]) -> Nav:
    """The site's nav with the playbook's placed in it (see the module's docstring)."""
    ours = prefixed(ours, prefix)
    theirs: Nav = nest_paths(own_pages)  # type: ignore[no-untyped-call]
    if not prefix:  # the playbook is the site's top level
        return [*ours, *theirs] if site_nav is None else [*site_nav, *ours]
    section = _section(ours, prefix)
    if site_nav is None:
        return [*theirs, section]
    placed, found = _replace(site_nav, prefix, section)
    return placed if found else [*site_nav, section]
