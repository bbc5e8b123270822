"""Where each page lives in the generated folder: POSIX paths relative to it.

The one place URLs are decided, so planners, templates and the MkDocs plugin agree.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass

__all__ = [
    "CALENDARS",
    "HOME",
    "InitiativePaths",
    "PEOPLE",
    "TAGS",
    "hand_written",
    "link_from",
    "page_url",
    "person_calendar",
    "person_page",
    "relative",
]

HOME = "index.md"
CALENDARS = "calendars"
PEOPLE = "people/index.md"
TAGS = "tags.md"


@dataclass(frozen=True)
class InitiativePaths:
    """The pages of one initiative, under its id."""

    id: str

    @property
    def overview(self) -> str:
        return f"{self.id}/index.md"

    @property
    def team(self) -> str:
        return f"{self.id}/charters/index.md"

    @property
    def decisions(self) -> str:
        return f"{self.id}/decision-rights.md"

    @property
    def engagement(self) -> str:
        return f"{self.id}/engagement.md"

    @property
    def scorecard(self) -> str:
        return f"{self.id}/scorecard.md"

    @property
    def what_changed(self) -> str:
        return f"{self.id}/what-changed.md"

    def stage(self, sid: str) -> str:
        return f"{self.id}/stages/{sid}.md"

    def module(self, mid: str) -> str:
        return f"{self.id}/training/{mid}.md"

    def charter(self, pid: str) -> str:
        return f"{self.id}/charters/{pid}.md"

    def charters_print(self, part: int = 1) -> str:
        """The charters for print, beside the charters (their links work unchanged there);
        not a person id: ids cannot start with '_'."""
        return f"{self.id}/charters/_print{'' if part == 1 else f'-{part}'}.md"

    @property
    def calendar(self) -> str:
        """Every session of the initiative, in one iCalendar feed."""
        return f"{CALENDARS}/{self.id}.ics"

    def session_calendar(self, mid: str, day: dt.date) -> str:
        """The sessions of one module on one day: one file to add to a calendar."""
        return f"{CALENDARS}/{self.id}/{mid}-{day.isoformat()}.ics"


def person_page(pid: str) -> str:
    return f"people/{pid}.md"


def person_calendar(pid: str) -> str:
    """The sessions a person attends, across initiatives (leadership and core sites)."""
    return f"{CALENDARS}/people/{pid}.ics"


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL of a generated page or file, relative to the site root, as MkDocs serves it
    (`use_directory_urls`, MkDocs' default and this repository's: `x/` for `x.md`)."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def link_from(path: str, here: str, directory_urls: bool = True) -> str:
    """A link from the file `here` to the page or file `path`, both generated."""
    url = page_url(path, directory_urls)
    rel = posixpath.relpath(url or ".", posixpath.dirname(here) or ".")
    return rel + "/" if url.endswith("/") or not url else rel


def hand_written(rel: str) -> str:
    """A page from playbooks/pages/, carried unchanged."""
    return f"pages/{rel}"


def relative(target: str, here: str) -> str:
    """The link from page `here` to page `target`: both are normalised paths relative to the
    same folder, so the common folders are dropped and the rest climbed. posixpath.relpath
    makes both absolute first, and pages link to each other tens of thousands of times."""
    up = here.split("/")[:-1]
    down = target.split("/")
    common = 0
    for a, b in zip(up, down[:-1], strict=False):
        if a != b:
            break
        common += 1
    return "../" * (len(up) - common) + "/".join(down[common:])
