"""The report's table of writers: per topic, who the estate says writes it beside whom the
broker lets write it, where the estate has broker configuration."""

from __future__ import annotations

from archlint.interactions import Interactions
from archlint.report.data import WriterRow


def writer_rows(interactions: Interactions) -> tuple[WriterRow, ...]:
    """One row per topic of the estate, by name; none without broker configuration."""
    broker = interactions.broker
    if broker is None:
        return ()
    rows = []
    for name, facts in interactions.topics.items():
        declared = tuple(
            sorted(set(facts.writers) | set(facts.command_senders) | facts.listed_writers)
        )
        granted = broker.granted_writers(name)
        rows.append(WriterRow(name, declared, granted, declared != granted))
    return tuple(rows)
