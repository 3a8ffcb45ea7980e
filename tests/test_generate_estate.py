"""The benchmark's estate generator: deterministic, valid, with the violations it promises."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter

import pytest
from helpers import REPO, run_cli

_spec = importlib.util.spec_from_file_location(
    "generate_estate", REPO / "benchmarks" / "generate_estate.py"
)
generate_estate = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = generate_estate  # dataclasses look their module up there
_spec.loader.exec_module(generate_estate)


def test_same_seed_same_files_other_seed_other_files():
    first = generate_estate.render(120, seed=7)
    assert first == generate_estate.render(120, seed=7)
    assert first != generate_estate.render(120, seed=8)


def test_one_manifest_per_service_in_a_folder_per_context():
    files = generate_estate.render(300, seed=1)
    services = [p for p, text in files.items() if "\nkind: Service\n" in text]
    assert len(services) == 300
    contexts = {p.split("/")[0] for p in files}
    assert {p for p in files if p.endswith("/context.yaml")} == {
        f"{c}/context.yaml" for c in contexts
    }
    sizes = Counter(p.split("/")[0] for p in services)
    sizes.pop("identity")  # single sign-on, alone in its context
    assert all(10 <= size <= 30 for size in sizes.values()), sizes
    assert any(p.endswith("/topics.yaml") for p in files)


@pytest.fixture(scope="module")
def linted(tmp_path_factory):
    root = tmp_path_factory.mktemp("estate")
    counts = generate_estate.generate(250, str(root / "estate"), seed=3)
    result = run_cli(["lint", "--format", "json", "estate"], cwd=root)
    return counts, result, json.loads(result.output)


def test_generated_estate_is_valid_and_fully_loaded(linted):
    counts, result, data = linted
    assert result.exit_code == 1  # the sprinkled violations include errors
    assert not [f for f in data["findings"] if f["code"].startswith("AL")]
    assert data["summary"]["services"] == 250
    assert data["summary"]["files"] == counts["files"]


def test_generated_estate_has_each_sprinkled_violation(linted):
    _, _, data = linted
    codes = Counter(f["code"] for f in data["findings"])
    for code in (
        "SW001",
        "SW002",
        "SW003",
        "SW004",
        "CX001",
        "CX002",
        "RF001",
        "RF002",
        "RF004",
        "SY001",
        "SY003",
    ):
        assert codes[code] >= 1, (code, codes)
    # a few, not thousands: the healthy part of the estate stays healthy
    assert sum(codes.values()) < 250 * 0.1, codes
    assert codes["RF003"] == 0


def test_generate_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "old.yaml").write_text("x: 1\n")
    with pytest.raises(FileExistsError):
        generate_estate.generate(20, str(tmp_path), seed=0)


def test_a_tiny_estate_is_still_an_estate():
    files = generate_estate.render(1, seed=0)
    assert list(files) == ["identity/context.yaml", "identity/sso.yaml"]
