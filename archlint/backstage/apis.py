"""What an API entity's definition says about its calls: reads only, or not.

`queries` when every operation the definition defines is a read: OpenAPI GET/HEAD (and
OPTIONS), gRPC methods named Get*/List*/Find*, a GraphQL schema with no Mutation type.
A definition that cannot be read (a URL, a missing file) counts as reads, and is said so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_RPC = re.compile(r"^\s*rpc\s+(\w+)", re.MULTILINE)
_READ_RPC = ("Get", "List", "Find")
_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_READ_HTTP = ("get", "head", "options")
SYNC_TYPES = ("openapi", "grpc", "graphql")


def openapi_reads(document: object) -> bool:
    """Whether every operation of an OpenAPI document (as values) is a GET/HEAD/OPTIONS."""
    paths = document.get("paths") if isinstance(document, Mapping) else None
    if not isinstance(paths, Mapping):
        return True
    for item in paths.values():
        if not isinstance(item, Mapping):
            continue
        for method in item:
            if str(method).lower() in _HTTP_METHODS and str(method).lower() not in _READ_HTTP:
                return False
    return True


def grpc_reads(text: str) -> bool:
    return all(name.startswith(_READ_RPC) for name in _RPC.findall(text))


def graphql_reads(text: str) -> bool:
    return re.search(r"\btype\s+Mutation\b|\bextend\s+type\s+Mutation\b", text) is None


def reads_only(api_type: str, definition: Any) -> bool:
    """Whether a sync API's definition (text, or OpenAPI values) defines reads only."""
    if api_type == "openapi":
        return openapi_reads(definition)
    text = definition if isinstance(definition, str) else ""
    return grpc_reads(text) if api_type == "grpc" else graphql_reads(text)
