"""`--format grouped`: the findings under the name of their file, then the text summary."""

from __future__ import annotations

from itertools import groupby

import click

from archlint.engine import LintResult
from archlint.findings import Finding
from archlint.formats.render_options import RenderOptions
from archlint.formats.text import closing_lines, finding_line


def _file(f: Finding) -> str:
    return f.location.path if f.location else "<estate>"


def render(result: LintResult, options: RenderOptions) -> str:
    lines: list[str] = []
    # findings are sorted by place, so each file's findings are together
    for path, group in groupby(result.findings, key=_file):
        lines.append(click.style(path, bold=True, underline=True) if options.color else path)
        for f in group:
            where = f"{f.location.line}:{f.location.column}" if f.location else "-"
            lines.append("  " + finding_line(f, options.color, where))
        lines.append("")
    if not options.quiet:
        lines.extend(closing_lines(result))
    return "".join(line + "\n" for line in lines)
