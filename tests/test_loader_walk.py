"""Which files the loader reads, in which order, and how it names them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archlint.loader import LoadError, load_paths


def manifest(name: str) -> str:
    return f"apiVersion: archlint/v1\nkind: Service\nmetadata:\n  name: {name}\n  context: c\n"


def write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def names(result) -> list[str]:
    return [s.name for s in result.estate.services]


def test_reads_yaml_and_yml_in_sorted_order_and_nothing_else(tmp_path):
    write(
        tmp_path,
        {
            "b/two.yml": manifest("two"),
            "a/one.yaml": manifest("one"),
            "a/UPPER.YAML": manifest("upper"),
            "a/notes.txt": manifest("txt"),
            "a/data.json": '{"apiVersion": "archlint/v1"}',
        },
    )
    result = load_paths(["."], cwd=str(tmp_path))
    assert result.estate.paths == ("a/UPPER.YAML", "a/one.yaml", "b/two.yml")
    assert names(result) == ["one", "two", "upper"]
    assert result.estate.service["one"].location.path == "a/one.yaml"


def test_skips_tool_folders_and_virtual_environments(tmp_path):
    write(
        tmp_path,
        {
            "svc.yaml": manifest("kept"),
            ".git/x.yaml": manifest("git"),
            "node_modules/pkg/x.yaml": manifest("npm"),
            "web/node_modules/x.yaml": manifest("npm2"),
            ".venv/lib/x.yaml": manifest("venv1"),
            "venv/x.yaml": manifest("venv2"),
            "env/pyvenv.cfg": "home = /usr/bin\n",
            "env/lib/x.yaml": manifest("venv3"),
            ".env/pyvenv.cfg": "home = /usr/bin\n",
            ".env/x.yaml": manifest("venv4"),
            "__pycache__/x.yaml": manifest("pycache"),
            ".tox/py/x.yaml": manifest("tox"),
            ".mypy_cache/x.yaml": manifest("mypy"),
            "deploy/env/x.yaml": manifest("plain-env-folder"),
            "build/x.yaml": manifest("build-service"),
            ".github/workflows/ci.yml": "on: [push]\n",
        },
    )
    result = load_paths(["."], cwd=str(tmp_path))
    assert names(result) == ["build-service", "kept", "plain-env-folder"]
    assert result.estate.paths == (
        ".github/workflows/ci.yml",
        "build/x.yaml",
        "deploy/env/x.yaml",
        "svc.yaml",
    )


def test_a_folder_named_explicitly_is_read_even_if_it_would_be_skipped(tmp_path):
    write(tmp_path, {"venv/x.yaml": manifest("inside")})
    assert names(load_paths(["venv"], cwd=str(tmp_path))) == ["inside"]


def test_exclude_globs_match_the_path_or_any_part_of_it(tmp_path):
    write(
        tmp_path,
        {
            "services/a.yaml": manifest("a"),
            "services/generated/b.yaml": manifest("b"),
            "services/c.draft.yaml": manifest("c"),
            "old/d.yaml": manifest("d"),
            "old2/e.yaml": manifest("e"),
        },
    )
    result = load_paths(["."], exclude=["generated", "*.draft.yaml", "./old/"], cwd=str(tmp_path))
    assert names(result) == ["a", "e"]
    result = load_paths(["."], exclude=["services/*"], cwd=str(tmp_path))
    assert names(result) == ["d", "e"]
    # an excluded file is left out even when named explicitly
    assert (
        names(load_paths(["services/c.draft.yaml"], exclude=["*.draft.yaml"], cwd=str(tmp_path)))
        == []
    )


def test_an_explicit_file_is_read_whatever_its_suffix(tmp_path):
    write(tmp_path, {"manifest.txt": manifest("txt")})
    assert names(load_paths(["manifest.txt"], cwd=str(tmp_path))) == ["txt"]


def test_a_file_reached_twice_is_read_once(tmp_path):
    write(tmp_path, {"s/a.yaml": manifest("a")})
    result = load_paths(["s", "s/a.yaml", "./s/"], cwd=str(tmp_path))
    assert result.findings == ()
    assert result.estate.paths == ("s/a.yaml",)


def test_nonexistent_path_is_a_one_line_error(tmp_path):
    with pytest.raises(LoadError) as error:
        load_paths(["nope"], cwd=str(tmp_path))
    assert str(error.value) == "path 'nope' does not exist"


def test_paths_outside_the_working_directory_are_absolute(tmp_path):
    write(tmp_path, {"outside/a.yaml": manifest("a"), "work/.keep": ""})
    result = load_paths(["../outside"], cwd=str(tmp_path / "work"))
    expected = (tmp_path / "outside" / "a.yaml").as_posix()
    assert result.estate.paths == (expected,)
    assert result.estate.service["a"].location.path == expected


def test_default_working_directory_is_the_process_s(tmp_path, monkeypatch):
    write(tmp_path, {"x/a.yaml": manifest("a")})
    monkeypatch.chdir(tmp_path)
    assert load_paths(["x"]).estate.paths == ("x/a.yaml",)


def test_an_unreadable_file_is_al001_at_1_1_and_the_rest_still_loads(tmp_path):
    write(tmp_path, {"a.yaml": manifest("a")})
    os.symlink(tmp_path / "missing-target.yaml", tmp_path / "broken.yaml")
    result = load_paths(["."], cwd=str(tmp_path))
    assert names(result) == ["a"]
    [finding] = result.findings
    assert (
        finding.code,
        finding.location.path,
        finding.location.line,
        finding.location.column,
    ) == (
        "AL001",
        "broken.yaml",
        1,
        1,
    )
    assert (
        finding.message
        == "cannot read the file: no such file or directory; check that it is a readable file"
    )


def test_symlinked_folders_are_not_followed_so_loops_end(tmp_path):
    write(tmp_path, {"a/x.yaml": manifest("x")})
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    result = load_paths(["."], cwd=str(tmp_path))
    assert result.estate.paths == ("a/x.yaml",)


def test_file_order_does_not_change_the_result(tmp_path):
    write(tmp_path, {"b.yaml": manifest("dup"), "a.yaml": manifest("dup"), "c.yaml": "x: [\n"})
    first = load_paths(["c.yaml", "b.yaml", "a.yaml"], cwd=str(tmp_path))
    second = load_paths(["a.yaml", "c.yaml", "b.yaml"], cwd=str(tmp_path))
    assert first == second
    assert [(f.code, f.location.path) for f in first.findings] == [
        ("AL004", "b.yaml"),
        ("AL001", "c.yaml"),
    ]
