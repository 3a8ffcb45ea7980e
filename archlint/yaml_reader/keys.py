"""Keys given twice in one mapping (AL003), which plain YAML loaders silently drop.

Manifests find them while they become values (archlint.yaml_reader.values); documents read
as nodes (AsyncAPI, and the files their `$ref`s name) are scanned here. Either way the
first value is the one used, and each repeat is reported at the repeated key in the same
words.
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode

from archlint.yaml_reader.problem import MERGE, Problem, mark_position, too_deep


def duplicate(key: str, key_node: Node, first: Node) -> Problem:
    """The problem of `key` at `key_node`, already given at `first`."""
    line, column = mark_position(key_node)
    return Problem(
        "AL003",
        f"duplicate key '{key}': it is already given on line {first.start_mark.line + 1} of this "
        "mapping, whose value is the one used; remove one of them",
        line,
        column,
    )


def duplicate_keys(root: Node) -> list[Problem]:
    """Every repeated key in the document at `root`, in document order.

    Call `check_aliases` first where the document may hold aliases: a shared mapping is
    scanned once per use (its problems are reported once).
    """
    found: list[Problem] = []
    try:
        _scan(root, found)
    except RecursionError:
        return [too_deep(root)]
    return sorted(set(found), key=lambda p: (p.line, p.column)) if found else found


def _scan(
    node: Node, found: list[Problem], mapping: type = MappingNode, scalar: type = ScalarNode
) -> None:
    # Recursion with the node types bound as defaults: this visits every collection of every
    # AsyncAPI document, and costs about a tenth of composing it.
    pairs = node.value
    if type(node) is mapping:
        size = len(pairs)
        if size == 2:  # the commonest shape in schemas ({type, format}): no set needed
            if pairs[0][0].value == pairs[1][0].value:
                found.extend(_repeats(pairs))
        elif size > 2:
            try:
                repeated = len({key.value for key, _ in pairs}) < size
            except TypeError:  # a mapping or list as a key: its value is a list
                repeated = True
            if repeated:
                found.extend(_repeats(pairs))
        for _, value in pairs:
            if type(value) is not scalar:
                _scan(value, found)
    else:
        for item in pairs:
            if type(item) is not scalar:
                _scan(item, found)


def _repeats(pairs: list[tuple[Node, Node]]) -> list[Problem]:
    """The repeated keys of one mapping (a mapping with a complex or merge key may have none)."""
    first: dict[str, Node] = {}
    out: list[Problem] = []
    for key_node, _ in pairs:
        if type(key_node) is not ScalarNode or key_node.tag == MERGE:
            continue
        if key_node.value in first:
            out.append(duplicate(key_node.value, key_node, first[key_node.value]))
        else:
            first[key_node.value] = key_node
    return out
