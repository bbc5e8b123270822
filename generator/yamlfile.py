"""Load YAML safely, keeping the line and column of every key and value.

PyYAML's SafeLoader already refuses `!!python/...` tags; on top of it we refuse duplicate
keys, bound the size a document may expand to (alias bombs) and its depth, and record
marks so validation errors can point at the exact line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import Problem, short

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 50

Key = tuple[str | int, ...]


@dataclass
class Marks:
    """Where each key path sits in the file (1-based line and column)."""

    values: dict[Key, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Key, tuple[int, int]] = field(default_factory=dict)

    def at(self, path: Key) -> tuple[int, int]:
        """The mark of the value at `path`, or of its nearest ancestor."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found:
                return found
        return (1, 1)

    def key_at(self, path: Key) -> tuple[int, int]:
        return self.keys.get(path) or self.at(path)


@dataclass
class Document:
    file: str
    data: Any
    marks: Marks


class _Loader(yaml.SafeLoader):
    """Our own SafeLoader subclass, so changes to it never leak into other users of PyYAML."""


class _Walker:
    def __init__(self, loader: _Loader, file: str) -> None:
        self.loader = loader
        self.file = file
        self.marks = Marks()
        self.nodes = 0
        self.problems: list[Problem] = []

    def mark(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def walk(self, node: yaml.Node, path: Key) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooBig(f"document expands to more than {MAX_NODES} values (alias bomb?)")
        if len(path) > MAX_DEPTH:
            raise _TooBig(f"nesting deeper than {MAX_DEPTH} levels")
        self.marks.values[path] = self.mark(node)
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node, deep=True)
                if not isinstance(key, str | int) or isinstance(key, bool):
                    key = str(key)
                if key in result:
                    line, col = self.mark(key_node)
                    self.problems.append(
                        Problem(self.file, line, col, _dotted((*path, key)),
                                f"duplicate key {short(key)} (first at line "
                                f"{self.marks.keys[(*path, key)][0]})")
                    )
                    continue
                self.marks.keys[(*path, key)] = self.mark(key_node)
                result[key] = self.walk(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)


class _TooBig(Exception):
    pass


def _dotted(path: Key) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted


def load(path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file. Returns the document, or None and the problems that stop it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(display, 0, 0, "", f"cannot read file: {exc.strerror}")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(display, 0, 0, "", f"file is larger than {MAX_BYTES // 1024} KiB")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(display, line, 1, "", "file is not valid UTF-8 text; save it as UTF-8")]
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        return None, [Problem(display, 1, 1, "", "file is empty")]
    loader = _Loader(text)
    walker = _Walker(loader, display)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(display, 1, 1, "", "file is empty")]
        data = walker.walk(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or "invalid YAML"
        if "could not determine a constructor" in what:
            what = "tags such as '!!python/...' are not allowed; write plain values"
        return None, [Problem(display, line, col, "", f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return None, [Problem(display, 0, 0, "", f"YAML error: {exc}")]
    except _TooBig as exc:
        return None, [Problem(display, 0, 0, "", f"file refused: {exc}")]
    except RecursionError:
        return None, [Problem(display, 0, 0, "", f"file refused: nesting deeper than {MAX_DEPTH} levels")]
    finally:
        loader.dispose()
    return Document(display, data, walker.marks), walker.problems
