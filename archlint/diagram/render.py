"""Render DOT to SVG or PNG with the real Graphviz `dot`.

The imperative edge of the diagram package: it runs processes. One `dot` process per
diagram; `render_many` runs a few at once for the report. (One process can lay out many
graphs, but state carries from one to the next: the layout engine, cluster and node
numbers, and layouts that then differ from run to run; the report draws large estates'
diagrams in the browser instead.) Each runs under a time limit, given by the caller
(dot_timeout: the configuration's limits.dot-seconds, or the runner's ARCHLINT_DOT_TIMEOUT):
a committed estate of 60 services all writing and reading 60 topics keeps `dot` busy for
minutes, which CI must not wait for.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

from archlint.config.settings import LIMITS

FORMATS = ("svg", "png")
DOT_TIMEOUT = float(LIMITS.dot_seconds)  # seconds per diagram, by default
TIMEOUT_VARIABLE = "ARCHLINT_DOT_TIMEOUT"


class RenderError(Exception):
    """Graphviz is missing or failed: the message says what to do."""


class RenderTimeout(RenderError):
    """`dot` did not finish within the time limit (and was stopped)."""


def dot_timeout(configured: float = DOT_TIMEOUT, environ: Mapping[str, str] = os.environ) -> float:
    """The time limit of one `dot` run: ARCHLINT_DOT_TIMEOUT seconds where the runner sets it
    (the environment over the committed configuration, so that CI keeps the last word),
    else `configured` (limits.dot-seconds)."""
    given = environ.get(TIMEOUT_VARIABLE, "").strip()
    if not given:
        return configured
    try:
        seconds = float(given)
    except ValueError:
        seconds = 0.0
    if not seconds > 0 or seconds == float("inf"):
        raise RenderError(f"{TIMEOUT_VARIABLE}={given!r} is not a number of seconds above 0")
    return seconds


def render(dot_text: str, fmt: str, timeout: float = DOT_TIMEOUT) -> bytes:
    """DOT text -> SVG or PNG bytes, laid out and drawn by Graphviz `dot`, within `timeout`
    seconds; raises RenderTimeout past it."""
    if fmt not in FORMATS:
        raise ValueError(f"cannot render {fmt!r}; one of {', '.join(FORMATS)}")
    try:
        done = subprocess.run(
            ["dot", f"-T{fmt}"], input=dot_text.encode("utf-8"), capture_output=True,
            timeout=timeout, check=True,
        )  # fmt: skip
        return done.stdout
    except subprocess.TimeoutExpired:
        raise RenderTimeout(
            f"Graphviz `dot` did not finish drawing the diagram within {timeout:g} s and was "
            "stopped: draw less with `--level context`, or with --context or --service, or allow "
            f"longer with limits.dot-seconds in the configuration (or {TIMEOUT_VARIABLE}=SECONDS)"
        ) from None
    except FileNotFoundError:
        raise RenderError(
            "Graphviz `dot` was not found on PATH: install Graphviz (Debian/Ubuntu: "
            "apt-get install graphviz; macOS: brew install graphviz), or write "
            "--format dot, mermaid or json, which need no Graphviz"
        ) from None
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        detail = [line for line in detail if not line.startswith("Warning")]
        raise RenderError("Graphviz `dot` failed" + (f": {detail[-1]}" if detail else "")) from None


def render_many(
    dot_texts: Sequence[str], fmt: str, workers: int = 2, timeout: float = DOT_TIMEOUT
) -> list[bytes | RenderTimeout]:
    """Render several diagrams, `workers` `dot` processes at a time, in order, each within
    `timeout` seconds; a diagram that ran out of time is its RenderTimeout, so that the
    others are still drawn."""

    def one(text: str) -> bytes | RenderTimeout:
        try:
            return render(text, fmt, timeout)
        except RenderTimeout as timed_out:
            return timed_out

    if len(dot_texts) <= 1 or workers <= 1:
        return [one(text) for text in dot_texts]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, dot_texts))


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
