"""The report's table of writers: per topic, who the estate says writes it beside whom the
broker lets write it, where the estate has broker configuration."""

from __future__ import annotations

from archlint.interactions import Interactions
from archlint.report.data import WriterRow
from archlint.report.teams import team_of


def writer_rows(interactions: Interactions) -> tuple[WriterRow, ...]:
    """One row per topic of the estate, by name, with the teams of its writers either way;
    none without broker configuration."""
    broker = interactions.broker
    if broker is None:
        return ()
    known = interactions.estate.service
    rows = []
    for name, facts in interactions.topics.items():
        declared = tuple(
            sorted(set(facts.writers) | set(facts.command_senders) | facts.listed_writers)
        )
        granted = broker.granted_writers(name)
        teams = {team_of(known[w].owner) for w in {*declared, *granted} if w in known}
        rows.append(WriterRow(name, declared, granted, declared != granted, tuple(sorted(teams))))
    return tuple(rows)
