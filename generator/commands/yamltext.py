"""Edit YAML as text, so every comment, blank line and layout choice of the user survives.

The commands that change a user's file (`advance`, `people import`) never dump YAML again:
they find what to change from the parser's marks and splice new text in. Whoever uses these
helpers reloads and validates the result before it replaces the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import yaml

__all__ = [
    "CannotEdit",
    "Splice",
    "end_line",
    "entry",
    "quoted",
    "scalar",
    "set_fields",
    "spliced",
    "split_lines",
]

# Resolves plain scalars exactly as the playbook loader does (libyaml when present).
_Reader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Where YAML breaks lines (str.splitlines also breaks on form feeds and more).
_BREAK = re.compile("(?<=\n)|(?<=\r)(?!\n)|(?<=[\x85\u2028\u2029])")


def quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, whatever the text holds.
    return json.dumps(text, ensure_ascii=False)


def scalar(text: str, style: str | None = None) -> str:
    """`text` as a YAML scalar that reads back as exactly `text`: plain when that is safe,
    else quoted; `style` keeps the quotes a file already uses for the value ('"' or "'")."""
    if style == "'" and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    if style == '"' or not _plain_reads_back(text):
        return quoted(text)
    return text


def _plain_reads_back(text: str) -> bool:
    if not text or text != text.strip() or any(c in text for c in "\r\n\x85\u2028\u2029"):
        return False
    try:
        return bool(yaml.load(f"k: {text}\n", Loader=_Reader) == {"k": text})
    except yaml.YAMLError:
        return False


def split_lines(text: str) -> tuple[list[str], str]:
    """The lines of `text` as YAML counts them, each with its break, and the file's newline.
    A last line without a break gets one, so lines can be inserted after it."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = [ln for ln in _BREAK.split(text) if ln]
    if lines and not lines[-1].endswith(("\n", "\r", "\x85", "\u2028", "\u2029")):
        lines[-1] += newline
    return lines, newline


def end_line(node: yaml.Node) -> int:
    """The 0-based line holding the last character of a node."""
    while (
        isinstance(node, yaml.MappingNode | yaml.SequenceNode)
        and not node.flow_style
        and node.value
    ):
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    end = node.end_mark
    return end.line if end.column > 0 else end.line - 1


def entry(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The key and value nodes of `key` in a mapping node; None when it is no mapping or
    has no such key."""
    if not isinstance(node, yaml.MappingNode):
        return None
    return next(((k, v) for k, v in node.value if getattr(k, "value", None) == key), None)


class CannotEdit(Exception):
    """The file is laid out in a way the text edit does not handle; `line` is 1-based."""

    def __init__(self, line: int, why: str) -> None:
        super().__init__(why)
        self.line = line


@dataclass(frozen=True)
class Splice:
    """Replace text[start:end] with `text` (an insertion when start == end)."""

    start: int
    end: int
    text: str


def set_fields(
    text: str,
    values: Mapping[str, str | None],
    order: Sequence[str],
    placeholders: Mapping[str, str] = {},
) -> str:
    """`text` with top-level scalar keys set (a value) or removed (None), nothing else changed.

    A new key replaces its placeholder comment line (`# email: ...`) when the file has one,
    else goes after the keys before it in `order` (or before the first key after it)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CannotEdit(mark.line + 1 if mark else 1, "it does not parse") from None
    if not isinstance(root, yaml.MappingNode) or root.flow_style or not root.value:
        raise CannotEdit(1, "write it as one `key: value` per line")
    lines, newline = split_lines(text)
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln))
    nodes = {k.value: (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    indent = " " * root.value[0][0].start_mark.column
    splices: list[Splice] = []
    anchor: int | None = None  # the line before which the next new key goes
    for i, key in enumerate(order):
        if key in nodes:
            anchor = end_line(nodes[key][1]) + 1
            if key in values:
                splices.append(_changed(text, starts, *nodes[key], values[key]))
            continue
        value = values.get(key)
        if value is None:
            continue
        row = f"{indent}{key}: {scalar(value)}{newline}"
        found = [j for j, ln in enumerate(lines) if ln.rstrip("\r\n") == placeholders.get(key)]
        if found:
            splices.append(Splice(starts[found[0]], starts[found[0] + 1], row))
            anchor = found[0] + 1
            continue
        if anchor is None:
            later = [nodes[k][0] for k in order[i + 1 :] if k in nodes]
            last = root.value[-1][1]
            anchor = later[0].start_mark.line if later else end_line(last) + 1
        at = starts[anchor] or len(text) - len(text.lstrip("\ufeff"))  # after a BOM
        splices.append(Splice(at, at, row))
    return spliced(text, "".join(lines), splices)


def spliced(text: str, whole: str, splices: list[Splice]) -> str:
    """Apply `splices` (offsets into `whole`: `text` with a break after its last line) from
    the end, so earlier offsets stay true; of two at one place, the later one lands last."""
    ordered = sorted(enumerate(splices), key=lambda p: (p[1].start, p[1].end, p[0]))
    out = whole
    for _, s in reversed(ordered):
        out = out[: s.start] + s.text + out[s.end :]
    if whole != text and all(s.end <= len(text) for s in splices):
        out = out[: len(out) - (len(whole) - len(text))]  # the last line keeps no break
    return out


def _changed(
    text: str, starts: list[int], key: yaml.Node, node: yaml.Node, value: str | None
) -> Splice:
    line = key.start_mark.line
    start, end = node.start_mark.index, node.end_mark.index
    if value is None:  # the key and its value go, lines and all
        last = line if start == end else end_line(node)
        return Splice(starts[line], starts[last + 1], "")
    if not isinstance(node, yaml.ScalarNode):
        raise CannotEdit(line + 1, f"{key.value} holds more than one value")
    if start < key.end_mark.index or text[start : start + 1] in ("&", "*", "!"):
        raise CannotEdit(line + 1, f"{key.value} has an anchor, alias or tag")
    if start == end:  # `email:` with no value: write it after the colon
        colon = text.index(":", key.end_mark.index)
        return Splice(colon + 1, colon + 1, " " + scalar(value))
    # A block scalar's span ends with its line breaks and trailing blank lines: keep those.
    end = start + len(text[start:end].rstrip())
    return Splice(start, end, scalar(value, node.style if node.style in ("'", '"') else None))
