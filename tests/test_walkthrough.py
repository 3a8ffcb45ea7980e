"""The README's first-manifest walkthrough, replayed as a new user would follow it: in an
empty folder, each ```yaml FILE block written to FILE and each `$ command` of a ```console
block run with the installed `archlint`, its output compared with what the README shows."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from helpers import REPO

from archlint.cli.init import starter_files

BIN = Path(sys.executable).parent
SECTION = "## Your first manifest"


def steps() -> list[tuple[str, str]]:
    """The walkthrough's fenced blocks in order, as (info string, body)."""
    text = (REPO / "README.md").read_text(encoding="utf-8").split(f"\n{SECTION}\n", 1)[1]
    text = text.split("\n## ", 1)[0]
    return re.findall(r"^```([^\n]*)\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def sessions(body: str) -> list[tuple[str, str]]:
    """A console block as (command, the output shown after it)."""
    found = re.findall(r"^\$ (.*)\n((?:(?!\$ ).*\n)*)", body, re.MULTILINE)
    assert found, "a console block shows commands"
    return found


def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """One command as a user's shell runs it: archlint on PATH, no CI or colour settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "ARCHLINT_"))}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", NO_COLOR="1")
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        shlex.split(command),
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
    )


def test_the_walkthrough_shows_what_archlint_does(tmp_path):
    ran = []
    for info, body in steps():
        language, _, path = info.partition(" ")
        if language == "yaml" and path:
            (tmp_path / path).write_text(body, encoding="utf-8")
            continue
        assert language == "console", f"an unexpected block ```{info}"
        for command, shown in sessions(body):
            proc = run(command, tmp_path)
            assert proc.stdout == shown, f"$ {command}"
            failed = "The run failed" in shown
            assert proc.returncode == (1 if failed else 0), f"$ {command}"
            ran.append((command, proc.returncode))
    assert ran == [("archlint init", 0), ("archlint lint", 1), ("archlint lint", 0)]


def test_the_walkthrough_is_three_services_in_two_contexts():
    """orders from `archlint init`, payments and shipping as the README writes them last."""
    final = {"services/orders.yaml": starter_files()["services/orders.yaml"]}
    final.update(
        (info.split(" ", 1)[1], body) for info, body in steps() if info.startswith("yaml ")
    )
    contexts = dict(
        re.findall(r"^  name: (\S+).*\n  context: (\S+)", "".join(final.values()), re.M)
    )
    assert contexts == {"orders": "orders", "payments": "orders", "shipping": "logistics"}
