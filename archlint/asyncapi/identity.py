"""Who the document describes: the service's name, bounded context, description and
suppressions, from the document's own words first and the configuration second."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from archlint.asyncapi import nodes
from archlint.asyncapi.exchanges import Reading
from archlint.asyncapi.naming import NAME_RULE, context_for_path, is_name, name_from_title
from archlint.asyncapi.refs import RefResolver
from archlint.model import Location, Suppression
from archlint.yaml_reader import Node

SERVICE = "x-archlint-service"
CONTEXT = "x-context"
IGNORE = "x-archlint-ignore"
CONTEXT_TAG = "context:"


@dataclass
class Identity:
    name: str | None = None
    name_location: Location | None = None
    context: str | None = None
    context_location: Location | None = None
    description: str | None = None
    ignore: list[Suppression] = field(default_factory=list)


def read_identity(
    root: Node, path: str, contexts: Mapping[str, str], resolver: RefResolver, reading: Reading
) -> Identity:
    info_node = nodes.get(root, "info")  # never a $ref: the spec does not allow one here
    ident = Identity()
    _name(root, info_node, resolver, reading, ident)
    _context(root, info_node, path, contexts, resolver, reading, ident)
    description = nodes.get_text(info_node, "description")
    ident.description = description.strip() or None if description else None
    for holder in (root, info_node):
        _ignore(nodes.get(holder, IGNORE), resolver, reading, ident)
    return ident


def _name(
    root: Node, info: Node | None, resolver: RefResolver, reading: Reading, ident: Identity
) -> None:
    for holder in (root, info):
        value = nodes.get(holder, SERVICE)
        if value is not None:
            where = resolver.location(value, "")
            name = nodes.text(value)
            if name is None or not is_name(name):
                reading.problem(
                    f"{SERVICE} '{name or ''}' is not a valid service name: use {NAME_RULE}", where
                )
                return
            ident.name, ident.name_location = name, where
            return
    title_node = nodes.get(info, "title")
    title = nodes.text(title_node)
    name = name_from_title(title) if title else None
    if name is None or title_node is None:
        where = resolver.location(title_node if title_node is not None else root, "")
        reading.problem(
            f"the document gives no service name: add `{SERVICE}: NAME` to `info`, "
            "or an `info.title` with letters or digits",
            where,
        )
        return
    ident.name, ident.name_location = name, resolver.location(title_node, "")


def _context(
    root: Node,
    info: Node | None,
    path: str,
    contexts: Mapping[str, str],
    resolver: RefResolver,
    reading: Reading,
    ident: Identity,
) -> None:
    value = nodes.get(info, CONTEXT)
    if value is not None:
        _set_context(nodes.text(value), resolver.location(value, ""), CONTEXT, path, reading, ident)
        return
    tagged = _context_tag(root, info, resolver)
    if tagged is not None:
        tag_name, where = tagged
        context = tag_name[len(CONTEXT_TAG) :].strip()
        _set_context(context, where, f"tag '{tag_name}'", path, reading, ident)
        return
    matched = context_for_path(path, contexts)
    if matched is not None:
        _set_context(matched[1], None, f"asyncapi.contexts['{matched[0]}']", path, reading, ident)
        return
    reading.problem(
        "the document does not say which bounded context its service belongs to: add "
        f"`{CONTEXT}: NAME` to `info`, or a tag `{CONTEXT_TAG}NAME` to `info.tags`, or map "
        "its path in archlint.yaml under `asyncapi: {contexts: {'GLOB': NAME}}`",
        resolver.location(info if info is not None else root, ""),
    )


def _context_tag(
    root: Node, info: Node | None, resolver: RefResolver
) -> tuple[str, Location] | None:
    """The first tag named `context:NAME`, and where its name is (its `$ref` where the tag
    is defined in another file)."""
    for holder in (info, root):  # 3.x keeps tags in info, 2.x at the top
        for tag in nodes.items(nodes.get(holder, "tags")):
            found = resolver.deref(tag)
            name_node = nodes.get(found.node, "name") if found is not None else None
            tag_name = nodes.text(name_node) or ""
            if found is not None and name_node is not None and tag_name.startswith(CONTEXT_TAG):
                where = resolver.location(name_node if not found.source else tag, "")
                return tag_name, where
    return None


def _set_context(
    context: str | None,
    where: Location | None,
    origin: str,
    path: str,
    reading: Reading,
    ident: Identity,
) -> None:
    if not context or not is_name(context):
        reading.problem(
            f"{origin}: '{context or ''}' is not a valid context name: use {NAME_RULE}",
            where or Location(path),
        )
        return
    ident.context, ident.context_location = context, where


def _ignore(node: Node | None, resolver: RefResolver, reading: Reading, ident: Identity) -> None:
    if node is None:
        return
    if not nodes.is_mapping(node):
        reading.problem(
            f"{IGNORE} must map rule codes to reasons, e.g. 'RF003: nobody needs these events yet'",
            resolver.location(node, ""),
        )
        return
    for rule, key_node, reason_node in nodes.entries(node):
        reason = (nodes.text(reason_node) or "").strip()
        where = resolver.location(key_node, "")
        if not reason:
            reading.problem(
                f"{IGNORE}.{rule} needs a reason: say why the finding is accepted", where
            )
            continue
        ident.ignore.append(Suppression(rule=rule, reason=reason, location=where))
