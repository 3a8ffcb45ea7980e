"""What a user asks of every output format (`--quiet`, `--statistics`, colour)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RenderOptions:
    quiet: bool = False  # findings only, no summary
    statistics: bool = False  # counts per rule instead of each finding
    color: bool = False
    # the lines of the files findings are in, by path (for `--format full`): the shell reads
    # them, so that formatters never touch files
    sources: Mapping[str, Sequence[str]] = field(default_factory=dict)
