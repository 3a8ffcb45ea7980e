"""What every part of the reader shares: the problems it reports, the YAML core tags, and
where a node is."""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import Node

from archlint.findings import Finding
from archlint.model import Location

STR = "tag:yaml.org,2002:str"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
MERGE = "tag:yaml.org,2002:merge"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a file, before any model exists: a code, a message, 1-based place."""

    code: str
    message: str
    line: int = 1
    column: int = 1

    def finding(self, path: str) -> Finding:
        """The problem as a finding in the file shown as `path`."""
        return Finding(
            code=self.code, message=self.message, location=Location(path, self.line, self.column)
        )


def mark_position(node: Node) -> tuple[int, int]:
    """A node's start as 1-based (line, column)."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def node_location(node: Node, path: str) -> Location:
    """Where a node starts, in the file shown as `path`."""
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def too_deep(node: Node) -> Problem:
    """Nesting deeper than a walk of the document can follow (libyaml itself stops at 1000)."""
    line, column = mark_position(node)
    return Problem("AL001", "the nesting is too deep to read; flatten the structure", line, column)
