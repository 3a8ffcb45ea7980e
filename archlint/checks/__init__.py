"""The built-in checks, one module per rule, registered here by code.

A check is a pure function of the estate's interactions (archlint.interactions) and the
rule's options that yields findings; it never reads files or prints. Each rule's slug,
default severity, options (with their types and defaults) and documentation live on its
page, `rules/CODE.yaml`.

To add a rule: write `archlint/checks/<code>_<slug>.py` with `CODE`, `SCOPE` (what its
findings depend on: archlint.registry's scopes) and `check`, its page
`rules/<CODE>.yaml`, its cases `tests/rules/<CODE>.yaml`, and register the module in
MODULES below (Python also wants it in the import above it). tests/test_registry.py fails
when any of these is missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType, ModuleType

from archlint.checks import (
    br001_undeclared_write_grant,
    br002_write_without_grant,
    br003_wildcard_write_grant,
    br004_topic_not_provisioned,
    br005_provisioned_topic_unused,
    br006_unknown_principal,
    cx001_cross_context_query,
    cx002_cross_context_command,
    rf001_unknown_service,
    rf002_consumed_never_produced,
    rf003_produced_never_consumed,
    rf004_view_from_unconsumed_topic,
    sw001_topic_multi_writer,
    sw002_event_type_multi_writer,
    sw003_write_to_foreign_topic,
    sw004_topic_without_owner,
    sw005_owner_conflict,
    sy001_sync_cycle,
    sy002_sync_chain_depth,
    sy003_availability_below_slo,
)
from archlint.registry import Check, Scope

# Registration: one line per rule.
MODULES: tuple[ModuleType, ...] = (
    sw001_topic_multi_writer,
    sw002_event_type_multi_writer,
    sw003_write_to_foreign_topic,
    sw004_topic_without_owner,
    sw005_owner_conflict,
    cx001_cross_context_query,
    cx002_cross_context_command,
    rf001_unknown_service,
    rf002_consumed_never_produced,
    rf003_produced_never_consumed,
    rf004_view_from_unconsumed_topic,
    sy001_sync_cycle,
    sy002_sync_chain_depth,
    sy003_availability_below_slo,
    br001_undeclared_write_grant,
    br002_write_without_grant,
    br003_wildcard_write_grant,
    br004_topic_not_provisioned,
    br005_provisioned_topic_unused,
    br006_unknown_principal,
)

CHECKS: Mapping[str, Check] = MappingProxyType({m.CODE: m.check for m in MODULES})
SCOPES: Mapping[str, Scope] = MappingProxyType({m.CODE: m.SCOPE for m in MODULES})
