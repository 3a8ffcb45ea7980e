"""Findings by root cause: the findings about one topic, or one call from one service to
another, are one group; the report orders the groups by what to fix first (the most severe
finding, then how many services the subject touches). Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from archlint import interactions as ix
from archlint.findings import SEVERITY_RANK, Pointers
from archlint.report.data import FindingRow

CALLS = frozenset({ix.COMMAND, ix.QUERY})
Subject = tuple[str, ...]  # ("topic", name) | ("call", caller, callee) | ("at", path, line, code)


def subject_of(row: FindingRow, pointers: Pointers) -> Subject:
    """What a finding is about: its topic, else its call edge, else its own place."""
    if pointers.topics:
        return ("topic", pointers.topics[0])
    calls = [i for i in pointers.interactions if i.kind in CALLS]
    if calls:
        return ("call", calls[0].service.name, calls[0].target)
    return ("at", row.path, str(row.line), row.code)


def _subject_text(subject: Subject) -> str:
    if subject[0] == "topic":
        return f"topic {subject[1]}"
    if subject[0] == "call":
        return f"call {subject[1]} → {subject[2]}"
    return ""


def _touches(subject: Subject, rows: Sequence[FindingRow], interactions: ix.Interactions) -> int:
    """How many services the subject touches: a topic's owner, writers, readers and command
    senders; else every service its findings involve."""
    if subject[0] == "topic" and (facts := interactions.topics.get(subject[1])) is not None:
        names = {*facts.writers, *facts.readers, *facts.command_senders, *facts.owners}
        return len(names)
    return len({i for row in rows for i in row.services})


def grouped(
    rows: Sequence[FindingRow], pointers: Sequence[Pointers], interactions: ix.Interactions
) -> tuple[FindingRow, ...]:
    """The rows, in output order, each with its group, its group's size and subject, and
    its place in the fix-first order: groups by their most severe finding, then by how
    many services their subject touches (most first), then by their first finding; a
    group's findings together, in output order."""
    members: dict[Subject, list[FindingRow]] = {}
    for row, points in zip(rows, pointers, strict=True):
        members.setdefault(subject_of(row, points), []).append(row)

    touches = {s: _touches(s, found, interactions) for s, found in members.items()}

    def rank(item: tuple[Subject, list[FindingRow]]) -> tuple[int, int, int]:
        subject, found = item
        severity = max(SEVERITY_RANK.get(r.severity, 0) for r in found)
        return (-severity, -touches[subject], found[0].number)

    placed: dict[int, FindingRow] = {}
    order = 0
    for group, (subject, found) in enumerate(sorted(members.items(), key=rank), start=1):
        for row in found:
            order += 1
            placed[row.number] = replace(
                row,
                group=group,
                group_size=len(found),
                subject=_subject_text(subject),
                touches=touches[subject],
                fix_order=order,
            )
    return tuple(placed[row.number] for row in rows)
