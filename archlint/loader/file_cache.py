"""What files contributed, kept by path and content for another load of mostly the same files."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

from archlint.config.settings import LIMITS, Limits

if TYPE_CHECKING:  # the YAML reader is imported when a file is parsed, never by a replay
    from archlint.asyncapi import ReadFile
    from archlint.loader.documents import FileLoad


def content_digest(data: bytes) -> bytes:
    """A file's content, as the caches key it: 16 bytes of BLAKE2b."""
    return hashlib.blake2b(data, digest_size=16).digest()


class FileCache:
    """What files contributed, by path and content, for another load of mostly the same files
    (the two sides of `archlint diff`, a re-run with archlint.cache): a file is loaded again
    only where it changed. A file whose reading followed a `$ref` into another file is never
    kept, as that file may differ.

    In memory by itself; `recall` and `keep` are where a subclass stores loads elsewhere.
    `digests` is each file's content digest as loaded, by path; `followed` whether some file
    read another one."""

    def __init__(self) -> None:
        self._loads: dict[bytes, FileLoad] = {}
        self.hits = 0
        self.digests: dict[str, bytes] = {}
        self.followed = False

    def load(
        self,
        path: str,
        data: bytes,
        asyncapi_contexts: Mapping[str, str],
        read_file: ReadFile | None,
        manifests: bool,
        limits: Limits = LIMITS,
    ) -> FileLoad:
        digest = content_digest(data)
        self.digests[path] = digest
        key = self.key(path, digest, asyncapi_contexts, manifests, limits)
        found = self.recall(key)
        if found is not None:
            self.hits += 1
            return found
        followed: list[str] = []

        def tracked(relative: str) -> bytes:
            followed.append(relative)
            assert read_file is not None
            return read_file(relative)

        from archlint.loader.documents import load_file

        reader = tracked if read_file else None
        loaded = load_file(path, data, asyncapi_contexts, reader, manifests, limits)
        if followed:
            self.followed = True
        else:
            self.keep(key, loaded)
        return loaded

    @staticmethod
    def key(
        path: str,
        digest: bytes,
        asyncapi_contexts: Mapping[str, str],
        manifests: bool,
        limits: Limits = LIMITS,
    ) -> bytes:
        """What one file's load depends on, besides archlint itself (the limits included: a
        file past one loads differently)."""
        settings = _settings(tuple(sorted(asyncapi_contexts.items())), manifests, limits)
        text = f"{path}\0{settings}".encode("utf-8", "surrogatepass")
        return hashlib.blake2b(digest + text, digest_size=16).digest()

    def recall(self, key: bytes) -> FileLoad | None:
        """The load kept under `key`, if any."""
        return self._loads.get(key)

    def keep(self, key: bytes, loaded: FileLoad) -> None:
        """Keep a load (of a file that read no other file) under `key`."""
        self._loads[key] = loaded


@functools.lru_cache(maxsize=16)
def _settings(contexts: tuple[tuple[str, str], ...], manifests: bool, limits: Limits) -> str:
    """The part of a file's key that is the run's, not the file's: the same for every file of
    a run, so written once rather than once per file."""
    joined = "\0".join(f"{glob}\0{context}" for glob, context in contexts)
    return f"{joined}\0{manifests}\0{limits!r}"
