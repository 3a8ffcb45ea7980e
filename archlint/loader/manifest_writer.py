"""A Service as an archlint/v1 manifest: what `archlint import asyncapi` writes.

The inverse of `build`: the manifest says exactly what the imported document said to
archlint, so that linting the manifests gives the same model as linting the documents (only
the positions differ).
"""

from __future__ import annotations

from typing import Any

import yaml

from archlint.model import Call, EventStream, Service


class _Flow(list[str]):
    """A short list of names, written on one line: `events: [A, B]`."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)  # indent list items under their key


def _flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None  # a long description stays readable
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(_Flow, _flow)
_Dumper.add_representer(str, _text)


def _stream(stream: EventStream) -> dict[str, Any]:
    entry: dict[str, Any] = {"topic": stream.topic}
    if stream.events is not None:
        entry["events"] = _Flow(n.value for n in stream.events)
    return entry


def _call(call: Call) -> dict[str, str | None]:
    where = {"to": call.to} if call.to is not None else {"topic": call.topic}
    return {**where, "name": call.name}


def service_document(service: Service) -> dict[str, Any]:
    """The manifest as plain data, keys in the order the format documents them."""
    metadata: dict[str, Any] = {"name": service.name, "context": service.context}
    if service.owner:
        metadata["owner"] = service.owner
    if service.description:
        metadata["description"] = service.description
    if service.tags:
        metadata["tags"] = _Flow(service.tags)
    spec: dict[str, Any] = {}
    if service.is_global:
        spec["global"] = True
    for key, value in (("availability", service.availability), ("slo", service.slo)):
        if value is not None:
            spec[key] = value
    if service.owns:
        spec["owns"] = _Flow(n.value for n in service.owns)
    for key, streams in (("produces", service.produces), ("consumes", service.consumes)):
        if streams:
            spec[key] = [_stream(s) for s in streams]
    for key, calls in (("commands", service.commands), ("queries", service.queries)):
        if calls:
            spec[key] = [_call(c) for c in calls]
    if service.ignore:
        spec["ignore"] = {s.rule: s.reason for s in service.ignore}
    document: dict[str, Any] = {
        "apiVersion": "archlint/v1",
        "kind": "Service",
        "metadata": metadata,
    }
    if spec:
        document["spec"] = spec
    return document


def service_manifest(service: Service, origin: str, command: str = "asyncapi") -> str:
    """The manifest's text, headed by where it came from (and the `archlint import` command)."""
    body = yaml.dump(
        service_document(service),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    # A file name is not YAML: a newline in it must not end the comment (and add a `spec`).
    shown = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in origin)
    return f"# Imported from {shown} by `archlint import {command}`.\n{body}"
