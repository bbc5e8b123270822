"""Which pages a preview rebuild must render again: those whose Markdown changed.

`playbook serve` runs MkDocs' dirty builds, which re-render only the pages whose File says it
is modified. MkDocs cannot tell for a page held in memory, so it always says yes, and every
rebuild would render the whole site. The plugin tells instead: a page changed if its bytes
differ from what this process built last time into the same site folder, for the same
configuration, audience and prefix; and every page changed when the navigation did (a page
added to it or retitled, a stage moved: the navigation is on every page).

The memory is per process, module-level (MkDocs makes a new plugin for every rebuild), and
only what a successful build wrote is remembered: a build that fails midway wrote only pages
that differ from it, so they differ again next time. A full build never asks `is_modified`,
so it is untouched by all this.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mkdocs.structure.files import File

# Sites remembered at once: a serve process builds one; a test run builds many, each once.
KEEP = 8


class RenderedFile(File):
    """A generated file that knows whether it changed since the last build of its site."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


@dataclass(frozen=True)
class Built:
    """What one successful build of a site wrote: a digest per file, and its navigation."""

    digests: dict[str, bytes]
    navigation: bytes


Key = tuple[str, ...]
_built: OrderedDict[Key, Built] = OrderedDict()


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _front_matter(data: bytes) -> bytes:
    """What of a page the navigation shows (its title, icon): its front matter, or the whole
    page when it has none (a hand-written page's title is its first heading)."""
    if data.startswith(b"---\n"):
        end = data.find(b"\n---\n", 4)
        if end != -1:
            return data[: end + 5]
    return data


def _nav_pages(nav: Any) -> Iterable[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_pages(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_pages(item)


def navigation(site_nav: Any, files: dict[str, bytes], config_bytes: bytes) -> bytes:
    """A digest of all that every page shows of the others: the site's navigation, the
    front matter of each page of ours in it, and the site's configuration."""
    h = hashlib.blake2b(digest_size=16)
    h.update(json.dumps(site_nav, sort_keys=True, default=str).encode("utf-8"))
    for uri in sorted(set(_nav_pages(site_nav))):
        if uri in files:
            h.update(uri.encode("utf-8") + b"\0" + _front_matter(files[uri]) + b"\0")
    h.update(config_bytes)
    return h.digest()


def mark(key: Key, files: Iterable[RenderedFile], built: Built) -> int:
    """Set `changed` on each file against the last build of `key`; the number changed."""
    last = _built.get(key)
    everything = last is None or last.navigation != built.navigation
    count = 0
    for file in files:
        file.changed = everything or last is None or last.digests.get(file.src_uri) != (
            built.digests.get(file.src_uri)
        )
        count += file.changed
    return count


def gone(key: Key, built: Built) -> list[str]:
    """Files the last build of `key` wrote that this one does not have."""
    last = _built.get(key)
    return sorted(set(last.digests) - set(built.digests)) if last else []


def remember(key: Key, built: Built) -> None:
    """`built` is what the site folder of `key` now holds."""
    _built[key] = built
    _built.move_to_end(key)
    while len(_built) > KEEP:
        _built.popitem(last=False)


def keep_search_whole(search: object, built_urls: set[str]) -> None:
    """Material's search keeps the last index across dirty rebuilds, but drops the old entries
    of one page only (by URL prefix, so the first page rebuilt can take a whole folder's
    entries with it). Before it writes the index: keep the last index's entries of every
    page not built this time, then this build's entries. Without Material's search (or if
    its internals change), its own behaviour stands."""
    last = getattr(search, "search_index_prev", None)
    index = getattr(search, "search_index", None)
    entries = getattr(index, "entries", None)
    old = getattr(last, "entries", None)
    if not isinstance(entries, list) or not isinstance(old, list):
        return
    kept = [e for e in old if str(e.get("location", "")).split("#", 1)[0] not in built_urls]
    index.entries = kept + entries  # type: ignore[union-attr]
    search.search_index_prev = None  # type: ignore[attr-defined]
