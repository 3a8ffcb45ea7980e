"""The HTML report: `archlint report` writes one self-contained file.

data      what the report shows: plain values for the template
build     LintResult + the rules of its run -> those values (pure; rows, sections, rule_docs)
diagrams  the context map and the per-context diagrams, drawn by Graphviz as SVG
html      the Jinja2 templates (templates/), CSS, JavaScript and CSP around it all
"""

from __future__ import annotations

from archlint.engine import LintResult
from archlint.rule_pages import builtin_rules


def generate(
    result: LintResult,
    title: str = "archlint report",
    workers: int | None = None,
    diagrams: bool = True,
    notes: list[str] | None = None,
) -> str:
    """The report of a lint result, as one HTML document.

    Without `diagrams` (where Graphviz is not installed) the report is whole but for its
    drawings, and says how to get them. A diagram `dot` could not draw in time is left
    out, saying so in its place and with a line in `notes`.
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
    figures = draw(report, result, map_diagram, workers=workers) if diagrams else []
    if notes is not None:
        notes.extend(
            f"the diagram '{f.title}' was left out: {f.left_out}" for f in figures if f.left_out
        )
    return render_html(report, figures, diagrams_missing=not diagrams)
