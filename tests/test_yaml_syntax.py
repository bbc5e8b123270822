"""YAML syntax errors point at the bracket or quote that was never closed, and say where the
parser gave up; libyaml and the pure-Python parser give the same message."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.source.yaml_syntax import describe
from generator.source.yamlfile import _Loader, load
from tests.conftest import minimal, run, write

LIBYAML = any(c.__name__ == "CParser" for c in _Loader.__mro__)
LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])
PERSON = "name: Ann Lee\ntitle: Chief Executive\nfunction: Executive\n"

UNCLOSED = {
    "flow sequence": (
        PERSON.replace("function: Executive", "function: [Executive, Finance")
        + "email: ann@example.com\n",
        (3, 11),
        "the list opened with '[' at line 3, column 11 was never closed: at line 4, column 6 "
        "expected ',' or ']' (end the list with ']' and separate its items with ',')",
    ),
    "flow mapping": (
        PERSON + "reports_to: {id: bo-chen\n",
        (4, 13),
        "the mapping opened with '{' at line 4, column 13 was never closed: at line 5, "
        "column 1 expected ',' or '}' (end the mapping with '}' and separate its entries "
        "with ',')",
    ),
    "double-quoted text": (
        PERSON.replace("title: Chief", 'title: "Chief'),
        (2, 8),
        "the quoted text opened with '\"' at line 2, column 8 was never closed: the file "
        "ends at line 4, column 1 (end the text with '\"')",
    ),
    "single-quoted text cut by a document separator": (
        PERSON.replace("title: Chief Executive\n", "title: 'Chief Executive\n---\n"),
        (2, 8),
        'the quoted text opened with "\'" at line 2, column 8 was never closed: a document '
        "separator '---' at line 3, column 1 ends it (end the text with \"'\")",
    ),
}


@pytest.mark.parametrize("loader", LOADERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("name", list(UNCLOSED))
def test_unclosed_construct_is_named_where_it_opened(
    name: str, loader: type[yaml.SafeLoader]
) -> None:
    text, where, message = UNCLOSED[name]
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.compose(text, Loader=loader)
    found = describe(raised.value, text)
    assert ((found.line, found.column), found.message) == (where, f"YAML syntax error: {message}")


def test_the_file_and_position_lead_the_message(blank: Path) -> None:
    minimal(blank)
    text, _, message = UNCLOSED["double-quoted text"]
    write(blank, "playbooks/people/ann-lee.yml", text)
    result = run(blank, "validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"playbooks/people/ann-lee.yml:2:8: YAML syntax error: {message}",
        "1 error found; nothing was written.",
    ]


def test_other_errors_point_where_the_parser_stopped_and_name_the_construct(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ann.yml"
    path.write_text("name: Ann Lee\nroles:\n  - chair\n - sponsor\n", encoding="utf-8")
    _, problems = load(path, "ann.yml")
    found = (
        "did not find expected key"
        if LIBYAML
        else "expected <block end>, but found '<block sequence start>'"
    )
    assert [str(p) for p in problems] == [
        f"ann.yml:4:2: YAML syntax error: while parsing a block mapping at line 1, column 1: "
        f"{found}"
    ]


def test_errors_without_a_separate_start_are_worded_as_before(tmp_path: Path) -> None:
    path = tmp_path / "ann.yml"
    path.write_text("roles:\n\t- chair\n", encoding="utf-8")
    _, problems = load(path, "ann.yml")
    found = "found character " + ("" if LIBYAML else "'\\t' ") + "that cannot start any token"
    assert [str(p) for p in problems] == [
        f"ann.yml:2:1: YAML syntax error: {found} (indent with spaces, not tabs)"
    ]
