"""The report's teams (a service's `metadata.owner`): each team's services, the findings on
them and what it depends on of other teams' services. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from archlint import interactions as ix
from archlint.model import Service
from archlint.report.data import FindingRow, TeamRow

NO_TEAM = "(no owner)"  # the team of a service that names no owner


def team_of(owner: str | None) -> str:
    return owner or NO_TEAM


def team_rows(interactions: ix.Interactions, rows: Sequence[FindingRow]) -> tuple[TeamRow, ...]:
    """A row per team, by name: its services, how many findings involve them, and per other
    team how many interactions go from this team's services to that team's (calls to its
    services, writes to and reads of the topics its services own)."""
    estate = interactions.estate
    services: dict[str, list[str]] = {}
    for s in estate.services:
        services.setdefault(team_of(s.owner), []).append(s.name)
    findings: Counter[str] = Counter()
    for row in rows:
        for team in {team_of(estate.services[i].owner) for i in row.services}:
            findings[team] += 1
    depends: dict[str, Counter[str]] = {team: Counter() for team in services}
    for i in interactions.all:
        other: Service | None = i.target_service
        if other is None and i.to_topic:
            other = estate.service.get(interactions.owner_of(i.target) or "")
        if other is None:
            continue
        mine, theirs = team_of(i.service.owner), team_of(other.owner)
        if mine != theirs:
            depends[mine][theirs] += 1
    return tuple(
        TeamRow(
            name=team,
            services=tuple(sorted(members)),
            findings=findings[team],
            depends_on=tuple(sorted(depends[team].items(), key=lambda d: (-d[1], d[0]))),
        )
        for team, members in sorted(services.items())
    )
