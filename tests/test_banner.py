"""The current-stage banner: on every page of an initiative in the built site, linking to it."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TODAY, copy_repo, run
from tests.test_advance import PLAYBOOK, playbook

HOSTILE = 'Build <b>&</b> "x"'
BANNER = re.compile(
    r'<div class="admonition abstract pb-stage-banner" role="note">\s*<p>Current stage:\s*'
    r'<a href="([^"]*)"><strong>(.*?)</strong></a>\s*</p>\s*</div>',
    re.S,
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One small site, built once: Small Change, moved to a stage with a hostile name."""
    root = copy_repo(tmp_path_factory.mktemp("banner") / "repo", playbooks=False)
    text = PLAYBOOK.replace("    name: Build\n", f"    name: '{HOSTILE}'\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLAYBOOK_TODAY", TODAY)
        mp.delenv("PLAYBOOK_AUDIENCE", raising=False)
        playbook(root, "stage_history:\n  - {stage: start, entered: 2026-01-05}\n", text=text)
        assert run(root, "advance", "small").exit_code == 0
        result = run(root, "build")
        assert result.exit_code == 0, result.output
    yield root / "site"


def _pages(site: Path, under: str) -> list[Path]:
    return sorted((site / under).rglob("index.html"))


def test_every_page_of_the_initiative_names_and_links_the_current_stage(site: Path) -> None:
    pages = _pages(site, "small")
    names = {p.relative_to(site).parent.as_posix() for p in pages}
    assert {
        "small",
        "small/what-changed",
        "small/stages/start",
        "small/training/start-workshop",
        "small/charters",
        "small/charters/ann-lee",
        "small/decision-rights",
    } <= names
    for page in pages:
        found = BANNER.findall(page.read_text("utf-8"))
        assert len(found) == 1, page
        href, name = found[0]
        here = page.relative_to(site).parent.as_posix()
        assert posixpath.normpath(posixpath.join(here, href)) == "small/stages/build", page
        assert name == "Build &lt;b&gt;&amp;&lt;/b&gt; &quot;x&quot;"


def test_no_banner_outside_an_initiative(site: Path) -> None:
    for page in [site / "index.html", *_pages(site, "people")]:
        assert "pb-stage-banner" not in page.read_text("utf-8"), page


def test_banner_is_theme_chrome_not_content(site: Path) -> None:
    # The stage name is in the page's own text (markdown) but the banner is not indexed.
    index = (site / "search" / "search_index.json").read_text("utf-8")
    assert "Current stage:" not in index
    assert "<b>&</b>" not in (site / "small" / "index.html").read_text("utf-8")


def test_timeline_and_charter_still_mark_the_current_stage(site: Path) -> None:
    charter = (site / "small" / "charters" / "ann-lee" / "index.html").read_text("utf-8")
    assert "(current stage)" in charter
    overview = (site / "small" / "index.html").read_text("utf-8")
    assert "<strong>current stage</strong>" in overview
