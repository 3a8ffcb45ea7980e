"""`archlint diff --format markdown`: a pull-request comment (or a job summary).

A one-line verdict, a summary table, then the details of each category in a `<details>`
block. GitHub refuses a comment of 65,536 characters or more, so the comment is capped
below that: the items that do not fit are cut from the end of each block, the largest first
in line, and a note says how many were left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from archlint.changes import EstateDiff
from archlint.changes.estate_diff import severity_counts
from archlint.findings import SEVERITY_RANK, Finding
from archlint.formats.diff.words import (
    availability_line,
    describe,
    headline,
    plural,
    severities,
    sides,
    sign,
    where,
)
from archlint.formats.terminal import neutralise

GITHUB_LIMIT = 65_536  # characters GitHub accepts in a comment, exclusive
LIMIT = GITHUB_LIMIT - 1_536  # room for a sticky comment's marker and the action's header
MARKER = "<!-- archlint-diff -->"  # what a sticky comment is found again by


def escape(text: str) -> str:
    """Text that Markdown and GitHub's HTML show as written, its control characters and
    line breaks visible (archlint.formats.terminal): the comment is printed to CI logs too."""
    text = neutralise(text)
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|")):
        text = text.replace(char, entity)
    return text.replace("`", "\\`").replace("*", "\\*").replace("_", "\\_")


@dataclass
class _Block:
    title: str
    items: list[str]
    shown: int = 0


def _finding(f: Finding) -> str:
    place = escape(str(f.location)) if f.location else "-"
    return f"- **{f.code}** {f.severity} `{neutralise(f.path)}`: {escape(f.message)} ({place})"


def verdict(diff: EstateDiff) -> str:
    """One line: does the change fail, and on what."""
    counts = severity_counts(diff.introduced)
    if diff.failed:
        at = sum(
            n for s, n in counts.items() if SEVERITY_RANK[s] >= SEVERITY_RANK[diff.fail_on_new]
        )
        what = f"{plural(at, 'new finding')} at or above {diff.fail_on_new}"
        return f"❌ **archlint**: this change introduces {what} ({severities(counts)} in all)."
    if diff.introduced:
        return (
            f"⚠️ **archlint**: this change introduces findings ({severities(counts)}), "
            f"none at or above {diff.fail_on_new}."
        )
    if diff.empty:
        return "✅ **archlint**: no change to the architecture."
    return "✅ **archlint**: this change introduces no findings."


def _count(findings: tuple[Finding, ...]) -> str:
    counts = severities(severity_counts(findings))
    return f"{len(findings)} ({counts})" if counts else "0"


def _table(diff: EstateDiff) -> list[str]:
    rows = [
        ("Architecture changes", str(len(diff.changes))),
        ("Findings introduced", _count(diff.introduced)),
        ("Findings fixed", _count(diff.fixed)),
        ("Findings unchanged", str(diff.unchanged)),
        ("Availability changed", str(len(diff.availability))),
    ]
    return ["| | |", "|---|---|", *(f"| {name} | {value} |" for name, value in rows)]


def _blocks(diff: EstateDiff) -> list[_Block]:
    changes = [
        f"- {sign(c)} {escape(describe(c))} (`{neutralise(where(c))}`)" for c in diff.changes
    ]
    blocks = [
        _Block("Findings introduced", [_finding(f) for f in diff.introduced]),
        _Block("Architecture changes", changes),
        _Block("Findings fixed", [_finding(f) for f in diff.fixed]),
        _Block(
            "Availability (computed as SY003 does)",
            [f"- {escape(availability_line(a))}" for a in diff.availability],
        ),
    ]
    return [b for b in blocks if b.items]


def _write(head: list[str], blocks: list[_Block]) -> str:
    out = list(head)
    for b in blocks:
        out += ["", f"<details><summary>{b.title} ({len(b.items)})</summary>", ""]
        out += b.items[: b.shown]
        if b.shown < len(b.items):
            cut = len(b.items) - b.shown
            out.append(
                f"- … {plural(cut, 'more item')} not shown: the comment stays below GitHub's "
                "limit of 65,536 characters; run `archlint diff` for all of them"
            )
        out += ["", "</details>"]
    return "\n".join(out) + "\n"


def render(diff: EstateDiff) -> str:
    head = [MARKER, verdict(diff), "", f"{escape(sides(diff))}: {escape(headline(diff))}", ""]
    head += _table(diff)
    blocks = _blocks(diff)
    budget = LIMIT - len(_write(head, blocks)) - 200 * len(blocks)  # the notes of cut blocks
    for b in blocks:  # the first blocks matter most: fill them first
        while b.shown < len(b.items) and len(b.items[b.shown]) + 1 <= budget:
            budget -= len(b.items[b.shown]) + 1
            b.shown += 1
    return _write(head, blocks)
