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

from archlint.yaml_reader.problem import MAP, SEQ, STR, Problem

try:  # libyaml's parser, where PyYAML was built with it
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - depends on the PyYAML build
    CParser = None

HAVE_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False)) and CParser is not None

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
    descend_resolver = operator.is_  # (parent, index) -> ignored
    ascend_resolver = tuple  # () -> ignored

    def resolve(  # type: ignore[override]  # the defaults bind lookups once, for speed
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
            tag = _get(value)
            if tag is None:
                if len(_TAGS) >= _MAX_TAGS:
                    _TAGS.clear()
                tag = _TAGS[value] = _resolve(self, kind, value, (True, False))
            return tag
        return SEQ if kind is SequenceNode else MAP


if CParser is not None:

    class CComposer(CParser, CachedTagResolver):
        """libyaml's parser and composer, with the safe resolver: nodes only, never objects."""

        def __init__(self, stream: bytes | str) -> None:
            CParser.__init__(self, stream)
            CachedTagResolver.__init__(self)

else:  # pragma: no cover - depends on the PyYAML build
    CComposer = None


class PyComposer(Reader, Scanner, Parser, Composer, CachedTagResolver):
    """PyYAML's pure-Python parser and composer, where libyaml is missing."""

    def __init__(self, stream: bytes | str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        CachedTagResolver.__init__(self)


def compose_documents(data: bytes, fast: bool | None = None) -> tuple[list[Node], Problem | None]:
    """Every document of a file as a node, and the AL001 problem that stopped reading, if any.

    Documents before a syntax error are returned, so one broken document does not hide the
    others from checks that do not depend on it.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return [], Problem("AL001", "the file is UTF-16; save it as UTF-8")
    use_c = HAVE_LIBYAML if fast is None else (fast and HAVE_LIBYAML)
    if use_c:
        stream: bytes | str = data  # libyaml checks UTF-8 itself: no decoding pass here
    else:
        try:
            stream = data.decode("utf-8")
        except UnicodeDecodeError as error:
            return [], _utf8_problem(data, error)
    documents: list[Node] = []
    loader = None
    try:
        loader = (CComposer if use_c else PyComposer)(
            stream
        )  # the Python one checks characters here
        while loader.check_node():
            documents.append(loader.get_node())
    except yaml.reader.ReaderError as error:
        return documents, _reader_problem(data, stream, error)
    except yaml.MarkedYAMLError as error:
        return documents, _syntax_problem(error, stream)
    except yaml.YAMLError as error:  # any other parser error: still a finding, never a crash
        return documents, Problem("AL001", f"invalid YAML: {error}; fix the YAML syntax")
    except RecursionError:  # the pure-Python composer on absurdly deep nesting
        return documents, Problem(
            "AL001", "invalid YAML: the nesting is too deep; flatten the structure"
        )
    finally:
        if loader is not None:
            loader.dispose()
    return documents, None


def _position(text: bytes | str, offset: int) -> tuple[int, int]:
    newline = b"\n" if isinstance(text, bytes) else "\n"
    line_start = text.rfind(newline, 0, offset) + 1
    prefix = text[line_start:offset]
    if isinstance(prefix, bytes):
        prefix = prefix.decode("utf-8", "replace")
    return text.count(newline, 0, offset) + 1, len(prefix) + 1


def _utf8_problem(data: bytes, error: UnicodeDecodeError) -> Problem:
    line, column = _position(data, error.start)
    byte = data[error.start]
    return Problem(
        "AL001", f"invalid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8", line, column
    )


def _reader_problem(data: bytes, stream: bytes | str, error: yaml.reader.ReaderError) -> Problem:
    if isinstance(stream, bytes):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            return _utf8_problem(data, bad)
    line, column = _position(stream, error.position)
    char = error.character
    code = f"U+{char:04X}" if isinstance(char, int) else repr(char)
    return Problem(
        "AL001",
        f"invalid YAML: control character {code} is not allowed; remove it or escape it in a double-quoted string",
        line,
        column,
    )


# problem text (as PyYAML and libyaml word it) -> how to fix it
_SYNTAX_HINTS = (
    ("'\\t'", "indent with spaces, not tabs"),
    (
        "mapping values are not allowed",
        "put quotes around a value that contains ': ', or fix this line's indentation",
    ),
    ("could not find expected ':'", "add the ':' after the key, or put quotes around the value"),
    ("did not find expected key", "fix this line's indentation to match its siblings"),
    ("did not find expected '-'", "fix this line's indentation to match the list's other entries"),
    ("expected <block end>", "fix this line's indentation to match the lines above"),
    ("found undefined alias", "define the anchor ('&name') before the alias ('*name') uses it"),
    ("found duplicate anchor", "give each anchor ('&name') its own name"),
    ("found unexpected end of stream", "close the quote or bracket that is still open"),
    (
        "found unknown escape character",
        "use a valid escape, or single quotes, in which '\\' is literal",
    ),
    ("cannot start any token", "put quotes around a value that starts with this character"),
    ("exceeded maximum nesting depth", "flatten the structure"),
    (
        "expected node content",
        "write the missing value, or close the '[' or '{' that is still open",
    ),
    (
        "expected the node content",
        "write the missing value, or close the '[' or '{' that is still open",
    ),
    ("expected ',' or ']'", "close the list with ']' or separate its entries with ','"),
    ("expected ',' or '}'", "close the mapping with '}' or separate its entries with ','"),
    ("found a tab character", "indent with spaces, not tabs"),
)


def _syntax_problem(error: yaml.MarkedYAMLError, stream: bytes | str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    what = (error.problem or error.context or "syntax error").strip()
    if "duplicate anchor" in (error.context or "") and error.context_mark is not None:
        # PyYAML words this one as context "found duplicate anchor 'x'; first occurrence", problem "second occurrence"
        what = f"{error.context.split(';')[0]}, first defined on line {error.context_mark.line + 1}"
    if "cannot start any token" in what and _char_at(stream, line, column) == "\t":
        what, hint = (
            "found a tab character that cannot start any token",
            "indent with spaces, not tabs",
        )
    else:
        hint = next(
            (fix for needle, fix in _SYNTAX_HINTS if needle in what), "fix the YAML syntax here"
        )
    return Problem("AL001", f"invalid YAML: {what}; {hint}", line, column)


def _char_at(stream: bytes | str, line: int, column: int) -> str:
    text = stream.decode("utf-8", "replace") if isinstance(stream, bytes) else stream
    lines = text.split("\n")
    if line - 1 < len(lines) and column - 1 < len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""
