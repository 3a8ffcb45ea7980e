"""What files contributed, kept by path and bytes for a second load of mostly the same files."""

from __future__ import annotations

from collections.abc import Mapping

from archlint.asyncapi import ReadFile
from archlint.config.settings import LIMITS, Limits
from archlint.loader.documents import FileLoad, load_file


class FileCache:
    """What files contributed, by path and bytes, for a second load of mostly the same files
    (the two sides of `archlint diff`): a file is loaded again only where it changed. A file
    whose reading followed a `$ref` into another file is never kept, as that file may differ."""

    def __init__(self) -> None:
        self._loads: dict[
            tuple[str, bytes, tuple[tuple[str, str], ...], bool, Limits], FileLoad
        ] = {}
        self.hits = 0

    def load(
        self,
        path: str,
        data: bytes,
        asyncapi_contexts: Mapping[str, str],
        read_file: ReadFile | None,
        manifests: bool,
        limits: Limits = LIMITS,
    ) -> FileLoad:
        key = (path, data, tuple(sorted(asyncapi_contexts.items())), manifests, limits)
        if key in self._loads:
            self.hits += 1
            return self._loads[key]
        followed: list[str] = []

        def tracked(relative: str) -> bytes:
            followed.append(relative)
            assert read_file is not None
            return read_file(relative)

        reader = tracked if read_file else None
        loaded = load_file(path, data, asyncapi_contexts, reader, manifests, limits)
        if not followed:
            self._loads[key] = loaded
        return loaded
