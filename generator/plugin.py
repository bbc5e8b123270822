"""The MkDocs plugin `playbook`: any MkDocs + Material site can carry the playbooks.

A door into the pipeline, nothing more. It runs the pipeline once per build (or takes the run
`playbook build` already made), adds every generated page as a virtual file under `prefix`
(nothing is written into the site's docs_dir), places the playbook's navigation in the
site's, adds the stylesheet and the current-stage banner, and points each page built from a
playbook file at that file for Material's "edit this page" (site/edit.py). Which pages a
preview renders again is site/preview.py's.

    plugins:
      - search
      - playbook:
          playbooks: playbooks   # people/ and one folder per initiative
          templates: templates   # optional: files here override the packaged ones
          audience: leadership   # optional; PLAYBOOK_AUDIENCE overrides it
          prefix: change/        # optional URL folder of the playbook's pages
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, file_sort_key
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.content.audience import audience_level
from generator.layout import PLAYBOOKS, TEMPLATES
from generator.pipeline import DEFAULT_AUDIENCE, Layout, Output, run_locked
from generator.site import edit, nav, preview, theme
from generator.site.build_date import BuildDate
from generator.site.config import SiteConfig, folder
from generator.source.model import AUDIENCES
from generator.source.problems import UserError

__all__ = ["PlaybookConfig", "PlaybookPlugin"]

log = get_plugin_logger(__name__)


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
        self._date = BuildDate()
        self._preview = preview.Preview(log)

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
                self._output = run_locked(layout, audience_level(self.audience()), logger=log)
            except UserError as exc:
                raise PluginError(str(exc)) from None
        self._date.pin(self._output.plan.as_of)
        stylesheet = self.prefix + theme.STYLESHEET
        if stylesheet not in config.extra_css:
            config.extra_css.append(stylesheet)
        config.watch.extend(str(p) for p in (layout.playbooks, layout.templates) if p.is_dir())
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self._output is not None
        playbooks = self.layout(config).playbooks.resolve()
        for file in list(files):
            # The raw YAML is never published, whatever docs_dir is: it holds core content.
            if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(playbooks):
                files.remove(file)
        own_pages = sorted(files.documentation_pages(), key=file_sort_key)
        config.nav = nav.place(
            config.nav, self._output.plan.nav, self.prefix, [f.src_uri for f in own_pages]
        )
        ours = {self.prefix + theme.STYLESHEET: theme.stylesheet()}
        ours.update((self.prefix + path, data) for path, data in self._output.files.items())
        key = (config.config_file_path or "", config.site_dir, self.audience(), self.prefix)
        self._preview.add(files, config, ours, key)
        edit.point_at_sources(files, config, self._output.plan.sources, playbooks, self.prefix)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._preview.reread_unchanged(nav, config, files)
        return nav

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        assert self._output is not None
        words = self._output.settings.words
        return theme.with_banner(output, page, self._preview.files, self.prefix, words)

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._preview.finish(config)
        self._date.unpin()

    def on_build_error(self, *, error: Exception) -> None:
        self._preview.fail()
        self._date.unpin()
