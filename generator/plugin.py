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
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, file_sort_key
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator.content.audience import audience_level
from generator.pipeline import DEFAULT_AUDIENCE, Layout, Output, run, settings_for
from generator.site import nav, theme
from generator.site.config import SiteConfig, folder
from generator.site.lock import repository_lock
from generator.source.model import AUDIENCES
from generator.source.problems import UserError

log = get_plugin_logger(__name__)
EPOCH = "SOURCE_DATE_EPOCH"


class PlaybookConfig(base.Config):  # type: ignore[no-untyped-call]
    playbooks = opt.Type(str, default="playbooks")
    templates = opt.Type(str, default="templates")
    audience = opt.Optional(opt.Choice(AUDIENCES))
    prefix = opt.Type(str, default="")
    # The generated wording's language; by default the site's (theme.language).
    language = opt.Optional(opt.Type(str))


class PlaybookPlugin(BasePlugin[PlaybookConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self._output: Output | None = None
        self._epoch_set = False
        self._files = Files([])

    @classmethod
    def of(cls, config: MkDocsConfig) -> PlaybookPlugin:
        """The site's playbook plugin, or a clear refusal if mkdocs.yml does not use it."""
        for plugin in config.plugins.values():
            if isinstance(plugin, cls):
                return plugin
        raise UserError(
            f"{Path(config.config_file_path).name}: the playbook plugin is not in `plugins:`; "
            "add `- playbook` there (and remove any old `hooks:` entry for the generator)"
        )

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
        for uri, data in ours.items():
            _add(files, config, uri, data)
        self._files = files
        config.nav = nav.place(
            config.nav, self._output.plan.nav, self.prefix, [f.src_uri for f in own_pages]
        )
        return files

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

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._unpin_build_date()

    def on_build_error(self, *, error: Exception) -> None:
        self._unpin_build_date()


def _add(files: Files, config: MkDocsConfig, uri: str, data: bytes) -> None:
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
    files.append(File.generated(config, uri, content=data))
