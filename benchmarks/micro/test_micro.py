"""pytest-benchmark micro-benchmarks of each phase of a lint on a generated estate (`make bench`,
never `make test`: pyproject's testpaths is tests/ alone).

    .venv/bin/python -m pytest benchmarks/micro            # 10,000 services
    ARCHLINT_MICRO_SERVICES=2000 .venv/bin/python -m pytest benchmarks/micro

The loader (reading, parsing, validating every file into the Estate), the interactions index,
and each built-in rule's check alone, on the same loaded estate and index.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from archlint.api import rules_of
from archlint.catalogue import OptionValue
from archlint.config.selection import options_of
from archlint.config.settings import Config
from archlint.interactions import Interactions
from archlint.loader import LoadResult, load_paths

REGISTRY = rules_of(Config())
CHECKED = [code for code, rule in REGISTRY.rules.items() if rule.check is not None]


def test_loader(benchmark: Any, estate_dir: Path) -> None:
    loaded = benchmark.pedantic(load_paths, args=([str(estate_dir)],), rounds=3, iterations=1)
    assert loaded.estate.services


def test_interactions(benchmark: Any, loaded: LoadResult) -> None:
    index = benchmark.pedantic(Interactions, args=(loaded.estate,), rounds=5, iterations=1)
    assert index.calls


@pytest.mark.parametrize("code", CHECKED)
def test_rule(benchmark: Any, interactions: Interactions, code: str) -> None:
    rule = REGISTRY.rules[code]
    assert rule.check is not None
    options: dict[str, OptionValue] = dict(options_of(Config(), rule.spec))

    def run() -> list[Any]:
        assert rule.check is not None
        return list(rule.check(interactions, options))

    # the warm-up computes the facts of the index the rule reads (shared by the rules,
    # computed once in a lint): the rounds time the rule alone
    benchmark.pedantic(run, rounds=3, iterations=1, warmup_rounds=1)
