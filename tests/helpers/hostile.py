"""Running the CLI on hostile input: in a subprocess, under a memory cap and a hang guard,
so that a regression fails the test instead of hanging or exhausting the machine."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

MEMORY_CAP = 1 << 30  # 1 GiB of address space: far above a normal run, far below a bomb
HANG_GUARD = 120  # seconds: not a timing assertion, only so that a hang ends


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_bounded(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`archlint ARGS` from `cwd` with stdin an open, empty pipe (reading it would block);
    `env`: variables set for it beside the inherited ones."""
    with subprocess.Popen(
        [sys.executable, "-m", "archlint", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_cap_memory,
    ) as proc:
        try:
            out, err = proc.communicate(timeout=HANG_GUARD)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise AssertionError(f"archlint {' '.join(args)} did not finish") from None
    assert "Traceback" not in err, err
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
