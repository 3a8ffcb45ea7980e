"""One run's cache: what each file loaded to, and the findings of the whole run.

Two kinds of entry, under a folder per archlint version:
- `files-<code>-<nn>`: each file's load (its elements and AL001..AL003 findings), keyed by
  its path, its content's digest and the AsyncAPI contexts, in 32 shards by path (one
  changed file rewrites one shard); shared by every configuration.
- `run-<settings>`: one per configuration, linted paths and working directory: the digest of
  every file the run read, and the estate and findings (before the baseline) they gave.
  A run whose files all have the digests recorded replays them: no YAML is parsed and no
  rule runs. After a few files changed, the estate and what each rule found before
  suppressions are where a check again starts from (`previous`, archlint.recheck).
Both carry the digest of archlint itself (its version and the code and data of the package,
rules and schema included): another archlint never trusts them.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from archlint.cache import store
from archlint.cache.codec import (
    CorruptEntry,
    Row,
    decode_checked,
    decode_element,
    decode_estate,
    decode_finding,
    decode_location,
    decoded,
    encode_checked,
    encode_element,
    encode_estate,
    encode_finding,
    encode_location,
)
from archlint.config.settings import LIMITS, Config, Limits
from archlint.engine import Checked
from archlint.findings import Finding
from archlint.loader.file_cache import FileCache
from archlint.model import Estate
from archlint.version import __version__

if TYPE_CHECKING:  # the loader's documents import the YAML reader: a replay never needs it
    from archlint.loader.documents import FileLoad

_KEPT_RUNS = 8  # run entries kept per cache folder (one per configuration and paths)


@functools.cache
def code_digest() -> bytes:
    """archlint's version and the size and time of each file of its package (the rules, the
    schema, the catalogue): an edited checkout invalidates the cache as a release does."""
    from importlib import resources

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # archlint/
    digest = hashlib.blake2b(f"{store.MAGIC!r}{__version__}".encode(), digest_size=16)
    catalogue = str(resources.files("archlint.catalogue_data"))
    for top in (package, catalogue):
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".yaml", ".json")):
                    stat = os.stat(os.path.join(folder, name))
                    digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.digest()


SHARDS = 32  # files-<code>-<nn>: a change to one file rewrites one shard, not every load


class StoredFiles(FileCache):
    """A FileCache backed by `SHARDS` cache files (a load's shard: its path's, see `key`),
    each read on first use: loads stored by an earlier run are decoded when asked for; `save`
    writes, in each shard whose contents changed, those used by this run and the others of
    paths it did not read. `encoded` is the rows of the elements it encoded, by id."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self._path = path
        self._stored: dict[int, dict[bytes, Any]] = {}
        self._used: dict[int, dict[bytes, Any]] = {}
        self.encoded: dict[int, Row] = {}

    @staticmethod
    def key(
        path: str,
        digest: bytes,
        asyncapi_contexts: Mapping[str, str],
        manifests: bool,
        limits: Limits = LIMITS,
    ) -> bytes:
        """FileCache's key after a byte of the path's digest, which picks the shard: a file's
        loads before and after an edit share one, so the edit rewrites only that shard."""
        shard = hashlib.blake2b(path.encode("utf-8", "surrogatepass"), digest_size=1).digest()
        return shard + FileCache.key(path, digest, asyncapi_contexts, manifests, limits)

    def shard_path(self, shard: int) -> str:
        return f"{self._path}-{shard:02d}"

    def _read(self, shard: int) -> dict[bytes, Any]:
        if shard not in self._stored:
            stored = store.read_entry(self.shard_path(shard))
            table = stored[1] if _fits(stored, 2) else None
            self._stored[shard] = table if type(table) is dict else {}
        return self._stored[shard]

    def recall(self, key: bytes) -> FileLoad | None:
        found = super().recall(key)
        stored = self._read(key[0] % SHARDS)
        if found is not None or key not in stored:
            return found
        row = stored[key]
        try:
            loaded = decoded(_file_load, row)
        except CorruptEntry:
            return None  # loaded again, and stored anew
        self._used.setdefault(key[0] % SHARDS, {})[key] = row
        for (element, _), (element_row, _) in zip(loaded.elements, row[0], strict=True):
            self.encoded[id(element)] = element_row
        super().keep(key, loaded)
        return loaded

    def keep(self, key: bytes, loaded: FileLoad) -> None:
        super().keep(key, loaded)
        if not loaded.broker:  # broker parts stay in memory: they are cheap to read again
            elements = []
            for element, where in loaded.elements:
                row = encode_element(element)
                self.encoded[id(element)] = row
                elements.append((row, encode_location(where)))
            findings = tuple(encode_finding(f) for f in loaded.findings)
            self._used.setdefault(key[0] % SHARDS, {})[key] = (tuple(elements), findings)

    def save(self) -> None:
        """Write, per shard this run used, its loads and earlier ones of the files it did not
        read; a shard whose keys are unchanged is not written again."""
        read = set(self.digests)
        for shard, used in sorted(self._used.items()):
            stored = self._read(shard)
            kept = dict(used)
            others = {k: v for k, v in stored.items() if k not in kept}
            if len(others) <= len(kept):  # else mostly stale: renamed or deleted files
                for key, row in others.items():
                    if _path_of(row) not in read:
                        kept[key] = row
            if kept.keys() != stored.keys():
                store.write_entry(self.shard_path(shard), [code_digest(), kept])


