"""Single values that crashed (issue case 15): a 200,000-digit `slo` and a folder tree 1,500
deep are a finding and a one-line error, never an internal error."""

from __future__ import annotations

from pathlib import Path

from helpers import write_files
from helpers.hostile import run_bounded

HUGE_SLO = (
    "apiVersion: archlint/v1\nkind: Service\nmetadata: {name: a, context: c}\n"
    "spec:\n  slo: 0b" + "1" * 200_000 + "\n"
)


def test_a_huge_number_is_a_finding(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.yaml": HUGE_SLO})
    result = run_bounded(["lint", "."], tmp_path)
    assert result.returncode == 1, result.stderr
    assert "'slo' must be a number between 0 and 100, got a number of about 60207 digits" in (
        result.stdout
    )


def test_a_folder_tree_too_deep_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "deep"
    folder.mkdir()
    for _ in range(1500):  # os.makedirs itself recurses too deep for this
        folder = folder / "d"
        folder.mkdir()
    result = run_bounded(["lint", "deep"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "archlint: folders under 'deep' are nested more than 200 deep; exclude the deep ones, "
        "or lint a folder inside"
    ]
