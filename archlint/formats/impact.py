"""`archlint impact NAME --format text|json`: what the outage of a service (or a topic)
does. The JSON is the contract of DESIGN.md, "Impact output"; the diagrams are drawn by
archlint.diagram.outage. The text goes through the terminal's escaping, line by line: the
names come from manifests."""

from __future__ import annotations

from archlint.formats import json_text
from archlint.formats.terminal import text_line
from archlint.impact import SERVICE, Impact

VERSION = 1


def to_data(impact: Impact) -> dict[str, object]:
    subject: dict[str, object] = {"kind": impact.kind, "name": impact.name}
    if impact.kind != SERVICE:
        subject.update(
            owner=impact.owner, writers=list(impact.writers), readers=list(impact.readers)
        )
    return {
        "version": VERSION,
        "subject": subject,
        "fails": [{"service": r.service, "path": list(r.path)} for r in impact.fails],
        "delayed": [{"service": r.service, "path": list(r.path)} for r in impact.delayed],
        "stale_views": [
            {"service": v.service, "view": v.view, "topic": v.topic} for v in impact.stale_views
        ],
        "availability": [
            {"service": e.service, "slo": e.slo, "availability": round(e.availability, 6)}
            for e in impact.availability
        ],
    }


def render_json(impact: Impact) -> str:
    return json_text.dumps(to_data(impact)) + "\n"


def _percent(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def render_text(impact: Impact) -> str:
    lines = [f"Impact of {impact.kind} {impact.name}"]
    if impact.kind != SERVICE:
        lines.append(f"  owner: {impact.owner or 'nobody'}")
        lines.append(f"  writers: {', '.join(impact.writers) or 'none'}")
        lines.append(f"  readers: {', '.join(impact.readers) or 'none'}")
    else:
        lines += [
            "",
            f"Fails with it ({len(impact.fails)}: they reach it through synchronous calls):",
        ]
        lines += [f"  {r.service}: {' -> '.join(r.path)}" for r in impact.fails] or ["  none"]
    lines += ["", f"Delayed ({len(impact.delayed)}: downstream of its events, their data ages):"]
    lines += [f"  {r.service}: {' -> '.join(r.path)}" for r in impact.delayed] or ["  none"]
    lines += ["", f"Stale views ({len(impact.stale_views)}):"]
    lines += [
        f"  {v.service}: view {v.view}, built from topic {v.topic}" for v in impact.stale_views
    ] or ["  none"]
    if impact.availability:
        lines += ["", "Availability of the services that fail with it (as SY003 computes it):"]
        for e in impact.availability:
            lines.append(
                f"  {e.service}: {_percent(e.availability)}% against an slo of {e.slo:g}% "
                f"(margin {e.margin:+.4f} points)"
            )
    return "\n".join(text_line(line) for line in lines) + "\n"
