"""The limits one document is read within (limits: in the configuration, docs/limits.md):
values after its aliases are expanded, nesting depth, characters of one value or key.

One walk, level by level, before anything reads the document as a tree; aliases are
checked first (archlint.yaml_reader.aliases), so that the walk of an aliased document is
bounded by the values it expands to.
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, SequenceNode

from archlint.findings import LIMIT
from archlint.yaml_reader.aliases import MAX_EXPANDED_NODES, check_aliases, may_have_aliases
from archlint.yaml_reader.problem import Problem, mark_position

MAX_DEPTH = 100
MAX_STRING = 100_000


def check_limits(
    root: Node,
    data: bytes,
    max_nodes: int = MAX_EXPANDED_NODES,
    max_depth: int = MAX_DEPTH,
    max_string: int = MAX_STRING,
) -> Problem | None:
    """The first limit the document passes (AL006), or a recursive alias (AL001), else None.
    `data` is the file's bytes: only a file with anchors can hold aliases, only one longer
    than `max_string` a value that long."""
    if may_have_aliases(data):
        refused = check_aliases(root, max_nodes)
        if refused is not None:
            return refused
    long_strings = len(data) > max_string
    level: list[Node] = [root]
    depth = count = 0
    while level:
        depth += 1
        count += len(level)
        if count > max_nodes:
            return _problem(
                root,
                f"this document holds more than {max_nodes} values",
                "nodes-per-document",
                "split it into several files",
            )
        below: list[Node] = []
        for node in level:
            cls = type(node)
            if cls is MappingNode:
                for pair in node.value:
                    below.extend(pair)
            elif cls is SequenceNode:
                below.extend(node.value)
            elif long_strings and len(node.value) > max_string:
                return _problem(
                    node,
                    f"this value is longer than {max_string} characters",
                    "string-length",
                    "shorten it",
                )
        if below and depth >= max_depth:
            return _problem(
                below[0],
                f"the nesting is deeper than {max_depth} levels",
                "nesting-depth",
                "flatten the structure",
            )
        level = below
    return None


def _problem(node: Node, what: str, limit: str, fix: str) -> Problem:
    line, column = mark_position(node)
    return Problem(LIMIT, f"{what} (limits.{limit}); {fix}, or raise the limit", line, column)
