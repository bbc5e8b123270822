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
import logging
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from generator.site.theme import STYLESHEET

__all__ = ["Built", "Key", "Preview", "RenderedFile"]

# Sites remembered at once: a serve process builds one; a test run builds many, each once.
KEEP = 8

# Material's internals this module relies on, all of them here (tests/test_preview.py checks
# each against the installed Material, so an upgrade that renames one fails loudly):
# - the search plugin, by its names in `config.plugins`; it keeps the last build's index in
#   `search_index_prev` for a dirty build, this build's in `search_index`, whose `entries`
#   is a list of dicts with a "location";
SEARCH_PLUGINS = ("material/search", "search")
SEARCH_PREVIOUS = "search_index_prev"
SEARCH_INDEX = "search_index"
INDEX_ENTRIES = "entries"
# - the tags plugin fills a listing where a page holds its directive (the default of its
#   `listings_directive`, the one templates/tags.md.j2 writes), from its `on_page_markdown`.
TAGS_DIRECTIVE = "material/tags"
TAGS_LISTING = f"<!-- {TAGS_DIRECTIVE} -->"


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
    last = getattr(search, SEARCH_PREVIOUS, None)
    index = getattr(search, SEARCH_INDEX, None)
    entries = getattr(index, INDEX_ENTRIES, None)
    old = getattr(last, INDEX_ENTRIES, None)
    if not isinstance(entries, list) or not isinstance(old, list):
        return
    kept = [e for e in old if str(e.get("location", "")).split("#", 1)[0] not in built_urls]
    setattr(index, INDEX_ENTRIES, kept + entries)
    setattr(search, SEARCH_PREVIOUS, None)


class Preview:
    """The playbook's pages in one MkDocs build, and what a dirty rebuild of them may skip.

    The plugin calls `add` (on_files), `reread_unchanged` (on_nav), `finish` (on_post_build)
    and `fail` (on_build_error); `files` is the build's files once added."""

    def __init__(self, log: logging.Logger | logging.LoggerAdapter[Any]) -> None:
        self.files = Files([])
        self._log = log
        self._key: Key = ()
        self._built: Built | None = None
        self._gone: list[File] = []

    def add(self, files: Files, config: MkDocsConfig, ours: dict[str, bytes], key: Key) -> None:
        """Add every file of ours to the build, each marked changed or not since the last."""
        added = [_add(files, config, uri, data) for uri, data in ours.items()]
        self._key, self.files = key, files
        self._built = built = Built(
            {uri: digest(data) for uri, data in ours.items()},
            navigation(config.nav, ours, _config_bytes(config)),
        )
        changed = mark(key, added, built)
        written = {f.dest_uri for f in files}
        left = (File(u, None, config.site_dir, config.use_directory_urls) for u in gone(key, built))
        self._gone = [f for f in left if f.dest_uri not in written]
        if changed < len(added):
            self._log.info("preview: %d of %d generated files changed", changed, len(added))

    def reread_unchanged(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        """A dirty build reads only the pages it renders again; the navigation shows every
        page in it by its title: read those of the unchanged pages too (a handful).

        Material's tags plugin links a page's tags to the Tags page only if it saw that page's
        listing: it is shown the unchanged Tags page too, which is filled in, not rendered."""
        for page in nav.pages:
            if isinstance(page.file, RenderedFile) and not page.file.changed:
                page.read_source(config)
                if page.markdown and TAGS_LISTING in page.markdown:
                    page.markdown = config.plugins.on_page_markdown(
                        page.markdown, page=page, config=config, files=files
                    )
                    page.content = ""

    def finish(self, config: MkDocsConfig) -> None:
        """Before the search plugin writes its index: the pages gone since the last build
        removed, the index kept whole, and this build remembered."""
        renewed = {
            f.page.url
            for f in self.files.documentation_pages()
            if f.page is not None
            and f.page.content is not None
            and (f.changed if isinstance(f, RenderedFile) else True)
        }
        for file in self._gone:  # only a dirty build finds them: a full one starts empty
            renewed.add(_remove_built(config, file))
        for name in SEARCH_PLUGINS:
            if name in config.plugins:
                keep_search_whole(config.plugins[name], renewed)
        if self._built is not None:
            remember(self._key, self._built)

    def fail(self) -> None:
        """A failed build is not remembered: what it wrote differs again next time."""
        self._built = None


def _remove_built(config: MkDocsConfig, file: File) -> str:
    """Remove what a previous build wrote for a page that is gone, and its folder if empty;
    the page's URL."""
    dest = Path(file.abs_dest_path)
    dest.unlink(missing_ok=True)
    site = Path(config.site_dir)
    folder = dest.parent
    while folder != site and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
    return "" if file.url in (".", "./") else file.url


def _config_bytes(config: MkDocsConfig) -> bytes:
    try:
        return Path(config.config_file_path).read_bytes() if config.config_file_path else b""
    except OSError:
        return b""


def _add(files: Files, config: MkDocsConfig, uri: str, data: bytes) -> RenderedFile:
    """Add a virtual file; a theme's copy of our stylesheet gives way, a site page does not."""
    existing = files.get_file_from_path(uri)
    if existing is not None:
        if existing.abs_src_path and not uri.endswith(STYLESHEET):
            raise PluginError(
                f"playbook: {existing.src_uri} in the site's docs would hide the playbook's page "
                "of the same name; rename it, or set the plugin's `prefix` to put the playbook "
                "in a folder of its own"
            )
        files.remove(existing)
    file = RenderedFile.generated(config, uri, content=data)
    assert isinstance(file, RenderedFile)  # File.generated builds its own class
    files.append(file)
    return file
