"""Real git repositories in temporary folders, for the tests of `archlint diff`."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

ENV = {
    "GIT_AUTHOR_NAME": "archlint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "archlint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}


def git(root: Path, *args: str) -> str:
    import os

    done = subprocess.run(
        ["git", *args],
        cwd=root,
        env={**os.environ, **ENV},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def init_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    return root


def commit(root: Path, message: str, files: dict[str, str | None]) -> str:
    """Write (or, for None, delete) the files, commit everything, return the commit."""
    for name, text in files.items():
        path = root / name
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def state(root: Path) -> tuple[str, str]:
    """The work tree's and the index's state: what a diff must leave as it found it."""
    return git(root, "status", "--porcelain", "--untracked-files=all"), git(
        root, "diff", "--cached"
    )
