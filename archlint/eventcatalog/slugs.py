"""Catalog ids as archlint names: `Orders Service` -> `orders-service`."""

from __future__ import annotations

import re
import unicodedata

NAME = re.compile(r"^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$")  # as metadata.name in archlint/v1


def slug(ident: str) -> str:
    """A valid name for `ident`: itself when it is one, else lower-cased, accents dropped,
    every run of other characters one '-', trimmed ('x' when nothing is left)."""
    if NAME.match(ident):
        return ident
    text = unicodedata.normalize("NFKD", ident).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9._-]+", "-", text.lower())
    text = re.sub(r"-{2,}", "-", text)
    text = re.sub(r"^[^a-z0-9]+|[^a-z0-9]+$", "", text)
    return text or "x"


def shown(ident: str) -> str:
    """`'orders-service'`, or `'orders-service' (catalog id 'Orders Service')` when slugged."""
    name = slug(ident)
    return f"'{name}'" if name == ident else f"'{name}' (catalog id '{ident}')"
