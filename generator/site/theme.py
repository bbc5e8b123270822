"""What the playbook adds to any Material site's look, without a custom_dir of ours: the
stylesheet (pictures, print layout, banner) and the current-stage banner on every page of an
initiative. A foreign site keeps its own theme overrides."""

from __future__ import annotations

import html

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from generator import packaged
from generator.content.i18n import Wording

__all__ = ["STYLESHEET", "banner", "stylesheet", "with_banner"]

STYLESHEET = "assets/playbook.css"


def stylesheet() -> bytes:
    return (packaged("theme") / STYLESHEET).read_bytes()


def banner(stage_name: str, url: str | None, words: Wording) -> str:
    """The current-stage banner. `stage_name` is already escaped for HTML: the generator
    writes front matter escaped, since themes print it as is."""
    name = f"<strong>{stage_name}</strong>"
    if url is not None:
        name = f'<a href="{url}">{name}</a>'
    said = html.escape(words.gettext("Current stage: %(stage)s")).replace("%(stage)s", name)
    return f'<div class="admonition abstract pb-stage-banner" role="note"><p>{said}</p></div>\n'


def with_banner(output: str, page: Page, files: Files, prefix: str, words: Wording) -> str:
    """The finished page with the current stage's banner, if it is an initiative's page,
    linking to its stage page.

    Added to the finished page, around the theme's own chrome, so search never indexes
    it and the page's text keeps its own first heading."""
    stage = page.meta.get("playbook_stage")
    if not isinstance(stage, dict) or not isinstance(stage.get("name"), str):
        return output
    if not page.content or page.content not in output:
        return output
    target = files.get_file_from_path(prefix + str(stage.get("page", "")))
    url = html.escape(get_relative_url(target.url, page.url)) if target else None
    return output.replace(page.content, banner(stage["name"], url, words) + page.content, 1)
