"""One generated estate per session for the micro-benchmarks (benchmarks/generate_estate.py):
10,000 services by default, ARCHLINT_MICRO_SERVICES and ARCHLINT_MICRO_SHAPE to change it."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from generate_estate import generate

from archlint.interactions import Interactions
from archlint.loader import LoadResult, load_paths

SERVICES = int(os.environ.get("ARCHLINT_MICRO_SERVICES", "10000"))
SHAPE = os.environ.get("ARCHLINT_MICRO_SHAPE", "standard")


@pytest.fixture(scope="session")
def estate_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("estate") / "estate"
    generate(SERVICES, str(root), 0, SHAPE)
    return root


@pytest.fixture(scope="session")
def loaded(estate_dir: Path) -> LoadResult:
    return load_paths([str(estate_dir)])


@pytest.fixture(scope="session")
def interactions(loaded: LoadResult) -> Interactions:
    return Interactions(loaded.estate)


@pytest.fixture(autouse=True)
def _no_cyclic_collection() -> Iterator[None]:
    """As in a lint: the collector off while the work runs (archlint.api)."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()
