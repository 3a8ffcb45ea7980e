"""`--format full` (ruff's `full`): each finding with the manifest lines around it, a caret
under its column, and its rule's one-line summary; then the text summary.

The lines come from `RenderOptions.sources`, read by the shell: formatters touch no files.
They are the manifest's own text: shown through the terminal's escaping, a tab as one space
(so that the caret stays under its column).
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from archlint.engine import LintResult
from archlint.findings import Finding
from archlint.formats.render_options import RenderOptions
from archlint.formats.terminal import neutralise
from archlint.formats.text import closing_lines, finding_line

CONTEXT = 2  # lines shown before and after the finding's line


def excerpt(lines: Sequence[str], line: int, column: int, color: bool) -> list[str]:
    """The numbered lines around `line` (1-based), a caret under `column`."""
    first, last = max(1, line - CONTEXT), min(len(lines), line + CONTEXT)
    width = len(str(last))
    out = []
    for number in range(first, last + 1):
        shown = neutralise(lines[number - 1].replace("\t", " "))
        out.append(f"{number:>{width}} | {shown}".rstrip())
        if number == line:
            caret = click.style("^", fg="red", bold=True) if color else "^"
            out.append(f"{'':>{width}} | {' ' * (column - 1)}{caret}")
    return out


def finding_block(f: Finding, result: LintResult, options: RenderOptions) -> list[str]:
    block = [finding_line(f, options.color)]
    where = f.location
    lines = options.sources.get(where.path) if where else None
    if where is not None and lines and 1 <= where.line <= len(lines):
        block.extend(excerpt(lines, where.line, where.column, options.color))
    if result.rules is not None and f.code in result.rules.rules:
        block.append(f"  = why: {neutralise(result.rules.spec(f.code).summary)}")
    return [*block, ""]


def render(result: LintResult, options: RenderOptions) -> str:
    lines = [line for f in result.findings for line in finding_block(f, result, options)]
    if not options.quiet:
        lines.extend(closing_lines(result))
    return "".join(line + "\n" for line in lines)
