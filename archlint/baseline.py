"""Baselines: adopt archlint in an estate that already has findings.

A baseline file lists the findings a team accepted at one point in time, by identity (code,
path and entities, never line numbers, so that editing a manifest does not break it).
`archlint lint --baseline FILE` then reports only the findings that are not in it, and the
entries that no finding matches any more as stale. Nothing here writes a baseline unasked:
only `archlint baseline` does.

The module has two halves: pure matching (`entries_of`, `match`, `apply`, `to_document`,
`parse_document`) and the file shell around it (`read_baseline`, `write_baseline`,
`scope_of`). Paths in the file are relative to the file's own folder, so a baseline works
whatever folder archlint runs in; in memory they are as the findings show them (relative
to the working directory).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from archlint.engine import LintResult
from archlint.findings import Finding, identity_of
from archlint.loader.atomic import write_atomically

VERSION = 1
ABOUT = (
    "Findings accepted when archlint was adopted, written by `archlint baseline`. "
    "`archlint lint --baseline FILE` reports only findings not listed here. Remove "
    "entries that no longer match with `archlint baseline --prune -o FILE`."
)


class BaselineError(Exception):
    """A baseline file that cannot be used: the message says which, why and what to do."""


@dataclass(frozen=True)
class Entry:
    """One accepted finding. `message` is kept for the reviewer of the file; it never
    takes part in matching (wording may improve between releases)."""

    code: str
    path: str
    entities: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)
    message: str = ""

    def identity(self) -> str:
        return identity_of(self.code, self.path, self.entities)

    def sort_key(self) -> tuple[str, str, str, str]:
        return (self.path, self.code, self.identity(), self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "path": self.path,
            "entities": {
                k: list(v) if isinstance(v, tuple) else v for k, v in sorted(self.entities.items())
            },
            "message": self.message,
        }


def entry_of(finding: Finding) -> Entry:
    return Entry(finding.code, finding.path, dict(finding.entities), finding.message)


def entries_of(findings: Iterable[Finding]) -> tuple[Entry, ...]:
    """Today's findings as baseline entries, sorted (diff-friendly: no line numbers)."""
    return tuple(sorted((entry_of(f) for f in findings), key=Entry.sort_key))


@dataclass(frozen=True)
class Match:
    new: tuple[Finding, ...]  # findings no entry accepts: what gets reported
    matched: tuple[Entry, ...]  # entries that accepted a finding
    stale: tuple[Entry, ...]  # entries in scope that accepted nothing
    unjudged: tuple[Entry, ...]  # entries out of this run's scope (other rules or paths)

    @property
    def pruned(self) -> tuple[Entry, ...]:
        """The baseline without its stale entries, sorted."""
        return tuple(sorted(self.matched + self.unjudged, key=Entry.sort_key))


def match(
    findings: Sequence[Finding],
    entries: Sequence[Entry],
    in_scope: Callable[[Entry], bool] = lambda entry: True,
) -> Match:
    """Which findings the baseline accepts, and which entries matched nothing.

    Identities are counted, not just compared: two accepted findings of one identity accept
    two findings today, and a third is new. An entry that matched nothing is stale only if
    this run could have produced it (`in_scope`: its rule ran and its file was linted).
    """
    waiting: dict[str, list[Entry]] = {}
    for entry in entries:
        waiting.setdefault(entry.identity(), []).append(entry)
    new, matched = [], []
    for f in findings:
        candidates = waiting.get(f.identity())
        if candidates:
            matched.append(candidates.pop(0))
        else:
            new.append(f)
    left = [e for group in waiting.values() for e in group]
    stale = tuple(sorted((e for e in left if in_scope(e)), key=Entry.sort_key))
    unjudged = tuple(sorted((e for e in left if not in_scope(e)), key=Entry.sort_key))
    return Match(tuple(new), tuple(sorted(matched, key=Entry.sort_key)), stale, unjudged)


def apply(
    result: LintResult,
    entries: Sequence[Entry],
    source: str,
    in_scope: Callable[[Entry], bool] = lambda entry: True,
) -> LintResult:
    """The result with the accepted findings removed and the stale entries attached."""
    m = match(result.findings, entries, in_scope)
    return result.replaced(
        findings=m.new,
        stale=tuple(e.to_dict() for e in m.stale),
        baseline=source,
        baselined=len(m.matched),
    )


def to_document(entries: Iterable[Entry]) -> dict[str, Any]:
    return {
        "version": VERSION,
        "about": ABOUT,
        "findings": [e.to_dict() for e in sorted(entries, key=Entry.sort_key)],
    }


