"""The example built in German, French and Spanish: the page's language set, no English
template wording left on the pages people read, and a clear word for a language we lack."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.content.i18n import catalog_path
from tests.conftest import TODAY, copy_repo, run, user_text

LANGUAGES = ("de", "fr", "es")
# The pages of the "done when": charters, stage, module, overview and scorecard.
PAGES = (
    "client-experience/index.md",
    "client-experience/stages/development.md",
    "client-experience/training/case-for-change.md",
    "client-experience/charters/lee-wong.md",
    "client-experience/charters/sam-okafor.md",
    "client-experience/scorecard.md",
    "client-experience/engagement.md",
    "client-experience/what-changed.md",
    "finance-close/index.md",
    "index.md",
)


def _with_language(root: Path, language: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(re.sub(r"(?m)^  language: \w+$", f"  language: {language}", text), "utf-8")


@pytest.fixture(scope="module", params=LANGUAGES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    language = request.param
    root = copy_repo(tmp_path_factory.mktemp(f"site-{language}") / "repo")
    _with_language(root, language)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLAYBOOK_TODAY", TODAY)
        result = run(root, "build", "--audience", "core")
    assert result.exit_code == 0, result.output
    return root


def _english_fragments(language: str) -> list[str]:
    """The fixed English phrases of every message whose translation differs (placeholders
    cut out): phrases of two words and more, which no page in `language` should hold."""
    with catalog_path(language).open("rb") as fh:
        catalog = read_po(fh, locale=language)
    out = set()
    for message in catalog:
        ids = [message.id] if isinstance(message.id, str) else list(message.id or [])
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for text in ids:
            if not text or text in strings:
                continue
            for part in re.split(r"%\(\w+\)[sd]|\*\*|`[^`]*`|\[|\]\([^)]*\)", text):
                part = part.strip(" .,:;()–-")
                if len(part.split()) >= 2 and len(part) >= 10:
                    out.add(part)
    return sorted(out, key=len, reverse=True)


def test_no_english_template_wording_is_left(built: Path) -> None:
    language = built.parent.name.split("-")[1].rstrip("0123456789")
    fragments = _english_fragments(language)
    assert len(fragments) > 100
    user = user_text(built / "playbooks")  # the YAML's own English stays as written
    left = {}
    for rel in PAGES:
        page = (built / "generated" / rel).read_text("utf-8")
        for phrase in user:
            page = page.replace(phrase, " ")
        found = [f for f in fragments if f in page]
        if found:
            left[rel] = found[:5]
    assert left == {}


def test_the_page_says_its_language(built: Path) -> None:
    language = built.parent.name.split("-")[1].rstrip("0123456789")
    html = (
        built / "site" / "client-experience" / "charters" / "lee-wong" / "index.html"
    ).read_text()
    assert f'<html lang="{language}"' in html


def test_an_unknown_language_is_a_clear_error(example: Path) -> None:
    _with_language(example, "xx")
    result = run(example, "build")
    assert result.exit_code == 1
    assert result.stderr.endswith("unknown language 'xx' (expected one of: en, de, fr, es)\n")
    assert not (example / "site").exists()


def test_a_language_only_material_speaks_is_english_wording_and_a_warning(example: Path) -> None:
    _with_language(example, "it")
    result = run(example, "render")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "mkdocs.yml: language 'it': the playbook's own wording is not available in it yet, so it "
        "is in English (available: en, de, fr, es); Material's interface follows 'it'\n"
    )
    assert "## The team" in (example / "generated/client-experience/index.md").read_text()
