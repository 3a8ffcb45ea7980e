"""Validates manifests against archlint/schema.json, with exact positions and did-you-mean.

The published JSON Schema is the single source of the rules; this module interprets the
subset of draft 2020-12 that the schema uses (type, const, enum, pattern, minLength,
minimum/maximum, properties, required, additionalProperties, items, minItems, uniqueItems,
oneOf/anyOf/allOf, if/then/else, $ref into $defs, true/false schemas). A keyword outside that
subset makes compiling the schema fail, so the two cannot drift apart silently; a test
checks that this validator and the `jsonschema` package agree on good and bad documents.

Why not `jsonschema` itself: its errors carry no YAML positions, it suggests nothing for a
misspelt key, and it is several times slower than this, which matters at 10,000 manifests.

Schemas compile once into validators, `validator(value, node, run)` (schema_compiler,
schema_keywords). `node` is the YAML node the value came from (for positions); `run` is the
Validation under way (validation), whose `stack` holds the way down from the document (keys
and list indexes), so that messages can name where they are without building a path for
values that are fine. Plain-text values are tested inline by their container (`text_test`), and
positions are looked up only for values that fail: most of a manifest costs one regex
search per value.

Beyond JSON Schema, two annotations word the messages: `x-expect` (what a value must be:
"a number between 0 and 100") and `x-fix` (how to add a missing key).
"""

from __future__ import annotations

from functools import lru_cache

from archlint.loader.schema_compiler import SchemaCompiler
from archlint.loader.validation import Validation, Validator
from archlint.schema import manifest_schema
from archlint.yaml_reader import Problem, YMap, mark_position


@lru_cache(maxsize=1)
def manifest_validator() -> Validator:
    """The compiled archlint/v1 schema (compiled once per process)."""
    schema = manifest_schema()
    return SchemaCompiler(schema).compile(schema)


def validate(document: YMap, validator: Validator | None = None) -> list[Problem]:
    """Every way `document` breaks the schema (by default the manifest schema), as AL002
    problems in document order."""
    run = Validation()
    (validator or manifest_validator())(document, document.node, run)
    problems = []
    for node, message, unless in run.problems:
        if unless is not None and unless in run.guessed:
            continue
        line, column = mark_position(node)
        problems.append(Problem("AL002", message, line, column))
    return problems


__all__ = ["SchemaCompiler", "Validation", "Validator", "manifest_validator", "validate"]
