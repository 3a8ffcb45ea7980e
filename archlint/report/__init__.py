"""The HTML report: `archlint report` writes one self-contained file.

data      what the report shows: plain values for the template
contents  LintResult + the rules of its run -> those values (pure; rows, groups, sections,
          teams, matrix, rule_docs, writers)
diagrams  the context map and the per-context diagrams, drawn by Graphviz as SVG, or as data
          the report's script draws when opened (drawings) for large estates
html      the Jinja2 templates (templates/), CSS, JavaScript and CSP around it all
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from archlint.config.settings import LIMITS
from archlint.engine import LintResult
from archlint.rule_pages import builtin_rules


@dataclass(frozen=True)
class Stamp:
    """What the report's header says about where it comes from, given by the caller so that
    the report itself stays a function of the lint result (tests fix these)."""

    generated: str = ""  # ISO 8601 date and time
    commit: str = ""  # the estate's commit
    source_url: str | None = None  # report.source-url: {commit}, {path} and {line}


def generate(
    result: LintResult,
    title: str = "archlint report",
    workers: int | None = None,
    diagrams: bool = True,
    notes: list[str] | None = None,
    stamp: Stamp | None = None,
    dot_seconds: float = LIMITS.dot_seconds,
) -> str:
    """The report of a lint result, as one HTML document.

    Without `diagrams` (where Graphviz is not installed) the report is whole but for its
    drawings, and says how to get them. A diagram `dot` could not draw in time is left
    out, saying so in its place and with a line in `notes`. `stamp`: the date, the commit
    and the source URL template of the header and the findings' links. `dot_seconds`: how long
    one `dot` run may take (the CLI gives the configured limits.dot-seconds).
    """
    from archlint.diagram.context_map import context_map
    from archlint.report.contents import build_report
    from archlint.report.diagrams import draw
    from archlint.report.html import render_html

    rules = result.rules or builtin_rules()
    map_diagram = context_map(result.interactions, result.findings)
    report = build_report(
        result, {s.code: s for s in rules.specs}, title=title, map_diagram=map_diagram
    )
    if stamp is not None:
        report = replace(
            report, generated=stamp.generated, commit=stamp.commit, source_url=stamp.source_url
        )
    figures = draw(report, result, map_diagram, workers, dot_seconds) if diagrams else []
    if notes is not None:
        notes.extend(
            f"the diagram '{f.title}' was left out: {f.left_out}" for f in figures if f.left_out
        )
    return render_html(report, figures, diagrams_missing=not diagrams)
