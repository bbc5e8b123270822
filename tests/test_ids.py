"""An id is matched whole: Python's `$` also matches before a final line break, so
"small\\n" must be refused everywhere an id is checked, not become a folder name."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from generator.source.model import Id, is_id
from tests.conftest import edited, minimal, run, write

ID_RULE = (
    "expected lowercase letters, digits and '-', starting with a letter or digit, at most "
    "64 characters"
)
NOT_WHOLE = ["small\n", "small\r\n", "\nsmall", "small\nbig"]


@pytest.mark.parametrize("text", NOT_WHOLE)
def test_is_id_matches_the_whole_text(text: str) -> None:
    assert is_id("small")
    assert not is_id(text)


@pytest.mark.parametrize("text", NOT_WHOLE)
def test_the_model_refuses_it_too(text: str) -> None:
    # pydantic checks patterns with Rust's regex engine, where `$` is the end of the text.
    assert TypeAdapter(Id).validate_python("small") == "small"
    with pytest.raises(ValidationError):
        TypeAdapter(Id).validate_python(text)


def test_folder_and_file_names_must_be_whole_ids(blank: Path) -> None:
    minimal(blank, iid="small\n")
    write(blank, "playbooks/people/cy-diaz\n.yml", "name: Cy Diaz\ntitle: CFO\nfunction: Finance\n")
    result = run(blank, "validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "playbooks/people/cy-diaz\\n.yml: not a valid person id: 'cy-diaz\\n' (from the file "
        f"name; {ID_RULE})",
        "playbooks/small\\n/initiative.yml: not a valid initiative id: 'small\\n' (from the "
        f"folder name; {ID_RULE})",
        "2 errors found; nothing was written.",
    ]


def test_an_id_field_must_be_a_whole_id(blank: Path) -> None:
    minimal(blank, edited(("  - id: kick-off", '  - id: "kick-off\\n"')))
    result = run(blank, "validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "playbooks/small/initiative.yml:29:9: activities[0].id: not a valid id: 'kick-off\\n' "
        f"({ID_RULE})",
        "1 error found; nothing was written.",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["small\n", "--sponsor", "ann-lee"], f"not a valid initiative id: 'small\\n' ({ID_RULE})"),
        (["small", "--sponsor", "ann-lee\n"], f"not a valid person id: 'ann-lee\\n' ({ID_RULE})"),
    ],
)
def test_init_refuses_it(blank: Path, args: list[str], message: str) -> None:
    result = run(blank, "init", *args)
    assert result.exit_code == 1
    assert result.stderr == message + "\n"
    assert sorted(p.name for p in (blank / "playbooks").iterdir()) == ["people"]
