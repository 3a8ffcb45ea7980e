"""Bytes -> PyYAML nodes, one per document, or the AL001 problem that stopped the reading.

libyaml's C parser is used where PyYAML was built with it (the pure-Python one is about 10x
slower). Only nodes are composed, never objects: no tag is ever constructed. Bad encodings,
control characters and syntax errors are worded with how to fix them, at PyYAML's problem
mark, whatever the file holds (manifests, AsyncAPI documents, the files their `$ref`s name).
"""

from __future__ import annotations

import operator
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from archlint.findings import LIMIT
from archlint.yaml_reader.errors import reader_problem, syntax_problem, utf8_problem, utf16_problem
from archlint.yaml_reader.problem import MAP, SEQ, STR, Problem
from archlint.yaml_reader.surrogates import join_escaped_pairs, move_marks

MAX_DOCUMENTS = 10_000  # documents read of one file (limits.documents-per-file)

# libyaml's parser, where PyYAML was built with it (tests turn it off to compare the two)
HAVE_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))

_TAGS: dict[str, str] = {}  # plain scalar text -> its implicit tag, shared by every file
_MAX_TAGS = 200_000


class CachedTagResolver(Resolver):
    """yaml.SafeLoader's resolver, minus the work that cannot change its answers.

    The implicit tag of a plain scalar depends on its text alone (the safe resolver has no
    path resolvers), and manifests repeat the same texts ('topic', 'name', service names)
    thousands of times: remembering them makes composing about 1.5x faster. The parser
    calls descend/ascend_resolver for every node only to support path resolvers.
    """

    # Called for every node, only for path resolvers, which the safe resolver has none of.
    # Builtins (which do not bind to the instance) cost less than a Python method per call.
    descend_resolver = operator.is_  # type: ignore[assignment]  # (parent, index) -> ignored
    ascend_resolver = tuple  # type: ignore[assignment]  # () -> ignored

    def resolve(  # the defaults bind the lookups once, for speed
        self,
        kind: type[Node],
        value: Any,
        implicit: tuple[bool, bool],
        _resolve: Any = Resolver.resolve,
        _get: Any = _TAGS.get,
    ) -> str:
        if kind is ScalarNode:
            if not implicit[0]:
                return STR
            tag: str | None = _get(value)
            if tag is None:
                if len(_TAGS) >= _MAX_TAGS:
                    _TAGS.clear()
                tag = _TAGS[value] = _resolve(self, kind, value, (True, False))
            return tag
        return SEQ if kind is SequenceNode else MAP


if HAVE_LIBYAML:
    from yaml._yaml import CParser

    class CComposer(CParser, CachedTagResolver):
        """libyaml's parser and composer, with the safe resolver: nodes only, never objects."""

        def __init__(self, stream: bytes | str) -> None:
            CParser.__init__(self, stream)
            CachedTagResolver.__init__(self)


class PyComposer(Reader, Scanner, Parser, Composer, CachedTagResolver):
    """PyYAML's pure-Python parser and composer, where libyaml is missing."""

    def __init__(self, stream: bytes | str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        CachedTagResolver.__init__(self)


def compose_documents(
    data: bytes, fast: bool | None = None, max_documents: int = MAX_DOCUMENTS
) -> tuple[list[Node], Problem | None]:
    """Every document of a file as a node, and the problem that stopped reading, if any: AL001,
    or AL006 at the document past `max_documents`.

    Documents before a syntax error are returned, so one broken document does not hide the
    others from checks that do not depend on it.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return [], utf16_problem()
    data, shifts = join_escaped_pairs(data)
    use_c = HAVE_LIBYAML if fast is None else (fast and HAVE_LIBYAML)
    if use_c:
        stream: bytes | str = data  # libyaml checks UTF-8 itself: no decoding pass here
    else:
        try:
            stream = data.decode("utf-8")
        except UnicodeDecodeError as error:
            return [], utf8_problem(data, error)
    documents: list[Node] = []
    loader: CComposer | PyComposer | None = None
    try:
        # the Python one checks the characters here
        loader = CComposer(stream) if use_c else PyComposer(stream)
        while loader.check_node():
            node = loader.get_node()
            assert node is not None  # check_node said there is one
            if len(documents) == max_documents:
                return documents, _too_many(node, max_documents)
            documents.append(node)
    except yaml.reader.ReaderError as error:
        return documents, reader_problem(data, stream, error)
    except yaml.MarkedYAMLError as error:
        return documents, syntax_problem(error, stream)
    except yaml.YAMLError as error:  # any other parser error: still a finding, never a crash
        return documents, Problem("AL001", f"invalid YAML: {error}; fix the YAML syntax")
    except RecursionError:  # the pure-Python composer on absurdly deep nesting
        return documents, Problem(
            "AL001", "invalid YAML: the nesting is too deep; flatten the structure"
        )
    finally:
        if loader is not None:
            loader.dispose()
        if shifts is not None:
            move_marks(documents, shifts)
    return documents, None


def _too_many(node: Node, max_documents: int) -> Problem:
    mark = node.start_mark
    message = (
        f"this file holds more than {max_documents} YAML documents (limits.documents-per-file); "
        "split it into several files, or raise the limit"
    )
    return Problem(LIMIT, message, mark.line + 1, mark.column + 1)
