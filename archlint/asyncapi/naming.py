"""Names: a document title made into a service name, and path globs for contexts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

NAME = re.compile(r"^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$")  # as metadata.name in archlint/v1
NAME_RULE = (
    "lower-case letters, digits, '.', '_' and '-', starting and ending with a letter or digit"
)


def is_name(value: str) -> bool:
    return NAME.match(value) is not None


def name_from_title(title: str) -> str | None:
    """'Website WebSocket Client' -> 'website-websocket-client'; None if nothing is left.

    Accents are dropped (é -> e), every run of other characters becomes one '-', and the
    result is trimmed to start and end with a letter or digit.
    """
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9._-]+", "-", ascii_title.lower())
    slug = re.sub(r"-{2,}", "-", slug)
    slug = re.sub(r"^[^a-z0-9]+|[^a-z0-9]+$", "", slug)
    return slug or None


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A path glob as a regex: `**` spans folders, `*` and `?` stay inside one."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(pattern: str, path: str) -> bool:
    """Whether `path` (as displayed, '/'-separated) matches `pattern`.

    A pattern without '/' matches the file name alone, as in .gitignore; a leading './'
    is ignored on both sides.
    """
    path = path.replace("\\", "/").removeprefix("./")
    pattern = pattern.removeprefix("./")
    if "/" not in pattern:
        path = path.rsplit("/", 1)[-1]
    return _glob_regex(pattern).match(path) is not None


def context_for_path(path: str, contexts: Mapping[str, str]) -> tuple[str, str] | None:
    """(glob, context) of the first glob in the configuration's order that matches `path`."""
    for pattern, context in contexts.items():
        if glob_match(pattern, path):
            return pattern, context
    return None
