"""`archlint diff --format text`: what the change does, for a terminal (each line through
the terminal's escaping: names come from manifests)."""

from __future__ import annotations

from archlint.changes import EstateDiff
from archlint.findings import Finding
from archlint.formats.diff.words import availability_line, describe, headline, sides, sign, where
from archlint.formats.terminal import text_line


def _finding(f: Finding) -> str:
    return f"  {f.location or '-'}: {f.code} [{f.severity}] {f.message}"


def render(diff: EstateDiff) -> str:
    lines = [f"archlint diff {sides(diff)}: {headline(diff)}"]
    if diff.changes:
        lines += ["", "Architecture changes:"]
        lines += [f"  {sign(c)} {describe(c)}  ({where(c)})" for c in diff.changes]
    if diff.introduced:
        lines += ["", "Findings introduced:"] + [_finding(f) for f in diff.introduced]
    if diff.fixed:
        lines += ["", "Findings fixed:"] + [_finding(f) for f in diff.fixed]
    if diff.availability:
        lines += ["", "Availability (computed as SY003 does):"]
        lines += [f"  {availability_line(a)}" for a in diff.availability]
    if diff.empty:
        lines += ["", "No change to the architecture."]
    return "\n".join(text_line(line) for line in lines) + "\n"
