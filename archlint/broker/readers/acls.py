"""`kafka-acls --list` output -> grants. Both the Java AclCommand's text (Kafka 3.x, 4.x)
and the older Scala one's (extra blanks around the header and the entries) are read; lines
that are neither a block header nor an entry (banners, blank lines) are skipped."""

from __future__ import annotations

import re

from archlint.broker.readers.part import BrokerPart
from archlint.model import ANY, LITERAL, PREFIX, Grant, Location

_HEADER = re.compile(
    r"Current ACLs for resource `ResourcePattern\(resourceType=(?P<type>\w+), "
    r"name=(?P<name>.*), patternType=(?P<pattern>\w+)\)`:\s*$"
)
_ENTRY = re.compile(
    r"^\s*\(principal=(?P<principal>.*), host=(?P<host>.*), operation=(?P<operation>\w+), "
    r"permissionType=(?P<permission>\w+)\)\s*$"
)


def read_acls(path: str, text: str) -> BrokerPart:
    part = BrokerPart()
    resource: tuple[str, str, str] | None = None  # (type, name, pattern type)
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.search(line)
        if header:
            resource = (header["type"].upper(), header["name"], header["pattern"].upper())
            continue
        entry = _ENTRY.match(line)
        if entry is None or resource is None or resource[0] != "TOPIC":
            continue
        _, name, pattern = resource
        column = line.index("(") + 1
        part.grants.append(
            Grant(
                principal=entry["principal"],
                pattern=name,
                pattern_type=ANY if name == "*" else PREFIX if pattern == "PREFIXED" else LITERAL,
                operations=frozenset({entry["operation"].upper()}),
                location=Location(path, number, column),
                allow=entry["permission"].upper() == "ALLOW",
            )
        )
    return part
