"""The Mermaid output, parsed and drawn by the real Mermaid in headless Chromium: hostile
names show as written and run nothing.

Needs Mermaid's browser bundle from npm (`mermaid` in tests/node/package.json, installed by
`make test` with `npm ci --prefix tests/node`; or ARCHLINT_MERMAID_JS=path/to/mermaid.min.js)
and Debian's chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import REPO
from helpers.model_estates import HOSTILE, hostile_estate, result, shop

from archlint.diagram.build import build
from archlint.diagram.mermaid import to_mermaid

# ARCHLINT_MERMAID_JS: another copy of mermaid.min.js to test against
MERMAID = Path(
    os.environ.get("ARCHLINT_MERMAID_JS")
    or REPO / "tests" / "node" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
)
CHROMIUM = shutil.which("chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
    pytest.mark.skipif(
        not MERMAID.exists(),
        reason="Mermaid is not installed: add `mermaid` to "
        "tests/node/package.json and run `npm ci --prefix tests/node`",
    ),
]


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.dialogs = []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.set_content("<html><body><div id=out></div></body></html>")
        page.add_script_tag(content=MERMAID.read_text(encoding="utf-8"))
        page.evaluate("() => mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
        yield page
        browser.close()


def draw(page, source: str) -> dict:
    return page.evaluate(
        """async (src) => {
        try {
            await mermaid.parse(src);
            const {svg} = await mermaid.render('d' + Math.random().toString(36).slice(2), src);
            const out = document.getElementById('out');
            out.innerHTML = svg;
            const labels = Array.from(out.querySelectorAll('.nodeLabel, .cluster-label, .edgeLabel'));
            return {ok: true, texts: labels.map(e => e.textContent),
                    scripts: out.querySelectorAll('script, img').length};
        } catch (e) { return {ok: false, error: String(e)}; }
    }""",
        source,
    )


@pytest.mark.parametrize("options", [{}, {"level": "context"}, {"context": "sales"}])
def test_mermaid_draws_every_view(page, options):
    r = result(shop())
    drawn = draw(page, to_mermaid(build(r.interactions, r.findings, **options)))
    assert drawn["ok"], drawn.get("error")


def test_hostile_names_show_as_written_and_run_nothing(page):
    r = result(hostile_estate())
    drawn = draw(page, to_mermaid(build(r.interactions, r.findings)))
    assert drawn["ok"], drawn.get("error")
    shown = {t.strip() for t in drawn["texts"]}
    for name in HOSTILE:  # a line break shows as a break, which textContent drops
        assert name.replace("\t", " ").replace("\n", "") in shown, name
    assert drawn["scripts"] == 0 and page.dialogs == []
