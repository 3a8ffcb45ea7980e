"""The guard against aliases that make a document recursive or explosive ("billion laughs").

It runs on the node graph, where an alias is a node shared by two parents, before anything
walks the document as a tree: values for manifests, the AsyncAPI reading, the duplicate-key
scan. Those then expand aliases safely.
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from archlint.findings import LIMIT
from archlint.yaml_reader.problem import Problem, mark_position

# A document whose aliases expand it beyond this many nodes is refused ("billion laughs").
# A real manifest has a few hundred.
MAX_EXPANDED_NODES = 100_000


def may_have_aliases(data: bytes) -> bool:
    """Whether a file's bytes can hold an alias at all: only anchors (`&name`) make them."""
    return b"&" in data


def check_aliases(root: Node, max_nodes: int = MAX_EXPANDED_NODES) -> Problem | None:
    """A problem if aliases make the document recursive (AL001) or expand it past `max_nodes`
    (AL006, limits.nodes-per-document).

    Iterative, in time linear in the number of distinct nodes.
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
            if total > max_nodes:
                line, column = mark_position(root)
                return Problem(
                    LIMIT,
                    f"its aliases expand this document to more than {max_nodes} values "
                    "(limits.nodes-per-document); write the values out instead of nesting aliases",
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
        children: list[Node] = node.value
        return children
    return []
