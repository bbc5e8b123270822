"""The MkDocs plugin `playbook`: any MkDocs + Material site can carry the playbooks.

A door into the pipeline, nothing more. It runs the pipeline once per build (or takes the run
`playbook build` already made), adds every generated page as a virtual file under `prefix`
(nothing is written into the site's docs_dir), places the playbook's navigation in the
site's, and adds the stylesheet and the current-stage banner.

    plugins:
      - search
      - playbook:
          playbooks: playbooks   # people/ and one folder per initiative
          templates: templates   # optional: files here override the packaged ones
          audience: leadership   # optional; PLAYBOOK_AUDIENCE overrides it
          prefix: change/        # optional URL folder of the playbook's pages
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, file_sort_key
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.content.audience import audience_level
from generator.layout import PLAYBOOKS, TEMPLATES
from generator.pipeline import DEFAULT_AUDIENCE, Layout, Output, run, settings_for
from generator.site import nav, preview, theme
from generator.site.config import SiteConfig, folder
from generator.site.lock import repository_lock
from generator.source.model import AUDIENCES
from generator.source.problems import UserError

log = get_plugin_logger(__name__)
EPOCH = "SOURCE_DATE_EPOCH"


class PlaybookConfig(base.Config):  # type: ignore[no-untyped-call]
    playbooks = opt.Type(str, default=PLAYBOOKS)
    templates = opt.Type(str, default=TEMPLATES)
    audience = opt.Optional(opt.Choice(AUDIENCES))
    prefix = opt.Type(str, default="")
    # The generated wording's language; by default the site's (theme.language).
    language = opt.Optional(opt.Type(str))


class PlaybookPlugin(BasePlugin[PlaybookConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self._output: Output | None = None
        self._epoch_set = False
        self._files = Files([])
        self._built: preview.Built | None = None
        self._gone: list[File] = []

    def use(self, output: Output) -> None:
        """Build from a run the caller already made, instead of running the pipeline again."""
        self._output = output

    def layout(self, config: MkDocsConfig) -> Layout:
        root = Path(config.config_file_path).resolve().parent
        site = SiteConfig(
            playbooks=self.config.playbooks,
            templates=self.config.templates,
            prefix=self.prefix,
            site_url=config.site_url,
            directory_urls=config.use_directory_urls,
            language=self.config.language or config.theme.get("language"),
        )
        return Layout(root, site)

    @property
    def prefix(self) -> str:
        return folder(self.config.prefix)

    def audience(self) -> str:
        return os.environ.get("PLAYBOOK_AUDIENCE") or self.config.audience or DEFAULT_AUDIENCE

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if ".." in self.prefix.split("/") or self.prefix.startswith(("/", "\\")):
            raise PluginError(f"playbook: prefix '{self.config.prefix}' must be a folder name")
        layout = self.layout(config)
        if self.config.language:
            # One setting, one language for the whole page: Material's interface too.
            config.theme["language"] = self.config.language
        if self._output is None:
            try:
                settings = settings_for(layout, audience_level(self.audience()), logger=log)
                # serve's rebuilds read the playbooks while `advance` or an import may be
                # writing them: one run at a time, as for every command that writes.
                with repository_lock(layout.root):
                    self._output = run(layout, settings, logger=log)
            except UserError as exc:
                raise PluginError(str(exc)) from None
        self._pin_build_date(self._output.plan.as_of)
        stylesheet = self.prefix + theme.STYLESHEET
        if stylesheet not in config.extra_css:
            config.extra_css.append(stylesheet)
        config.watch.extend(str(p) for p in (layout.playbooks, layout.templates) if p.is_dir())
        return config

    def _pin_build_date(self, as_of: dt.date) -> None:
        """MkDocs stamps the sitemap with the build date: make it the content's date, for this
        build only, unless the user set SOURCE_DATE_EPOCH themselves."""
        if EPOCH not in os.environ:
            moment = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.timezone.utc)
            os.environ[EPOCH] = str(int(moment.timestamp()))
            self._epoch_set = True

    def _unpin_build_date(self) -> None:
        if self._epoch_set:
            os.environ.pop(EPOCH, None)
            self._epoch_set = False

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self._output is not None
        playbooks = self.layout(config).playbooks.resolve()
        for file in list(files):
            # The raw YAML is never published, whatever docs_dir is: it holds core content.
            if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(playbooks):
                files.remove(file)
        own_pages = sorted(files.documentation_pages(), key=file_sort_key)
        ours = {self.prefix + theme.STYLESHEET: theme.stylesheet()}
        ours.update((self.prefix + path, data) for path, data in self._output.files.items())
        config.nav = nav.place(
            config.nav, self._output.plan.nav, self.prefix, [f.src_uri for f in own_pages]
        )
        added = [_add(files, config, uri, data) for uri, data in ours.items()]
        self._built = preview.Built(
            {uri: preview.digest(data) for uri, data in ours.items()},
            preview.navigation(config.nav, ours, _config_bytes(config)),
        )
        changed = preview.mark(self._key(config), added, self._built)
        written = {f.dest_uri for f in files}
        gone = (
            File(u, None, config.site_dir, config.use_directory_urls)
            for u in preview.gone(self._key(config), self._built)
        )
        self._gone = [f for f in gone if f.dest_uri not in written]
        if changed < len(added):
            log.info("preview: %d of %d generated files changed", changed, len(added))
        self._files = files
        return files

    def _key(self, config: MkDocsConfig) -> preview.Key:
        return (config.config_file_path or "", config.site_dir, self.audience(), self.prefix)

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """A dirty build reads only the pages it renders again; the navigation shows every
        page in it by its title: read those of the unchanged pages too (a handful).

        Material's tags plugin links a page's tags to the Tags page only if it saw that page's
        listing: it is shown the unchanged Tags page too, which is filled in, not rendered."""
        for page in nav.pages:
            if isinstance(page.file, preview.RenderedFile) and not page.file.changed:
                page.read_source(config)
                if page.markdown and theme.TAGS_LISTING in page.markdown:
                    page.markdown = config.plugins.on_page_markdown(
                        page.markdown, page=page, config=config, files=files
                    )
                    page.content = ""
        return nav

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """The current stage, on every page of an initiative, linking to its stage page.

        Added to the finished page, around the theme's own chrome, so search never indexes
        it and the page's text keeps its own first heading."""
        stage = page.meta.get("playbook_stage")
        if not isinstance(stage, dict) or not isinstance(stage.get("name"), str):
            return output
        if not page.content or page.content not in output:
            return output
        target = self._files.get_file_from_path(self.prefix + str(stage.get("page", "")))
        url = html.escape(get_relative_url(target.url, page.url)) if target else None
        assert self._output is not None
        shown = theme.banner(stage["name"], url, self._output.settings.words)
        return output.replace(page.content, shown + page.content, 1)

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        renewed = {
            f.page.url
            for f in self._files.documentation_pages()
            if f.page is not None
            and f.page.content is not None
            and (f.changed if isinstance(f, preview.RenderedFile) else True)
        }
        for file in self._gone:  # only a dirty build finds them: a full one starts empty
            renewed.add(_remove_built(config, file))
        for name in ("material/search", "search"):
            if name in config.plugins:
                preview.keep_search_whole(config.plugins[name], renewed)
        if self._built is not None:
            preview.remember(self._key(config), self._built)
        self._unpin_build_date()

    def on_build_error(self, *, error: Exception) -> None:
        self._built = None
        self._unpin_build_date()


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


def _add(files: Files, config: MkDocsConfig, uri: str, data: bytes) -> preview.RenderedFile:
    """Add a virtual file; a theme's copy of our stylesheet gives way, a site page does not."""
    existing = files.get_file_from_path(uri)
    if existing is not None:
        if existing.abs_src_path and not uri.endswith(theme.STYLESHEET):
            raise PluginError(
                f"playbook: {existing.src_uri} in the site's docs would hide the playbook's page "
                "of the same name; rename it, or set the plugin's `prefix` to put the playbook "
                "in a folder of its own"
            )
        files.remove(existing)
    file = preview.RenderedFile.generated(config, uri, content=data)
    assert isinstance(file, preview.RenderedFile)  # File.generated builds its own class
    files.append(file)
    return file
