"""The file cache is sharded: a change to one file rewrites one shard of the loads, and a
damaged shard costs only its own loads (read again, and the shard written anew)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from helpers import REPO, run_cli

from archlint.cache import store
from archlint.cache.runs import SHARDS

_spec = importlib.util.spec_from_file_location(
    "generate_estate", REPO / "benchmarks" / "generate_estate.py"
)
generate_estate = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = generate_estate  # dataclasses look their module up there
_spec.loader.exec_module(generate_estate)


def _lint(cwd: Path, cache: Path, *args: str):
    return run_cli(
        ["lint", "estate", "--format", "json", "--cache-dir", str(cache), *args], cwd=cwd
    )


def _shards(cache: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(cache.rglob("files-*"))}


def _estate(tmp_path: Path) -> Path:
    estate = tmp_path / "estate"
    generate_estate.generate(60, str(estate), seed=5)
    return estate


def test_loads_are_spread_over_shards_and_one_change_rewrites_one(tmp_path):
    estate = _estate(tmp_path)
    cache = tmp_path / "cache"
    _lint(tmp_path, cache)
    before = _shards(cache)
    assert 8 < len(before) <= SHARDS  # 60 services' files, by the first byte of their key
    manifest = next(p for p in sorted(estate.rglob("*.yaml")) if b"owns:" in p.read_bytes())
    manifest.write_text(manifest.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    changed = _lint(tmp_path, cache)
    after = _shards(cache)
    rewritten = sorted(name for name in after if after[name] != before.get(name))
    assert len(rewritten) == 1, rewritten
    assert changed.output == _lint(tmp_path, cache, "--no-cache").output


def test_a_damaged_shard_is_ignored_and_rewritten(tmp_path):
    _estate(tmp_path)
    cache = tmp_path / "cache"
    expected = _lint(tmp_path, cache, "--no-cache").output
    _lint(tmp_path, cache)
    shards = sorted(cache.rglob("files-*"))
    damaged = shards[len(shards) // 2]
    damaged.write_bytes(damaged.read_bytes()[:-40])  # truncated
    for run in (tmp_path / "cache").rglob("run-*"):
        run.unlink()  # no replay: every load comes from the shards, or is parsed again
    assert _lint(tmp_path, cache).output == expected
    assert store.read_entry(str(damaged)) is not None  # written anew, whole
    assert sorted(cache.rglob("files-*")) == shards
    assert _lint(tmp_path, cache).output == expected
