"""Helpers for the AsyncAPI tests: load a document from text, and view a service without
positions (to compare models that come from different files)."""

from __future__ import annotations

import posixpath
import textwrap
from pathlib import Path

from archlint.asyncapi import load_asyncapi
from archlint.model import Service
from archlint.yaml_reader import Node, compose_documents

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "asyncapi"


def load_doc(text: str, path: str = "svc/asyncapi.yaml", contexts=None, files=None, reader=True):
    """load_asyncapi on `text`; `files` are the other files (text or bytes), by path relative
    to the document's folder; reader=False passes read_file=None (in-memory loading)."""
    files = {
        posixpath.normpath(k): v if isinstance(v, bytes) else textwrap.dedent(v).encode("utf-8")
        for k, v in (files or {}).items()
    }

    def read_file(relative: str) -> bytes:
        key = posixpath.normpath(relative)
        if key not in files:
            raise FileNotFoundError(2, "No such file or directory", relative)
        return files[key]

    node = compose(textwrap.dedent(text))
    return load_asyncapi(
        node, path, {"**": "ctx"} if contexts is None else contexts, read_file if reader else None
    )


def compose(text: str) -> Node:
    """The first document of a text, as the one YAML reader composes it."""
    documents, stopped = compose_documents(text.encode("utf-8"))
    assert stopped is None, stopped
    return documents[0]


def one(text: str, **kwargs) -> Service:
    """The one service of a document that must load without findings."""
    services, findings = load_doc(text, **kwargs)
    assert findings == [], [f"{f.location}: {f.message}" for f in findings]
    assert len(services) == 1
    return services[0]


def edges(service: Service) -> dict:
    """What a service says, without positions: comparable across files."""

    def streams(items):
        return [(s.topic, s.event_names) for s in items]

    return {
        "name": service.name,
        "context": service.context,
        "description": service.description,
        "owns": [n.value for n in service.owns],
        "produces": streams(service.produces),
        "consumes": streams(service.consumes),
        "commands": [(c.name, c.to, c.topic) for c in service.commands],
        "queries": [(c.name, c.to, c.topic) for c in service.queries],
        "ignore": [(s.rule, s.reason) for s in service.ignore],
    }
