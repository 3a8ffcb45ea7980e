"""Benchmark `archlint report` and `archlint graph` on a generated estate, and the report in
a browser, against the targets of issues 9 and 14.

    python benchmarks/bench_report.py [N] [--contexts C] [--seed S] [--keep DIR] [--screenshots DIR]

Generates N services (default 10,000) in C contexts (default N / 10) with
benchmarks/generate_estate.py, runs `archlint report` and `archlint graph --format svg` on
them as a user would (fresh processes, timed end to end, peak RSS of each), and splits the
report's time into its phases. Then, where Debian's chromium is installed, it opens the
report in headless Chromium and measures in the page (performance.now()): the time to
`load`, filtering the findings by rule and by text, opening a cell of the context matrix
and drawing a context's diagram (each including the next frame). Every figure is printed
beside its target; the exit code is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
# Chromium's flags live with the browser tests (tests/helpers/browser.py): one list for both
sys.path.insert(0, str(HERE.parent / "tests"))
from helpers.browser import ARGS  # noqa: E402

# (what, target, unit): a figure is within its target when at most the target
TARGETS = {
    "report write": (15.0, "s"),
    "report size": (25.0, "MB"),
    "report peak RSS": (600.0, "MB"),
    "graph --format svg": (20.0, "s"),
    "Chromium load": (3000.0, "ms"),
    "filter by rule": (100.0, "ms"),
    "filter by text": (100.0, "ms"),
    "matrix cell open": (500.0, "ms"),
    "context diagram open": (500.0, "ms"),
}
# a change, then the frame that shows it
FRAME = """(change) => new Promise(done => {
    const t0 = performance.now();
    change();
    requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0)); })"""


def _timed(
    command: list[str], cwd: Path
) -> tuple[float, float, float, subprocess.CompletedProcess[str]]:
    """Wall time, CPU time (user and system) and peak RSS (MB) of a fresh process (the
    peak is the largest of every child so far: run the one to measure first)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
    seconds = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, after.ru_maxrss / 1024, proc


def _phases(estate_dir: str) -> dict[str, float]:
    """The same work as the command, timed phase by phase in this process."""
    import archlint
    from archlint.diagram.context_map import context_map
    from archlint.report.contents import build_report
    from archlint.report.diagrams import draw
    from archlint.report.html import render_html
    from archlint.rule_pages import builtin_rules

    times: dict[str, float] = {}
    t = time.perf_counter()
    result = archlint.lint([estate_dir], cwd=estate_dir, baseline=False)
    times["load and lint"] = time.perf_counter() - t
    gc.disable()  # as `archlint report` does while it makes the report
    t = time.perf_counter()
    rules = result.rules or builtin_rules()
    cmap = context_map(result.interactions, result.findings)
    report = build_report(result, {spec.code: spec for spec in rules.specs}, map_diagram=cmap)
    times["report data (and matrix)"] = time.perf_counter() - t
    t = time.perf_counter()
    figures = draw(report, result, cmap)
    drawn = sum(1 for f in figures if f.drawing is None)
    times[f"diagrams ({drawn} by dot, {len(figures) - drawn} on open)"] = time.perf_counter() - t
    t = time.perf_counter()
    render_html(report, figures)
    times["HTML"] = time.perf_counter() - t
    gc.enable()
    return times


def _browser(path: Path, screenshots: Path | None) -> dict[str, float] | None:
    chromium = shutil.which("chromium")
    if chromium is None:
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.resolve().as_uri(), wait_until="load")
        load = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
        by_rule = page.evaluate(f"""() => ({FRAME})(() => {{
            const s = document.getElementById('f-rule'); s.value = s.options[1].value;
            s.dispatchEvent(new Event('input', {{bubbles: true}})); }})""")
        page.evaluate("""() => { const s = document.getElementById('f-rule'); s.value = '';
            s.dispatchEvent(new Event('input', {bubbles: true})); }""")
        # the text filter waits 80 ms for the typing to pause; time it without that wait
        by_text = page.evaluate(f"""() => ({FRAME})(() => {{
            const f = document.getElementById('f-text'); f.value = 'legacy';
            f.form.dispatchEvent(new Event('submit', {{cancelable: true}})); }})""")
        page.locator("#matrix").scroll_into_view_if_needed()
        cell = page.evaluate(f"""() => ({FRAME})(() => {{
            const data = JSON.parse(document.getElementById('matrix-data').textContent);
            const c = data.cells[Math.floor(data.cells.length / 2)];
            window.archlintMatrix.open(c[0], c[1]); }})""")
        if screenshots is not None:
            page.locator("#matrix").screenshot(path=str(screenshots / "matrix.png"))
        opened = page.evaluate(f"""() => ({FRAME})(() => {{
            const d = document.querySelectorAll('details.context')[1]; d.open = true;
            window.archlintDiagrams.open(d.querySelector('figure.diagram')); }})""")
        if screenshots is not None:
            page.locator("details.context").nth(1).screenshot(path=str(screenshots / "context.png"))
        browser.close()
    return {
        "Chromium load": load,
        "filter by rule": by_rule,
        "filter by text": by_text,
        "matrix cell open": cell,
        "context diagram open": opened,
        "console errors": float(len(errors)),
    }


def _line(what: str, value: float) -> tuple[str, bool]:
    if what not in TARGETS:
        return f"  {what}: {value:g}", value == 0
    target, unit = TARGETS[what]
    ok = value <= target
    return (
        f"  {what}: {value:,.1f} {unit} (target {target:g} {unit}: {'met' if ok else 'MISSED'})",
        ok,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=10000)
    parser.add_argument("--contexts", type=int, default=None, help="default: N / 10")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", help="write the estate and the report here")
    parser.add_argument("--screenshots", help="save the matrix and a context here")
    args = parser.parse_args(argv)
    import generate_estate

    contexts = args.contexts or max(1, args.n // 10)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.keep or tmp)
        estate_dir = root / "estate"
        counts = generate_estate.generate(args.n, str(estate_dir), args.seed, contexts=contexts)
        out = root / "report.html"
        archlint = [sys.executable, "-m", "archlint"]
        seconds, cpu, peak, proc = _timed(
            [*archlint, "report", str(estate_dir), "-o", str(out)], root
        )
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 2
        graph_seconds, graph_cpu, _, graph = _timed(
            [*archlint, "graph", str(estate_dir), "--format", "svg", "-o", str(root / "g.svg")],
            root,
        )
        print(
            f"estate: {counts['services']} services in {counts['contexts']} contexts, "
            f"{counts['files']} files ({os.cpu_count()} CPUs, load average "
            f"{os.getloadavg()[0]:.1f}: wall times stretch with it, CPU times do not)"
        )
        figures = {
            "report write": seconds,
            "report size": out.stat().st_size / 1e6,
            "report peak RSS": peak,
            "graph --format svg": graph_seconds,
        }
        note = graph.stderr.strip().splitlines()[:1]
        shots = Path(args.screenshots) if args.screenshots else None
        if shots is not None:
            shots.mkdir(parents=True, exist_ok=True)
        browser = _browser(out, shots)
        figures.update(browser or {})
        results = [_line(what, value) for what, value in figures.items()]
        for text, _ in results:
            print(text)
        print(f"  (CPU time: report {cpu:.1f} s, graph {graph_cpu:.1f} s)")
        if note:
            print(f"  (graph said: {note[0]})")
        if browser is None:
            print("  browser: skipped, chromium is not installed")
        print("report phases, in this process:")
        for phase, took in _phases(str(estate_dir)).items():
            print(f"  {phase}: {took:.2f} s")
        return 0 if all(ok for _, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
