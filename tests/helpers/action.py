"""Run the composite action's shell steps (action.yml) as a runner would: each step's
`env` evaluated from a context of inputs and step outputs, its script run by bash."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from . import REPO

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent


def step(name: str) -> dict:
    return next(s for s in ACTION["runs"]["steps"] if s.get("name") == name)


def evaluate(value: str, context: dict) -> str:
    """The `${{ }}` expressions of the action's env: dotted names, looked up."""

    def lookup(match: re.Match[str]) -> str:
        node = context
        for part in match.group(1).split("."):
            node = node[part]
        return str(node)

    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lookup, value)


def run_step(name: str, root: Path, context: dict, path: str = "") -> subprocess.CompletedProcess:
    """Run one `run:` step in `root`, with archlint (and `path`, for fakes) on PATH."""
    s = step(name)
    env = {k: evaluate(v, context) for k, v in s.get("env", {}).items()}
    base = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    base["PATH"] = os.pathsep.join(p for p in (path, str(BIN), base.get("PATH", "")) if p)
    return subprocess.run(
        ["bash", "-e", "-c", s["run"]],
        cwd=root,
        capture_output=True,
        text=True,
        env={**base, **env, **context["runner_env"]},
        timeout=120,
    )


def docs_snippet(page: str, info: str) -> str:
    """The one fenced block with info string `info` in the documentation's page (docs/)."""
    text = (REPO / "docs" / page).read_text(encoding="utf-8")
    found = [
        body
        for head, body in re.findall(r"^```([^\n]*)\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
        if head.strip() == info
    ]
    assert len(found) == 1, f"expected one ```{info} block in docs/{page}, found {len(found)}"
    return found[0]


def check_jsonschema(schema: str, path: Path) -> None:
    """Validate a file with check-jsonschema's vendored SchemaStore copy of `schema`."""
    tool = BIN / "check-jsonschema"
    assert tool.exists(), "check-jsonschema is a test dependency: pip install -e '.[test]'"
    proc = subprocess.run(
        [str(tool), "--builtin-schema", schema, str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
