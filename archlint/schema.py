"""The published JSON Schema of the archlint/v1 manifest format.

`archlint/schema.json` is the single source of manifest validation: editors use it as typed
(through `archlint schema` and a `# yaml-language-server: $schema=...` modeline), and the
loader validates every manifest against it (archlint.loader.validate interprets it).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

SCHEMA_RESOURCE = "schema.json"


@lru_cache(maxsize=1)
def manifest_schema_text() -> str:
    """The schema exactly as shipped (what `archlint schema` prints)."""
    return resources.files("archlint").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")


def manifest_schema() -> dict[str, Any]:
    """The schema as a fresh dict (callers may modify their copy)."""
    schema: dict[str, Any] = json.loads(manifest_schema_text())
    return schema
