"""One validation under way: where it is in the document, what it found, and the words
its messages are made of (shared by the compiled keywords of archlint.loader.schema_compiler)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Any

from archlint.yaml_reader import Node

# A compiled schema: validator(value, node, run) reports on `run` where `value` (read from
# `node`) breaks the schema.
Validator = Callable[[Any, Node, "Validation"], None]
Schema = dict[str, Any]  # a (sub)schema of archlint/schema.json, as JSON reads it


class Validation:
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

    def passes(self, check: Validator, value: Any, node: Node) -> bool:
        """Whether `value` passes `check`, reporting nothing."""
        quiet = self.quiet
        self.quiet = True
        try:
            return not self.collect(check, value, node)
        finally:
            self.quiet = quiet

    def collect(self, check: Validator, value: Any, node: Node) -> list[tuple[Node, str, Any]]:
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
    if isinstance(value, int) and value.bit_length() > 128:  # str() refuses past 4,300 digits
        return f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
    return str(value)


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The choice that `word` most likely misspells, if any."""
    lowered = {c.lower(): c for c in choices}
    if word.lower() in lowered:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def wrong(run: Validation, expect: str, value: Any, type_name: str | None = None) -> str:
    """'availability' must be a number between 0 and 100, got 'high'."""
    message = f"{run.label()} must be {expect}, got {show(value)}"
    if type_name == "string" and (type(value) in (int, float, bool)):
        message += "; put it in quotes to make it text"
    return message