def dumps(entries: Iterable[Entry]) -> str:
    return json.dumps(to_document(entries), indent=2, ensure_ascii=False) + "\n"


def parse_document(data: Any, where: str) -> tuple[Entry, ...]:
    """Entries from a parsed baseline document; BaselineError names what is wrong."""
    hint = "write a new one with `archlint baseline -o FILE`"
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(
            f"{where}: not an archlint baseline (expected an object with a 'findings' list); {hint}"
        )
    if data.get("version") != VERSION:
        raise BaselineError(
            f"{where}: baseline version {data.get('version')!r} is not "
            f"supported (expected {VERSION}); {hint}"
        )
    entries = []
    for i, item in enumerate(data["findings"]):
        at = f"{where}: findings[{i}]"
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("code"), str)
            or not isinstance(item.get("path", ""), str)
        ):
            raise BaselineError(f"{at}: each entry needs a 'code' and a 'path' string; {hint}")
        entities = item.get("entities") or {}
        if not isinstance(entities, dict):
            raise BaselineError(f"{at}: 'entities' must be an object of names; {hint}")
        clean: dict[str, str | tuple[str, ...]] = {}
        for key, value in entities.items():
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                clean[key] = tuple(value)
            elif isinstance(value, str):
                clean[key] = value
            else:
                raise BaselineError(
                    f"{at}: entity '{key}' must be a name or a list of names; {hint}"
                )
        entries.append(
            Entry(item["code"], item.get("path", ""), clean, str(item.get("message", "")))
        )
    return tuple(entries)


# --- the file shell -------------------------------------------------------------------


def _rebase(path: str, from_dir: str, to_dir: str) -> str:
    """A path relative to from_dir, re-expressed relative to to_dir (POSIX separators)."""
    if not path:
        return path
    absolute = os.path.normpath(os.path.join(from_dir, path))
    relative = os.path.relpath(absolute, to_dir)
    return Path(relative).as_posix()


def _to_cwd(path: str, base_dir: str, cwd: str) -> str:
    """A path of the file, as findings show it: relative to cwd where under it, else absolute."""
    if not path:
        return path
    absolute = os.path.normpath(os.path.join(base_dir, path))
    relative = os.path.relpath(absolute, cwd)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return Path(absolute).as_posix()
    return Path(relative).as_posix()


def read_baseline(file: str, cwd: str | None = None) -> tuple[Entry, ...]:
    """The entries of a baseline file, with paths as the findings of a run in cwd show them."""
    cwd = os.path.abspath(cwd or os.getcwd())
    if os.path.exists(file) and not os.path.isfile(file):  # a device or FIFO: never read
        raise BaselineError(
            f"{file}: not a regular file; a baseline is the JSON file `archlint baseline -o FILE` writes"
        )
    try:
        with open(file, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise BaselineError(
            f"{file}: baseline file not found; create it with `archlint baseline -o {file}`"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{file}: cannot read the baseline: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{file}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}; "
            f"write a new baseline with `archlint baseline -o {file}`"
        ) from None
    base_dir = os.path.dirname(os.path.abspath(file))
    return tuple(
        replace(e, path=_to_cwd(e.path, base_dir, cwd)) for e in parse_document(data, file)
    )


def write_baseline(file: str, entries: Iterable[Entry], cwd: str | None = None) -> None:
    """Write entries (paths as a run in cwd shows them) with paths relative to the file."""
    cwd = os.path.abspath(cwd or os.getcwd())
    base_dir = os.path.dirname(os.path.abspath(file))
    rebased = [replace(e, path=_rebase(e.path, cwd, base_dir)) for e in entries]
    try:
        write_atomically(file, dumps(rebased).encode("utf-8"))
    except OSError as exc:
        raise BaselineError(f"{file}: cannot write the baseline: {exc.strerror}") from None


def scope_of(
    targets: Sequence[str],
    codes: Iterable[str],
    catalogue_codes: Iterable[str],
    cwd: str | None = None,
) -> Callable[[Entry], bool]:
    """Which entries a run could have matched: those of a rule that ran (or a custom rule)
    in a file under one of the linted targets. Only these can be stale."""
    cwd = os.path.abspath(cwd or os.getcwd())
    roots = [os.path.normpath(os.path.join(cwd, t)) for t in targets]
    ran, known = set(codes), set(catalogue_codes)

    def in_scope(entry: Entry) -> bool:
        if entry.code in known and entry.code not in ran:
            return False
        if not entry.path:
            return True
        absolute = os.path.normpath(os.path.join(cwd, entry.path))
        return any(
            absolute == root or absolute.startswith(root.rstrip(os.sep) + os.sep) for root in roots
        )

    return in_scope
