"""Where each page lives in the generated folder: POSIX paths relative to it.

The one place URLs are decided, so planners, templates and the MkDocs plugin agree.
"""

from __future__ import annotations

from dataclasses import dataclass

HOME = "index.md"
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
    def what_changed(self) -> str:
        return f"{self.id}/what-changed.md"

    def stage(self, sid: str) -> str:
        return f"{self.id}/stages/{sid}.md"

    def module(self, mid: str) -> str:
        return f"{self.id}/training/{mid}.md"

    def charter(self, pid: str) -> str:
        return f"{self.id}/charters/{pid}.md"

    def owns(self, path: str) -> bool:
        return path.startswith(f"{self.id}/")


def person_page(pid: str) -> str:
    return f"people/{pid}.md"


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
