"""Record pulse responses in `pulse.responses`, editing the YAML as text.

A response replaced is rewritten where it stands, in the style it was written in (a flow
mapping on one line, or key: value lines); new ones go after the last, in the style of the
last; a missing or empty `responses` becomes a block list under `pulse`. Every other
character of the file stays: comments, blank lines, order. The caller validates the result
and checks it reads back as meant before it replaces the file.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from generator.commands.yamltext import (
    CannotEdit,
    Splice,
    end_line,
    entry,
    scalar,
    spliced,
    split_lines,
)
from generator.source.model import PulseResponse

__all__ = ["flow", "set_responses"]

# (index in pulse.responses of the response it replaces, or None to add it; the response)
Change = tuple[int | None, PulseResponse]


def _answers(r: PulseResponse) -> str:
    return "{" + ", ".join(f"{scalar(q)}: {n}" for q, n in r.answers.items()) + "}"


def flow(r: PulseResponse) -> str:
    """One response as a flow mapping, the way the SPEC's example writes it."""
    return (
        f"{{person: {scalar(r.person)}, stage: {scalar(r.stage)}, "
        f"date: {r.date.isoformat()}, answers: {_answers(r)}}}"
    )


def _block(r: PulseResponse, pad: str, newline: str) -> str:
    """One response as key: value lines; `pad` is the indent of the keys after the first."""
    rows = [
        f"person: {scalar(r.person)}",
        f"stage: {scalar(r.stage)}",
        f"date: {r.date.isoformat()}",
        f"answers: {_answers(r)}",
    ]
    return (newline + pad).join(rows)


def _content_end(text: str, node: yaml.Node) -> int:
    """Where the last character of a node's own text is (no trailing breaks or spaces)."""
    start = node.start_mark.index
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style:
        if not node.value:
            break
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    end = node.end_mark.index
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def set_responses(text: str, changes: Sequence[Change]) -> str:
    """`text` with each change made to `pulse.responses` (which `pulse` must have)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CannotEdit(mark.line + 1 if mark else 1, "it does not parse") from None
    found = entry(root, "pulse")
    if found is None or not isinstance(found[1], yaml.MappingNode) or not found[1].value:
        line = found[0].start_mark.line + 1 if found else 1
        raise CannotEdit(line, "pulse is not key: value pairs")
    pulse = found[1]
    lines, newline = split_lines(text)
    whole = "".join(lines)
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln))
    added = [r for at, r in changes if at is None]
    responses = entry(pulse, "responses")
    if responses is None:
        splices = _new_key(text, starts, pulse, added, newline)
    else:
        splices = _into(text, starts, responses, changes, newline)
    return spliced(text, whole, splices)


def _items(added: list[PulseResponse], indent: int, newline: str) -> str:
    return "".join(f"{' ' * indent}- {flow(r)}{newline}" for r in added)


def _new_key(
    text: str, starts: list[int], pulse: yaml.MappingNode, added: list[PulseResponse], nl: str
) -> list[Splice]:
    if pulse.flow_style:
        at = _content_end(text, pulse.value[-1][1])
        return [Splice(at, at, ", responses: [" + ", ".join(map(flow, added)) + "]")]
    col = pulse.value[0][0].start_mark.column
    at = starts[end_line(pulse) + 1]
    return [Splice(at, at, f"{' ' * col}responses:{nl}" + _items(added, col + 2, nl))]


def _into(
    text: str,
    starts: list[int],
    found: tuple[yaml.Node, yaml.Node],
    changes: Sequence[Change],
    nl: str,
) -> list[Splice]:
    key, value = found
    added = [r for at, r in changes if at is None]
    line = key.start_mark.line
    if _empty(value):
        at, col = starts[line + 1], key.start_mark.column + 2
        fill = Splice(at, at, _items(added, col, nl))
        start, end = value.start_mark.index, value.end_mark.index
        if start == end:  # `responses:` with nothing after it
            return [fill]
        if value.start_mark.line != line or value.end_mark.line != line:
            raise CannotEdit(line + 1, "write an empty responses as `responses: []` on one line")
        while start > key.end_mark.index and text[start - 1] in " \t":
            start -= 1  # `responses: []` -> `responses:`, the items below it
        return [Splice(start, end, ""), fill]
    if not isinstance(value, yaml.SequenceNode):
        raise CannotEdit(value.start_mark.line + 1, "pulse.responses is not a list")
    items = value.value
    splices = []
    for index, r in changes:
        if index is None:
            continue
        item = items[index]
        block = isinstance(item, yaml.MappingNode) and not item.flow_style
        new = _block(r, " " * item.start_mark.column, nl) if block else flow(r)
        splices.append(Splice(item.start_mark.index, _content_end(text, item), new))
    if not added:
        return splices
    last = items[-1]
    if value.flow_style:
        end = _content_end(text, last)
        splices.append(Splice(end, end, "".join(f", {flow(r)}" for r in added)))
        return splices
    row = text[starts[last.start_mark.line] : starts[last.start_mark.line + 1]]
    dash = row.rfind("-", 0, last.start_mark.column)
    if dash < 0:
        raise CannotEdit(last.start_mark.line + 1, "expected '- ' before the last response")
    head = " " * dash + "-" + " " * (last.start_mark.column - dash - 1)
    block = isinstance(last, yaml.MappingNode) and not last.flow_style
    pad = " " * last.start_mark.column
    new = "".join(head + (_block(r, pad, nl) if block else flow(r)) + nl for r in added)
    at = starts[end_line(last) + 1]
    splices.append(Splice(at, at, new))
    return splices


def _empty(node: yaml.Node) -> bool:
    """`responses:` with nothing, `~`, `null` or `[]`."""
    if isinstance(node, yaml.ScalarNode):
        return node.tag.endswith(":null")
    return isinstance(node, yaml.SequenceNode) and not node.value
