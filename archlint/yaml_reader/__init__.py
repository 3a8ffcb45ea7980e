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
against alias bombs), keys (duplicate keys), values (nodes -> values with positions), problem
(what they share). The node types
the reader hands out are re-exported here: importers of the reader need no `yaml` import.
"""

from __future__ import annotations

from typing import Any

from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

from archlint.yaml_reader.aliases import MAX_EXPANDED_NODES, check_aliases, may_have_aliases
from archlint.yaml_reader.compose import compose_documents
from archlint.yaml_reader.keys import duplicate_keys
from archlint.yaml_reader.problem import MAP, NULL, Problem, mark_position, node_location
from archlint.yaml_reader.values import YMap, YSeq, to_value

__all__ = [
    "MAP",
    "MAX_EXPANDED_NODES",
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
    "compose_documents",
    "duplicate_keys",
    "mark_position",
    "node_location",
    "node_problems",
    "to_value",
    "value_of",
]


def value_of(document: Node, data: bytes) -> tuple[Any, list[Problem]]:
    """A document read as values (YMap, YSeq, scalars) and the problems met on the way.

    `data` is the file's bytes (only a file with anchors can hold aliases). A document whose
    aliases are refused is None with that AL001.
    """
    if may_have_aliases(data):
        refused = check_aliases(document)
        if refused is not None:
            return None, [refused]
    return to_value(document)


def node_problems(document: Node, data: bytes) -> list[Problem]:
    """What is wrong with a document read as nodes: an alias that makes it recursive or
    explosive (AL001, alone: the document must then not be read), else every repeated key
    (AL003). `data` is the file's bytes, as for `value_of`."""
    if may_have_aliases(data):
        refused = check_aliases(document)
        if refused is not None:
            return [refused]
    return duplicate_keys(document)
