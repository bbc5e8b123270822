"""The whole door: `playbook build` on the example, as `make site` runs it. Its one warning
is the stale signature the example ships (README, "Signing the charter"); signed again, the
example builds under --strict."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.site.write import MANIFEST
from tests.conftest import run


def _tree(folder: Path) -> dict[str, str]:
    """Every file's hash; the generator's manifest (file stamps, not output) aside."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import copy_repo

    root = copy_repo(tmp_path_factory.mktemp("e2e") / "repo")
    mp = pytest.MonkeyPatch()
    mp.setenv("PLAYBOOK_TODAY", "2026-11-27")
    try:
        result = run(root, "build")
    finally:
        mp.undo()
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if ": warning: " in line]
    assert len(warnings) == 1 and "tomas-varga signed an earlier version" in warnings[0]
    return root


def test_strict_build_once_the_stale_signature_is_signed_again(tmp_path: Path) -> None:
    from tests.conftest import copy_repo

    root = copy_repo(tmp_path / "repo")
    assert run(root, "build", "--strict").exit_code == 1
    assert run(root, "sign", "client-experience", "tomas-varga").exit_code == 0
    result = run(root, "build", "--strict")
    assert result.exit_code == 0, result.output


def test_build_makes_every_page(built: Path) -> None:
    site = built / "site"
    for rel in (
        "index.html",
        "client-experience/index.html",
        "client-experience/stages/development/index.html",
        "client-experience/training/case-for-change/index.html",
        "client-experience/charters/lee-wong/index.html",
        "client-experience/decision-rights/index.html",
        "finance-close/stages/pilot/index.html",
        "people/lee-wong/index.html",
        "people/index.html",
        "pages/about/index.html",
        "search/search_index.json",
        "sitemap.xml",
    ):
        assert (site / rel).is_file(), rel
    charter = (site / "client-experience/charters/lee-wong/index.html").read_text()
    assert "Role charter: Lee Wong" in charter
    assert "Co-author the investment case with the COO" in charter


def test_render_is_byte_identical_and_second_render_writes_nothing(built: Path) -> None:
    before = _tree(built / "generated")
    result = run(built, "render")
    assert result.exit_code == 0
    assert "0 written, 0 removed" in result.output
    assert _tree(built / "generated") == before


def test_same_input_same_site(built: Path, tmp_path: Path) -> None:
    result = run(built, "build", "--site-dir", str(tmp_path / "again"))
    assert result.exit_code == 0, result.output
    first, second = _tree(built / "site"), _tree(tmp_path / "again")
    assert first == second
