"""The cache of `archlint lint`: where it lives, that it is used, that a broken or foreign
cache file is never trusted, and that a cached run prints what an uncached one does."""

from __future__ import annotations

import importlib.util
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO, run_cli

from archlint.cache import lint as cache_lint
from archlint.cache import store

_spec = importlib.util.spec_from_file_location(
    "generate_estate", REPO / "benchmarks" / "generate_estate.py"
)
generate_estate = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = generate_estate  # dataclasses look their module up there
_spec.loader.exec_module(generate_estate)

FORMATS = ("full", "github", "gitlab", "grouped", "json", "json-lines", "junit", "sarif", "text")


def _estate(root: Path, services: int = 40, seed: int = 3) -> Path:
    estate = root / "estate"
    generate_estate.generate(services, str(estate), seed=seed)
    return estate


def _lint(cwd: Path, *args: str):
    return run_cli(["lint", "estate", *args], cwd=cwd)


def _cache_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.parent != folder)


def _entries_valid(folder: Path) -> None:
    files = _cache_files(folder)
    assert files, "nothing was cached"
    for path in files:
        assert store.read_entry(str(path)) is not None, f"{path} is not a whole cache file"


def test_a_second_run_replays_the_first_and_prints_the_same(tmp_path):
    _estate(tmp_path)
    cache = tmp_path / "cache"
    first = _lint(tmp_path, "--format", "json", "--cache-dir", str(cache))
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert "archlint" in (cache / "CACHEDIR.TAG").read_text(encoding="utf-8")
    runs = [p for p in _cache_files(cache) if p.name.startswith("run-")]
    assert len(runs) == 1
    runs[0].touch()
    before = runs[0].stat().st_mtime_ns
    second = _lint(tmp_path, "--format", "json", "--cache-dir", str(cache))
    assert (second.exit_code, second.output) == (first.exit_code, first.output)
    assert runs[0].stat().st_mtime_ns == before  # a replay writes nothing
    uncached = _lint(tmp_path, "--format", "json", "--no-cache")
    assert uncached.output == first.output


def test_no_cache_neither_reads_nor_writes(tmp_path, monkeypatch):
    _estate(tmp_path, services=5)
    cache = tmp_path / "cache"
    monkeypatch.setenv("ARCHLINT_CACHE_DIR", str(cache))
    _lint(tmp_path, "--no-cache")
    assert not cache.exists()
    _lint(tmp_path)
    assert _cache_files(cache)


def test_the_cache_lives_beside_the_configuration_else_at_the_linted_root(tmp_path, monkeypatch):
    monkeypatch.delenv("ARCHLINT_CACHE_DIR")
    _estate(tmp_path, services=5)
    _lint(tmp_path)
    assert (tmp_path / "estate" / ".archlint_cache" / ".gitignore").is_file()
    (tmp_path / "archlint.yaml").write_text("paths: [estate]\n", encoding="utf-8")
    run_cli(["lint"], cwd=tmp_path)
    assert (tmp_path / ".archlint_cache" / ".gitignore").is_file()
    monkeypatch.setenv("ARCHLINT_CACHE_DIR", "elsewhere")
    run_cli(["lint"], cwd=tmp_path)
    assert (tmp_path / "elsewhere" / "CACHEDIR.TAG").is_file()


def test_clean_removes_the_cache_and_nothing_else(tmp_path, monkeypatch):
    monkeypatch.delenv("ARCHLINT_CACHE_DIR")
    _estate(tmp_path, services=5)
    _lint(tmp_path)
    cleaned = run_cli(["clean", "estate"], cwd=tmp_path)
    assert cleaned.exit_code == 0, cleaned.output
    assert cleaned.output == "removed estate/.archlint_cache\n"
    assert not (tmp_path / "estate" / ".archlint_cache").exists()
    assert (tmp_path / "estate").is_dir()
    again = run_cli(["clean", "estate"], cwd=tmp_path)
    assert again.output == "no cache at estate/.archlint_cache\n"
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    refused = run_cli(["clean", "--cache-dir", "mine"], cwd=tmp_path)
    assert refused.exit_code == 2
    assert "is not an archlint cache" in refused.output
    assert (tmp_path / "mine" / "notes.txt").is_file()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"\x00garbage" * 50, id="corrupt"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-1] + bytes([data[-1] ^ 1]), id="one-bit"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: json.dumps({"version": 1}).encode(), id="foreign-json"),
        pytest.param(
            lambda data: store.MAGIC + b"\x00" * 32 + data[len(store.MAGIC) + 32 :],
            id="wrong-digest",
        ),
    ],
)
def test_a_damaged_cache_file_is_ignored_and_rewritten(tmp_path, damage):
    _estate(tmp_path)
    cache = tmp_path / "cache"
    expected = _lint(tmp_path, "--format", "json", "--no-cache").output
    _lint(tmp_path, "--format", "json", "--cache-dir", str(cache))
    for path in _cache_files(cache):
        path.write_bytes(damage(path.read_bytes()))
    result = _lint(tmp_path, "--format", "json", "--cache-dir", str(cache))
    assert result.output == expected
    _entries_valid(cache)
    assert _lint(tmp_path, "--format", "json", "--cache-dir", str(cache)).output == expected


