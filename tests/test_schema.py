"""The published JSON Schemas: generated from the model, up to date, and they agree with it."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator.source.schema import FOLDER, SCHEMAS, schema_files
from tests.conftest import REPO, run


def as_editor_sees(value: Any) -> Any:
    """YAML as JSON: an editor's YAML extension reads dates as strings."""
    if isinstance(value, dict):
        return {str(k): as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def load(rel: str) -> Any:
    return as_editor_sees(yaml.safe_load((REPO / rel).read_text("utf-8")))


def validator(name: str) -> jsonschema.Draft7Validator:
    schema = json.loads(schema_files()[name])
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def messages(name: str, data: Any) -> list[str]:
    return sorted(e.message for e in validator(name).iter_errors(data))


def test_committed_schemas_are_up_to_date() -> None:
    """Run `playbook schema` after changing model.py, and commit the result."""
    for name, data in schema_files().items():
        assert (REPO / FOLDER / name).read_bytes() == data, name


def test_schema_command_writes_then_leaves_alone(tmp_path: Path) -> None:
    first = run(tmp_path, "schema")
    assert first.exit_code == 0, first.output
    assert first.output.splitlines() == [
        f"{(tmp_path / FOLDER / n).as_posix()}: written" for n in SCHEMAS
    ]
    for name, data in schema_files().items():
        assert (tmp_path / FOLDER / name).read_bytes() == data
    second = run(tmp_path, "schema")
    said = [line.rsplit(": ", 1)[1] for line in second.output.splitlines()]
    assert said == ["unchanged"] * len(SCHEMAS)


@pytest.mark.parametrize(
    "rel",
    sorted(p.relative_to(REPO).as_posix() for p in (REPO / "playbooks").glob("*/initiative.yml")),
)
def test_examples_are_accepted(rel: str) -> None:
    assert messages("initiative.schema.json", load(rel)) == []
    first_line = (REPO / rel).read_text("utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../../schemas/initiative.schema.json"


def test_people_are_accepted() -> None:
    for path in sorted((REPO / "playbooks/people").glob("*.yml")):
        rel = path.relative_to(REPO).as_posix()
        assert messages("person.schema.json", load(rel)) == [], rel
        assert path.read_text("utf-8").startswith(
            "# yaml-language-server: $schema=../../schemas/person.schema.json\n"
        )


def test_wrong_enum_is_rejected() -> None:
    data = copy.deepcopy(load("playbooks/client-experience/initiative.yml"))
    data["team"][0]["role"] = "boss"
    data["training"][0]["format"] = "webinar"
    assert messages("initiative.schema.json", data) == [
        "'boss' is not one of ['sponsor', 'champion', 'owner', 'contributor', 'advisor']",
        "'webinar' is not one of ['workshop', 'offsite', 'briefing', 'one-to-one', 'self-paced']",
    ]


def test_missing_required_keys_are_rejected() -> None:
    data = load("playbooks/client-experience/initiative.yml")
    del data["sponsor"]
    del data["stages"][0]["goal"]
    assert messages("initiative.schema.json", data) == [
        "'goal' is a required property",
        "'sponsor' is a required property",
    ]
    assert messages("person.schema.json", {"name": "A"}) == [
        "'function' is a required property",
        "'title' is a required property",
    ]


def test_unknown_keys_bad_ids_and_attendees_are_rejected() -> None:
    data = load("playbooks/client-experience/initiative.yml")
    data["colour"] = "blue"
    data["stages"][0]["id"] = "Stage One"
    data["training"][0]["attendees"] = "everyone"
    found = messages("initiative.schema.json", data)
    assert "Additional properties are not allowed ('colour' was unexpected)" in found
    assert "'Stage One' does not match '^[a-z0-9][a-z0-9-]{0,63}$'" in found
    assert "'everyone' is not valid under any of the given schemas" in found
    assert len(found) == 3


def test_fields_carry_descriptions() -> None:
    schema = json.loads(schema_files()["initiative.schema.json"])
    assert schema["properties"]["sponsor"]["description"] == (
        "Person id of the sponsor; must be on the team."
    )
    member = schema["$defs"]["Member"]["properties"]
    assert member["role"]["enum"] == ["sponsor", "champion", "owner", "contributor", "advisor"]
    assert all("description" in schema["properties"][k] for k in schema["required"])
