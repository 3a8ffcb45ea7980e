"""The words of a diff, shared by the text and markdown formats: one line per change, the
verdict and the counts."""

from __future__ import annotations

from collections.abc import Mapping

from archlint.changes import Change, EstateDiff
from archlint.changes.estate_diff import AvailabilityChange, FieldValue, severity_counts
from archlint.findings import SEVERITIES


def _value(value: FieldValue) -> str:
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _call(kind: str, service: str, target: str, name: str, now: str = "") -> str:
    verb = "queries" if kind == "query" else "sends a command to"
    return f"{service} {now + ' ' if now else ''}{verb} {target} ({name})"


def describe(change: Change) -> str:
    """One change as a sentence, without its place."""
    g = change.get
    kind = change.kind
    added = kind.endswith("-added")
    now = "now" if added else "no longer"
    if kind in ("service-added", "service-removed"):
        return f"service {g('service')} {'added' if added else 'removed'} (context {g('context')})"
    if kind == "service-renamed":
        return f"service {g('before')} renamed to {g('service')}"
    if kind == "service-moved":
        text = f"service {g('service')} moved from context {g('before')} to {g('after')}"
        crossing = g("cross_context_calls")
        if isinstance(crossing, tuple) and crossing:
            calls = ", ".join(
                _call(c["call"], c["service"], c["target"], c["name"]) for c in crossing
            )
            text += f"; these calls now cross contexts: {calls}"
        return text
    if kind == "service-changed":
        return f"service {g('service')}: {g('field')} {_value(g('before'))} -> {_value(g('after'))}"
    if kind == "owner-changed":
        return f"topic {g('topic')}: owner {_value(g('before'))} -> {_value(g('after'))}"
    if kind.startswith("writer-"):
        return f"{g('service')} {now} writes topic {g('topic')}"
    if kind.startswith("consumer-"):
        return f"{g('service')} {now} consumes topic {g('topic')}"
    if kind.startswith("event-"):
        verb = "carries" if added else "no longer carries"
        return f"topic {g('topic')} {verb} event {g('event')} (written by {g('service')})"
    if kind.startswith("call-"):
        text = _call(str(g("call")), str(g("service")), str(g("target")), str(g("name")), now)
        return text + (", across contexts" if g("cross_context") else "")
    if kind.startswith("topic-command-"):
        return f"{g('service')} {now} sends command {g('name')} on topic {g('topic')}"
    return f"{g('service')} {now} builds view {g('view')}"


def sign(change: Change) -> str:
    if change.kind.endswith("-added"):
        return "+"
    return "-" if change.kind.endswith("-removed") else "~"


def where(change: Change) -> str:
    loc = change.location
    return f"{loc.path}:{loc.line}" if loc is not None else ""


def percent(value: float | None) -> str:
    return "none" if value is None else f"{value:.4f}".rstrip("0").rstrip(".") + "%"


def availability_line(a: AvailabilityChange) -> str:
    return f"{a.service} (slo {a.slo:g}%): {percent(a.before)} -> {percent(a.after)}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def severities(counts: dict[str, int]) -> str:
    """'2 error, 1 warning' (only the severities that occur), or '' for none."""
    return ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if counts.get(s))


def headline(diff: EstateDiff) -> str:
    """The counts in one line."""
    introduced, fixed = severity_counts(diff.introduced), severity_counts(diff.fixed)
    parts = [plural(len(diff.changes), "architecture change")]
    new = severities(introduced)
    parts.append(
        f"{plural(len(diff.introduced), 'finding')} introduced" + (f" ({new})" if new else "")
    )
    gone = severities(fixed)
    parts.append(f"{len(diff.fixed)} fixed" + (f" ({gone})" if gone else ""))
    parts.append(f"{diff.unchanged} unchanged")
    return ", ".join(parts)


def sides(diff: EstateDiff) -> str:
    def one(side: object) -> str:
        info = side if isinstance(side, Mapping) else {}
        commit = info.get("commit")
        ref = str(info.get("ref", "?"))
        return f"{ref} ({str(commit)[:12]})" if commit and commit != ref else ref

    return f"{one(diff.base)} -> {one(diff.head)}"
