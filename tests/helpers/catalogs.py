"""EventCatalog and Backstage test estates written inline: a page is its frontmatter."""

from __future__ import annotations

import textwrap

from archlint.backstage import Reading as BackstageReading
from archlint.backstage import read_backstage_files
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


def read_backstage(
    files: dict[str, str], context_level: str = "subdomain", depends_on: str = "query"
) -> BackstageReading:
    """The reading of Backstage files given as {path: YAML} (dedented); every path under '.'."""
    texts = {path: textwrap.dedent(text).encode() for path, text in files.items()}

    def read_file(path: str) -> bytes:
        if path not in texts:
            raise FileNotFoundError(path)
        return texts[path]

    listed = [(p, t) for p, t in sorted(texts.items()) if not p.startswith("unlisted/")]
    return read_backstage_files(listed, ["."], read_file, context_level, depends_on)  # type: ignore[arg-type]
