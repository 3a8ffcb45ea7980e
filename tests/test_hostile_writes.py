"""Every write atomic, never through a symbolic link, never outside the given folder
(issue cases 12 and 16). A crash half-way is made deterministic with RLIMIT_FSIZE: the
kernel kills the process (SIGXFSZ) the moment the file would grow past the limit."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import CROSS_CONTEXT_QUERY, write_files
from helpers.hostile import HANG_GUARD, run_bounded

from archlint.loader.atomic import WriteRefused, write_atomically

ASYNCAPI = "asyncapi: 3.0.0\ninfo: {title: svc, version: '1', x-context: c}\n"


def _killed_past(size: int):
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


@pytest.mark.parametrize(
    "command, target",
    [
        (["report", ".", "-o", "out.html"], "out.html"),
        (["baseline", ".", "-o", "b.json"], "b.json"),
    ],
    ids=["report", "baseline"],
)
def test_a_crash_half_way_leaves_the_old_file(tmp_path: Path, command, target) -> None:
    write_files(tmp_path, {"estate.yaml": CROSS_CONTEXT_QUERY})
    old = b'{"version": 1, "findings": []}\n'
    (tmp_path / target).write_bytes(old)
    done = subprocess.run(
        [sys.executable, "-m", "archlint", *command],
        cwd=tmp_path, capture_output=True, timeout=HANG_GUARD, preexec_fn=_killed_past(64),
    )  # fmt: skip
    assert done.returncode != 0  # killed by SIGXFSZ, or refused with EFBIG
    assert (tmp_path / target).read_bytes() == old


def test_a_write_replaces_the_file_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomically(str(target), b"new")
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]  # no temporary left


def test_an_output_that_is_a_link_is_not_written_through(tmp_path: Path) -> None:
    write_files(tmp_path, {"repo/estate.yaml": CROSS_CONTEXT_QUERY, "victim.txt": "precious"})
    os.symlink(tmp_path / "victim.txt", tmp_path / "repo" / "report.html")
    result = run_bounded(["report", ".", "-o", "report.html"], tmp_path / "repo")
    assert result.returncode == 2
    assert "it is a symbolic link, which archlint does not write through" in result.stderr
    assert (tmp_path / "victim.txt").read_text(encoding="utf-8") == "precious"


def test_import_does_not_write_through_a_dangling_link(tmp_path: Path) -> None:
    write_files(tmp_path, {"api/asyncapi.yaml": ASYNCAPI})
    (tmp_path / "out").mkdir()
    os.symlink(tmp_path / "created-outside.yaml", tmp_path / "out" / "svc.yaml")
    result = run_bounded(["import", "asyncapi", "api", "-o", "out"], tmp_path)
    assert result.returncode == 2 and "does not write through" in result.stderr
    assert not (tmp_path / "created-outside.yaml").exists()


def test_import_with_force_replaces_the_link_not_its_target(tmp_path: Path) -> None:
    write_files(tmp_path, {"api/asyncapi.yaml": ASYNCAPI, "victim.yaml": "precious\n"})
    (tmp_path / "out").mkdir()
    os.symlink(tmp_path / "victim.yaml", tmp_path / "out" / "svc.yaml")
    result = run_bounded(["import", "asyncapi", "api", "-o", "out", "--force"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "victim.yaml").read_text(encoding="utf-8") == "precious\n"
    written = tmp_path / "out" / "svc.yaml"
    assert not written.is_symlink() and "apiVersion: archlint/v1" in written.read_text("utf-8")


def test_a_link_is_refused_by_the_writer_itself(tmp_path: Path) -> None:
    os.symlink(tmp_path / "elsewhere", tmp_path / "out.json")
    with pytest.raises(WriteRefused):
        write_atomically(str(tmp_path / "out.json"), b"{}")
    assert not (tmp_path / "elsewhere").exists()
