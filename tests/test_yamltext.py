"""yamltext: values that read back exactly, and edits that touch nothing but the value."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.commands.yamltext import CannotEdit, scalar, set_fields

READERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])]
ORDER = ("name", "title", "function", "email", "reports_to")


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))))
def test_scalars_read_back_exactly(text: str) -> None:
    text = text.replace("\ufffe", "").replace("\uffff", "")  # not YAML text at all
    for loader in READERS:
        for style in (None, "'", '"'):
            assert yaml.load(f"k: {scalar(text, style)}  # note\n", loader) == {"k": text}


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Dana Whitfield", "Dana Whitfield"),
        ("yes", '"yes"'),
        ("2026-01-12", '"2026-01-12"'),
        ("1:20", '"1:20"'),
        ("Head: Ops", '"Head: Ops"'),
        ("#1 fan", '"#1 fan"'),
        ("C# lead", "C# lead"),
        ("null", '"null"'),
        ('"quoted"', '"\\"quoted\\""'),
    ],
)
def test_plain_when_safe_else_quoted(value: str, written: str) -> None:
    assert scalar(value) == written


@pytest.mark.parametrize(
    ("before", "values", "after"),
    [
        # a block scalar: its trailing blank line and the comment after it stay
        (
            "name: |\n  Ann\n\n# note\ntitle: CEO\n",
            {"name": "Ann Lee"},
            "name: Ann Lee\n\n# note\ntitle: CEO\n",
        ),
        # an empty value gets one after the colon, before the comment
        (
            "name: Ann\nemail:   # none yet\n",
            {"email": "a@x.org"},
            "name: Ann\nemail: a@x.org   # none yet\n",
        ),
        # no break after the last line: none added when the edit does not reach it
        ("name: Ann\ntitle: CEO", {"name": "Bo"}, "name: Bo\ntitle: CEO"),
        ("name: Ann\ntitle: CEO", {"email": "a@x.org"}, "name: Ann\ntitle: CEO\nemail: a@x.org\n"),
        # a new key goes after the key before it in the order, or before the first after it
        ("title: CEO\nextra: 1\n", {"name": "Ann"}, "name: Ann\ntitle: CEO\nextra: 1\n"),
        ("\ufefftitle: CEO\n", {"name": "Ann"}, "\ufeffname: Ann\ntitle: CEO\n"),
        (
            "name: Ann\nextra: 1\nemail: a@x.org\n",
            {"title": "CEO"},
            "name: Ann\ntitle: CEO\nextra: 1\nemail: a@x.org\n",
        ),
        # a multi-line value is removed whole
        ("name: Ann\nemail: >\n  a@x.org\n# end\n", {"email": None}, "name: Ann\n# end\n"),
        # two new keys at one place keep the order
        (
            "name: Ann\n",
            {"email": "a@x.org", "reports_to": "bo"},
            "name: Ann\nemail: a@x.org\nreports_to: bo\n",
        ),
    ],
)
def test_set_fields_changes_only_the_values(
    before: str, values: dict[str, str | None], after: str
) -> None:
    assert set_fields(before, values, ORDER) == after


@pytest.mark.parametrize(
    ("text", "line", "why"),
    [
        ("{name: Ann}\n", 1, "write it as one `key: value` per line"),
        ("- name\n", 1, "write it as one `key: value` per line"),
        ("name: [Ann]\n", 1, "name holds more than one value"),
        ("x: &a Ann\nname: *a\n", 2, "name has an anchor, alias or tag"),
        ("name: 'Ann\n", 2, "it does not parse"),
    ],
)
def test_layouts_it_does_not_edit(text: str, line: int, why: str) -> None:
    with pytest.raises(CannotEdit) as exc:
        set_fields(text, {"name": "Bo"}, ORDER)
    assert (exc.value.line, str(exc.value)) == (line, why)
