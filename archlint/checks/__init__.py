"""The built-in checks, one module per rule, registered here by code.

A check is a pure function of the estate, its graph and the rule's options that yields
findings; it never reads files or prints. Each rule's code, slug, default severity, options
and documentation live beside it in the catalogue (`rules/CODE.yaml`).

To add a rule: write `archlint/checks/<code>_<slug>.py` with `CODE` and `check`, its page
`rules/<CODE>.yaml`, its cases `tests/rules/<CODE>.yaml`, and register the module below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from archlint.findings import Finding
from archlint.graph import EstateGraph
from archlint.model import Estate

Check = Callable[[Estate, EstateGraph, Mapping[str, Any]], Iterable[Finding]]

# Registration: module name -> imported lazily so `archlint rules` stays fast.
MODULES: tuple[str, ...] = (
    "sw001_topic_multi_writer",
    "sw002_event_type_multi_writer",
    "sw003_write_to_foreign_topic",
    "sw004_topic_without_owner",
    "sw005_owner_conflict",
    "cx001_cross_context_query",
    "cx002_cross_context_command",
    "rf001_unknown_service",
    "rf002_consumed_never_produced",
    "rf003_produced_never_consumed",
    "rf004_view_from_unconsumed_topic",
    "sy001_sync_cycle",
    "sy002_sync_chain_depth",
    "sy003_availability_below_slo",
)


def load_checks() -> dict[str, Check]:
    """Code -> check function, for every registered rule."""
    import importlib

    checks: dict[str, Check] = {}
    for name in MODULES:
        module = importlib.import_module(f"archlint.checks.{name}")
        checks[module.CODE] = module.check
    return checks
