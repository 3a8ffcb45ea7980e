"""archlint/schema.json compiled into validators: one closure per schema, called for each
value with the node it came from and the validation under way.

The common shapes (a typed string, number, object or array) compile to one closure that
checks the type too; plain-text values are tested inline by their container (`text_test`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from archlint.loader.schema_keywords import (
    EVERYTHING,
    TYPE_NOUNS,
    TYPES,
    accept,
    enum_validator,
    pattern_search,
    range_validator,
    refuse,
    string_validator,
)
from archlint.loader.validation import Schema, Validation, Validator, show, suggest, wrong
from archlint.yaml_reader import Node, YMap, YSeq

SUPPORTED = frozenset(
    {
        "$schema", "$id", "$defs", "$ref", "title", "description", "x-expect", "x-fix",
        "type", "const", "enum", "pattern", "minLength", "minimum", "maximum",
        "properties", "required", "additionalProperties", "items", "minItems", "uniqueItems",
        "oneOf", "anyOf", "allOf", "if", "then", "else",
    }
)  # fmt: skip

_OBJECT_KEYWORDS = frozenset({"type", "properties", "required", "additionalProperties"})
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description", "x-expect", "x-fix"})


class SchemaCompiler:
    def __init__(self, root: Schema) -> None:
        self.root = root
        self.refs: dict[str, Validator] = {}

    def ref(self, pointer: str) -> Validator:
        if pointer not in self.refs:
            if not pointer.startswith("#/$defs/"):
                raise ValueError(f"unsupported $ref {pointer!r}: only '#/$defs/NAME'")
            target = self.root["$defs"][pointer[len("#/$defs/") :]]
            holder: list[Validator] = []
            self.refs[pointer] = lambda value, node, run: holder[0](value, node, run)  # recursion
            holder.append(self.compile(target))
            self.refs[pointer] = holder[0]
        return self.refs[pointer]

    def expect(self, schema: Any) -> str:
        """What a value must be, in words."""
        if not isinstance(schema, dict):
            return "absent"
        if "x-expect" in schema:
            return str(schema["x-expect"])
        if "$ref" in schema:
            return self.expect(self.root["$defs"][schema["$ref"][len("#/$defs/") :]])
        if "const" in schema:
            return show(schema["const"])
        if "enum" in schema:
            return "one of " + ", ".join(str(v) for v in schema["enum"])
        kind = schema.get("type")
        noun = TYPE_NOUNS.get(kind, "a value") if isinstance(kind, str) else "a value"
        if "minimum" in schema and "maximum" in schema:
            noun += f" between {schema['minimum']} and {schema['maximum']}"
        return noun

    def compile(self, schema: Any) -> Validator:
        if schema is True:
            return accept
        if schema is False:
            return refuse
        unknown = set(schema) - SUPPORTED
        if unknown:
            raise ValueError(
                f"the schema uses keywords this validator does not know: {sorted(unknown)}"
            )
        expect = self.expect(schema)
        type_name = schema.get("type")
        if type_name is not None and not isinstance(type_name, str):
            raise ValueError("a list of types is not supported")
        shaped = self._typed_shape(schema, type_name, expect)
        if shaped is not None:
            return shaped
        checks = self._keyword_checks(schema, expect)
        is_type = TYPES[type_name] if type_name is not None else None
        if len(checks) == 1 and is_type is None:
            return checks[0]

        def check(value: Any, node: Node, run: Validation) -> None:
            if is_type is not None and not is_type(value):
                run.fail(node, wrong(run, expect, value, type_name))
                return  # the other keywords would only repeat it
            for each in checks:
                each(value, node, run)

        return check

    def _typed_shape(self, schema: Schema, type_name: str | None, expect: str) -> Validator | None:
        """One closure that checks the type too, for the common shapes: validation is mostly
        calls. None for a schema of another shape."""
        keywords = set(schema) - _ANNOTATIONS
        if type_name == "string" and keywords <= {"type", "pattern", "minLength"}:
            return string_validator(schema, expect, typed=True)
        if type_name == "number" and keywords <= {"type", "minimum", "maximum"}:
            return range_validator(schema, expect, typed=True)
        if type_name == "object" and keywords <= _OBJECT_KEYWORDS:
            return self._object_check(schema, expect, typed=True)
        if type_name == "array" and keywords <= {"type", "items", "minItems", "uniqueItems"}:
            return self._array_check(schema, expect, typed=True)
        return None

    def _keyword_checks(self, schema: Schema, expect: str) -> list[Validator]:
        """A validator per group of keywords in `schema`, the type aside."""
        checks: list[Validator] = []
        if "$ref" in schema:
            checks.append(self.ref(schema["$ref"]))
        if "const" in schema or "enum" in schema:
            checks.append(enum_validator(schema, expect))
        if "pattern" in schema or "minLength" in schema:
            checks.append(string_validator(schema, expect))
        if "minimum" in schema or "maximum" in schema:
            checks.append(range_validator(schema, expect))
        if "properties" in schema or "required" in schema or "additionalProperties" in schema:
            checks.append(self._object_check(schema, expect))
        if "items" in schema or "minItems" in schema or "uniqueItems" in schema:
            checks.append(self._array_check(schema, expect))
        if "oneOf" in schema or "anyOf" in schema:
            checks.append(self._choice_check(schema, expect))
        for sub in schema.get("allOf", ()):
            checks.append(self.compile(sub))
        if "if" in schema:
            checks.append(self._conditional_check(schema))
        return checks

    def text_test(self, schema: Any) -> Callable[[str], Any] | None:
        """For a schema that only asks for text matching a pattern: a fast test of a str.

        Object and array checks run it inline and call the full check only when it fails,
        which spares a call for most values (names, descriptions) of a manifest.
        """
        while isinstance(schema, dict):
            keywords = set(schema) - _ANNOTATIONS
            if keywords == {"$ref"}:
                schema = self.root["$defs"][schema["$ref"][len("#/$defs/") :]]
                continue
            if schema.get("type") != "string" or not keywords <= {"type", "pattern"}:
                return None
            return pattern_search(schema["pattern"]) if "pattern" in schema else EVERYTHING
        return None

    def _object_check(self, schema: Schema, expect: str, typed: bool = False) -> Validator:
        declared = schema.get("properties", {})
        # key -> (fast text test or None, full check)
        properties = {
            key: (self.text_test(sub), self.compile(sub)) for key, sub in declared.items()
        }
        fixes = {
            key: sub.get("x-fix", "add it")
            for key, sub in declared.items()
            if isinstance(sub, dict)
        }
        required = tuple(schema.get("required", ()))
        extra = schema.get("additionalProperties", True)
        closed = extra is False
        extra_entry = (
            None if extra is True or closed else (self.text_test(extra), self.compile(extra))
        )
        allowed = sorted(properties)

        def check(value: Any, node: Node, run: Validation) -> None:
            if not isinstance(value, YMap):  # what a mapping read from YAML always is
                if typed:
                    run.fail(node, wrong(run, expect, value))
                return
            for key, item in value.items():
                entry = properties.get(key)
                if entry is None:
                    if closed:
                        _unknown_key(run, node, value.pair(key)[0], key, allowed)
                        continue
                    if extra_entry is None:
                        continue
                    entry = extra_entry
                test = entry[0]
                if test is not None and type(item) is str and test(item) is not None:
                    continue
                item_type = type(item)
                run.stack.append(key)
                if item_type is YMap or item_type is YSeq:
                    entry[1](item, item.node, run)
                else:  # a scalar that is not plain text: look up where it is (rare)
                    entry[1](item, value.value_node(key), run)
                run.stack.pop()
            for key in required:
                if key not in value:
                    message = (
                        f"missing required key '{key}' in {run.where()}: {fixes.get(key, 'add it')}"
                    )
                    run.fail(node, message, (id(node), key))

        return check

    def _array_check(self, schema: Schema, expect: str, typed: bool = False) -> Validator:
        items = self.compile(schema["items"]) if "items" in schema else None
        test = self.text_test(schema["items"]) if "items" in schema else None
        min_items = schema.get("minItems", 0)
        unique = schema.get("uniqueItems", False)

        def check(value: Any, node: Node, run: Validation) -> None:
            if not isinstance(value, YSeq):  # what a list read from YAML always is
                if typed:
                    run.fail(node, wrong(run, expect, value))
                return
            if len(value) < min_items:
                run.fail(node, f"{run.label()} must be {expect}, got {show(value)}")
            if items is not None:
                stack = run.stack
                nodes = value.node.value
                for index, item in enumerate(value):
                    if test is not None and type(item) is str and test(item) is not None:
                        continue
                    stack.append(index)
                    items(item, nodes[index], run)
                    stack.pop()
            if unique and len(value) > 1:
                seen: set[tuple[type, Any]] = set()
                for index, item in enumerate(value):
                    if isinstance(item, (dict, list)):
                        continue
                    marker = (type(item), item)
                    if marker in seen:
                        run.fail(
                            value.node.value[index],
                            f"{run.label()} lists {show(item)} twice; remove the repeat",
                        )
                    seen.add(marker)

        return check

    def _choice_check(self, schema: Schema, expect: str) -> Validator:
        one = "oneOf" in schema
        branches = [self.compile(sub) for sub in schema["oneOf" if one else "anyOf"]]

        def check(value: Any, node: Node, run: Validation) -> None:
            passing = sum(1 for branch in branches if run.passes(branch, value, node))
            if passing == 1 or (passing > 1 and not one):
                return
            if run.quiet:
                run.fail(node, "")
                return
            results = [
                run.collect(branch, value, node) for branch in branches
            ]  # again, for the words
            if passing > 1:
                run.fail(node, f"{run.label()} must be {expect}; it fits more than one shape")
                return
            fewest = min(len(found) for found in results)
            best = [found for found in results if len(found) == fewest]
            if len(best) == 1:  # clearly meant as that shape: say what is wrong with it
                run.problems.extend(best[0])
            else:
                run.fail(node, f"{run.label()} must be {expect}")

        return check

    def _conditional_check(self, schema: Schema) -> Validator:
        condition = self.compile(schema["if"])
        then = self.compile(schema.get("then", True))
        otherwise = self.compile(schema.get("else", True))
        discriminator = _discriminator(schema["if"])
        if discriminator is not None:  # `kind: Service` and the like: a plain comparison
            key, expected = discriminator

            def check(value: Any, node: Node, run: Validation) -> None:
                matches = isinstance(value, dict) and value.get(key, check) == expected
                (then if matches else otherwise)(value, node, run)

            return check

        def conditional(value: Any, node: Node, run: Validation) -> None:
            (then if run.passes(condition, value, node) else otherwise)(value, node, run)

        return conditional


def _discriminator(schema: Any) -> tuple[str, str] | None:
    """(key, text) for an `if` that only asks for one key to be one text, else None."""
    if not isinstance(schema, dict) or set(schema) - _ANNOTATIONS != {"required", "properties"}:
        return None
    properties = schema["properties"]
    if len(properties) != 1 or list(schema["required"]) != list(properties):
        return None
    [(key, sub)] = properties.items()
    if isinstance(sub, dict) and set(sub) - _ANNOTATIONS == {"const"} and type(sub["const"]) is str:
        return key, sub["const"]
    return None


def _unknown_key(run: Validation, node: Node, key_node: Node, key: Any, allowed: list[str]) -> None:
    if run.quiet:
        run.fail(key_node, "")
        return
    guess = suggest(str(key), allowed)
    if guess is not None:
        run.guessed.add(
            (id(node), guess)
        )  # a misspelt required key is one problem, not also a missing key
        hint = f"did you mean '{guess}'?"
    else:
        hint = "allowed keys: " + ", ".join(allowed)
    run.fail(key_node, f"unknown key '{key}' in {run.where()}; {hint}")
