"""How the checks word their findings, and where a finding about a whole service points."""

from __future__ import annotations

from collections.abc import Iterable

from archlint.model import Location, Service


def service_location(service: Service) -> Location:
    """Where a finding about a service as a whole points: its `metadata.name`."""
    return service.name_location or service.location


def join_names(names: Iterable[str], limit: int = 6) -> str:
    """'a', 'a and b', 'a, b and c'; past `limit` names, 'a, b, ... and 7 more'."""
    names = list(names)
    if len(names) > limit:
        shown = names[: limit - 1]
        return ", ".join(shown) + f" and {len(names) - len(shown)} more"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def arrow_path(names: Iterable[str], limit: int = 8) -> str:
    """'a -> b -> c', cut to the first `limit` names followed by '-> ...'."""
    names = list(names)
    if len(names) > limit:
        return " -> ".join(names[:limit]) + " -> ..."
    return " -> ".join(names)
