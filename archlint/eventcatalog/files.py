"""The shell of the EventCatalog reader: one page file's bytes -> a Page, or its problems.

A page's frontmatter is the YAML between the first line `---` and the next `---` (or
`...`) line; it is read by archlint's one YAML reader, so it gets the same problems, in the
same words, as a manifest, each moved down by the frontmatter's first line: YAML line n is
file line n + 1.
"""

from __future__ import annotations

import re
from typing import Any

from archlint.config.settings import LIMITS, Limits
from archlint.eventcatalog.pages import Page, place_of
from archlint.findings import Finding
from archlint.model import Location
from archlint.yaml_reader import Problem, YMap, YSeq, compose_documents, mark_position, value_of

_OPEN = (b"---\n", b"---\r\n")
_LINE = re.compile(r"(\bon line )(\d+)")
_CLOSING = re.compile(rb"\n(?:---|\.\.\.)[ \t]*\r?(?=\n|\Z)")  # the line that ends it


def frontmatter(data: bytes) -> tuple[bytes, int] | None:
    """(the frontmatter's YAML, the file line before its first line), or None for a file
    that has none. An unclosed frontmatter runs to the end of the file."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.startswith(_OPEN):
        return None
    start = data.index(b"\n") + 1
    closing = _CLOSING.search(data, start - 1)
    return (data[start : closing.start() + 1] if closing else data[start:]), 1


def _locator(offset: int, root: Any) -> Any:
    start = (offset + 1, 1)

    def locate(container: object, key: str | int | None) -> tuple[int, int]:
        try:
            if isinstance(container, YMap) and isinstance(key, str):
                line, column = mark_position(container.value_node(key))
            elif isinstance(container, YSeq) and isinstance(key, int):
                line, column = mark_position(container.node.value[key])
            else:
                return start
        except (KeyError, IndexError, AttributeError):
            return start
        return line + offset, column

    return locate


def read_page(path: str, data: bytes, limits: Limits = LIMITS) -> tuple[Page | None, list[Finding]]:
    """The page at display path `path` (None: not a catalog page, or unreadable) and the
    problems of its frontmatter, read within `limits` (AL006 past one)."""
    place = place_of(path)
    found = frontmatter(data) if place is not None else None
    if place is None or found is None:
        return None, []
    text, offset = found
    nodes, stopped = compose_documents(text, max_documents=limits.documents_per_file)
    findings = []
    if stopped is not None:
        findings.append(_moved(stopped, path, offset))
        return None, findings
    if not nodes:
        return None, findings
    value, problems = value_of(nodes[0], text, **limits.reader)
    findings.extend(_moved(p, path, offset) for p in problems)
    if value is None and problems:  # refused (a recursive alias, a passed limit): said so
        return None, findings
    if not isinstance(value, YMap):
        findings.append(
            Finding(
                "AL002",
                "the frontmatter must be a mapping of keys such as 'id', 'name', 'version'",
                Location(path, offset + 1, 1),
            )
        )
        return None, findings
    return Page(path, place, value, _locator(offset, value)), findings


def _moved(problem: Problem, path: str, offset: int) -> Finding:
    """A problem of the frontmatter's YAML at its place in the file; the line numbers its
    message names ("already given on line 1") are moved too."""
    message = _LINE.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + offset}", problem.message)
    return Finding(problem.code, message, Location(path, problem.line + offset, problem.column))
