"""Benchmark `archlint report` on a generated estate, and the report in a browser.

    python benchmarks/bench_report.py [N] [--seed S] [--keep DIR]

Generates N services (default 1,000) with benchmarks/generate_estate.py, runs
`archlint report` on them as a user would (a fresh process, timed end to end), and prints
how long it took against the 10 s budget, split into loading and linting, building the
report's data, drawing the diagrams (one `dot` per diagram, a few at a time) and writing
the HTML. Then, where Debian's chromium is installed, it opens the report in headless
Chromium and prints, measured in the page with performance.now(): the time to load, and
the time to filter the findings by rule and by text (each including the next frame).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
BUDGET = 10.0
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _phases(estate_dir: str) -> dict[str, float]:
    """The same work as the command, timed phase by phase in this process."""
    import archlint
    from archlint.report.contents import build_report
    from archlint.report.diagrams import draw
    from archlint.report.html import render_html
    from archlint.rule_pages import builtin_rules

    times: dict[str, float] = {}
    t = time.perf_counter()
    result = archlint.lint([estate_dir], cwd=estate_dir, baseline=False)
    times["load and lint"] = time.perf_counter() - t
    t = time.perf_counter()
    rules = result.rules or builtin_rules()
    report = build_report(result, {spec.code: spec for spec in rules.specs})
    times["report data"] = time.perf_counter() - t
    t = time.perf_counter()
    figures = draw(report, result)
    times[f"diagrams ({len(figures)}, drawn by dot)"] = time.perf_counter() - t
    t = time.perf_counter()
    render_html(report, figures)
    times["HTML"] = time.perf_counter() - t
    return times


def _browser(path: Path) -> dict[str, float] | None:
    chromium = shutil.which("chromium")
    if chromium is None:
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(path.resolve().as_uri(), wait_until="load")
        figures = page.evaluate("""() => {
            const n = performance.getEntriesByType('navigation')[0];
            return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd}; }""")
        # a filter, then the frame that shows it
        frame = """(change) => new Promise(done => {
            const t0 = performance.now();
            change();
            requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0)); })"""
        by_rule = page.evaluate(f"""() => ({frame})(() => {{
            const s = document.getElementById('f-rule'); s.value = s.options[1].value;
            s.dispatchEvent(new Event('input', {{bubbles: true}})); }})""")
        shown_rule = page.locator("#f-count").inner_text()
        page.evaluate(
            "() => { document.getElementById('f-rule').value = '';"
            " document.getElementById('f-rule').dispatchEvent(new Event('input', {bubbles: true})); }"
        )
        # the text filter waits 80 ms for the typing to pause; time it without that wait
        by_text = page.evaluate(f"""() => ({frame})(() => {{
            const f = document.getElementById('f-text'); f.value = 'legacy';
            f.form.dispatchEvent(new Event('submit', {{cancelable: true}})); }})""")
        shown_text = page.locator("#f-count").inner_text()
        browser.close()
    return {
        "DOMContentLoaded ms": figures["dcl"],
        "load ms": figures["load"],
        f"filter by rule ms ({shown_rule})": by_rule,
        f"filter by text ms ({shown_text})": by_text,
        "console errors": float(len(errors)),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--keep", help="write the estate and the report here instead of a temporary folder"
    )
    args = parser.parse_args(argv)
    import generate_estate

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.keep or tmp)
        estate_dir = root / "estate"
        counts = generate_estate.generate(args.n, str(estate_dir), args.seed)
        out = root / "report.html"
        archlint = [sys.executable, "-m", "archlint"]
        t = time.perf_counter()
        proc = subprocess.run(
            [*archlint, "report", str(estate_dir), "-o", str(out)],
            capture_output=True,
            text=True,
            cwd=root,
        )
        total = time.perf_counter() - t
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 2
        print(
            f"estate: {counts['services']} services in {counts['contexts']} contexts, "
            f"{counts['files']} files ({os.cpu_count()} CPUs)"
        )
        print(
            f"archlint report, end to end: {total:.2f} s (budget {BUDGET:.0f} s: "
            f"{'within' if total < BUDGET else 'OVER'}); {out.stat().st_size / 1e6:.1f} MB of HTML"
        )
        for phase, seconds in _phases(str(estate_dir)).items():
            print(f"  {phase}: {seconds:.2f} s")
        figures = _browser(out)
        if figures is None:
            print("browser: skipped, chromium is not installed")
        else:
            print("in headless Chromium:")
            for what, value in figures.items():
                print(f"  {what}: {value:.1f}")
        return 0 if total < BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
