"""Reading the composed node tree (archlint.yaml_reader): mappings by key, scalars as text,
marks as Locations.

The converter walks only the few paths it needs (info, channels, operations, messages) and
never constructs Python objects for the rest of the document (schemas, examples, servers),
which is what keeps it cheap next to parsing. A key given twice is the reader's finding
(AL003); the first one is read here, as in manifests.
"""

from __future__ import annotations

from archlint.yaml_reader import NULL, MappingNode, Node, ScalarNode, SequenceNode, node_location

location = node_location  # where a node starts, as a Location in the file shown as `path`


def is_mapping(node: Node | None) -> bool:
    return type(node) is MappingNode


def is_sequence(node: Node | None) -> bool:
    return type(node) is SequenceNode


def text(node: Node | None) -> str | None:
    """A scalar's text, or None for a null, a missing node, a mapping or a sequence."""
    if type(node) is ScalarNode and node.tag != NULL:
        value: str = node.value
        return value
    return None


def entries(node: Node | None) -> list[tuple[str, Node, Node]]:
    """A mapping's (key text, key node, value node), in document order, each key once (its
    first occurrence); [] for a non-mapping."""
    if type(node) is not MappingNode:
        return []
    seen: set[str] = set()
    out: list[tuple[str, Node, Node]] = []
    for key_node, value in node.value:
        if type(key_node) is not ScalarNode or key_node.value in seen:
            continue
        seen.add(key_node.value)
        out.append((key_node.value, key_node, value))
    return out


def fields(node: Node | None) -> dict[str, Node]:
    """A mapping's values by key (the first of a repeated key); {} for anything else. One
    pass, for a mapping asked for several keys."""
    if type(node) is not MappingNode:
        return {}
    return {k.value: v for k, v in reversed(node.value) if type(k) is ScalarNode}


def get(node: Node | None, key: str) -> Node | None:
    """The value of `key` in a mapping node (the first, if repeated), else None."""
    if type(node) is MappingNode:
        for key_node, value in node.value:
            # the text first: it differs for almost every pair, and costs less than the type
            if key_node.value == key and type(key_node) is ScalarNode:
                found: Node = value
                return found
    return None


def pair(node: Node | None, key: str) -> tuple[Node, Node] | None:
    """(key node, value node) of `key` in a mapping node (the first, if repeated), else None."""
    if type(node) is MappingNode:
        for found in node.value:
            if found[0].value == key and type(found[0]) is ScalarNode:
                key_and_value: tuple[Node, Node] = found
                return key_and_value
    return None


def key_node(node: Node | None, key: str) -> Node | None:
    """The key node of `key` in a mapping node, for pointing at `key:` itself."""
    if type(node) is MappingNode:
        for k, _ in node.value:
            if k.value == key and type(k) is ScalarNode:
                found: Node = k
                return found
    return None


def get_text(node: Node | None, key: str) -> str | None:
    return text(get(node, key))


def items(node: Node | None) -> list[Node]:
    """A sequence's items; [] for anything else."""
    return list(node.value) if type(node) is SequenceNode else []
