"""Unreadable is not clean (issue case 9): a folder that cannot be listed (mode 000, or
exec-only) and a file that cannot be read are each AL001 with the OS's reason, the rest still
checked; a working directory (or a named folder) that cannot be listed is exit 2.

Permissions do not bind root, so under root archlint runs as `nobody` (uid 65534, through
`setpriv`) over a tree in a folder everyone may enter; otherwise as the user running the tests."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import write_files
from helpers.hostile import HANG_GUARD, MEMORY_CAP

NOBODY = 65534
AS_ROOT = os.geteuid() == 0
ORDERS = (
    "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: orders, context: orders}\n"
    "spec:\n  owns: [orders]\n  produces: [{topic: orders}]\n  consumes: [{topic: orders}]\n"
)
HIDDEN = "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: hidden, context: c}\n"


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _as_denied_user(command: list[str]) -> list[str]:
    """`command` run as a user the permissions bind: nobody under root."""
    if not AS_ROOT:
        return command
    drop = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    return [*drop, *command]


def run_denied(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`archlint ARGS` in `cwd` as a user the permissions bind."""
    done = subprocess.run(
        _as_denied_user([sys.executable, "-m", "archlint", *args]),
        cwd=cwd,
        env={**os.environ, "HOME": str(cwd), "PYTHONDONTWRITEBYTECODE": "1"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        preexec_fn=_cap_memory,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _denies(folder: Path) -> bool:
    """Whether mode 000 keeps the user archlint runs as out of a folder."""
    probe = folder / "probe"
    probe.mkdir()
    probe.chmod(0)
    try:
        code = "import os, sys; os.listdir(sys.argv[1])"
        command = _as_denied_user([sys.executable, "-c", code, str(probe)])
        return subprocess.run(command, capture_output=True, check=False).returncode == 1
    finally:
        probe.chmod(0o755)
        probe.rmdir()


@pytest.fixture
def tree() -> Iterator[Path]:
    """A folder everyone may enter (pytest's tmp_path is the owner's alone)."""
    top = Path(tempfile.mkdtemp(prefix="archlint-unreadable-"))
    top.chmod(0o755)
    try:
        if AS_ROOT and shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: no unprivileged user to run as")
        if not _denies(top):
            pytest.skip("file permissions do not deny this user here (not root, cannot chmod-deny)")
        cannot_run = _cannot_run_archlint(top)
        if cannot_run:
            pytest.skip(cannot_run)
        yield top
    finally:
        _open_up(top)
        shutil.rmtree(top, ignore_errors=True)


def _cannot_run_archlint(top: Path) -> str | None:
    """Why the unprivileged user cannot run this archlint at all (None: it can): a checkout
    or a Python inside a folder only root may enter (`mktemp -d`, /root) keeps nobody out
    before any permission this file tests comes into play."""
    command = _as_denied_user([sys.executable, "-m", "archlint", "--version"])
    done = subprocess.run(command, cwd=top, capture_output=True, text=True, check=False)
    if done.returncode == 0:
        return None
    why = (done.stderr.strip().splitlines() or ["no output"])[-1]
    return (
        f"archlint cannot run as uid {NOBODY} here ({why}): its checkout or its Python lies in "
        "a folder only its owner may enter; clone it where everyone may enter to run these"
    )


def _open_up(top: Path) -> None:
    """Give back the folders' permissions, so that they can be removed."""
    pending = [top]
    while pending:
        folder = pending.pop()
        folder.chmod(0o755)
        pending.extend(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())


def _estate(top: Path) -> Path:
    root = top / "estate"
    write_files(
        root,
        {
            "orders.yaml": ORDERS,
            "closed/hidden.yaml": HIDDEN,
            "exec-only/hidden.yaml": HIDDEN,
            "unreadable.yaml": HIDDEN,
        },
    )
    for path in (root, *root.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    (root / "closed").chmod(0)
    (root / "exec-only").chmod(0o111)
    (root / "unreadable.yaml").chmod(0)
    return root


def test_unreadable_folders_and_files_are_findings_and_the_rest_is_checked(tree: Path) -> None:
    root = _estate(tree)
    result = run_denied(["lint", ".", "--format", "json"], root)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    found = [(f["path"], f["code"], f["message"]) for f in report["findings"]]
    assert [(path, code) for path, code, _ in found] == [
        ("closed", "AL001"),
        ("exec-only", "AL001"),
        ("unreadable.yaml", "AL001"),
    ]
    for path, _, message in found:
        assert "permission denied" in message, (path, message)
    assert found[0][2].startswith("cannot list the folder: permission denied;")
    assert report["summary"]["services"] == 1  # orders is still read


@pytest.mark.parametrize(
    ("mode", "error"),
    [
        (0, "cannot look for the configuration in '{cwd}': Permission denied"),
        (0o111, "cannot list the folder '.': Permission denied"),
    ],
    ids=["mode 000", "exec-only"],
)
def test_an_unlistable_working_directory_is_exit_2(tree: Path, mode: int, error: str) -> None:
    cwd = tree / "cwd"
    write_files(cwd, {"orders.yaml": ORDERS})
    (cwd / "orders.yaml").chmod(0o644)
    cwd.chmod(mode)
    result = run_denied(["lint"], cwd)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr == f"archlint: {error.format(cwd=cwd.resolve())}\n"
    assert "All checks passed" not in result.stdout


def test_a_named_folder_that_cannot_be_listed_is_exit_2(tree: Path) -> None:
    root = _estate(tree)
    result = run_denied(["lint", "closed"], root)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Path 'closed' is not readable" in result.stderr
