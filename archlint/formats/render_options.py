"""What a user asks of every output format (`--quiet`, `--statistics`, colour)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    quiet: bool = False  # findings only, no summary
    statistics: bool = False  # counts per rule instead of each finding
    color: bool = False
