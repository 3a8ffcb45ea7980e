"""Lay the report out as one self-contained HTML file: Jinja2 with autoescaping, the CSS,
the JavaScript and the SVG diagrams inline, and a Content-Security-Policy that allows
nothing else (no request leaves the page, and no script but the report's own runs)."""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from archlint.findings import SEVERITY_RANK
from archlint.report.data import BlastRow, FindingRow, Report, TopicSection, rule_anchor
from archlint.report.diagrams import MAP_CONTEXTS, Figure
from archlint.report.drawings import script_json
from archlint.report.matrix import KINDS
from archlint.version import __version__

# Open every context's diagram up front when there are this few of them.
OPEN_CONTEXTS = 6
# What neither XML (the inline SVG) nor HTML allows in a page, from names in manifests: C0
# and C1 controls but tab and line breaks, DEL, lone surrogates, U+FFFE/U+FFFF.
_NOT_IN_A_PAGE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A service's section names at most this many of the services it reaches (or that reach it).
NAMES_SHOWN = 20
# Above this many services their sections are packed, and unpacked when one is opened.
PACK_SERVICES = 2000
BLAST_SHOWN = 200  # ... and the blast radius table shows this many of the largest


def _code(text: str) -> Markup:
    """Prose from the rule catalogue: escaped, `backticks` as <code>, blank lines kept."""
    parts = str(escape(text)).split("`")
    html = "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))
    return Markup(re.sub(r"\n\s*\n", "<br><br>", html))


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("archlint.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters["code"] = _code
    return env


@cache
def _asset(name: str) -> str:
    return (resources.files("archlint.report") / "templates" / name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    """A CSP source for exactly this inline script or style."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def matrix_data(report: Report) -> Markup | None:
    """The context matrix as JSON for the report's script: context names in matrix order,
    the cycles' blocks, the cells (row, column, counts by kind, rule codes) and, by
    "row,column", each pair's interactions (service, kind, name, target) and findings."""
    matrix = report.matrix
    if matrix is None or len(report.context_names) < 2:
        return None
    at = {context: position for position, context in enumerate(matrix.order)}
    names = report.service_names
    pairs: dict[str, dict[str, list[object]]] = {}
    for (a, b), found in matrix.interactions.items():
        entry = pairs.setdefault(f"{at[a]},{at[b]}", {"i": [], "f": []})
        entry["i"] = [[names[s], kind, name, target] for s, kind, name, target in found]
    for (a, b), numbers in matrix.findings.items():
        pairs.setdefault(f"{at[a]},{at[b]}", {"i": [], "f": []})["f"] = list(numbers)
    return script_json(
        {
            "names": [report.context_names[i] for i in matrix.order],
            "anchors": [f"ctx-{i}" for i in matrix.order],
            "kinds": list(KINDS),
            "groups": [list(g) for g in matrix.groups],
            "cells": [[r, c, *counts, " ".join(rules)] for r, c, counts, rules in matrix.cells],
            "pairs": pairs,
        }
    )


def blast_rows(report: Report) -> Sequence[BlastRow]:
    """The blast radius table: every service, or past PACK_SERVICES the BLAST_SHOWN largest
    (ten thousand rows would be a tenth of the page's load time)."""
    if len(report.blast) <= PACK_SERVICES:
        return report.blast
    ranked = sorted(report.blast, key=lambda b: (-b.fails, -b.delayed, b.name))
    return ranked[:BLAST_SHOWN]


def source_link(report: Report, row: FindingRow) -> str | None:
    """A finding's link to its source line: report.source-url with {commit} (HEAD when
    unknown), {path} and {line} filled in; None without a template or a location."""
    if not report.source_url or not row.path:
        return None
    filled = report.source_url.replace("{commit}", quote(report.commit or "HEAD"))
    return filled.replace("{path}", quote(row.path)).replace("{line}", str(row.line))


@dataclass(frozen=True)
class ServiceGroup:
    """A context's service sections: as HTML, or packed (gzip, base64) for the report's
    script to unpack when one of them is wanted, with the anchors it holds."""

    html: Markup
    packed: str = ""
    anchors: tuple[str, ...] = ()


def service_groups(report: Report, env: Environment) -> dict[str, ServiceGroup]:
    """Each context's service sections, rendered once; packed above PACK_SERVICES services
    (the HTML of 10,000 services is most of a report's size and load time)."""
    anchors = report.anchors

    def names_list(names: Sequence[str], service: str) -> Markup:
        """Linked names, at most NAMES_SHOWN: a chain of thousands of services would
        otherwise list each one's every dependency (quadratic in the chain's length)."""
        shown = Markup(", ").join(
            Markup('<a href="#{}">{}</a>').format(anchors[n], n) if n in anchors else escape(n)
            for n in names[:NAMES_SHOWN]
        )
        if len(names) <= NAMES_SHOWN:
            return shown
        more = Markup(" <small>and {} more: <code>archlint impact {}</code></small>")
        return shown + more.format(len(names) - NAMES_SHOWN, service)

    template = env.get_template("services.html.j2")
    by_name = {s.name: s for s in report.services}
    topics: dict[str, list[TopicSection]] = {}
    for t in report.topic_sections:
        topics.setdefault(t.context, []).append(t)
    pack = len(report.services) > PACK_SERVICES
    out = {}
    for name, members in [*((c.name, c.services) for c in report.contexts), ("", ())]:
        group, own = [by_name[n] for n in members], topics.get(name, [])
        html = Markup(
            template.render(
                group=group,
                topics=own,
                report=report,
                rule_anchor=rule_anchor,
                names_list=names_list,
            )
        )
        if not pack:  # part of the page, which render_html filters as a whole
            out[name] = ServiceGroup(html)
            continue
        # packed, the page's own filter never sees it: what a page refuses is replaced here
        safe = _NOT_IN_A_PAGE.sub("\ufffd", html)
        packed = base64.b64encode(gzip.compress(safe.encode("utf-8"), 6, mtime=0)).decode()
        held = tuple(s.anchor for s in group) + tuple(t.anchor for t in own)
        out[name] = ServiceGroup(Markup(""), packed, held)
    return out


def render_html(report: Report, figures: Sequence[Figure], diagrams_missing: bool = False) -> str:
    css = _asset("report.css")
    js = "\n".join(_asset(name) for name in ("report.js", "diagrams.js", "matrix.js"))
    env = _environment()
    by_anchor: Mapping[str, Figure] = {f.anchor: f for f in figures}
    html = env.get_template("report.html.j2").render(
        report=report,
        version=__version__,
        css=Markup(css),
        js=Markup(js),
        style_hash=_hash(css),
        script_hash=_hash(js),
        diagrams_missing=diagrams_missing,
        map_figure=by_anchor.get("map"),
        estate_figure=by_anchor.get("estate"),
        context_figures={f.context: f for f in figures if f.context},
        open_contexts=len(report.contexts) <= OPEN_CONTEXTS,
        service_groups=service_groups(report, env),
        blast_rows=blast_rows(report),
        severity_rank=SEVERITY_RANK,
        rule_anchor=rule_anchor,
        matrix_json=matrix_data(report),
        source_link=lambda row: source_link(report, row),
        map_contexts=MAP_CONTEXTS,
    )
    html = _NOT_IN_A_PAGE.sub("\ufffd", html)
    return html if html.endswith("\n") else html + "\n"
