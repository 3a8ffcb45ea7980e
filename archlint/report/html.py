"""Lay the report out as one self-contained HTML file: Jinja2 with autoescaping, the CSS,
the JavaScript and the SVG diagrams inline, and a Content-Security-Policy that allows
nothing else (no request leaves the page, and no script but the report's own runs)."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache, lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from archlint.findings import SEVERITY_RANK
from archlint.report.data import Report, rule_anchor
from archlint.report.diagrams import Figure
from archlint.version import __version__

# Open every context's diagram up front when there are this few of them.
OPEN_CONTEXTS = 6
# What neither XML (the inline SVG) nor HTML allows in a page, from names in manifests: C0
# and C1 controls but tab and line breaks, DEL, lone surrogates, U+FFFE/U+FFFF.
_NOT_IN_A_PAGE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


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


def render_html(report: Report, figures: Sequence[Figure], diagrams_missing: bool = False) -> str:
    css, js = _asset("report.css"), _asset("report.js")
    anchors = report.anchors

    def names_list(names: Iterable[str]) -> Markup:
        return Markup(", ").join(
            Markup('<a href="#{}">{}</a>').format(anchors[n], n) if n in anchors else escape(n)
            for n in names
        )

    by_anchor: Mapping[str, Figure] = {f.anchor: f for f in figures}
    html = (
        _environment()
        .get_template("report.html.j2")
        .render(
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
            services_by_name={s.name: s for s in report.services},
            severity_rank=SEVERITY_RANK,
            rule_anchor=rule_anchor,
            names_list=names_list,
        )
    )
    html = _NOT_IN_A_PAGE.sub("\ufffd", html)
    return html if html.endswith("\n") else html + "\n"
