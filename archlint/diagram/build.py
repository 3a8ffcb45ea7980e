"""One entry point for the CLI and the report: the diagram the options ask for, from the
estate's interactions and the lint findings. Pure.

service_level  every service and topic, clustered by context
context_map    one node per context
focus          one context with its neighbours collapsed, or one service and its neighbours
bundle         large diagrams: one edge per pair of contexts
marks          where each finding is drawn red
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from archlint.diagram.bundle import BUNDLE_LIMIT, bundle_between_clusters
from archlint.diagram.context_map import context_map
from archlint.diagram.elements import CONTEXT_LEVEL, SERVICE_LEVEL, Diagram
from archlint.diagram.focus import FocusError, focus_context, focus_service
from archlint.diagram.service_level import few_enough, service_diagram
from archlint.findings import Finding
from archlint.interactions import Interactions


def build(
    interactions: Interactions,
    findings: Sequence[Finding] = (),
    level: str = SERVICE_LEVEL,
    context: str | None = None,
    service: str | None = None,
    hops: int = 1,
    edge_labels: bool | None = None,
    bundle: bool | None = None,
) -> Diagram:
    """The diagram the options ask for. Raises FocusError for a focus that names nothing.

    `edge_labels` and `bundle` (see bundle_between_clusters): None decides by size."""
    if context is not None and service is not None:
        raise FocusError("give --context or --service, not both")
    if level == CONTEXT_LEVEL:
        if service is not None:
            raise FocusError(
                "--service focuses the service level; use --context with --level context"
            )
        return context_map(interactions, findings, focus=context)
    full = service_diagram(interactions, findings, edge_labels=edge_labels)
    if context is not None:
        focused = focus_context(full, interactions, context)
    elif service is not None:
        focused = focus_service(full, interactions, service, hops)
    else:
        if bundle or (bundle is None and len(full.nodes) > BUNDLE_LIMIT):
            return bundle_between_clusters(full)
        return full
    if bundle:
        focused = bundle_between_clusters(focused)
    if edge_labels is None:  # a focused view is small enough for labels more often
        focused = replace(focused, edge_labels=few_enough(focused))
    return focused
