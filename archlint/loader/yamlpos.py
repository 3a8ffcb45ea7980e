"""YAML with positions: composed nodes -> plain values that remember where they were.

We turn PyYAML's nodes (see archlint.loader.parse) into values ourselves instead of using a
Constructor, because a Constructor silently keeps the last of two duplicate keys and forgets
every position. Only the YAML core tags are interpreted (str, int, float, bool, null, merge);
any other tag, `!Ref` or `!!python/object` alike, is read as the plain string, list or mapping
it is written as, so nothing arbitrary is ever constructed.

Values differ from `yaml.safe_load` in three documented ways:
- mapping keys are always the key's text (`1:` and `on:` are the strings "1" and "on", as
  in JSON and in editors' YAML servers);
- timestamps stay strings;
- of two duplicate keys the FIRST value is kept; the repeated key is reported (AL003).

Mappings become `YMap` (a dict that keeps its node) and sequences `YSeq` (a list that keeps
its node), so positions are looked up only when a message or a model element needs one.
Scalars are plain Python values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

STR = "tag:yaml.org,2002:str"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
MERGE = "tag:yaml.org,2002:merge"

# A document whose aliases expand it beyond this many nodes is refused ("billion laughs").
# A real manifest has a few hundred.
MAX_EXPANDED_NODES = 100_000


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a file, before any model exists: a code, a message, 1-based place."""

    code: str
    message: str
    line: int = 1
    column: int = 1


def mark_position(node: Node) -> tuple[int, int]:
    """A node's start as 1-based (line, column)."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


class YMap(dict):
    """A mapping read from YAML: a dict that also knows its `node`, to find positions.

    Positions are looked up only when a message or a model element needs one (`pair`), so
    that reading a manifest costs no more than building the dict.
    """

    __slots__ = ("bases", "node")

    def pair(self, key: str) -> tuple[Node, Node] | None:
        """(key node, value node) of `key`: its first occurrence, else where a merge (`<<`) took it from."""
        for pair in self.node.value:
            key_node = pair[0]
            if type(key_node) is ScalarNode and key_node.value == key and key_node.tag != MERGE:
                return pair
        for base in self.bases or ():
            if key in base:
                return base.pair(key)
        return None

    def value_node(self, key: str) -> Node:
        """Where `key`'s value is; for an empty value (`key:` and nothing), where the key is."""
        key_node, value_node = self.pair(key)
        if type(value_node) is ScalarNode and value_node.value == "" and value_node.tag == NULL:
            return key_node
        return value_node


class YSeq(list):
    """A sequence read from YAML: a list, plus its `node` (item i's node is node.value[i])."""

    __slots__ = ("node",)


# --- nodes -> values -------------------------------------------------------------------------

_CONSTRUCTOR = (
    SafeConstructor()
)  # borrowed only for its exact int/float readings (0x1f, 1_000, .inf)


def _int(node: ScalarNode) -> Any:
    try:
        return _CONSTRUCTOR.construct_yaml_int(node)
    except (
        ValueError,
        IndexError,
    ):  # `!!int abc`, `!!int ""`: keep the text; the schema says what was expected
        return node.value


def _float(node: ScalarNode) -> Any:
    try:
        return _CONSTRUCTOR.construct_yaml_float(node)
    except (ValueError, IndexError):
        return node.value


def _bool(node: ScalarNode) -> Any:
    return SafeConstructor.bool_values.get(node.value.lower(), node.value)


_SCALARS = {INT: _int, FLOAT: _float, BOOL: _bool, NULL: lambda node: None}


def check_aliases(root: Node) -> Problem | None:
    """A problem if aliases make the document recursive or expand it past MAX_EXPANDED_NODES.

    Runs on the node graph (where an alias is a shared node), iteratively, in time linear in
    the number of distinct nodes; `to_value` may then expand aliases safely.
    """
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            total = 1
            for child in _children(node):
                total += size[id(child)]
            if total > MAX_EXPANDED_NODES:
                line, column = mark_position(root)
                return Problem(
                    "AL001",
                    f"its aliases expand this document to more than {MAX_EXPANDED_NODES} values; "
                    "write the values out instead of nesting aliases",
                    line,
                    column,
                )
            size[key] = total
            continue
        if key in size or key in on_path:  # done already, or (defensively) a cycle caught below
            continue
        if type(node) is ScalarNode:
            size[key] = 1
            continue
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                return _recursive(node, child)
            if id(child) not in size:
                stack.append((child, False))
    return None


