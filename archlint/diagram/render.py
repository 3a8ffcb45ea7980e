"""Render DOT to SVG or PNG with the real Graphviz `dot`, through the `graphviz` package.

The imperative edge of the diagram package: it runs processes. One `dot` process per
diagram; `render_many` runs a few at once for the report.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import graphviz

FORMATS = ("svg", "png")


class RenderError(Exception):
    """Graphviz is missing or failed: the message says what to do."""


def render(dot_text: str, fmt: str) -> bytes:
    """DOT text -> SVG or PNG bytes, laid out and drawn by Graphviz `dot`."""
    if fmt not in FORMATS:
        raise ValueError(f"cannot render {fmt!r}; one of {', '.join(FORMATS)}")
    try:
        drawn: bytes = graphviz.pipe("dot", fmt, dot_text.encode("utf-8"), quiet=True)
        return drawn
    except graphviz.ExecutableNotFound:
        raise RenderError(
            "Graphviz `dot` was not found on PATH: install Graphviz (Debian/Ubuntu: "
            "apt-get install graphviz; macOS: brew install graphviz), or write "
            "--format dot, mermaid or json, which need no Graphviz"
        ) from None
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        detail = [line for line in detail if not line.startswith("Warning")]
        raise RenderError("Graphviz `dot` failed" + (f": {detail[-1]}" if detail else "")) from None


def render_many(dot_texts: Sequence[str], fmt: str, workers: int = 2) -> list[bytes]:
    """Render several diagrams, `workers` `dot` processes at a time, in order."""
    if len(dot_texts) <= 1 or workers <= 1:
        return [render(text, fmt) for text in dot_texts]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda text: render(text, fmt), dot_texts))


_NOT_INLINE = re.compile(
    r"<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*|<!--.*?-->\s*|<title>[^<]*</title>\s*", re.S
)
_ID = re.compile(r'\bid="([^"]*)"')


def inline_svg(svg: bytes, id_prefix: str) -> str:
    """An SVG document made fit to sit inside an HTML page: no XML prolog, doctype or
    comments (Graphviz writes node names into comments), no <title>s (Graphviz titles each
    element with its internal id, a tenth of the size of a big diagram; a linked node keeps
    its tooltip), and every element id prefixed so that several diagrams in one page do not
    share ids."""
    text = svg.decode("utf-8")
    text = _NOT_INLINE.sub("", text)
    return _ID.sub(lambda m: f'id="{id_prefix}{m.group(1)}"', text).strip()
