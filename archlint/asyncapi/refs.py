"""`$ref` resolution on the composed node tree, lazily, with positions.

Only the references on the paths the converter reads are followed (a payload schema's
`$ref` to a URL is never touched). Local references (`#/components/messages/x`) and
references to files beside the document (`../common/messages.yaml#/commentLiked`, relative
to the file the `$ref` is written in) are resolved, each at most once per document. A
reference that cannot be followed (missing target, unreadable file, remote URL, cycle) is
one AL002 finding at the `$ref` that breaks, never an exception.

Other files are read by the one YAML reader, as the document itself was: what is wrong in
them (AL001: encoding, syntax, aliases; AL003: a repeated key) is reported in that file, at
its own line and column, in the words a manifest would get.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import unquote

from archlint.asyncapi import nodes
from archlint.config.settings import LIMITS, Limits
from archlint.findings import Finding
from archlint.model import Location
from archlint.yaml_reader import (
    LIMIT,
    MappingNode,
    Node,
    Problem,
    SequenceNode,
    compose_documents,
    node_problems,
)

# Reads a file named relative to the document's folder; raises OSError as open() does.
ReadFile = Callable[[str], bytes]

INVALID = "AL002"
_REMOTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # a URL scheme (one letter is a drive)
_DRIVE = re.compile(r"^[A-Za-z]:")  # C:/x or C:x, a Windows drive


class Resolved(NamedTuple):
    """A node after following references (a named tuple: one is made for every node read).

    `source` is the file it lives in: "" for the document, else a path relative to the
    document's folder; a `$ref` inside it is relative to that file. `key` is the name the
    node is defined under (`#/components/messages/UserSignedUp` -> "UserSignedUp"), used
    where AsyncAPI takes a component's key as its name.
    """

    node: Node
    source: str = ""
    key: str | None = None


# A `$ref` value's node and the file it is written in: where a broken one is reported (its
# Location is worked out only then: most references are fine).
_RefAt = tuple[Node, str]


class _Broken(Exception):
    """A reference that cannot be followed: what is wrong, and at which `$ref` (AL002, or
    AL006 for a chain past limits.ref-depth)."""

    def __init__(self, message: str, at: _RefAt, code: str = INVALID) -> None:
        super().__init__(message)
        self.message = message
        self.at = at
        self.code = code


class ExpansionLimit(Exception):
    """Following `$ref`s read more than limits.nodes-per-document nodes, or followed more than
    limits.ref-expansions `$ref`s: a fan-out bomb (ten `$ref`s per `oneOf`, nine levels, is a
    billion messages from 4 KB). The document is refused."""


def _expansion_limit(what: str, limit: int, key: str) -> ExpansionLimit:
    return ExpansionLimit(
        f"its $refs expand this document to more than {limit} {what} (limits.{key}); "
        "refer to each message once instead of nesting `oneOf`s of `$ref`s, or raise the limit"
    )


class RefResolver:
    """Follows the `$ref`s of one document; collects a finding per broken `$ref`, and the
    reader's findings in the other files it reads."""

    def __init__(
        self, root: Node, path: str, read_file: ReadFile | None, limits: Limits = LIMITS
    ) -> None:
        self.path = path
        self.read_file = read_file
        self.limits = limits
        self.findings: list[Finding] = []
        self._files: dict[str, Node | str | None] = {"": root}  # node, or why not
        self._memo: dict[tuple[str, str], Resolved | tuple[_Broken, _RefAt]] = {}
        self._reported: set[tuple[Location, str]] = set()
        self._index: dict[int, dict[str, Node]] = {}  # id of a mapping (kept alive) -> keys
        self._expanded = 0  # nodes read through deref: what a fan-out of $refs multiplies
        self._followed = 0  # $refs followed by deref

    # -- public --------------------------------------------------------------------------

    def deref(self, node: Node | None, source: str = "", key: str | None = None) -> Resolved | None:
        """`node` itself, or what its `$ref` chain points at; None (reported) if broken.
        Raises ExpansionLimit past limits.nodes-per-document nodes read in one document, or
        limits.ref-expansions `$ref`s followed."""
        self._expanded += 1
        if self._expanded > self.limits.nodes_per_document:
            raise _expansion_limit("values", self.limits.nodes_per_document, "nodes-per-document")
        ref_node = nodes.get(node, "$ref")
        if ref_node is None:  # and for a node that is None
            return None if node is None else Resolved(node, source, key)
        self._followed += 1
        if self._followed > self.limits.ref_expansions:
            raise _expansion_limit("$refs followed", self.limits.ref_expansions, "ref-expansions")
        try:
            found = self._follow(ref_node, source, frozenset(), 0)
        except _Broken as broken:
            self._report(broken)
            return None
        if found.key is None and key is not None:  # defined inline: named by the caller's key
            return Resolved(found.node, found.source, key)
        return found

    def keys(self, node: Node | None) -> dict[str, Node]:
        """A mapping's values by key (the first of a repeated key; {} for a non-mapping),
        built once per mapping of the document: pointers walk the same few (the root,
        `components`, `messages`) again and again."""
        if type(node) is not MappingNode:
            return {}
        index = self._index.get(id(node))
        if index is None:
            index = self._index[id(node)] = nodes.fields(node)
        return index

    def location(self, node: Node, source: str) -> Location:
        """Where `node` starts, in the file it was read from."""
        return nodes.location(node, self.display(source))

    def display(self, source: str) -> str:
        """The path to show for a referenced file: beside the document's own path."""
        if not source:
            return self.path
        if posixpath.isabs(source):
            return source
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.path), source))

    # -- following -----------------------------------------------------------------------

    def _follow(
        self, ref_node: Node, source: str, visiting: frozenset[tuple[str, str]], depth: int
    ) -> Resolved:
        """Follow the `$ref` whose value is `ref_node` (read from `source`) to a node that is
        not a reference."""
        at = (ref_node, source)
        ref = nodes.text(ref_node)
        if ref is None:
            raise _Broken("$ref must be a string such as '#/components/messages/Name'", at)
        memo_key = (source, ref)
        memo = self._memo.get(memo_key)
        if isinstance(memo, Resolved):
            return memo
        if memo is not None:
            broken, first_at = memo
            # Broken here: report at this $ref too; broken further on: at that one, once.
            raise _Broken(broken.message, at) if broken.at == first_at else broken
        try:
            found = self._target(ref, source, visiting, depth, at)
        except _Broken as broken:
            if not visiting:  # a cycle seen from inside another chain may not be one alone
                self._memo[memo_key] = (broken, at)
            raise
        self._memo[memo_key] = found
        return found

    def _target(
        self,
        ref: str,
        source: str,
        visiting: frozenset[tuple[str, str]],
        depth: int,
        at: _RefAt,
    ) -> Resolved:
        file_part, _, fragment = ref.partition("#")
        if _REMOTE.match(file_part):
            raise _Broken(
                f"$ref '{ref}' points to a remote document, which archlint does not "
                "fetch; copy it beside the document and refer to the copy",
                at,
            )
        target = source
        if file_part:
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(source), _relative(unquote(file_part), ref, at))
            )
        ident = (target, fragment)
        if ident in visiting:
            raise _Broken(f"$ref '{ref}' is circular: following it leads back to itself", at)
        if depth >= self.limits.ref_depth:
            raise _Broken(
                f"$ref '{ref}' leads through more than {self.limits.ref_depth} $refs in a row "
                "(limits.ref-depth); refer to the target directly, or raise the limit",
                at,
                LIMIT,
            )
        visiting = visiting | {ident}
        node = self._file(target, ref, at)
        whole_file = file_part and not fragment  # a message in a file of its own: its name
        key = posixpath.splitext(posixpath.basename(target))[0] if whole_file else None
        if fragment:
            node, target, key = self._walk(node, target, fragment, ref, at, visiting, depth)
        ref_node = nodes.get(node, "$ref")
        if ref_node is not None:
            inner = self._follow(ref_node, target, visiting, depth + 1)
            return inner if inner.key is not None else Resolved(inner.node, inner.source, key)
        return Resolved(node, target, key)

    def _walk(
        self,
        node: Node,
        target: str,
        fragment: str,
        ref: str,
        at: _RefAt,
        visiting: frozenset[tuple[str, str]],
        depth: int,
    ) -> tuple[Node, str, str | None]:
        """Down the JSON pointer `fragment` from `node` (in file `target`), following the
        `$ref`s met on the way: (node, its file, the key it is defined under)."""
        key: str | None = None
        previous = None
        for segment in _pointer(fragment, ref, at):
            keys = self.keys(node)
            if "$ref" in keys:
                inner = self._follow(keys["$ref"], target, visiting, depth + 1)
                node, target = inner.node, inner.source
                keys = self.keys(node)
            if type(node) is MappingNode:
                child = keys.get(segment)
                # A 2.x operation's inline `message` is not named `message`.
                inline = segment == "message" and previous in ("publish", "subscribe")
                key = None if inline else segment
            elif (
                type(node) is SequenceNode and segment.isdigit() and int(segment) < len(node.value)
            ):
                child, key = node.value[int(segment)], None
            else:
                child = None
            if child is None:
                shown = self.display(target) if target else "this document"
                raise _Broken(f"$ref '{ref}' points to nothing: '{fragment}' is not in {shown}", at)
            node, previous = child, segment
        return node, target, key

    def _file(self, source: str, ref: str, at: _RefAt) -> Node:
        if source not in self._files:
            self._files[source] = self._read(source)
        found = self._files[source]
        if isinstance(found, str):
            raise _Broken(f"$ref '{ref}' cannot be followed: {found}", at)
        if found is None:
            raise _Broken(f"$ref '{ref}' points to an empty file", at)
        return found

    def _read(self, source: str) -> Node | str | None:
        """The first document of another file, or why it cannot be followed."""
        shown = self.display(source)
        if self.read_file is None:
            return f"'{shown}' is another file, and only in-memory texts are being read"
        try:
            data = self.read_file(source)
        except OSError as exc:
            return f"'{shown}' cannot be read ({exc.strerror or exc})"
        limits = self.limits
        documents, stopped = compose_documents(data, max_documents=limits.documents_per_file)
        problems = node_problems(documents[0], data, **limits.reader) if documents else []
        self.findings.extend(p.finding(shown) for p in problems)
        if stopped is not None:
            self.findings.append(stopped.finding(shown))
        unreadable = next((p for p in problems if p.code in ("AL001", LIMIT)), None)
        if not documents or unreadable is not None:
            return _unreadable(shown, unreadable or stopped)
        return documents[0]

    def _report(self, broken: _Broken) -> None:
        where = self.location(*broken.at)
        if (where, broken.message) in self._reported:
            return
        self._reported.add((where, broken.message))
        self.findings.append(Finding(code=broken.code, message=broken.message, location=where))