def _fits(stored: Any, size: int, key: bytes | None = None) -> bool:
    """Whether a cache file holds [key, ...] of `size` items, `key` by default archlint's own."""
    return type(stored) is list and len(stored) == size and stored[0] == (key or code_digest())


def _file_load(row: Row) -> FileLoad:
    from archlint.loader.documents import FileLoad

    elements, findings = row
    return FileLoad(
        elements=[(decode_element(e), decode_location(where)) for e, where in elements],
        findings=[decode_finding(f) for f in findings],
    )


def _path_of(row: Any) -> str | None:
    """The file a stored load came from (the path of its first element or finding)."""
    try:
        elements, findings = row
        return str(elements[0][1][0] if elements else findings[0][2][0])
    except (TypeError, ValueError, IndexError):
        return None


class RunCache:
    """The cache of one run: `files`, the FileCache its loading goes through, and the whole
    run's entry (`replay`, `record`) for a configuration, linted paths and working folder."""

    def __init__(self, folder: str, config: Config, targets: Sequence[str], cwd: str) -> None:
        self.folder = folder
        versioned = os.path.join(folder, __version__)
        settings = hashlib.blake2b(code_digest(), digest_size=16)
        settings.update(repr((config, tuple(targets), cwd)).encode("utf-8", "surrogatepass"))
        self._settings = settings.digest()
        self._run_path = os.path.join(versioned, f"run-{self._settings.hex()}")
        self.files = StoredFiles(os.path.join(versioned, f"files-{code_digest().hex()}"))
        self._entry: Any = None
        self._previous: Estate | None = None

    def run_key(self, digests: Sequence[tuple[str, bytes]]) -> bytes:
        """The key of a run that read these files with these contents (path, digest)."""
        key = hashlib.blake2b(self._settings, digest_size=16)
        for path, digest in digests:
            key.update(path.encode("utf-8", "surrogatepass") + b"\0" + digest)
        return key.digest()

    def _stored(self) -> Any:
        """The run's entry, [key, estate, findings, known files, checked], read once."""
        if self._entry is None:
            stored = store.read_entry(self._run_path)
            self._entry = stored if type(stored) is list and len(stored) == _ENTRY else []
            if _KEEP_READ:
                _KEEP_READ[0][self._run_path] = self._entry
        return self._entry

    def known_files(self) -> Mapping[str, Any]:
        """What the recorded run knew of each file: path -> (its stat as `stat_of` gives it,
        content digest), and when it looked (ns); {} when there is no recorded run."""
        stored = self._stored()
        known = stored[3] if stored else None
        return known if type(known) is dict else {}

    def replay(self, key: bytes) -> tuple[Estate, tuple[Finding, ...]] | None:
        """The estate and findings recorded under `key`, if a run recorded them."""
        stored = self._stored()
        if not _fits(stored, _ENTRY, key):
            return None
        try:
            estate = decoded(decode_estate, stored[1])
            findings = tuple(decoded(decode_finding, f) for f in stored[2])
        except (CorruptEntry, TypeError):
            return None
        return estate, findings

    def previous(self) -> tuple[Estate, Checked, dict[str, bytes]] | None:
        """The recorded run's estate, what its rules found before suppressions, and the
        digest of each file it could read (by path; one it could not counts as changed):
        where a check after a few files changed starts from. None when no run of archlint's
        own was recorded."""
        stored = self._stored()
        if not stored or stored[4] is None:
            return None
        try:
            estate = decoded(lambda row: decode_estate(row, self.files.encoded), stored[1])
            checked = decoded(decode_checked, stored[4])
            digests = {path: known[1] for path, known in stored[3].items() if path}
        except (CorruptEntry, TypeError, IndexError, AttributeError):
            return None
        # `files.encoded` holds its elements' rows by id: alive as long as this cache, no
        # element made later can have the id of one freed, and be stored as its row
        self._previous = estate
        return estate, checked, digests

    def record(
        self,
        key: bytes | None,
        result: tuple[Estate, Sequence[Finding], Checked | None],
        known: Mapping[str, Any],
    ) -> None:
        """Keep the files' loads, and the run's estate, findings (and what its rules found
        before suppressions) and what it knew of each file, under `key` (None: a run that
        cannot be replayed, a file changed while it read them)."""
        try:
            store.make_folder(self.folder)
        except OSError:
            return
        self.files.save()
        if key is None:
            store.remove_file(self._run_path)
            return
        estate, findings, checked = result
        row = [
            key,
            encode_estate(estate, self.files.encoded),
            [encode_finding(f) for f in findings],
            dict(known),
            None if checked is None else encode_checked(checked),
        ]
        if store.write_entry(self._run_path, row):
            store.prune(os.path.dirname(self._run_path), "run-", _KEPT_RUNS)


# The entries read, by file, where the console command asked to keep them until the process
# ends (keep_until_exit): [{}] then, [] for the API, which frees them as usual.
_KEEP_READ: list[dict[str, Any]] = []


def keep_until_exit() -> None:
    """Keep each run entry read from now on (one per file) until the process ends: the
    console command ends without freeing them object by object (archlint.cli._end), which
    was a sixth of a replay."""
    if not _KEEP_READ:
        _KEEP_READ.append({})


_ENTRY = 5  # the items of a run's entry (see RunCache._stored)
