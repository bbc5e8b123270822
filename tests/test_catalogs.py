"""The message catalogs: every marked string translated in every shipped language, the
catalog in step with the templates and code, and no wording left unmarked in a template."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from jinja2 import nodes

from generator.content.i18n import LOCALE, SUPPORTED, catalog_path
from generator.markdown.render import environment
from tests.conftest import REPO

TRANSLATED = [lang for lang in SUPPORTED if lang != "en"]
POT = LOCALE / "playbook.pot"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
LINK = re.compile(r"\]\(")


def _catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def _ids(catalog: Catalog) -> set[tuple[str, str | None]]:
    return {(str(m.id if isinstance(m.id, str) else m.id[0]), m.context) for m in catalog if m.id}


def test_the_catalog_is_in_step_with_the_templates_and_code(tmp_path: Path) -> None:
    """A string marked in a template or in the code and never extracted would stay English
    in every language: `make messages` must have run since the wording last changed."""
    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "--quiet", "extract",
         "-F", str(LOCALE / "babel.cfg"), "-k", "N_", "-k", "Nn_:1,2", "-k", "NC_:1c,2",
         "--no-location", "--omit-header", "--sort-output", "-o", str(fresh), "."],
        cwd=REPO, check=True, capture_output=True,
    )  # fmt: skip
    assert _ids(_catalog(fresh)) == _ids(_catalog(POT)), "run `make messages`"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_marked_string_is_translated(language: str) -> None:
    wanted = _ids(_catalog(POT))
    catalog = _catalog(catalog_path(language), language)
    assert catalog.plural_forms, "the catalog's header names its plural forms"
    missing, broken = [], []
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if message.fuzzy or not all(strings):
            missing.append(ids[0])
            continue
        for text in strings:
            # Placeholders and links are part of the page, not of the language.
            if set(PLACEHOLDER.findall(text)) - set(PLACEHOLDER.findall(ids[-1])):
                broken.append(f"{ids[0]!r}: placeholders {text!r}")
            if len(LINK.findall(text)) != len(LINK.findall(ids[0])):
                broken.append(f"{ids[0]!r}: links {text!r}")
    present = {
        (str(m.id if isinstance(m.id, str) else m.id[0]), m.context)
        for m in catalog
        if m.id and not m.fuzzy
    }
    assert sorted(missing) == []
    assert broken == []
    assert sorted(wanted - present, key=str) == []


# Markup that is layout, not wording: HTML tags, admonition types, Markdown's own tokens.
_SYNTAX = re.compile(r"</?[A-Za-z!][^<>]*>?|!!! \w+")


def _wording_in(text: str) -> list[str]:
    """Words of three letters or more, outside HTML tags and Markdown syntax."""
    return re.findall(r"[A-Za-z]{3,}", _SYNTAX.sub(" ", text))


def _unmarked(node: nodes.Node, in_gettext: bool = False) -> list[str]:
    found: list[str] = []
    if isinstance(node, nodes.TemplateData) and not in_gettext:
        found += _wording_in(node.data)
    # Prose in an expression (`"the whole team" if ...`): two words or more.
    prose = isinstance(node, nodes.Const) and isinstance(node.value, str)
    if prose and not in_gettext and re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", str(node.value)):
        found.append(str(node.value))
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        in_gettext = in_gettext or node.node.name in ("_", "gettext", "ngettext")
    for child in node.iter_child_nodes():
        found += _unmarked(child, in_gettext)
    return found


@pytest.mark.parametrize(
    "template",
    sorted(
        p.relative_to(REPO / "templates").as_posix() for p in (REPO / "templates").rglob("*.j2")
    ),
)
def test_no_template_has_unmarked_wording(template: str) -> None:
    env = environment([REPO / "templates"])
    source = (REPO / "templates" / template).read_text("utf-8")
    tree = env.parse(source)
    assert _unmarked(tree) == []


def test_the_unmarked_wording_test_can_fail() -> None:
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    tree = env.parse('# Hello\n{{ _("Marked") }} {{ "the whole team" if x }}\n<div class="a">')
    assert _unmarked(tree) == ["Hello", "the whole team"]
