"""`--format text`: `path:line:col: SEVERITY CODE [slug] message`, then a summary that
counts by severity and says which severities fail the run."""

from __future__ import annotations

from collections import Counter

import click

from archlint.engine import LintResult
from archlint.findings import Finding
from archlint.formats.render_options import RenderOptions
from archlint.formats.terminal import line_start, neutralise

SEVERITY_COLOR = {"error": "red", "warning": "yellow", "info": "blue"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def summary_line(result: LintResult) -> str:
    s = result.summary
    where = f"{_plural(s['files'], 'file')}, {_plural(s['services'], 'service')}"
    if result.estate.sources:  # an estate that mixes inputs says where its services came from
        where += ": " + ", ".join(f"{n} from {source}" for source, n in result.estate.sources)
    estate = result.estate
    if not result.findings and not (estate.services or estate.topics or estate.contexts):
        return f"Nothing checked: no archlint manifest found ({where})."
    if not result.findings:
        return f"All checks passed ({where})."
    counts = ", ".join(_plural(s[k], k) for k in ("error", "warning", "info") if s[k])
    return f"Found {counts} ({where})."


def verdict_line(result: LintResult) -> str:
    """Which severities fail the run, and whether this run failed."""
    failing = FAILING.get(result.fail_on, "nothing fails it")
    outcome = "failed" if result.failed else "passed"
    return f"The run {outcome}: {failing} (--fail-on {result.fail_on})."


FAILING = {
    "error": "errors fail it",
    "warning": "errors and warnings fail it",
    "info": "all findings fail it",
}


def finding_line(f: Finding, color: bool, where: str | None = None) -> str:
    """One finding; `where` in place of its location (grouped output: line:col only).
    Manifest text and file names are neutralised (archlint.formats.terminal)."""
    where = line_start(where or (f"{f.location}" if f.location else "<estate>"))
    severity, code = f.severity.upper(), f"{f.code} [{f.slug}]"
    if color:
        where = click.style(where, bold=True)
        severity = click.style(severity, fg=SEVERITY_COLOR.get(f.severity), bold=True)
        code = click.style(code, bold=True)
    return f"{where}: {severity} {code} {neutralise(f.message)}"


def statistics_lines(result: LintResult) -> list[str]:
    counts = Counter((f.code, f.slug, f.severity) for f in result.findings)
    width = max((len(str(n)) for n in counts.values()), default=1)
    return [
        f"{n:>{width}}  {code}  [{slug}]  {severity}"
        for (code, slug, severity), n in sorted(counts.items())
    ]


def baseline_lines(result: LintResult) -> list[str]:
    """Notes on the baseline applied: how many findings it hid, and its stale entries."""
    if result.baseline is None:
        return []
    lines = []
    if result.baselined:
        lines.append(
            f"note: {_plural(result.baselined, 'finding')} accepted by the "
            f"baseline {result.baseline} not shown."
        )
    for entry in result.stale:
        names = ", ".join(
            f"{k}={','.join(v) if isinstance(v, list) else v}"
            for k, v in sorted(entry.get("entities", {}).items())
        )
        lines.append(
            neutralise(
                f"note: stale baseline entry, matches no finding: {entry['code']} "
                f"{entry['path'] or '<estate>'}{f' ({names})' if names else ''}"
            )
        )
    if result.stale:
        lines.append(
            f"note: remove stale entries with `archlint baseline --prune -o {result.baseline}`."
        )
    return lines


def render(result: LintResult, options: RenderOptions) -> str:
    lines = (
        statistics_lines(result)
        if options.statistics
        else [finding_line(f, options.color) for f in result.findings]
    )
    if not options.quiet:
        lines.extend(closing_lines(result))
    return "".join(line + "\n" for line in lines)


def closing_lines(result: LintResult) -> list[str]:
    """The summary, the verdict where there are findings, and the baseline's notes."""
    lines = [summary_line(result)]
    if result.findings:
        lines.append(verdict_line(result))
    return lines + baseline_lines(result)