def _rewrite_payload(path: Path, change) -> None:
    """Rewrite a cache file's payload whole, with a valid digest: what another archlint, or a
    bug, could leave behind."""
    import hashlib
    import marshal

    payload = marshal.dumps(change(store.read_entry(str(path))))
    digest = hashlib.blake2b(payload, digest_size=32).digest()
    path.write_bytes(store.MAGIC + digest + payload)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda value: [b"another archlint", *value[1:]], id="other-version"),
        pytest.param(lambda value: [value[0], "not", "ours"], id="wrong-shape"),
        pytest.param(lambda value: [value[0], {b"k": (1, 2, 3)}, [("x",)]], id="wrong-rows"),
        pytest.param(lambda value: 42, id="a-number"),
    ],
)
def test_a_foreign_cache_file_with_a_valid_digest_is_not_trusted(tmp_path, change):
    _estate(tmp_path)
    cache = tmp_path / "cache"
    expected = _lint(tmp_path, "--format", "json", "--no-cache").output
    _lint(tmp_path, "--format", "json", "--cache-dir", str(cache))
    for path in _cache_files(cache):
        _rewrite_payload(path, change)
    assert _lint(tmp_path, "--format", "json", "--cache-dir", str(cache)).output == expected
    _entries_valid(cache)


def test_an_unwritable_cache_folder_only_costs_the_cache(tmp_path):
    _estate(tmp_path, services=5)
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    expected = _lint(tmp_path, "--format", "json", "--no-cache").output
    result = _lint(tmp_path, "--format", "json", "--cache-dir", str(tmp_path / "file" / "c"))
    assert result.output == expected


def test_concurrent_runs_never_corrupt_the_cache(tmp_path):
    """Real processes, started together on one cache folder, some after an edit: each prints
    what an uncached run prints, and the cache is whole afterwards."""
    _estate(tmp_path, services=120)
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "archlint", "lint", "estate", "--format", "json"]
    env = {**os.environ, "ARCHLINT_CACHE_DIR": str(cache)}

    def run_together(count: int) -> list[str]:
        processes = [
            subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, text=True)
            for _ in range(count)
        ]
        return [p.communicate(timeout=120)[0] for p in processes]

    for round_ in range(3):
        expected = subprocess.run(
            [*command, "--no-cache"], cwd=tmp_path, capture_output=True, text=True, check=False
        ).stdout
        assert all(out == expected for out in run_together(4)), f"round {round_}"
        _entries_valid(cache)
        # a file with findings, its lines moved down: its findings' lines change
        victim = tmp_path / json.loads(expected)["findings"][round_ * 3]["path"]
        victim.write_text("\n" + victim.read_text(encoding="utf-8"), encoding="utf-8")


def _edit(estate: Path, rng: random.Random, spare: list[tuple[str, str]]) -> str:
    """One random edit of the estate: add, change, delete or rename a file."""
    files = sorted(estate.rglob("*.yaml"))
    action = rng.choice(["add", "change", "delete", "rename", "change"])
    victim = rng.choice(files)
    if action == "add" and spare:
        name, text = spare.pop()
        (estate / "added").mkdir(exist_ok=True)
        (estate / "added" / name).write_text(text, encoding="utf-8")
    elif action == "change":
        text = victim.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        cut = rng.randrange(len(lines))
        changed = rng.choice(
            [
                lines[:cut] + lines[cut + 1 :],  # a line less: often invalid, or a finding gone
                lines[:cut] + ["\n"] + lines[cut:],  # every later line moves
                [line.replace("events:", "events: ") for line in lines],
                [text.replace("owns:", "owns: [] #")],
            ]
        )
        victim.write_text("".join(changed), encoding="utf-8")
    elif action == "delete":
        victim.unlink()
    else:
        victim.rename(victim.with_name(f"renamed-{rng.randrange(1000)}-{victim.name}"))
    return f"{action} {victim.relative_to(estate)}"


