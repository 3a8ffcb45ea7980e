"""Single values that crashed (issue case 15): a 200,000-digit `slo` is a finding (AL006 past
limits.string-length, or the schema's words within a raised limit), a folder tree 1,500 deep
is walked, a null byte in a configured path is a one-line error, never an internal error."""

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
    assert "a.yaml:5:8: ERROR AL006" in result.stdout  # past limits.string-length
    assert "this value is longer than 100000 characters (limits.string-length)" in result.stdout


def test_a_huge_number_within_a_raised_limit_is_read_and_worded(tmp_path: Path) -> None:
    write_files(
        tmp_path, {"a.yaml": HUGE_SLO, "archlint.yaml": "limits: {string-length: 1000000}\n"}
    )
    result = run_bounded(["lint", "."], tmp_path)
    assert result.returncode == 1, result.stderr
    assert "'slo' must be a number between 0 and 100, got a number of about 60207 digits" in (
        result.stdout
    )


def test_a_folder_tree_1500_deep_is_walked(tmp_path: Path) -> None:
    folders = [tmp_path / "deep"]
    for _ in range(1500):  # os.makedirs and shutil.rmtree recurse too deep for this
        folders.append(folders[-1] / "d")
    try:
        for folder in folders:
            folder.mkdir()
        (folders[-1] / "a.yaml").write_text(HUGE_SLO.split("spec:")[0], encoding="utf-8")
        result = run_bounded(["lint", "deep"], tmp_path)
    finally:  # pytest's own clean-up would hit the recursion limit
        (folders[-1] / "a.yaml").unlink(missing_ok=True)
        for folder in reversed(folders):
            if folder.exists():
                folder.rmdir()
    assert result.returncode == 0, result.stderr
    assert "(1 file, 1 service)" in result.stdout


# past the default limits (AL006 at 100,000 nodes, 1,000 findings shown per rule): raised, so
# that the cost of each key or entry is what these tests measure
RAISED_LIMITS = "limits:\n  nodes-per-document: 1000000\n  findings-per-rule: 1000000\n"


def test_many_unknown_keys_each_a_finding_in_linear_time(tmp_path: Path) -> None:
    """100,000 unknown keys took 159 s (a scan of the mapping per key); the hang guard of
    run_bounded fails a quadratic regression."""
    keys = "".join(f"  k{i}: 1\n" for i in range(100_000))
    write_files(tmp_path, {"a.yaml": HUGE_SLO.split("spec:")[0] + "spec:\n" + keys})
    write_files(tmp_path, {"archlint.yaml": RAISED_LIMITS})
    result = run_bounded(["lint", ".", "--quiet", "--statistics"], tmp_path)
    assert result.returncode == 1, result.stderr
    assert "100000  AL002  [invalid-manifest]  error" in result.stdout


def test_a_null_byte_in_a_configured_path_is_one_line(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {"archlint.yaml": 'paths: ["a\\0b"]\n'})
    result = run_bounded(["lint"], tmp_path)
    assert result.returncode == 2
    assert result.stderr == "archlint: path 'a\\x00b' does not exist\n"


def test_many_ignore_entries_each_a_finding_in_linear_time(tmp_path: Path) -> None:
    """100,000 `ignore` entries took minutes: each was resolved and given a did-you-mean three
    times, each did-you-mean comparing with every rule's code and slug."""
    entries = "".join(f"    X{i:05d}: reason\n" for i in range(100_000))
    write_files(tmp_path, {"a.yaml": HUGE_SLO.split("spec:")[0] + "spec:\n  ignore:\n" + entries})
    write_files(tmp_path, {"archlint.yaml": RAISED_LIMITS})
    result = run_bounded(["lint", ".", "--quiet", "--statistics"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "100000  AL005  [unused-suppression]  info" in result.stdout
