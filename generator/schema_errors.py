"""Turn pydantic's validation errors into Problems in the user's words, with file marks."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.problems import Problem
from generator.wording import did_you_mean, found, one_of
from generator.yamlfile import Document, Key, dotted

ID_RULE = "lowercase letters, digits and '-', starting with a letter or digit, at most 64 characters"


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside list[...], dict[..., ...], X | None and Annotated[...]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is dict and len(args) == 2:
        return _model_in(args[1])
    if origin in (list, typing.Union, types.UnionType, typing.Annotated) or origin is not None:
        for arg in args:
            found_model = _model_in(arg)
            if found_model:
                return found_model
    return None


def _model_at(root: type[BaseModel], loc: Key) -> type[BaseModel] | None:
    current: type[BaseModel] | None = root
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            # a dict key such as a stage id under `stages:`
            continue
        current = _model_in(field.annotation)
    return current


def _clean_loc(data: Any, loc: tuple[Any, ...]) -> Key:
    """Drop the union-member tags pydantic puts in locations; keep real keys and indexes."""
    out: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            out.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and "[" not in part and "-" not in part:
            out.append(part)  # a missing key
            node = None
    return tuple(out)


def _value_at(data: Any, loc: Key) -> Any:
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _message(err: dict[str, Any], root: type[BaseModel], loc: Key, value: Any) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    key = loc[-1] if loc else ""
    if kind == "missing":
        return f"required key '{key}' is missing"
    if kind == "extra_forbidden":
        model = _model_at(root, loc[:-1])
        allowed = sorted(model.model_fields) if model else []
        return f"unknown key '{key}'{did_you_mean(key, allowed)}; expected one of: {one_of(allowed)}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        choices = [c.strip() for c in expected.replace(" or ", ", ").split(",")]
        return f"expected one of: {one_of(choices)}; found {found(value)}{did_you_mean(value, choices)}"
    if kind == "string_pattern_mismatch":
        return f"not a valid id: {found(value)}; use {ID_RULE}"
    if kind in ("string_too_short",):
        return "must not be empty"
    if kind == "too_short":
        return "needs at least one item"
    if kind.startswith("string_"):
        return f"expected text, found {found(value)}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"expected a date as YYYY-MM-DD, found {found(value)}"
    if kind.startswith("int") or kind.startswith("float"):
        return f"expected a whole number, found {found(value)}"
    if kind.startswith("bool"):
        return f"expected true or false, found {found(value)}"
    if kind in ("greater_than", "greater_than_equal"):
        limit = ctx.get("gt", ctx.get("ge"))
        word = "greater than" if kind == "greater_than" else "at least"
        return f"must be {word} {limit}, found {found(value)}"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list, found {found(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of keys (key: value), found {found(value)}"
    return f"{err['msg'].lower()}, found {found(value)}"


def problems_from(exc: ValidationError, doc: Document, root: type[BaseModel]) -> list[Problem]:
    by_loc: dict[Key, list[tuple[dict[str, Any], int]]] = {}
    for err in exc.errors():
        raw_loc = tuple(err["loc"])
        loc = _clean_loc(doc.data, raw_loc)
        by_loc.setdefault(loc, []).append((dict(err), len(raw_loc) - len(loc)))
    problems = []
    for loc, errs in by_loc.items():
        # A union (e.g. `attendees: all | [ids]`) yields one error per member: keep the
        # error from the member that matched the shape of the value, i.e. the deepest one.
        errs.sort(key=lambda pair: pair[1])
        err = errs[0][0]
        value = _value_at(doc.data, loc)
        if err["type"] == "missing":
            line, col = doc.marks.at(loc[:-1])
        elif err["type"] == "extra_forbidden":
            line, col = doc.marks.key_at(loc)
        else:
            line, col = doc.marks.at(loc)
        message = _message(err, root, loc, value)
        if len(errs) > 1 and err["type"] == "literal_error" and isinstance(value, list | dict):
            message = f"expected {errs[0][0]['ctx']['expected']} or a list, found {found(value)}"
        problems.append(Problem(doc.file, line, col, dotted(loc), message))
    return problems
