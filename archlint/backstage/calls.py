"""A component's calls and event streams from `consumesApis`, `providesApis` and `dependsOn`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from archlint.backstage.apis import SYNC_TYPES, reads_only
from archlint.backstage.entities import Entity, ref_list
from archlint.backstage.index import INVALID, ApiDefinition, Index, Key, service_name
from archlint.eventcatalog.slugs import slug
from archlint.findings import Finding
from archlint.model import Call, CallKind, EventStream, Location, Name

UNREAD = "a query, because the API's definition was not read ({reason})"


@dataclass
class Parts:
    produces: list[EventStream] = field(default_factory=list)
    consumes: list[EventStream] = field(default_factory=list)
    commands: list[Call] = field(default_factory=list)
    queries: list[Call] = field(default_factory=list)
    owns: list[Name] = field(default_factory=list)

    def call(
        self,
        kind: CallKind,
        name: str,
        where: Location,
        to: str | None = None,
        topic: str | None = None,
    ) -> None:
        (self.queries if kind == "query" else self.commands).append(
            Call(kind, name, where, to=to, topic=topic)
        )


def component_parts(
    entity: Entity,
    index: Index,
    definitions: Mapping[Key, ApiDefinition],
    depends_on: CallKind,
    findings: list[Finding],
    notes: dict[Location, str],
) -> Parts:
    parts = Parts()
    me = service_name(entity)
    for ref, _ in ref_list(entity, "providesApis"):
        api = index.get(ref, "api", entity.namespace)
        reading = definitions.get(api.key) if api is not None else None
        if reading is not None and reading.asyncapi is not None:
            service = reading.asyncapi
            parts.produces.extend(service.produces)
            parts.consumes.extend(service.consumes)
            parts.commands.extend(service.commands)
            parts.owns.extend(service.owns)
    for ref, where in ref_list(entity, "consumesApis"):
        target = index.get(ref, "api", entity.namespace)
        if target is None and ref.lower().startswith("component:"):
            name = ref.split(":", 1)[1].split("/")[-1]
            parts.call(depends_on, name, where, to=slug(name))  # RF001 tells it is unknown
        elif target is None:
            findings.append(_dangling(ref, "API", where))
        elif target.kind == "component":
            parts.call(depends_on, target.name, where, to=service_name(target))
        elif target.kind == "api":
            _consume_api(entity, target, where, index, definitions, parts, notes, me)
    for ref, where in ref_list(entity, "dependsOn"):
        if ref.lower().startswith("component:"):
            target = index.get(ref, None, entity.namespace)
            name = ref.split(":", 1)[1].split("/")[-1]
            to = service_name(target) if target is not None else slug(name)
            parts.call(depends_on, name, where, to=to)
    return parts


def _consume_api(
    entity: Entity,
    api: Entity,
    where: Location,
    index: Index,
    definitions: Mapping[Key, ApiDefinition],
    parts: Parts,
    notes: dict[Location, str],
    me: str,
) -> None:
    api_type = str(api.spec.get("type", "")).lower()
    reading = definitions.get(api.key, ApiDefinition(unread="no definition"))
    providers = sorted({service_name(p) for p in index.providers.get(api.key, [])} - {me})
    if api_type == "asyncapi":
        service = reading.asyncapi
        if service is None:
            return
        for stream in service.produces:
            parts.consumes.append(
                EventStream(
                    stream.topic,
                    stream.events and tuple(Name(e.value, where) for e in stream.events),
                    where,
                )
            )
        for stream in service.consumes:
            name = stream.events[0].value if stream.events else stream.topic
            parts.commands.append(Call("command", name, where, topic=stream.topic))
        return
    if api_type not in SYNC_TYPES:
        return
    if reading.unread is not None:
        kind: CallKind = "query"
        notes.setdefault(where, UNREAD.format(reason=reading.unread))
    else:
        kind = "query" if reads_only(api_type, reading.content) else "command"
    for provider in providers:
        parts.call(kind, api.name, where, to=provider)


def _dangling(ref: str, kind: str, where: Location) -> Finding:
    return Finding(
        INVALID, f"no {kind} '{ref}' in the catalog: add its entity, or fix the reference", where
    )
