"""The browser tests skip on a machine without Chromium, but never under CI=true."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.browser import harness
from tests.browser.conftest import require_browser


@pytest.fixture
def no_chromium(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(harness, "CHROMIUM", tmp_path / "chromium")


def test_missing_chromium_fails_under_ci(
    no_chromium: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception) as failed:
        require_browser()
    assert str(failed.value) == (
        f"browser tests cannot run under CI=true: {tmp_path}/chromium "
        "is missing (apt-get install -y chromium)"
    )


def test_missing_chromium_skips_elsewhere(
    no_chromium: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        require_browser()
    assert str(skipped.value) == (
        f"browser tests skipped: {tmp_path}/chromium is missing (apt-get install -y chromium)"
    )


def test_missing_playwright_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    assert harness.why_unavailable() == (
        "the playwright Python package is not installed (pip install -e '.[test]')"
    )
