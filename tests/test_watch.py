"""`archlint lint --watch` for real: a subprocess lints, a manifest is edited on disk, the
second run's findings arrive, and an interrupt stops it cleanly."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import CROSS_CONTEXT_QUERY, write_files

ARCHLINT = Path(sys.executable).parent / "archlint"
FIXED = CROSS_CONTEXT_QUERY.replace(
    "  queries: [{to: stock, name: GetLevel}]\n", "  global: false\n"
)
WATCHING = "[archlint --watch: watching"


def lines_of(proc: subprocess.Popen[str]) -> queue.Queue[str]:
    """The process's output lines as they come (a thread, so a test can wait with a timeout)."""
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def until(lines: queue.Queue[str], marker: str, timeout: float = 30) -> list[str]:
    """The lines up to and including the first one that starts with `marker`."""
    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            seen.append(lines.get(timeout=0.5))
        except queue.Empty:
            continue
        if seen[-1].startswith(marker):
            return seen
    raise AssertionError(f"no {marker!r} within {timeout}s; saw {seen}")


@pytest.fixture
def watched(tmp_path):
    write_files(tmp_path, {"services/estate.yaml": CROSS_CONTEXT_QUERY})
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    proc = subprocess.Popen(  # SIGINT ignored, as in a background job: --watch still stops
        [str(ARCHLINT), "lint", "services", "--watch", "--color", "never"],
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield tmp_path, proc, lines_of(proc)
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_an_edit_is_linted_again_and_a_signal_stops_it(watched, stop):
    root, proc, lines = watched
    first = until(lines, WATCHING)
    assert any(" ERROR CX001 [cross-context-query] " in line for line in first)
    assert not any("All checks passed" in line for line in first)
    time.sleep(0.5)  # the watcher is set up once the first run is shown
    (root / "services" / "estate.yaml").write_text(FIXED, encoding="utf-8")
    second = until(lines, WATCHING)
    assert any("linting again" in line for line in second)
    assert "All checks passed (1 file, 2 services).\n" in second, second
    proc.send_signal(stop)
    assert proc.wait(timeout=15) == 0


def test_watch_and_show_files_are_one_or_the_other(tmp_path):
    write_files(tmp_path, {"services/estate.yaml": CROSS_CONTEXT_QUERY})
    proc = subprocess.run(
        [str(ARCHLINT), "lint", "--watch", "--show-files"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2 and "--watch and --show-files" in proc.stderr
