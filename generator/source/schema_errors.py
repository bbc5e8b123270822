"""Turn pydantic's validation errors into Problems in the user's words, with file marks.

Every message reads `what is wrong (what was expected; did you mean ...?)` and never shows a
Python type or a huge value.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.source.explain import did_you_mean, explain, found, one_of
from generator.source.model import ID_RULE
from generator.source.problems import Problem
from generator.source.yamlfile import Document, Key, dotted

__all__ = ["problems_from", "refused_at"]

_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside list[...], dict[..., ...], X | None and Annotated[...]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is dict and len(args) == 2:
        return _model_in(args[1])
    if origin is not None:  # list[...], X | None, Annotated[...]
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


@dataclass
class _Err:
    """One pydantic error, located in the user's data."""

    kind: str
    ctx: dict[str, Any]
    loc: Key  # real keys and indexes only
    union_at: int | None  # how many parts of `loc` lie above the union pydantic tried, if any

    @property
    def union_depth(self) -> int:
        return len(self.loc) - self.union_at if self.union_at is not None else 0


def _locate(data: Any, err: dict[str, Any]) -> _Err:
    """Drop the union-member tags pydantic puts in locations; keep real keys and indexes."""
    raw = tuple(err["loc"])
    out: list[str | int] = []
    union_at: int | None = None
    node = data
    for i, part in enumerate(raw):
        present = (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        )
        if present:
            out.append(part)
            node = node[part]
        elif err["type"] == "missing" and i == len(raw) - 1:
            out.append(part)
            node = None
        elif isinstance(part, str) and union_at is None:
            union_at = len(out)  # a tag such as "literal['all']" or "list[constrained-str]"
    return _Err(err["type"], dict(err.get("ctx") or {}), tuple(out), union_at)


def _value_at(data: Any, loc: Key) -> Any:
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _expected(err: _Err) -> str:
    """What one error's type wanted, in user words (for combining union members)."""
    kind = err.kind
    if kind == "literal_error":
        return " or ".join(f"'{c}'" for c in _choices(err))
    if kind in ("list_type", "too_short") or err.union_depth:
        return "a list of ids"
    if kind.startswith("string"):
        return "an id"
    return "a value of another kind"


def _choices(err: _Err) -> list[str]:
    expected = str(err.ctx.get("expected", "")).replace("'", "")
    return [c.strip() for c in expected.replace(" or ", ", ").split(",") if c.strip()]


def _message(err: _Err, root: type[BaseModel], value: Any) -> str:
    kind = err.kind
    key = str(err.loc[-1]) if err.loc else ""
    if kind == "missing":
        return f"required key '{key}' is missing"
    if kind == "value_error":  # a field's own validator said what is wrong, in user words
        return str(err.ctx.get("error", "")) or explain(f"found {found(value)}", "another value")
    if kind == "extra_forbidden":
        model = _model_at(root, err.loc[:-1])
        allowed = sorted(model.model_fields) if model else []
        hint = did_you_mean(key, allowed)
        return f"unknown key {found(key, bare=True)}" + (
            hint or f" (expected one of: {one_of(allowed)})"
        )
    if kind == "literal_error":
        choices = _choices(err)
        if isinstance(value, str):
            return explain(
                f"unknown value {found(value, bare=True)}",
                f"expected one of: {one_of(choices)}",
                value,
                choices,
            )
        return explain(f"found {found(value)}", f"expected one of: {one_of(choices)}")
    if kind == "string_pattern_mismatch":
        return explain(f"not a valid id: {found(value, bare=True)}", f"expected {ID_RULE}")
    if kind == "string_too_short":
        return explain("found empty text", "expected text")
    if kind == "too_short":
        return explain("found an empty list", "expected at least one item")
    if kind.startswith("string_"):
        return explain(f"found {found(value)}", "expected text" + _quote_hint(value))
    if kind.startswith("date") or kind.startswith("datetime"):
        if isinstance(value, str) and _DATE_LIKE.match(value):
            return explain(f"'{value}' is not a real date", "expected a date as YYYY-MM-DD")
        return explain(f"found {found(value)}", "expected a date as YYYY-MM-DD")
    if kind.startswith("int") or kind.startswith("float"):
        what = "a whole number" if kind.startswith("int") else "a number"
        return explain(f"found {found(value)}", f"expected {what}")
    if kind.startswith("bool"):
        return explain(f"found {found(value)}", "expected true or false")
    if kind in ("greater_than", "greater_than_equal"):
        limit = err.ctx.get("gt", err.ctx.get("ge"))
        word = "greater than" if kind == "greater_than" else "at least"
        return explain(f"found {found(value)}", f"expected a number {word} {limit}")
    if kind in ("list_type", "tuple_type"):
        return explain(f"found {found(value)}", "expected a list" + _list_hint(value))
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return explain(f"found {found(value)}", "expected key: value pairs")
    return explain(f"found {found(value)}", "expected a value of another kind")


def _quote_hint(value: Any) -> str:
    if isinstance(value, bool | int | float) or hasattr(value, "isoformat"):
        return "; put it in quotes to keep it as text"
    return ""


def _list_hint(value: Any) -> str:
    return "; write [it] or start a line with '- '" if isinstance(value, str | int | float) else ""


def _union_message(errs: list[_Err], value: Any) -> str:
    wanted: list[str] = []
    for err in errs:
        what = _expected(err)
        if what not in wanted:
            wanted.append(what)
    return explain(f"found {found(value)}", "expected " + " or ".join(wanted))


def _drop_shadowed(errs: list[_Err]) -> list[_Err]:
    """A union (e.g. `attendees: all | [ids]`) fails once per member: when some member got
    past the shape check (its errors lie deeper), the value had that member's shape, so the
    other members' shape errors are noise."""
    deep = {e.loc[: e.union_at] for e in errs if e.union_at is not None and e.union_depth > 0}
    return [
        e for e in errs if not (e.union_at is not None and e.union_depth == 0 and e.loc in deep)
    ]


def _errors(exc: ValidationError, doc: Document) -> list[_Err]:
    return _drop_shadowed([_locate(doc.data, dict(err)) for err in exc.errors()])


def refused_at(exc: ValidationError, doc: Document) -> set[Key]:
    """Every place in the user's data the schema refused (or found missing)."""
    return {err.loc for err in _errors(exc, doc)}


def problems_from(exc: ValidationError, doc: Document, root: type[BaseModel]) -> list[Problem]:
    errs = _errors(exc, doc)
    by_loc: dict[Key, list[_Err]] = {}
    for err in errs:
        by_loc.setdefault(err.loc, []).append(err)
    # `mandat:` is both an unknown key and a missing `mandate`: say it once, at the typo.
    suggested = set()
    for loc, group in by_loc.items():
        if any(e.kind == "extra_forbidden" for e in group):
            model = _model_at(root, loc[:-1])
            hint = did_you_mean(str(loc[-1]), sorted(model.model_fields) if model else [])
            if hint:
                suggested.add((*loc[:-1], hint.split("'")[1]))
    problems = []
    for loc, group in by_loc.items():
        if group[0].kind == "missing" and loc in suggested:
            continue
        value = _value_at(doc.data, loc)
        err = group[0]
        if err.kind == "missing":
            line, col = doc.marks.at(loc[:-1])
        elif err.kind == "extra_forbidden":
            line, col = doc.marks.key_at(loc)
        else:
            line, col = doc.marks.at(loc)
        if len(group) > 1 and all(e.union_at is not None for e in group):
            message = _union_message(group, value)
        else:
            message = _message(err, root, value)
        problems.append(Problem(doc.file, line, col, dotted(loc), message))
    return problems
