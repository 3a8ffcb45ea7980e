"""The text on a diagram's nodes and edges, shared by every writer (DOT, Mermaid)."""

from __future__ import annotations

from collections.abc import Mapping

from archlint.diagram.elements import COUNT_WORDS, SERVICE, Diagram, Edge, Node


def escape_chars(text: str, special: Mapping[str, str], surrogate: str) -> str:
    """`text` with each character in `special` replaced by its spelling there; control
    characters become spaces and lone surrogates `surrogate`: neither DOT nor Mermaid can
    hold them (a surrogate cannot even be written as UTF-8)."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in special:
            out.append(special[ch])
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0:
            out.append(" ")
        elif 0xD800 <= code <= 0xDFFF:
            out.append(surrogate)
        else:
            out.append(ch)
    return "".join(out)


def count_text(counts: tuple[tuple[str, int], ...]) -> str:
    """'3 events, 1 command' for an aggregated edge."""
    parts = []
    for what, n in counts:
        one, many = COUNT_WORDS[what]
        parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


def edge_label_lines(edge: Edge, with_names: bool, max_names: int = 4) -> list[str]:
    """The lines of an edge's label: rule codes first, then what flows (counts on
    aggregated edges, else up to `max_names` names)."""
    lines = []
    if edge.rules:
        lines.append(" ".join(edge.rules))
    if edge.counts:
        lines.append(count_text(edge.counts))
    elif with_names and edge.names:
        shown = list(edge.names[:max_names])
        if len(edge.names) > max_names:
            shown.append(f"+{len(edge.names) - max_names} more")
        lines.append(", ".join(shown))
    return lines


def node_label_lines(node: Node) -> list[str]:
    """The lines of a node's label."""
    lines = []
    if node.is_global and node.kind == SERVICE:
        lines.append("«global»")
    lines.append(node.name)
    if node.detail:
        lines.append(node.detail)
    if node.rules:
        lines.append(" ".join(node.rules))
    return lines


def omitted_note(diagram: Diagram) -> str:
    return (
        f"{diagram.omitted} edges between contexts are not drawn, to keep each context "
        "readable: see them summed up with --level context, or one by one with --context NAME"
    )
