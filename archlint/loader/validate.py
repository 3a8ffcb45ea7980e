"""Validates manifests against archlint/schema.json, with exact positions and did-you-mean.

The published JSON Schema is the single source of the rules; this module interprets the
subset of draft 2020-12 that the schema uses (type, const, enum, pattern, minLength,
minimum/maximum, properties, required, additionalProperties, items, minItems, uniqueItems,
oneOf/anyOf/allOf, if/then/else, $ref into $defs, true/false schemas). A keyword outside that
subset makes compiling the schema fail, so the two cannot drift apart silently; a test
checks that this validator and the `jsonschema` package agree on good and bad documents.

Why not `jsonschema` itself: its errors carry no YAML positions, it suggests nothing for a
misspelt key, and it is several times slower than this, which matters at 10,000 manifests.

Schemas compile once into closures `check(value, node, ctx)`. `node` is the YAML node the
value came from (for positions); `ctx.stack` holds the way down from the document (keys and
list indexes), so that messages can name where they are without building a path for values
that are fine. Plain-text values are tested inline by their container (`text_test`), and
positions are looked up only for values that fail: most of a manifest costs one regex
search per value.

Beyond JSON Schema, two annotations word the messages: `x-expect` (what a value must be:
"a number between 0 and 100") and `x-fix` (how to add a missing key).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from yaml.nodes import Node

from archlint.loader.yamlpos import Problem, YMap, YSeq
from archlint.schema import manifest_schema

Check = Callable[[Any, Node, "Context"], None]

SUPPORTED = frozenset(
    {
        "$schema", "$id", "$defs", "$ref", "title", "description", "x-expect", "x-fix",
        "type", "const", "enum", "pattern", "minLength", "minimum", "maximum",
        "properties", "required", "additionalProperties", "items", "minItems", "uniqueItems",
        "oneOf", "anyOf", "allOf", "if", "then", "else",
    }
)  # fmt: skip

_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description", "x-expect", "x-fix"})

_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: type(v) is str,
    "integer": lambda v: type(v) is int or (type(v) is float and v.is_integer()),
    "number": lambda v: type(v) is int or type(v) is float,
    "boolean": lambda v: type(v) is bool,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}
_TYPE_NOUNS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "null": "empty",
}


class Context:
    """Where the validation is, and what it found."""

    __slots__ = ("guessed", "problems", "quiet", "stack")

    def __init__(self) -> None:
        self.stack: list[str | int] = []  # keys and list indexes from the document down
        # (node, message, unless): dropped at the end if `unless` is in `guessed`
        self.problems: list[tuple[Node, str, Any]] = []
        # (mapping node id, key) that an unknown key was taken for: 'apiversion' -> 'apiVersion'
        self.guessed: set[tuple[int, str]] = set()
        self.quiet = False  # only whether it passes matters: spare the wording

    def fail(self, node: Node, message: str, unless: Any = None) -> None:
        self.problems.append((node, message, unless))

    def label(self) -> str:
        """The value being checked, as a message names it: 'availability', 'events[1]'."""
        parts: list[str] = []
        for entry in reversed(self.stack):
            if type(entry) is str:
                parts.append(entry)
                break
            parts.append(f"[{entry}]")
        if not parts:
            return "the manifest"
        return "'" + "".join(reversed(parts)) + "'"

    def where(self) -> str:
        """The mapping being checked, from the document down: 'spec.produces[0]'."""
        out = ""
        for entry in self.stack:
            if type(entry) is str:
                out += ("." if out else "") + entry
            else:
                out += f"[{entry}]"
        return out or "the manifest"

    def passes(self, check: Check, value: Any, node: Node) -> bool:
        """Whether `value` passes `check`, reporting nothing."""
        quiet = self.quiet
        self.quiet = True
        try:
            return not self.collect(check, value, node)
        finally:
            self.quiet = quiet

    def collect(self, check: Check, value: Any, node: Node) -> list[tuple[Node, str, Any]]:
        saved = self.problems
        self.problems = []
        try:
            check(value, node, self)
            return self.problems
        finally:
            self.problems = saved


def show(value: Any) -> str:
    """A value as a message quotes it."""
    if value is None:
        return "an empty value"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "an empty list" if not value else "a list"
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return "'" + text.replace("\n", "\\n") + "'"
    return str(value)


def suggest(word: str, choices) -> str | None:
    """The choice that `word` most likely misspells, if any."""
    lowered = {c.lower(): c for c in choices}
    if word.lower() in lowered:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


class SchemaCompiler:
    def __init__(self, root: dict) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, pointer: str) -> Check:
        if pointer not in self.refs:
            if not pointer.startswith("#/$defs/"):
                raise ValueError(f"unsupported $ref {pointer!r}: only '#/$defs/NAME'")
            target = self.root["$defs"][pointer[len("#/$defs/") :]]
            holder: list[Check] = []
            self.refs[pointer] = lambda value, node, ctx: holder[0](value, node, ctx)  # recursion
            holder.append(self.compile(target))
            self.refs[pointer] = holder[0]
        return self.refs[pointer]

    def expect(self, schema: Any) -> str:
        """What a value must be, in words."""
        if not isinstance(schema, dict):
            return "absent"
        if "x-expect" in schema:
            return schema["x-expect"]
        if "$ref" in schema:
            return self.expect(self.root["$defs"][schema["$ref"][len("#/$defs/") :]])
        if "const" in schema:
            return show(schema["const"])
        if "enum" in schema:
            return "one of " + ", ".join(str(v) for v in schema["enum"])
        kind = schema.get("type")
        noun = _TYPE_NOUNS.get(kind, "a value") if isinstance(kind, str) else "a value"
        if "minimum" in schema and "maximum" in schema:
            noun += f" between {schema['minimum']} and {schema['maximum']}"
        return noun

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return _accept
        if schema is False:
            return _refuse
        unknown = set(schema) - SUPPORTED
        if unknown:
            raise ValueError(
                f"the schema uses keywords this validator does not know: {sorted(unknown)}"
            )
        expect = self.expect(schema)
        type_name = schema.get("type")
        if type_name is not None and not isinstance(type_name, str):
            raise ValueError("a list of types is not supported")
        # The common shapes get one closure that checks the type too: validation is mostly calls.
        keywords = set(schema) - _ANNOTATIONS
        if type_name == "string" and keywords <= {"type", "pattern", "minLength"}:
            return _string_check(schema, expect, typed=True)
        if type_name == "number" and keywords <= {"type", "minimum", "maximum"}:
            return _range_check(schema, expect, typed=True)
        if type_name == "object" and keywords <= {
            "type",
            "properties",
            "required",
            "additionalProperties",
        }:
            return self._object_check(schema, expect, typed=True)
        if type_name == "array" and keywords <= {"type", "items", "minItems", "uniqueItems"}:
            return self._array_check(schema, expect, typed=True)
        checks: list[Check] = []
        if "$ref" in schema:
            checks.append(self.ref(schema["$ref"]))
        if "const" in schema or "enum" in schema:
            checks.append(_enum_check(schema, expect))
        if "pattern" in schema or "minLength" in schema:
            checks.append(_string_check(schema, expect))
        if "minimum" in schema or "maximum" in schema:
            checks.append(_range_check(schema, expect))
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
        is_type = _TYPES[type_name] if type_name is not None else None

        if len(checks) == 1 and is_type is None:
            return checks[0]

        def check(value: Any, node: Node, ctx: Context) -> None:
            if is_type is not None and not is_type(value):
                ctx.fail(node, _wrong(ctx, expect, value, type_name))
                return  # the other keywords would only repeat it
            for each in checks:
                each(value, node, ctx)

        return check

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
            return _search(schema["pattern"]) if "pattern" in schema else _EVERYTHING
        return None

    def _object_check(self, schema: dict, expect: str, typed: bool = False) -> Check:
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

        def check(value: Any, node: Node, ctx: Context) -> None:
            if not isinstance(value, dict):
                if typed:
                    ctx.fail(node, _wrong(ctx, expect, value))
                return
            for key, item in value.items():
                entry = properties.get(key)
                if entry is None:
                    if closed:
                        _unknown_key(ctx, node, value.pair(key)[0], key, allowed)
                        continue
                    if extra_entry is None:
                        continue
                    entry = extra_entry
                test = entry[0]
                if test is not None and type(item) is str and test(item) is not None:
                    continue
                item_type = type(item)
                ctx.stack.append(key)
                if item_type is YMap or item_type is YSeq:
                    entry[1](item, item.node, ctx)
                else:  # a scalar that is not plain text: look up where it is (rare)
                    entry[1](item, value.value_node(key), ctx)
                ctx.stack.pop()
            for key in required:
                if key not in value:
                    message = (
                        f"missing required key '{key}' in {ctx.where()}: {fixes.get(key, 'add it')}"
                    )
                    ctx.fail(node, message, (id(node), key))

        return check

    def _array_check(self, schema: dict, expect: str, typed: bool = False) -> Check:
        items = self.compile(schema["items"]) if "items" in schema else None
        test = self.text_test(schema["items"]) if "items" in schema else None
        min_items = schema.get("minItems", 0)
        unique = schema.get("uniqueItems", False)

        def check(value: Any, node: Node, ctx: Context) -> None:
            if not isinstance(value, list):
                if typed:
                    ctx.fail(node, _wrong(ctx, expect, value))
                return
            if len(value) < min_items:
                ctx.fail(node, f"{ctx.label()} must be {expect}, got {show(value)}")
            if items is not None:
                stack = ctx.stack
                nodes = value.node.value
                for index, item in enumerate(value):
                    if test is not None and type(item) is str and test(item) is not None:
                        continue
                    stack.append(index)
                    items(item, nodes[index], ctx)
                    stack.pop()
            if unique and len(value) > 1:
                seen: set = set()
                for index, item in enumerate(value):
                    if isinstance(item, (dict, list)):
                        continue
                    marker = (type(item), item)
                    if marker in seen:
                        ctx.fail(
                            value.node.value[index],
                            f"{ctx.label()} lists {show(item)} twice; remove the repeat",
                        )
                    seen.add(marker)

        return check

    def _choice_check(self, schema: dict, expect: str) -> Check:
        one = "oneOf" in schema
        branches = [self.compile(sub) for sub in schema.get("oneOf", schema.get("anyOf", ()))]

        def check(value: Any, node: Node, ctx: Context) -> None:
            passing = sum(1 for branch in branches if ctx.passes(branch, value, node))
            if passing == 1 or (passing > 1 and not one):
                return
            if ctx.quiet:
                ctx.fail(node, "")
                return
            results = [
                ctx.collect(branch, value, node) for branch in branches
            ]  # again, for the words
            if passing > 1:
                ctx.fail(node, f"{ctx.label()} must be {expect}; it fits more than one shape")
                return
            fewest = min(len(found) for found in results)
            best = [found for found in results if len(found) == fewest]
            if len(best) == 1:  # clearly meant as that shape: say what is wrong with it
                ctx.problems.extend(best[0])
            else:
                ctx.fail(node, f"{ctx.label()} must be {expect}")

        return check

    def _conditional_check(self, schema: dict) -> Check:
        condition = self.compile(schema["if"])
        then = self.compile(schema.get("then", True))
        otherwise = self.compile(schema.get("else", True))
        discriminator = _discriminator(schema["if"])
        if discriminator is not None:  # `kind: Service` and the like: a plain comparison
            key, expected = discriminator

            def check(value: Any, node: Node, ctx: Context) -> None:
                matches = isinstance(value, dict) and value.get(key, check) == expected
                (then if matches else otherwise)(value, node, ctx)

            return check

        def check(value: Any, node: Node, ctx: Context) -> None:
            (then if ctx.passes(condition, value, node) else otherwise)(value, node, ctx)

        return check


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


def _unknown_key(ctx: Context, node: Node, key_node: Node, key: Any, allowed: list[str]) -> None:
    if ctx.quiet:
        ctx.fail(key_node, "")
        return
    guess = suggest(str(key), allowed)
    if guess is not None:
        ctx.guessed.add(
            (id(node), guess)
        )  # a misspelt required key is one problem, not also a missing key
        hint = f"did you mean '{guess}'?"
    else:
        hint = "allowed keys: " + ", ".join(allowed)
    ctx.fail(key_node, f"unknown key '{key}' in {ctx.where()}; {hint}")


def _search(pattern: str) -> Callable[[str], Any]:
    # ECMA-262 `$` matches only at the very end; Python's also before a final newline.
    return re.compile(re.sub(r"(?<!\\)\$$", r"\\Z", pattern)).search


_EVERYTHING = re.compile("").search  # the text test of plain text: any str passes


def _accept(value: Any, node: Node, ctx: Context) -> None:
    return None


def _refuse(value: Any, node: Node, ctx: Context) -> None:
    ctx.fail(node, f"{ctx.label()} is not allowed here; remove it")


def _wrong(ctx: Context, expect: str, value: Any, type_name: str | None = None) -> str:
    message = f"{ctx.label()} must be {expect}, got {show(value)}"
    if type_name == "string" and (type(value) in (int, float, bool)):
        message += "; put it in quotes to make it text"
    return message


def _enum_check(schema: dict, expect: str) -> Check:
    choices = (schema["const"],) if "const" in schema else tuple(schema["enum"])
    words = [c for c in choices if isinstance(c, str)] if len(choices) > 1 else []

    def check(value: Any, node: Node, ctx: Context) -> None:
        if any(value == c and type(value) is type(c) for c in choices):
            return
        if ctx.quiet:
            ctx.fail(node, "")
            return
        message = _wrong(ctx, expect, value)
        guess = suggest(value, words) if isinstance(value, str) else None
        if guess is not None:
            message += f"; did you mean '{guess}'?"
        ctx.fail(node, message)

    return check


def _string_check(schema: dict, expect: str, typed: bool = False) -> Check:
    pattern = schema.get("pattern")
    search = _search(pattern) if pattern else None
    min_length = schema.get("minLength", 0)

    def check(value: Any, node: Node, ctx: Context) -> None:
        if type(value) is not str:
            if typed:
                ctx.fail(node, _wrong(ctx, expect, value, "string"))
            return
        if len(value) < min_length or (search is not None and search(value) is None):
            ctx.fail(node, _wrong(ctx, expect, value))

    return check


def _range_check(schema: dict, expect: str, typed: bool = False) -> Check:
    low = schema.get("minimum")
    high = schema.get("maximum")

    def check(value: Any, node: Node, ctx: Context) -> None:
        if type(value) is not int and type(value) is not float:
            if typed:
                ctx.fail(node, _wrong(ctx, expect, value))
            return
        # NaN (`.nan`) compares false with everything: refused here, though jsonschema lets it pass
        if (
            (low is not None and value < low)
            or (high is not None and value > high)
            or value != value
        ):
            ctx.fail(node, _wrong(ctx, expect, value))

    return check


@lru_cache(maxsize=1)
def manifest_check() -> Check:
    """The compiled archlint/v1 schema (compiled once per process)."""
    schema = manifest_schema()
    return SchemaCompiler(schema).compile(schema)


def validate(document: YMap, check: Check | None = None) -> list[Problem]:
    """Every way `document` breaks the schema, as AL002 problems in document order."""
    ctx = Context()
    (check or manifest_check())(document, document.node, ctx)
    problems = []
    for node, message, unless in ctx.problems:
        if unless is not None and unless in ctx.guessed:
            continue
        mark = node.start_mark
        problems.append(Problem("AL002", message, mark.line + 1, mark.column + 1))
    return problems


__all__ = ["Context", "SchemaCompiler", "manifest_check", "show", "suggest", "validate"]