def _recursive(parent: Node, child: Node) -> Problem:
    """The place and words for an alias inside the value it refers to."""
    where = parent
    what = "this value contains itself"
    if type(parent) is MappingNode:
        for key, value in parent.value:
            if value is child or key is child:
                where = key
                if type(key) is ScalarNode:
                    what = f"the value of '{key.value}' contains itself"
                break
    line, column = mark_position(where)
    return Problem("AL001", f"a recursive alias: {what}; remove the alias", line, column)


def _children(node: Node) -> list[Node]:
    if type(node) is MappingNode:
        return [part for pair in node.value for part in pair]
    if type(node) is SequenceNode:
        return node.value
    return []


class Converter:
    """Turns one document's nodes into YMap / YSeq / scalars, collecting AL002/AL003 problems.

    Call `check_aliases` first on documents that may contain aliases: the conversion expands
    them and assumes the expansion is bounded and acyclic.
    """

    __slots__ = ("problems", "value")

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.value = self._reader()

    def _reader(self) -> Callable[[Node], Any]:
        # Closures over locals: this runs once per node of every manifest.
        scalars = _SCALARS
        problems = self.problems
        merge_tag, str_tag = MERGE, STR

        def value(node: Node) -> Any:
            cls = type(node)
            if cls is ScalarNode:
                tag = node.tag
                if tag == str_tag:
                    return node.value
                read = scalars.get(tag)
                return node.value if read is None else read(node)
            if cls is MappingNode:
                return mapping(node)
            # plain text inline: most items are names, and a call per item is most of the cost
            seq = YSeq(
                [
                    item.value if type(item) is ScalarNode and item.tag == str_tag else value(item)
                    for item in node.value
                ]
            )
            seq.node = node
            return seq

        def mapping(node: MappingNode) -> YMap:
            result = YMap()
            result.node = node
            result.bases = None
            merges = None
            for key_node, value_node in node.value:
                if type(key_node) is not ScalarNode:
                    problems.append(_complex_key(key_node))
                    continue
                key = key_node.value
                if key in result:
                    problems.append(_duplicate(key, key_node, result.pair(key)[0]))
                    continue
                if key == "<<" and key_node.tag == merge_tag:
                    merges = (merges or []) + [value_node]
                    continue
                if type(value_node) is ScalarNode and value_node.tag == str_tag:
                    result[key] = value_node.value
                else:
                    result[key] = value(value_node)
            if merges:
                merge(result, merges)
            return result

        def merge(result: YMap, merges: list[Node]) -> None:
            """`<<: *base` (or a list of them): keys not given explicitly come from the bases, first base first."""
            result.bases = []
            for merged in merges:
                for source in merged.value if type(merged) is SequenceNode else [merged]:
                    if type(source) is not MappingNode:
                        line, column = mark_position(source)
                        message = (
                            "'<<' merges mappings only; give it an alias of a mapping ('<<: *base')"
                        )
                        problems.append(Problem("AL002", message, line, column))
                        continue
                    base = mapping(source)
                    result.bases.append(base)
                    for key, item in base.items():
                        if key not in result:
                            result[key] = item

        return value


def _duplicate(key: str, key_node: Node, first: Node) -> Problem:
    line, column = mark_position(key_node)
    return Problem(
        "AL003",
        f"duplicate key '{key}': it is already given on line {first.start_mark.line + 1} of this "
        "mapping, whose value is the one used; remove one of them",
        line,
        column,
    )


def _complex_key(key_node: Node) -> Problem:
    line, column = mark_position(key_node)
    shape = "mapping" if type(key_node) is MappingNode else "list"
    return Problem(
        "AL002", f"a key must be a plain name, not a {shape}; rewrite the key", line, column
    )


def to_value(node: Node) -> tuple[Any, list[Problem]]:
    """One document's value and the problems (duplicate keys, odd keys) found converting it."""
    converter = Converter()
    try:
        return converter.value(node), converter.problems
    except RecursionError:
        line, column = mark_position(node)
        return None, [
            Problem("AL001", "the nesting is too deep to read; flatten the structure", line, column)
        ]
