"""YAML with positions: composed nodes -> plain values that remember where they were.

We turn PyYAML's nodes (see archlint.yaml_reader.compose) into values ourselves instead of using a
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

import sys
from collections.abc import Callable
from typing import Any

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from archlint.yaml_reader.duplicates import duplicate
from archlint.yaml_reader.problem import (
    BOOL,
    FLOAT,
    INT,
    MERGE,
    NULL,
    STR,
    Problem,
    mark_position,
    too_deep,
)

_SCAN_UP_TO = 16  # pairs: below this a scan is cheaper than an index


class YMap(dict[str, Any]):
    """A mapping read from YAML: a dict that also knows its `node`, to find positions.

    Positions are looked up only when a message or a model element needs one (`pair`), so
    that reading a manifest costs no more than building the dict.
    """

    __slots__ = ("bases", "node", "pairs")
    node: Node  # a MappingNode
    bases: list[YMap] | None  # the mappings merged in with `<<`, first first
    pairs: dict[str, tuple[Node, Node]]  # a large mapping's pairs by key, built on first use

    def pair(self, key: str) -> tuple[Node, Node]:
        """(key node, value node) of `key`: its first occurrence, else where a merge (`<<`) took
        it from. Raises KeyError for a key the mapping does not have."""
        if len(self.node.value) > _SCAN_UP_TO:  # one index, not a scan per key (20,000 keys)
            found = self._pairs().get(key)
            if found is not None:
                return found
        else:
            for pair in self.node.value:
                key_node = pair[0]
                if type(key_node) is ScalarNode and key_node.value == key and key_node.tag != MERGE:
                    return pair
        for base in self.bases or ():
            if key in base:
                return base.pair(key)
        raise KeyError(key)

    def _pairs(self) -> dict[str, tuple[Node, Node]]:
        try:
            return self.pairs
        except AttributeError:
            pairs: dict[str, tuple[Node, Node]] = {}
            for pair in self.node.value:
                key_node = pair[0]
                if type(key_node) is ScalarNode and key_node.tag != MERGE:
                    pairs.setdefault(key_node.value, pair)
            self.pairs = pairs
            return pairs

    def value_node(self, key: str) -> Node:
        """Where `key`'s value is; for an empty value (`key:` and nothing), where the key is."""
        key_node, value_node = self.pair(key)
        if type(value_node) is ScalarNode and value_node.value == "" and value_node.tag == NULL:
            return key_node
        return value_node


class YSeq(list[Any]):
    """A sequence read from YAML: a list, plus its `node` (item i's node is node.value[i])."""

    __slots__ = ("node",)
    node: Node  # a SequenceNode


# --- nodes -> values -------------------------------------------------------------------------

# borrowed only for its exact int/float readings (0x1f, 1_000, .inf)
_CONSTRUCTOR = SafeConstructor()


def _int(node: ScalarNode) -> Any:
    try:
        return _CONSTRUCTOR.construct_yaml_int(node)
    except (ValueError, IndexError):  # `!!int abc`, `!!int ""`: the schema says what was expected
        return node.value


def _float(node: ScalarNode) -> Any:
    try:
        return _CONSTRUCTOR.construct_yaml_float(node)
    except (ValueError, IndexError):
        return node.value


def _bool(node: ScalarNode) -> Any:
    return SafeConstructor.bool_values.get(node.value.lower(), node.value)


def _null(node: ScalarNode) -> None:
    return None


_SCALARS: dict[str, Callable[[Any], Any]] = {
    INT: _int,
    FLOAT: _float,
    BOOL: _bool,
    NULL: _null,
}


class Converter:
    """Turns one document's nodes into YMap / YSeq / scalars, collecting AL002/AL003 problems.

    Call `check_aliases` first on documents that may contain aliases: the conversion expands
    them and assumes the expansion is bounded and acyclic.
    """

    __slots__ = ("problems", "value")

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.value = self._reader()

    def close(self) -> None:
        """Break the cycle of the reader's closures (`value` and `mapping` call each other), so
        that reference counting frees them: loading runs with the cyclic collector off, and the
        cycles of 5,000 documents cost more to collect afterwards than converting them did."""
        for cell in self.value.__closure__ or ():
            cell.cell_contents = None

    def _reader(self) -> Callable[[Node], Any]:
        # Closures over locals: this runs once per node of every manifest.
        scalars = _SCALARS
        problems = self.problems
        merge_tag, str_tag = MERGE, STR
        # one copy of each text: the model keeps names, topics and events that thousands of
        # manifests repeat (a fifth of the memory of a large estate)
        intern = sys.intern

        def value(node: Node) -> Any:
            cls = type(node)
            if cls is ScalarNode:
                tag = node.tag
                if tag == str_tag:
                    return intern(node.value)
                read = scalars.get(tag)
                return node.value if read is None else read(node)
            if cls is MappingNode:
                return mapping(node)
            # plain text inline: most items are names, and a call per item is most of the cost
            seq = YSeq(
                [
                    intern(item.value)
                    if type(item) is ScalarNode and item.tag == str_tag
                    else value(item)
                    for item in node.value
                ]
            )
            seq.node = node
            return seq

        def mapping(node: Node) -> YMap:
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
                    problems.append(duplicate(key, key_node, result.pair(key)[0]))
                    continue
                if key == "<<" and key_node.tag == merge_tag:
                    merges = (merges or []) + [value_node]
                    continue
                if type(value_node) is ScalarNode and value_node.tag == str_tag:
                    result[key] = intern(value_node.value)
                else:
                    result[key] = value(value_node)
            if merges:
                _merge(result, merges, mapping, problems)
            return result

        return value


def _merge(
    result: YMap, merges: list[Node], mapping: Callable[[Node], YMap], problems: list[Problem]
) -> None:
    """`<<: *base` (or a list of them): keys not given explicitly come from the bases, first
    base first; `mapping` reads a base as the converter reads any mapping."""
    result.bases = []
    for merged in merges:
        for source in merged.value if type(merged) is SequenceNode else [merged]:
            if type(source) is not MappingNode:
                line, column = mark_position(source)
                message = "'<<' merges mappings only; give it an alias of a mapping ('<<: *base')"
                problems.append(Problem("AL002", message, line, column))
                continue
            base = mapping(source)
            result.bases.append(base)
            for key, item in base.items():
                if key not in result:
                    result[key] = item


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
        return None, [too_deep(node)]
    finally:
        converter.close()
