"""The README is documentation users copy from: keep its generated parts true."""

from __future__ import annotations

import re
import subprocess
import sys

from helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_rule_table_is_generated_from_the_catalogue():
    proc = subprocess.run(
        [sys.executable, "scripts/update_readme.py", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr


def test_quickstart_is_exactly_two_commands():
    quickstart = README.split("## Quickstart", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in quickstart.strip().splitlines()]
    assert commands == ["make demo", "make test"]


def test_every_section_is_merged():
    assert not re.search(r"<!-- section:", README)


def test_ci_runs_make_test():
    assert "make test" in (REPO / ".ci" / "run").read_text()
