"""Escaped surrogate pairs, as JSON writes characters outside the Basic Multilingual Plane.

`json.dumps("😀")` writes `"\\ud83d\\ude00"`: valid JSON, and so valid YAML 1.2, but YAML 1.1's
readers (libyaml, PyYAML) refuse a `\\u` escape of a surrogate. Before composing, each escaped
pair becomes the one `\\UXXXXXXXX` escape of its character; that is two characters shorter,
so afterwards every node's marks are moved back to where they are in the file.

Only an escape counts: a backslash that is itself escaped (`\\\\ud83d`) starts no escape.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from yaml.error import Mark
from yaml.nodes import CollectionNode, MappingNode, Node

_PAIR = re.compile(
    rb"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
)
SHORTER = len(rb"\ud83d\ude00") - len(rb"\U0001F600")  # each pair, after joining


class Shifts:
    """Where pairs were shortened, to move a mark of the joined text back into the file's."""

    def __init__(self) -> None:
        self.indexes: list[int] = []  # in the joined text, just after each joined escape
        self.columns: dict[int, list[int]] = {}  # line -> the same, as columns on it

    def column(self, line: int, column: int) -> int:
        return column + SHORTER * bisect_right(self.columns.get(line, ()), column)

    def index(self, index: int) -> int:
        return index + SHORTER * bisect_right(self.indexes, index)


def join_escaped_pairs(data: bytes) -> tuple[bytes, Shifts | None]:
    """`data` with each escaped surrogate pair written as one escape, and the shifts made
    (None, and `data` itself, where there is no pair: nearly always)."""
    if b"\\u" not in data or _PAIR.search(data) is None:
        return data, None
    shifts = Shifts()
    pieces: list[bytes] = []
    done = 0  # bytes of `data` read so far, a character boundary (matches are ASCII)
    chars = line = line_start = 0  # characters read so far; the line; its first character
    for match in _PAIR.finditer(data):
        read = data[done : match.end()]
        chars_before, chars = chars, chars + len(read.decode("utf-8", "replace"))
        if b"\n" in read:
            line += read.count(b"\n")
            head = read[: read.rfind(b"\n") + 1]
            line_start = chars_before + len(head.decode("utf-8", "replace"))
        on_line = shifts.columns.setdefault(line, [])
        # where the joined escape ends in the joined text: this pair and each before it
        # (on its line, for the column) are SHORTER characters shorter there
        shifts.indexes.append(chars - SHORTER * (len(shifts.indexes) + 1))
        on_line.append(chars - line_start - SHORTER * (len(on_line) + 1))
        high, low = int(match[2], 16), int(match[3], 16)
        code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        pieces += [data[done : match.start()], match[1], b"\\U%08X" % code]
        done = match.end()
    pieces.append(data[done:])
    return b"".join(pieces), shifts


def move_marks(documents: Iterable[Node], shifts: Shifts) -> None:
    """Give every node marks at its places in the file (libyaml's marks are read-only)."""
    moved: dict[int, Mark] = {}  # a mark shared by two nodes is moved once
    seen: set[int] = set()
    stack = list(documents)
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias: the same node again
            continue
        seen.add(id(node))
        node.start_mark = _moved(node.start_mark, shifts, moved)
        node.end_mark = _moved(node.end_mark, shifts, moved)
        if isinstance(node, MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, CollectionNode):
            stack.extend(node.value)


def _moved(mark: Any, shifts: Shifts, moved: dict[int, Mark]) -> Any:
    if mark is None:
        return None
    if id(mark) not in moved:
        moved[id(mark)] = Mark(
            mark.name,
            shifts.index(mark.index),
            mark.line,
            shifts.column(mark.line, mark.column),
            None,  # no buffer: no snippet (libyaml's marks have none either)
            0,
        )
    return moved[id(mark)]
