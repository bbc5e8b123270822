"""What the playbook adds to any Material site's look, without a custom_dir of ours: the
stylesheet (pictures, print layout, banner) and the current-stage banner on every page of an
initiative. A foreign site keeps its own theme overrides."""

from __future__ import annotations

from generator import packaged

STYLESHEET = "assets/playbook.css"
# Where Material's tags plugin puts its listing of tagged pages (templates/tags.md.j2).
TAGS_LISTING = "<!-- material/tags -->"


def stylesheet() -> bytes:
    return (packaged("theme") / STYLESHEET).read_bytes()


def banner(stage_name: str, url: str | None) -> str:
    """The current-stage banner. `stage_name` is already escaped for HTML: the generator
    writes front matter escaped, since themes print it as is."""
    name = f"<strong>{stage_name}</strong>"
    if url is not None:
        name = f'<a href="{url}">{name}</a>'
    return f'<div class="admonition abstract pb-stage-banner" role="note"><p>Current stage: {name}</p></div>\n'
