"""Add person ids to one session's `attended`, editing the YAML as text.

However the session is written (a flow mapping on one line, a block mapping, `attended` as a
flow or block list, empty, or missing), only the characters that say who attended change:
every comment, blank line and layout choice of the user stays. The caller validates the
result and checks it says what was meant before it replaces the file.
"""

from __future__ import annotations

import yaml

from generator.commands.yamltext import CannotEdit, end_line, entry, split_lines

__all__ = ["add_attended"]


def _item(node: yaml.Node | None, index: int, what: str) -> yaml.Node:
    if not isinstance(node, yaml.SequenceNode) or index >= len(node.value):
        raise CannotEdit(1, f"{what} is not a list as expected")
    item: yaml.Node = node.value[index]
    return item


def add_attended(text: str, module: int, session: int, ids: list[str]) -> str:
    """`text` with `ids` added to `training[module].sessions[session].attended`."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    training = entry(root, "training") if root is not None else None
    mod = _item(training[1] if training else None, module, "training")
    sessions = entry(mod, "sessions")
    node = _item(sessions[1] if sessions else None, session, "sessions")
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise CannotEdit(line, "the session is not key: value pairs")
    found = entry(node, "attended")
    if found is None:
        return _new_key(text, node, ids)
    key, value = found
    if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null"):
        start, end = value.start_mark.index, value.end_mark.index
        if start == end:  # `attended:` with nothing after it
            colon = text.index(":", key.end_mark.index)
            return _at(text, colon + 1, " " + _flow(ids))
        return text[:start] + _flow(ids) + text[end:]
    if not isinstance(value, yaml.SequenceNode):
        raise CannotEdit(value.start_mark.line + 1, "attended is neither a list nor empty")
    if value.flow_style:
        if not value.value:
            return _at(text, value.start_mark.index + 1, ", ".join(ids))
        return _at(text, value.value[-1].end_mark.index, "".join(f", {i}" for i in ids))
    return _block_items(text, value, ids)


def _flow(ids: list[str]) -> str:
    # Person ids are validated ids: plain YAML scalars.
    return "[" + ", ".join(ids) + "]"


def _at(text: str, index: int, new: str) -> str:
    return text[:index] + new + text[index:]


def _line_start(text: str, line: int) -> int:
    """The offset where 0-based `line` starts (the end of the text past its last line)."""
    lines, _ = split_lines(text)
    offset = sum(len(ln) for ln in lines[:line])
    return min(offset, len(text))


def _new_key(text: str, node: yaml.MappingNode, ids: list[str]) -> str:
    row = f"attended: {_flow(ids)}"
    if node.flow_style:
        return _at(text, node.value[-1][1].end_mark.index, ", " + row)
    indent = " " * node.value[0][0].start_mark.column
    return _after_line(text, end_line(node), indent + row)


def _after_line(text: str, line: int, new: str) -> str:
    _, newline = split_lines(text)
    at = _line_start(text, line + 1)
    if at == len(text) and not text.endswith(("\n", "\r")):
        return text + newline + new + newline
    return _at(text, at, new + newline)


def _block_items(text: str, value: yaml.SequenceNode, ids: list[str]) -> str:
    last = value.value[-1]
    row = split_lines(text)[0][last.start_mark.line]
    dash = row.rfind("-", 0, last.start_mark.column)
    if dash < 0:
        raise CannotEdit(last.start_mark.line + 1, "expected '- ' before the last attended item")
    head = row[:dash] + "-" + " " * (last.start_mark.column - dash - 1)
    new = "\n".join(head + i for i in ids).replace("\n", split_lines(text)[1])
    return _after_line(text, end_line(last), new)
