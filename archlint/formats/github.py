"""`--format github`: GitHub Actions workflow commands, which the runner turns into annotations.

`::error title=SW003 write-to-foreign-topic,file=services/billing.yaml,line=12,col=7::message`

Escaped exactly as the Actions toolkit (@actions/core) escapes them: in the message `%`, CR
and LF; in property values also `:` and `,`. Chosen automatically by `archlint lint` when no
`--format` is given and `GITHUB_ACTIONS=true`.
"""

from __future__ import annotations

from collections.abc import Mapping

from archlint.engine import LintResult
from archlint.findings import Finding
from archlint.formats.render_options import RenderOptions
from archlint.formats.text import summary_line

COMMAND_OF = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, properties: Mapping[str, object] | None = None) -> str:
    """One workflow command line: `::name key=value,...::message`."""
    props = ",".join(
        f"{key}={escape_property(str(value))}" for key, value in (properties or {}).items() if value
    )  # as the toolkit
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def finding_command(f: Finding) -> str:
    loc = f.location
    properties = {  # in the toolkit's order, so lines match what it writes byte for byte
        "title": f"{f.code} {f.slug}".strip(),
        "file": loc.path if loc else None,
        "line": loc.line if loc else None,
        "col": loc.column if loc else None,
    }
    return command(COMMAND_OF.get(f.severity, "error"), f.message, properties)


def stale_command(result: LintResult) -> str:
    n = len(result.stale)
    entries = "entry no longer matches" if n == 1 else "entries no longer match"
    return command(
        "notice",
        f"{n} baseline {entries} any finding; remove them with "
        f"`archlint baseline --prune -o {result.baseline}`",
        {"title": "archlint stale baseline", "file": result.baseline},
    )


def render(result: LintResult, options: RenderOptions) -> str:
    lines = [finding_command(f) for f in result.findings]
    if result.stale:
        lines.append(stale_command(result))
    if not options.quiet:
        lines.append(summary_line(result))  # plain text: shown in the log as it is
    return "".join(line + "\n" for line in lines)
