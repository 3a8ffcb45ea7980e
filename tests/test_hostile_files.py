"""Only regular files inside the tree (issue cases 3, 4 and 15's `$ref: 'x%00.yaml'`): a
committed link to a device, a FIFO, a link or a `$ref` out of the repository is a finding
at its place, never a read; the rest of the estate is still checked."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import write_files
from helpers.hostile import run_bounded

from archlint.loader.reading import Refused, Tree, read_regular

SECRET = "SECRET-ON-THE-RUNNER"

SERVICE = """\
apiVersion: archlint/v1
kind: Service
metadata: {name: orders, context: orders}
"""

ASYNCAPI = """\
asyncapi: 3.0.0
info: {title: Svc, version: '1', x-context: c}
channels:
  c:
    address: a
    messages:
      m: {$ref: 'REF'}
operations:
  o: {action: send, channel: {$ref: '#/channels/c'}}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository (it has .git) beside a folder of the runner holding a secret."""
    write_files(tmp_path, {"outside/secret.yaml": f"m: {{name: {SECRET}}}\ntopic: {SECRET}\n"})
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write_files(root, {"services/orders.yaml": SERVICE})
    return root


def lint(root: Path, path: str = ".") -> tuple[list[tuple[str, str, str]], str]:
    """(path, code, message) of each finding of `archlint lint PATH`, and all output."""
    result = run_bounded(["lint", path, "--format", "json"], root)
    assert result.returncode in (0, 1), result.stderr
    found = json.loads(result.stdout)["findings"]
    return [(f["path"], f["code"], f["message"]) for f in found], result.stdout + result.stderr


def test_a_link_to_a_device_is_refused(repo: Path) -> None:
    os.symlink("/dev/zero", repo / "services" / "zero.yaml")
    findings, _ = lint(repo)
    assert [(p, c) for p, c, _ in findings] == [("services/zero.yaml", "AL001")]
    assert "'/dev/zero', outside the linted folders" in findings[0][2]


def test_a_device_inside_the_tree_is_refused() -> None:
    with pytest.raises(Refused, match="a device, not a regular file"):
        read_regular("/dev/zero", Tree(["/dev"]))


def test_a_fifo_is_refused_without_blocking(repo: Path) -> None:
    os.mkfifo(repo / "services" / "pipe.yaml")
    findings, _ = lint(repo)
    assert findings == [
        (
            "services/pipe.yaml",
            "AL001",
            "cannot read the file: it is a FIFO, not a regular file; archlint reads only regular files",
        )
    ]


def test_a_link_out_of_the_repository_is_refused(repo: Path) -> None:
    os.symlink(repo.parent / "outside" / "secret.yaml", repo / "services" / "link.yaml")
    findings, output = lint(repo)
    assert [(p, c) for p, c, _ in findings] == [("services/link.yaml", "AL001")]
    assert SECRET not in output


def test_a_link_inside_the_repository_is_followed(repo: Path) -> None:
    write_files(repo, {"shared/billing.yaml": SERVICE.replace("orders", "billing")})
    os.symlink("../shared/billing.yaml", repo / "services" / "billing.yaml")
    findings, _ = lint(repo, "services")
    assert findings == []


def test_without_a_repository_the_tree_is_the_linted_folder(tmp_path: Path) -> None:
    write_files(tmp_path, {"a/orders.yaml": SERVICE, "b/billing.yaml": SERVICE})
    os.symlink("../b/billing.yaml", tmp_path / "a" / "billing.yaml")
    findings, _ = lint(tmp_path, "a")
    assert [(p, c) for p, c, _ in findings] == [("a/billing.yaml", "AL001")]


@pytest.mark.parametrize(
    "ref, message",
    [
        ("/etc/passwd", "is an absolute path, which archlint does not follow"),
        ("/dev/stdin", "is an absolute path, which archlint does not follow"),
        ("/dev/zero#/x", "is an absolute path, which archlint does not follow"),
        ("C:/secret.yaml", "is an absolute path, which archlint does not follow"),
        ("../../../outside/secret.yaml#/m", "outside the linted folders"),
        ("../../../outside/secret.yaml", "outside the linted folders"),
        ("x%00.yaml", "holds a null byte"),
        ("https://example.com/x.yaml", "points to a remote document"),
    ],
)
def test_refs_out_of_the_tree_are_refused(repo: Path, ref: str, message: str) -> None:
    write_files(repo, {"api/svc/asyncapi.yaml": ASYNCAPI.replace("REF", ref)})
    findings, output = lint(repo)
    findings = [f for f in findings if f[1].startswith("AL")]
    assert [(p, c) for p, c, _ in findings] == [("api/svc/asyncapi.yaml", "AL002")]
    assert message in findings[0][2]
    assert SECRET not in output and "root:" not in output


def test_a_ref_up_and_inside_the_repository_resolves(repo: Path) -> None:
    write_files(
        repo,
        {
            "api/common/messages.yaml": "m: {name: Shared}\n",
            "api/svc/asyncapi.yaml": ASYNCAPI.replace("REF", "../common/messages.yaml#/m"),
        },
    )
    findings, _ = lint(repo, "api/svc")
    assert [f for f in findings if f[1].startswith("AL")] == []


def test_a_baseline_that_is_a_device_is_refused(repo: Path) -> None:
    result = run_bounded(["lint", ".", "--baseline", "/dev/zero"], repo)
    assert result.returncode == 2
    assert "/dev/zero: not a regular file" in result.stderr
