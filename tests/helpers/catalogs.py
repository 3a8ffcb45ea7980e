"""EventCatalog and Backstage test estates written inline: a page is its frontmatter."""

from __future__ import annotations

import textwrap

from archlint.eventcatalog import Reading, read_catalog_files


def page(frontmatter: str, body: str = "\n## Overview\n") -> str:
    """An index.mdx: `---`, the frontmatter (dedented), `---`, a body."""
    return "---\n" + textwrap.dedent(frontmatter).strip("\n") + "\n---\n" + body


def read_catalog(pages: dict[str, str], context_level: str = "subdomain") -> Reading:
    """The reading of pages given as {path: frontmatter}, in path order."""
    files = [(path, page(text).encode()) for path, text in sorted(pages.items())]
    return read_catalog_files(files, context_level)


def streams(
    reading: Reading, service: str, key: str = "produces"
) -> list[tuple[str, tuple[str, ...] | None]]:
    """(topic, event names) of one service's produces or consumes."""
    found = {s.name: s for s in reading.services}[service]
    return [(s.topic, s.event_names) for s in getattr(found, key)]


def codes(reading: Reading) -> list[tuple[str, str, str]]:
    """(code, location, message) of every finding."""
    return [(f.code, str(f.location), f.message) for f in reading.findings]
