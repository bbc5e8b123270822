"""Instant previews: a dirty rebuild renders only the pages whose Markdown changed, or every
page when the navigation changed, and then serves the same pages a full build would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.structure.files import File

from generator.site import preview
from tests.conftest import REPO, TODAY, copy_repo

KEY = ("mkdocs.yml", "/site", "leadership", "")


@pytest.fixture(autouse=True)
def _forget_builds() -> None:
    preview._built.clear()


def _files(contents: dict[str, bytes]) -> list[preview.RenderedFile]:
    out = []
    for uri in contents:
        file = preview.RenderedFile(uri, None, "/site", True)
        out.append(file)
    return out


def _built(contents: dict[str, bytes], nav: list[object] | None = None) -> preview.Built:
    nav = nav if nav is not None else [{"Home": "index.md"}, "a/index.md"]
    return preview.Built(
        {uri: preview.digest(data) for uri, data in contents.items()},
        preview.navigation(nav, contents, b"site_name: x\n"),
    )


def _changed(files: list[preview.RenderedFile]) -> list[str]:
    return [f.src_uri for f in files if f.is_modified()]


SITE = {
    "index.md": b'---\ntitle: "Home"\n---\n\n# Home\n',
    "a/index.md": b'---\ntitle: "A"\n---\n\n# A\n\nText.\n',
    "a/charters/ann.md": b'---\ntitle: "Role charter: Ann"\n---\n\n# Ann\n\nChief Executive\n',
    "a/charters/bo.md": b'---\ntitle: "Role charter: Bo"\n---\n\n# Bo\n',
}


def test_the_first_build_renders_every_page() -> None:
    files = _files(SITE)
    assert preview.mark(KEY, files, _built(SITE)) == len(SITE)
    assert _changed(files) == list(SITE)


def test_only_pages_whose_markdown_changed_are_modified() -> None:
    preview.remember(KEY, _built(SITE))
    edited = {**SITE, "a/charters/ann.md": SITE["a/charters/ann.md"].replace(b"Chief", b"Head")}
    files = _files(edited)
    assert preview.mark(KEY, files, _built(edited)) == 1
    assert _changed(files) == ["a/charters/ann.md"]
    unchanged = _files(SITE)
    preview.remember(KEY, _built(edited))
    assert preview.mark(KEY, unchanged, _built(SITE)) == 1  # and back again


def test_nothing_changed_nothing_modified() -> None:
    preview.remember(KEY, _built(SITE))
    files = _files(SITE)
    assert preview.mark(KEY, files, _built(SITE)) == 0
    assert _changed(files) == []


@pytest.mark.parametrize(
    "edit",
    [
        # A page in the navigation retitled (its front matter): every page shows its title.
        lambda s, n: ({**s, "a/index.md": s["a/index.md"].replace(b'"A"', b'"Alpha"')}, n),
        # A page added to the navigation, or the navigation reordered.
        lambda s, n: (s, [*n, "a/charters/bo.md"]),
        lambda s, n: (s, list(reversed(n))),
    ],
    ids=["nav page retitled", "nav page added", "nav reordered"],
)
def test_a_navigation_change_modifies_every_page(edit) -> None:  # type: ignore[no-untyped-def]
    nav: list[object] = [{"Home": "index.md"}, "a/index.md"]
    preview.remember(KEY, _built(SITE, nav))
    contents, new_nav = edit(SITE, nav)
    files = _files(contents)
    assert preview.mark(KEY, files, _built(contents, new_nav)) == len(contents)


def test_a_page_out_of_the_navigation_changing_its_title_is_not_a_nav_change() -> None:
    # Charters are not in the navigation: a new name retitles one page, not the site.
    preview.remember(KEY, _built(SITE))
    edited = {**SITE, "a/charters/bo.md": SITE["a/charters/bo.md"].replace(b"Bo", b"Bob")}
    files = _files(edited)
    assert preview.mark(KEY, files, _built(edited)) == 1


def test_memory_is_per_site_folder_audience_and_prefix() -> None:
    preview.remember(KEY, _built(SITE))
    for other in (
        ("mkdocs.yml", "/other-site", "leadership", ""),
        ("mkdocs.yml", "/site", "core", ""),
        ("mkdocs.yml", "/site", "leadership", "change/"),
    ):
        assert preview.mark(other, _files(SITE), _built(SITE)) == len(SITE)


def test_pages_gone_since_the_last_build() -> None:
    preview.remember(KEY, _built(SITE))
    fewer = {k: v for k, v in SITE.items() if k != "a/charters/bo.md"}
    assert preview.gone(KEY, _built(fewer)) == ["a/charters/bo.md"]
    assert preview.gone(("x", "y", "z", ""), _built(fewer)) == []


def test_memory_keeps_a_few_sites_only() -> None:
    for n in range(preview.KEEP + 3):
        preview.remember(("mkdocs.yml", f"/site-{n}", "leadership", ""), _built(SITE))
    assert len(preview._built) == preview.KEEP
    assert ("mkdocs.yml", "/site-0", "leadership", "") not in preview._built


class _Index:
    def __init__(self, entries: list[dict[str, str]]) -> None:
        self.entries = entries


class _Search:
    def __init__(self, last: list[dict[str, str]], now: list[dict[str, str]]) -> None:
        self.search_index_prev: _Index | None = _Index(last)
        self.search_index = _Index(now)


def test_search_keeps_the_entries_of_pages_not_rebuilt() -> None:
    last = [
        {"location": "a/", "text": "old overview"},
        {"location": "a/charters/", "text": "team"},
        {"location": "a/charters/ann/", "text": "old Ann"},
        {"location": "a/charters/ann/#duties", "text": "old duties"},
        {"location": "a/charters/bo/", "text": "Bo"},
    ]
    now = [
        {"location": "a/", "text": "new overview"},
        {"location": "a/charters/ann/", "text": "Ann"},
    ]
    search = _Search(last, now)
    preview.keep_search_whole(search, {"a/", "a/charters/ann/"})
    assert [e["text"] for e in search.search_index.entries] == [
        "team",
        "Bo",
        "new overview",
        "Ann",
    ]
    assert search.search_index_prev is None  # so Material writes it as it is


def test_search_without_a_last_index_is_left_alone() -> None:
    search = _Search([], [{"location": "a/", "text": "x"}])
    search.search_index_prev = None
    preview.keep_search_whole(search, {"a/"})
    assert search.search_index.entries == [{"location": "a/", "text": "x"}]
    preview.keep_search_whole(object(), {"a/"})  # not Material's search: nothing to do


def test_rendered_files_are_mkdocs_files() -> None:
    file = preview.RenderedFile("a/b.md", None, "/site", True)
    assert isinstance(file, File)
    assert file.is_modified()
    file.changed = False
    assert not file.is_modified()


def _dirty_build(root: Path, rel: str, old: str, new: str) -> dict[str, object]:
    env = {**os.environ, "PLAYBOOK_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PLAYBOOK_AUDIENCE", None)
    out = subprocess.run(
        [sys.executable, "-m", "tests.dirty_build", str(root), rel, old, new],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# What a preview may leave stale, as the README says: the search index's order (not its
# entries) and Material's tags.json, which only the pages rebuilt fill in.
STALE = ["search/search_index.json", "tags.json"]


def test_a_one_person_edit_rebuilds_the_pages_that_show_them(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    result = _dirty_build(
        root,
        "people/sam-okafor.yml",
        "title: Chief Operating Officer",
        "title: Chief Operations Officer",
    )
    assert result["rewritten"] == [
        "404.html",  # MkDocs writes it at every build
        "client-experience/charters/_print/index.html",  # the pack for print holds the charter
        "client-experience/charters/index.html",  # the team table shows titles
        "client-experience/charters/sam-okafor/index.html",
        "client-experience/index.html",
        "people/index.html",
        "people/sam-okafor/index.html",
    ]
    assert result["differ"] == STALE
    assert result["search_same"]


def test_a_stage_move_rebuilds_every_page(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "repo")
    site = root / "site-preview"
    result = _dirty_build(
        root,
        "client-experience/initiative.yml",
        "current_stage: development",
        "current_stage: implementation",
    )
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert result["rewritten"] == pages
    # With no history entry for the move there is no transition to tell: the preview removed
    # the what-changed page a full build no longer has. Every page rebuilt: nothing stale.
    assert "client-experience/what-changed/index.html" not in pages
    assert result["differ"] == []
    assert result["search_same"]


def test_materials_internals_the_preview_relies_on_are_still_there(tmp_path: Path) -> None:
    """Every use of Material's internals is named in site/preview.py: each is checked here on
    the installed Material, so an upgrade that renames or removes one fails this test by name
    instead of quietly making previews wrong."""
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ntheme: {name: material}\nplugins: [search, tags]\n", "utf-8"
    )
    config = load_config(str(tmp_path / "mkdocs.yml"))
    names = [n for n in preview.SEARCH_PLUGINS if n in config.plugins]
    assert names, f"Material's search plugin is none of {preview.SEARCH_PLUGINS} any more"
    search = config.plugins[names[0]]
    search.on_startup(command="serve", dirty=True)
    search.on_config(config)
    assert hasattr(search, preview.SEARCH_PREVIOUS), (
        f"Material's search plugin has no `{preview.SEARCH_PREVIOUS}` (the last build's index)"
    )
    index = getattr(search, preview.SEARCH_INDEX, None)
    assert index is not None, f"Material's search plugin has no `{preview.SEARCH_INDEX}`"
    assert isinstance(getattr(index, preview.INDEX_ENTRIES, None), list), (
        f"Material's search index has no list `{preview.INDEX_ENTRIES}`"
    )
    assert "generate_search_index" in dir(index), "Material's search index writes differently"
    tags = config.plugins.get("material/tags")
    assert tags is not None, "Material's tags plugin is not `material/tags` any more"
    assert callable(getattr(tags, "on_page_markdown", None)), (
        "Material's tags plugin no longer fills listings in `on_page_markdown`"
    )
    directive = getattr(tags.config, "listings_directive", None)
    assert directive == preview.TAGS_DIRECTIVE, (
        f"Material's tags `listings_directive` is {directive!r}, not {preview.TAGS_DIRECTIVE!r}"
    )
    template = (REPO / "templates" / "tags.md.j2").read_text("utf-8")
    assert preview.TAGS_LISTING in template, "templates/tags.md.j2 no longer holds the listing"
