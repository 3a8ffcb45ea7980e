"""The one YAML reader: every YAML (or JSON) file of the estate goes through it, manifests,
AsyncAPI documents and the files their `$ref`s name alike, so that a file gets the same
problems, in the same words, at the same places, whatever it describes.

    documents, stopped = compose_documents(data)  # bytes -> one node per document, or AL001
    value, problems = value_of(document, data)    # a document read as values (manifests)
    problems = node_problems(document, data)      # a document read as nodes (AsyncAPI)

Problems come as `Problem` (code, message, 1-based line and column), to be put in a file
with `Problem.finding(path)`: AL001 for a file that is not readable UTF-8 YAML (encoding,
control characters, syntax, recursive or explosive aliases), AL003 for a key given twice
in one mapping. Nothing is ever constructed from a tag.

Modules: compose (bytes -> nodes), errors (the parser's errors, worded), aliases (the guard
against alias bombs), duplicates (keys given twice), values (nodes -> values with positions), problem
(what they share). The node types
the reader hands out are re-exported here: importers of the reader need no `yaml` import.
"""

from __future__ import annotations

from typing import Any

from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

from archlint.findings import LIMIT
from archlint.yaml_reader.aliases import MAX_EXPANDED_NODES, check_aliases
from archlint.yaml_reader.compose import MAX_DOCUMENTS, compose_documents
from archlint.yaml_reader.duplicates import duplicate_keys
from archlint.yaml_reader.limits import MAX_DEPTH, MAX_STRING, check_limits
from archlint.yaml_reader.problem import MAP, NULL, Problem, mark_position, node_location
from archlint.yaml_reader.values import YMap, YSeq, to_value

__all__ = [
    "LIMIT",
    "MAP",
    "MAX_DEPTH",
    "MAX_DOCUMENTS",
    "MAX_EXPANDED_NODES",
    "MAX_STRING",
    "NULL",
    "CollectionNode",
    "MappingNode",
    "Node",
    "Problem",
    "ScalarNode",
    "SequenceNode",
    "YMap",
    "YSeq",
    "check_aliases",
    "check_limits",
    "compose_documents",
    "duplicate_keys",
    "mark_position",
    "node_location",
    "node_problems",
    "to_value",
    "value_of",
]


def value_of(document: Node, data: bytes, **limits: int) -> tuple[Any, list[Problem]]:
    """A document read as values (YMap, YSeq, scalars) and the problems met on the way.

    `data` is the file's bytes; `limits`, check_limits' `max_*` keywords. A document that is
    refused (a recursive alias: AL001; past a limit: AL006) is None with that problem.
    """
    refused = check_limits(document, data, **limits)
    if refused is not None:
        return None, [refused]
    return to_value(document)


def node_problems(document: Node, data: bytes, **limits: int) -> list[Problem]:
    """What is wrong with a document read as nodes: a recursive alias (AL001) or a passed
    limit (AL006), alone (the document must then not be read), else every repeated key
    (AL003). `data` and `limits` as for `value_of`."""
    refused = check_limits(document, data, **limits)
    if refused is not None:
        return [refused]
    return duplicate_keys(document)
