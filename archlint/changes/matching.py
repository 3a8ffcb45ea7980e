"""Findings of two runs matched by the stable identity the baseline uses, never by line.

A finding whose identity (code, path, entities) is on both sides is unchanged. What is left
is matched once more without the path, where the finding names entities: a manifest moved
to another file keeps its findings, and a rename of a file is no change at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from archlint.findings import Finding, identity_of


def _without_path(finding: Finding) -> str | None:
    return identity_of(finding.code, "", finding.entities) if finding.entities else None


def _match(
    base: list[Finding], head: list[Finding], key: Callable[[Finding], str | None]
) -> tuple[list[Finding], list[Finding], int]:
    """(base left over, head left over, pairs matched): each identity matched as often as
    both sides have it."""
    waiting: dict[str, int] = {}
    for f in base:
        k = key(f)
        if k is not None:
            waiting[k] = waiting.get(k, 0) + 1
    head_left: list[Finding] = []
    matched: dict[str, int] = {}
    for f in head:
        k = key(f)
        if k is not None and waiting.get(k, 0) > matched.get(k, 0):
            matched[k] = matched.get(k, 0) + 1
        else:
            head_left.append(f)
    base_left: list[Finding] = []
    for f in base:
        k = key(f)
        if k is not None and matched.get(k, 0) > 0:
            matched[k] -= 1
        else:
            base_left.append(f)
    return base_left, head_left, len(base) - len(base_left)


def match_findings(
    base: Sequence[Finding], head: Sequence[Finding]
) -> tuple[tuple[Finding, ...], tuple[Finding, ...], int]:
    """(introduced, fixed, unchanged): head's new findings and base's gone ones, each in
    output order, and how many are on both sides."""
    base_left, head_left, same = _match(list(base), list(head), Finding.identity)
    base_left, head_left, moved = _match(base_left, head_left, _without_path)
    return (
        tuple(sorted(head_left, key=Finding.sort_key)),
        tuple(sorted(base_left, key=Finding.sort_key)),
        same + moved,
    )
