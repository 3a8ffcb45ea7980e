"""SY001 sync-cycle: services that reach themselves through synchronous calls.

A synchronous call chain is only as available as the product of its links, and a cycle
makes every member depend on every other (and invites distributed deadlock and retry
storms). One finding per strongly connected set of two or more services, and per service
that calls itself; `services` lists the members sorted.

Location: the first member by name, at its first synchronous call (in file order) to another
member of the cycle. The message shows one cycle through that call, found breadth first
(shortest, ties broken by name), so it is the same for the same interactions.estate.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping

from archlint.catalogue import OptionValue
from archlint.checks._wording import arrow_path, join_names
from archlint.findings import Finding
from archlint.interactions import Interactions
from archlint.registry import SYNC, Scope
from archlint.sync_calls import SyncCalls

CODE = "SY001"
SCOPE: Scope = SYNC


def _shortest_path(sync: SyncCalls, start: str, goal: str, members: frozenset[str]) -> list[str]:
    """The shortest call path start -> ... -> goal inside the strongly connected set."""
    parent: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue and goal not in parent:
        node = queue.popleft()
        for succ in sorted(sync.successors[node]):
            if succ in members and succ not in parent:
                parent[succ] = node
                queue.append(succ)
    path: list[str] = []
    step: str | None = goal
    while step is not None:
        path.append(step)
        step = parent[step]
    return path[::-1]


def check(interactions: Interactions, options: Mapping[str, OptionValue]) -> Iterator[Finding]:
    sync = interactions.sync_calls
    for members in interactions.sync_components:
        first = min(members)
        if len(members) == 1 and not sync.has_edge(first, first):
            continue
        call = min(
            (c for c in interactions.by_service[first] if c.synchronous and c.target in members),
            key=lambda c: c.location,
        )
        names = tuple(sorted(members))
        if len(members) == 1:
            message = (
                f"{first} calls itself synchronously ('{call.name}'): do the work "
                f"in-process instead of through its own API"
            )
        else:
            cycle = [first, *_shortest_path(sync, call.target, first, members)]
            message = (
                f"{join_names(names)} call each other synchronously in a cycle "
                f"({arrow_path(cycle)}): replace one of the calls with an event or a "
                f"local view"
            )
        yield Finding(
            code=CODE, message=message, location=call.location, entities={"services": names}
        )
