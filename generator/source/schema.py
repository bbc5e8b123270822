"""JSON Schemas for the YAML files, generated from the model the validator uses.

Editors (VS Code's YAML extension) complete and check fields with them; because they come
from the same pydantic classes, the editor and `playbook validate` can never disagree about
which keys and values exist. Cross-file rules (unknown people, stage ids) stay with validate.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.source.checks import CHECKS
from generator.source.model import Initiative, Person
from generator.source.signed import SignedCharter

__all__ = ["DRAFT", "FOLDER", "SCHEMAS", "schema_files", "schema_of", "write_schemas"]

SCHEMAS: dict[str, type[BaseModel]] = {
    "person.schema.json": Person,
    "initiative.schema.json": Initiative,
    "signed.schema.json": SignedCharter,
}
FOLDER = "schemas"
DRAFT = "http://json-schema.org/draft-07/schema#"


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    body = model.model_json_schema(mode="validation")
    checks = body.get("properties", {}).get("gate_checks")
    if checks:  # each check's meaning, from the registry, for the editor's hover
        meanings = "; ".join(f"{c.id}: {c.claim[0].lower()}{c.claim[1:]}" for c in CHECKS.values())
        checks["description"] = f"{checks['description']} {meanings}."
    return {"$schema": DRAFT, **body}


def schema_files() -> dict[str, bytes]:
    """File name -> bytes, byte-identical for the same model."""
    return {
        name: (json.dumps(schema_of(model), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        for name, model in SCHEMAS.items()
    }


def write_schemas(folder: Path) -> list[str]:
    """Write the schemas into `folder`; returns the names of the files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, data in schema_files().items():
        path = folder / name
        if path.is_file() and path.read_bytes() == data:
            continue
        path.write_bytes(data)
        changed.append(name)
    return changed
