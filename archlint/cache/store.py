"""The cache folder on disk: its files, each written whole or not at all, and read only when whole.

A cache file is MAGIC, a 32-byte BLAKE2b digest of the payload, then the payload (marshal of
plain values). A file that does not start with MAGIC, whose digest does not match (truncated,
corrupt, written by something else) or that marshal cannot read is treated as absent, and
rewritten by the next run. Files are written to a temporary file in the same folder and
renamed over the old one: two runs at once each leave a whole file, the last one wins.
No fsync: a file half-written by a crash fails its digest, and is then only a cache miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from typing import Any

MAGIC = b"archlint-cache 1\n"
_DIGEST_SIZE = 32
# what marks a folder as archlint's cache (`archlint clean` removes only such folders)
GITIGNORE = "# Created by archlint: a cache, never committed.\n*\n"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by archlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def read_entry(path: str) -> Any:
    """The value stored at `path`, or None when there is none that can be trusted."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    start = len(MAGIC) + _DIGEST_SIZE
    if not data.startswith(MAGIC) or len(data) < start:
        return None
    payload = memoryview(data)[start:]
    if hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest() != data[len(MAGIC) : start]:
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def write_entry(path: str, value: Any) -> bool:
    """Store `value` at `path` (its folder made if missing); False when it cannot be written
    (a read-only checkout): the cache is only ever an optimisation."""
    try:
        payload = marshal.dumps(value)
    except ValueError:  # not plain values: never stored
        return False
    digest = hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest()
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        import tempfile  # only a run that writes pays for it (a replay writes nothing)

        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(MAGIC + digest)
            out.write(payload)
        os.replace(temporary, path)
    except OSError:
        remove_file(temporary)
        return False
    return True


def make_folder(folder: str) -> None:
    """The cache folder, with the `.gitignore` that keeps it out of git and the tag that keeps
    it out of backups (as ruff and pytest do). Raises OSError."""
    os.makedirs(folder, exist_ok=True)
    for name, text in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
        target = os.path.join(folder, name)
        if not os.path.lexists(target):
            import tempfile

            fd, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, target)


def is_cache_folder(folder: str) -> bool:
    """Whether `folder` is one archlint made (it holds archlint's CACHEDIR.TAG)."""
    try:
        with open(os.path.join(folder, "CACHEDIR.TAG"), encoding="utf-8") as handle:
            return "archlint" in handle.read(512)
    except (OSError, UnicodeDecodeError):
        return False


def remove_folder(folder: str) -> None:
    """Remove a cache folder and everything in it (a symbolic link: the link only)."""
    if os.path.islink(folder):
        os.unlink(folder)
    else:
        import shutil

        shutil.rmtree(folder)


def prune(folder: str, prefix: str, keep: int) -> None:
    """Remove all but the `keep` most recently written files of `folder` named `prefix`*."""
    try:
        names = [n for n in os.listdir(folder) if n.startswith(prefix)]
        dated = sorted(
            ((os.stat(os.path.join(folder, n)).st_mtime_ns, n) for n in names), reverse=True
        )
    except OSError:
        return
    for _, name in dated[keep:]:
        remove_file(os.path.join(folder, name))


def remove_file(path: str) -> None:
    """Remove a cache file, if it is there."""
    with contextlib.suppress(OSError):
        os.unlink(path)
