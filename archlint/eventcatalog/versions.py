"""Resource versions: which is the latest, and which versions a `version` pointer names.

A pointer is `latest` (or absent), an exact version, a semver range (`^1.2.0`, `~1.2`,
`>=1.0.0 <2.0.0`, `1.2.0 - 1.4.0`) or an `x` pattern (`1.x`, `1.2.x`, `*`), as EventCatalog
accepts them. Versions that are not semver compare after every semver one, as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_SEMVER = re.compile(
    r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$"
)

Key = tuple[int, int, int, int, str]


def version_key(version: str) -> Key:
    """A sort key: semver order (a pre-release before its release), other text after it."""
    match = _SEMVER.match(version.strip())
    if match is None:
        return (1 << 30, 0, 0, 0, version)
    major, minor, patch, pre = match.groups()
    return (int(major), int(minor or 0), int(patch or 0), 0 if pre else 1, pre or "")


def latest(versions: Sequence[str]) -> str:
    """The highest of `versions` (not empty)."""
    return max(versions, key=version_key)


def _parts(text: str) -> tuple[int, int, int]:
    key = version_key(text)
    return key[0], key[1], key[2]


def _is_semver(text: str) -> bool:
    return _SEMVER.match(text.strip()) is not None


def _x_pattern(text: str) -> Callable[[str], bool] | None:
    """`1.x`, `1.2.x`, `1.*`, `*`, `x`: the fixed leading parts must match."""
    parts = text.split(".")
    fixed: list[int] = []
    for part in parts:
        if part in ("x", "X", "*"):
            break
        if not part.isdigit():
            return None
        fixed.append(int(part))
    else:
        return None  # no wildcard: not an x pattern
    return lambda v: _is_semver(v) and list(_parts(v)[: len(fixed)]) == fixed


def _compare(operator: str, bound: tuple[int, int, int]) -> Callable[[str], bool]:
    def test(version: str) -> bool:
        if not _is_semver(version):
            return False
        have = _parts(version)
        return {
            ">=": have >= bound,
            "<=": have <= bound,
            ">": have > bound,
            "<": have < bound,
            "=": have == bound,
        }[operator]

    return test


def _comparison(text: str) -> Callable[[str], bool] | None:
    """One comparator: `^1.2.3`, `~1.2.3`, `>=1.0.0`, `<2`, `=1.0.0`, an x pattern or a version."""
    for prefix in (">=", "<=", ">", "<", "="):
        if text.startswith(prefix):
            bound = text[len(prefix) :].strip()
            return _compare(prefix, _parts(bound)) if _is_semver(bound) else None
    if text[:1] in ("^", "~") and _is_semver(text[1:]):
        low = _parts(text[1:])
        written = len(text[1:].split("."))
        if text[0] == "~":
            high = (low[0] + 1, 0, 0) if written == 1 else (low[0], low[1] + 1, 0)
        elif low[0] > 0:
            high = (low[0] + 1, 0, 0)
        elif low[1] > 0:
            high = (0, low[1] + 1, 0)
        else:
            high = (0, 0, low[2] + 1)
        return lambda v: _is_semver(v) and low <= _parts(v) < high
    pattern = _x_pattern(text)
    if pattern is not None:
        return pattern
    return None


def matcher(pointer: str) -> Callable[[str], bool] | None:
    """Which versions a pointer other than `latest` names; None for a pointer that is not one."""
    text = pointer.strip()
    if " - " in text:
        low, high = (part.strip() for part in text.split(" - ", 1))
        if not (_is_semver(low) and _is_semver(high)):
            return None
        return lambda v: _is_semver(v) and _parts(low) <= _parts(v) <= _parts(high)
    if text.startswith(("^", "~", ">", "<", "=")) or "x" in text.lower() or "*" in text:
        tests = [_comparison(part) for part in text.split()]
        if not tests or any(t is None for t in tests):
            return None
        return lambda v: all(t is not None and t(v) for t in tests)
    return lambda v: v == text


def resolve(pointer: str | None, versions: Sequence[str]) -> str | None:
    """The version of `versions` a pointer names (the highest that matches), or None."""
    if not versions:
        return None
    if pointer is None or pointer.strip() in ("", "latest"):
        return latest(versions)
    test = matcher(pointer)
    matching = [v for v in versions if test is not None and test(v)]
    return latest(matching) if matching else None
