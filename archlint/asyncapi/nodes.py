"""Reading PyYAML's composed node tree: mappings by key, scalars as text, marks as Locations.

The converter walks only the few paths it needs (info, channels, operations, messages) and
never constructs Python objects for the rest of the document (schemas, examples, servers),
which is what keeps it cheap next to parsing.
"""

from __future__ import annotations

import yaml

from archlint.model import Location

NULL_TAG = "tag:yaml.org,2002:null"

try:  # libyaml's composer, where PyYAML was built with it; same nodes, same marks
    Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was installed
    Loader = yaml.SafeLoader


def compose(text: str) -> yaml.Node | None:
    """The first document of a YAML (or JSON) text as a node tree; raises yaml.YAMLError."""
    loader = Loader(text)
    try:
        # get_single_node would refuse a file of several documents; a $ref target is its first.
        return loader.get_node() if loader.check_node() else None
    finally:
        loader.dispose()


def location(node: yaml.Node, path: str) -> Location:
    """Where a node starts, 1-based."""
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def is_mapping(node) -> bool:
    return isinstance(node, yaml.MappingNode)


def is_sequence(node) -> bool:
    return isinstance(node, yaml.SequenceNode)


def text(node) -> str | None:
    """A scalar's text, or None for a null, a missing node, a mapping or a sequence."""
    if isinstance(node, yaml.ScalarNode) and node.tag != NULL_TAG:
        return node.value
    return None


def entries(node) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """A mapping's (key text, key node, value node), in document order; [] for a non-mapping.

    A key given twice is the loader's finding (AL003); the first one is read here.
    """
    if not isinstance(node, yaml.MappingNode):
        return []
    seen: set[str] = set()
    out = []
    for key_node, value in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key is None or key in seen:
            continue
        seen.add(key)
        out.append((key, key_node, value))
    return out


def get(node, key: str) -> yaml.Node | None:
    """The value of `key` in a mapping node (the first, if repeated), else None."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value
    return None


def key_node(node, key: str) -> yaml.Node | None:
    """The key node of `key` in a mapping node, for pointing at `key:` itself."""
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k
    return None


def get_text(node, key: str) -> str | None:
    return text(get(node, key))


def items(node) -> list[yaml.Node]:
    """A sequence's items; [] for anything else."""
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []
