"""Browser fixtures: one example site per session, served on 127.0.0.1, one Chromium.

Every page a test opens is watched: a request to any other host is aborted and fails the
test, and so does a script error or a console error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser import harness


def require_browser() -> None:
    """Skip when this machine has no browser; under CI=true that is a failure, never a skip."""
    reason = harness.why_unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run under CI=true: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require_browser()
    with harness.chromium() as b:
        yield b


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Path:
    """The example playbooks built once for the default (leadership) audience."""
    return harness.build_example_site(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with harness.serve(site) as url:
        yield url


@dataclass
class Watch:
    """What a page did that it must not: requests to other hosts, script errors."""

    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [f"request to another host: {u}" for u in self.foreign] + [
            f"script error: {e}" for e in self.errors
        ]


def watched_page(browser: Any, base_url: str, watch: Watch, **context_options: Any) -> Any:
    context = browser.new_context(base_url=base_url, **context_options)

    def route(r: Any) -> None:
        if urlsplit(r.request.url).hostname == harness.HOST:
            r.continue_()
        else:
            watch.foreign.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and watch.errors.append(msg.text))
    return page


LAPTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
}


def _open(browser: Any, base_url: str, watch: Watch, options: dict[str, Any]) -> Iterator[Any]:
    page = watched_page(browser, base_url, watch, **options)
    yield page
    page.context.close()
    assert watch.problems() == []


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(browser: Any, base_url: str, watch: Watch) -> Iterator[Any]:
    """A laptop-sized page; the test fails on any foreign request or script error."""
    yield from _open(browser, base_url, watch, LAPTOP)


@pytest.fixture
def phone(browser: Any, base_url: str, watch: Watch) -> Iterator[Any]:
    """A 390 px wide phone screen, watched like `page`."""
    yield from _open(browser, base_url, watch, PHONE)