@pytest.mark.parametrize("racy_window", [None, 0], ids=["as-shipped", "stat-trusted-at-once"])
def test_cached_output_equals_uncached_output_under_random_edits(
    tmp_path, monkeypatch, racy_window
):
    """Random edits to a generated estate, and after each both runs, in every format:
    byte for byte the same output and exit code. With no racy window, a file's recorded
    stat is trusted at once, so unchanged files are not read again even seconds later."""
    if racy_window is not None:
        monkeypatch.setattr(cache_lint, "_RACY_NS", racy_window)
    estate = _estate(tmp_path, services=60, seed=11)
    spare_files = generate_estate.render(12, seed=99)
    spare = [(f"spare-{i}.yaml", text) for i, text in enumerate(spare_files.values())]
    rng = random.Random(2026)
    cache = tmp_path / "cache"
    history = []
    for step in range(8):
        for output_format in FORMATS:
            uncached = _lint(tmp_path, "--format", output_format, "--no-cache")
            cached = _lint(tmp_path, "--format", output_format, "--cache-dir", str(cache))
            assert (cached.exit_code, cached.output) == (uncached.exit_code, uncached.output), (
                f"step {step}, {output_format}, after: {history}"
            )
        history.append(_edit(estate, rng, spare))


def test_a_replayed_run_imports_neither_yaml_nor_networkx_nor_the_report(tmp_path):
    _estate(tmp_path, services=20)
    env = {**os.environ, "ARCHLINT_CACHE_DIR": str(tmp_path / "cache")}
    probe = (  # printed by an exit handler, which the console command runs as it ends
        "import atexit, sys\n"
        "from archlint.cli import main\n"
        "heavy = ('networkx', 'jinja2', 'graphviz', 'yaml')\n"
        "atexit.register(lambda: print(sorted(m for m in heavy if m in sys.modules)))\n"
        "main(['lint', 'estate', '--format', 'json'])\n"
    )
    run = [sys.executable, "-c", probe]
    subprocess.run(run, cwd=tmp_path, env=env, capture_output=True, check=False)
    second = subprocess.run(run, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert second.stdout.splitlines()[-1] == "[]"


def test_a_file_changed_behind_an_unchanged_size_and_time_is_read_again(tmp_path, monkeypatch):
    """The recorded stat includes the change time, which no program can set back: same size,
    the modification time put back, and still the new content is read."""
    monkeypatch.setattr(cache_lint, "_RACY_NS", 0)
    estate = _estate(tmp_path, services=20)
    cache = tmp_path / "cache"
    _lint(tmp_path, "--format", "json", "--cache-dir", str(cache))
    manifest = next(p for p in sorted(estate.rglob("*.yaml")) if b"owns:" in p.read_bytes())
    before = manifest.stat()
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("owns:", "ownz:", 1), encoding="utf-8")  # same size
    os.utime(manifest, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert manifest.stat().st_size == before.st_size
    expected = _lint(tmp_path, "--format", "json", "--no-cache")
    assert "ownz" in expected.output
    cached = _lint(tmp_path, "--format", "json", "--cache-dir", str(cache))
    assert cached.output == expected.output


def test_only_the_console_command_keeps_what_the_cache_read_until_it_exits(tmp_path):
    """The console command ends without freeing the cache's entries (archlint.cli._end);
    the API frees them as any library call does, and keeps nothing once it returns."""
    _estate(tmp_path, services=5)
    probe = (
        "import archlint, archlint.cache.runs as runs\n"
        "archlint.lint(['estate'], cache_dir='cache')\n"
        "archlint.lint(['estate'], cache_dir='cache')\n"
        "print(runs._KEEP_READ)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "[]"
    console = subprocess.run(
        [sys.executable, "-m", "archlint", "lint", "estate", "--format", "json"],
        cwd=tmp_path, env={**os.environ, "ARCHLINT_CACHE_DIR": str(tmp_path / "cache")},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert console.returncode in (0, 1) and json.loads(console.stdout)["summary"]["services"] == 5
