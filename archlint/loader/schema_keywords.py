"""The compiled keywords that check one value alone: const/enum, pattern/minLength,
minimum/maximum, and the true/false schemas."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from archlint.loader.validation import Schema, Validation, Validator, suggest, wrong
from archlint.yaml_reader import Node

TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: type(v) is str,
    "integer": lambda v: type(v) is int or (type(v) is float and v.is_integer()),
    "number": lambda v: type(v) is int or type(v) is float,
    "boolean": lambda v: type(v) is bool,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
}
TYPE_NOUNS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "null": "empty",
}


def pattern_search(pattern: str) -> Callable[[str], Any]:
    # ECMA-262 `$` matches only at the very end; Python's also before a final newline.
    return re.compile(re.sub(r"(?<!\\)\$$", r"\\Z", pattern)).search


EVERYTHING = re.compile("").search  # the text test of plain text: any str passes


def accept(value: Any, node: Node, run: Validation) -> None:
    return None


def refuse(value: Any, node: Node, run: Validation) -> None:
    run.fail(node, f"{run.label()} is not allowed here; remove it")


def enum_validator(schema: Schema, expect: str) -> Validator:
    choices = (schema["const"],) if "const" in schema else tuple(schema["enum"])
    words = [c for c in choices if isinstance(c, str)] if len(choices) > 1 else []

    def check(value: Any, node: Node, run: Validation) -> None:
        if any(value == c and type(value) is type(c) for c in choices):
            return
        if run.quiet:
            run.fail(node, "")
            return
        message = wrong(run, expect, value)
        guess = suggest(value, words) if isinstance(value, str) else None
        if guess is not None:
            message += f"; did you mean '{guess}'?"
        run.fail(node, message)

    return check


def string_validator(schema: Schema, expect: str, typed: bool = False) -> Validator:
    pattern = schema.get("pattern")
    search = pattern_search(pattern) if pattern else None
    min_length = schema.get("minLength", 0)

    def check(value: Any, node: Node, run: Validation) -> None:
        if type(value) is not str:
            if typed:
                run.fail(node, wrong(run, expect, value, "string"))
            return
        if len(value) < min_length or (search is not None and search(value) is None):
            run.fail(node, wrong(run, expect, value))

    return check


def range_validator(schema: Schema, expect: str, typed: bool = False) -> Validator:
    low = schema.get("minimum")
    high = schema.get("maximum")

    def check(value: Any, node: Node, run: Validation) -> None:
        if type(value) is not int and type(value) is not float:
            if typed:
                run.fail(node, wrong(run, expect, value))
            return
        # NaN (`.nan`) compares false with everything: refused here, though jsonschema lets it pass
        if (
            (low is not None and value < low)
            or (high is not None and value > high)
            or value != value
        ):
            run.fail(node, wrong(run, expect, value))

    return check