def _unreadable(shown: str, problem: Problem | None) -> str | None:
    """Why a file without a readable first document cannot be followed (None: it is empty)."""
    if problem is None:
        return None
    if problem.code == LIMIT:
        return f"'{shown}:{problem.line}:{problem.column}' is past a limit (its AL006 says which)"
    return f"'{shown}:{problem.line}:{problem.column}' is not valid YAML (its AL001 says how to fix it)"


def _relative(file_part: str, ref: str, at: _RefAt) -> str:
    """`file_part` if it is a path relative to the document; absolute paths (the runner's
    files, `/dev/stdin`) and null bytes are refused. A `..` that leaves the linted tree is
    refused by the reader (archlint.loader.reading)."""
    if "\0" in file_part:
        raise _Broken(f"$ref {ref!r} holds a null byte, which no file name can hold; remove it", at)
    if file_part.startswith(("/", "\\")) or _DRIVE.match(file_part):
        raise _Broken(
            f"$ref {ref!r} is an absolute path, which archlint does not follow: write the path "
            "relative to the document, to a file inside the linted folders",
            at,
        )
    return file_part


def _pointer(fragment: str, ref: str, at: _RefAt) -> list[str]:
    """The JSON pointer's segments, unescaped (RFC 6901: ~1 is '/', ~0 is '~')."""
    fragment = unquote(fragment)
    if not fragment:
        return []
    if not fragment.startswith("/"):
        raise _Broken(
            f"$ref '{ref}' has a fragment that is not a JSON pointer; write it as '#/path/to/node'",
            at,
        )
    segments = fragment[1:].split("/")
    if "~" not in fragment:  # nearly always: nothing to unescape
        return segments
    return [s.replace("~1", "/").replace("~0", "~") for s in segments]
