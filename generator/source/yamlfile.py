"""Load YAML safely, keeping the line and column of every key and value.

PyYAML's SafeLoader already refuses `!!python/...` tags; on top of it we refuse duplicate
keys, bound the size a document may expand to (alias bombs) and its depth, and record
marks so validation errors can point at the exact line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.source.problems import Problem, short
from generator.source.yaml_syntax import describe

MAX_BYTES = 2 * 1024 * 1024
TOO_LARGE = "file is larger than 2 MiB"
MAX_NODES = 200_000
MAX_DEPTH = 50
# What a document may expand to once its aliases are read out: ten times the largest file,
# so an alias repeated thousands of times cannot make a build hold gigabytes.
MAX_EXPANDED = 20_000_000
MB = 1_000_000

Key = tuple[str | int, ...]
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


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


# libyaml's parser when PyYAML has it (ten times faster on large organisations; it also caps
# nesting depth in C), else the pure-Python one. Both use SafeConstructor.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Our own safe loader subclass, so changes to it never leak into other users of PyYAML."""


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
        self.check_tag(node)
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                self.check_tag(key_node)
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _Refused(key_node, "a key must be plain text, not a list or mapping")
                # Keys are names, kept as written: `yes:` stays 'yes', `2026:` stays '2026'.
                key = key_node.value
                here: Key = (*path, key)
                if key in result:
                    line, col = self.mark(key_node)
                    self.problems.append(
                        Problem(
                            self.file,
                            line,
                            col,
                            _dotted(here),
                            f"duplicate key {short(key)} (expected each key once; first at "
                            f"line {self.marks.keys[here][0]})",
                        )
                    )
                    continue
                self.marks.keys[here] = self.mark(key_node)
                result[key] = self.walk(value_node, here)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.construct(node, path)

    def check_tag(self, node: yaml.Node) -> None:
        if node.tag not in _PLAIN_TAGS:
            raise _Refused(
                node,
                f"the tag {short(_tag(node.tag))} is not allowed (tags such as "
                "'!!python/...' are refused; write plain values)",
            )

    def construct(self, node: yaml.Node, path: Key) -> Any:
        """A scalar as PyYAML reads it. A plain value its resolver cannot build (2026-13-01,
        a 5,000-digit number) is kept as the text the user wrote, so validation says which
        field wanted what; an explicit tag that cannot build its value refuses the file."""
        if node.tag == _STR:  # most values: what SafeConstructor would build, without its detour
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            text = str(node.value)
            implicit = self.loader.resolve(yaml.ScalarNode, text, (True, False))
            if node.tag != implicit:
                raise _Refused(
                    node, f"cannot read {short(text)} as {_tag(node.tag)} (remove the tag)"
                ) from None
            return text


# What PyYAML's reader refuses, found first so the message can name the line.
_CONTROL = yaml.reader.Reader.NON_PRINTABLE
_YAML = "tag:yaml.org,2002:"
_STR = _YAML + "str"
_PLAIN_TAGS = {
    _YAML + name
    for name in (
        "str",
        "int",
        "float",
        "bool",
        "null",
        "timestamp",
        "seq",
        "map",
        "merge",
        "value",
    )
}


def _tag(tag: str) -> str:
    return "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag


class _TooBig(Exception):
    pass


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _expansion(root: yaml.Node) -> tuple[int, int]:
    """How many values, and how many characters, the document holds once every alias is read
    out: counted on the composed nodes (each shared node once), never by building it."""
    sizes: dict[int, tuple[int, int]] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        key = id(node)
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = (1, len(node.value))
            continue
        children = _children(node)
        if ready:
            counts = [sizes[id(c)] for c in children]
            sizes[key] = (1 + sum(n for n, _ in counts), sum(c for _, c in counts))
        elif key not in sizes:
            sizes[key] = (1, 0)  # while inside it: a node that holds itself counts once here
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(root)]


def _check_expansion(root: yaml.Node) -> None:
    values, chars = _expansion(root)
    if values > MAX_NODES:
        raise _TooBig(f"document expands to more than {MAX_NODES} values (alias bomb?)")
    if chars > MAX_EXPANDED:
        raise _TooBig(
            f"document expands to {round(chars / MB)} MB; the limit is {MAX_EXPANDED // MB} MB "
            "(an alias repeated many times? write the text once)"
        )


class _Refused(Exception):
    """Something in the file we will not read at all: reported at its line, file skipped."""

    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.line = node.start_mark.line + 1
        self.column = node.start_mark.column + 1


def _dotted(path: Key) -> str:
    """`team[3].person`, for messages: a key too long to show is cut short."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        name = part if len(part) <= 40 else part[:37] + "..."
        if not _PLAIN_KEY.fullmatch(name):
            name = short(name)
        out += f".{name}" if out else name
    return out


dotted = _dotted


def _text(raw: bytes, display: str) -> tuple[str | None, Problem | None]:
    """The file's text, or the problem that stops it being read as YAML text at all."""
    if len(raw) > MAX_BYTES:
        return None, Problem(display, 0, 0, "", TOO_LARGE)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = "file is not valid UTF-8 text (expected UTF-8; save it again as UTF-8)"
        return None, Problem(display, line, 1, "", message)
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, Problem(display, 1, 1, "", "file is empty")
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - text.rfind("\n", 0, bad.start())
        message = (
            f"file contains the control character #x{ord(bad.group()):04x} "
            "(expected printable text; remove it)"
        )
        return None, Problem(display, line, column, "", message)
    return text, None


def load(path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file. Returns the document, or None and the problems that stop it."""
    try:
        text, problem = _text(path.read_bytes(), display)
    except OSError as exc:
        return None, [Problem(display, 0, 0, "", f"cannot read file: {exc.strerror}")]
    if text is None:
        return None, [problem] if problem else []
    loader = _Loader(text)
    walker = _Walker(loader, display)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(display, 1, 1, "", "file is empty")]
        _check_expansion(node)
        data = walker.walk(node, ())
    except yaml.MarkedYAMLError as exc:
        syntax = describe(exc, text)
        return None, [Problem(display, syntax.line, syntax.column, "", syntax.message)]
    except _Refused as exc:
        return None, [Problem(display, exc.line, exc.column, "", str(exc))]
    except yaml.YAMLError as exc:
        return None, [Problem(display, 0, 0, "", f"YAML error: {exc}")]
    except _TooBig as exc:
        return None, [Problem(display, 0, 0, "", f"file refused: {exc}")]
    except RecursionError:
        message = f"file refused: nesting deeper than {MAX_DEPTH} levels"
        return None, [Problem(display, 0, 0, "", message)]
    finally:
        loader.dispose()
    return Document(display, data, walker.marks), walker.problems
