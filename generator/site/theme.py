"""What the playbook adds to any Material site's look, without a custom_dir of ours: the
stylesheet (pictures, print layout, banner) and the current-stage banner on every page of an
initiative. A foreign site keeps its own theme overrides."""

from __future__ import annotations

import html

from generator import packaged
from generator.content.i18n import Wording

STYLESHEET = "assets/playbook.css"
# Where Material's tags plugin puts its listing of tagged pages (templates/tags.md.j2).
TAGS_LISTING = "<!-- material/tags -->"


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
