"""A lint run through the cache: replayed whole when no file changed, else each unchanged
file's load reused and every rule run again (the rules read the whole estate)."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from archlint.cache.runs import RunCache
from archlint.config.settings import Config
from archlint.engine import LintResult
from archlint.loader import LoadError, catalogs
from archlint.loader.file_cache import FileCache, content_digest
from archlint.loader.reading import Tree, read_regular
from archlint.loader.walk import PathNotFound, find_files
from archlint.registry import Registry

Check = Callable[[FileCache], LintResult]  # loads the estate through the cache, and checks it


def cached_lint(
    run: RunCache, targets: Sequence[str], config: Config, cwd: str, rules: Registry, check: Check
) -> LintResult:
    """The lint of `targets`: replayed from `run` when every file is as a recorded run read it,
    else `check`ed with `run.files` and recorded. Raises LoadError as loading does."""
    digests, known, pages = file_digests(targets, config.exclude, cwd, run.known_files())
    key = run.run_key(digests)
    replayed = run.replay(key)
    if replayed is not None:
        estate, findings = replayed
        return LintResult(estate, findings, config.fail_on, rules=rules)
    result = check(run.files)
    whole = not pages and not run.files.followed and _as_read(digests, run.files.digests)
    whole = whole and catalogs.BACKSTAGE not in dict(result.estate.sources)
    run.record(key if whole else None, result.estate, result.findings, known)
    return result


# A file's stat as the cache compares it: the same file (device, inode), untouched since
# (size, modification and change times: no program can set the change time back).
Stat = tuple[int, int, int, int, int]
_RACY_NS = 2_000_000_000  # a file changed this close to the look is read again (as git does)


def stat_of(absolute: str) -> Stat | None:
    """The stat of a regular file (not a link) at `absolute`, else None."""
    try:
        found = os.lstat(absolute)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def file_digests(
    targets: Sequence[str], exclude: Sequence[str], cwd: str, known: Mapping[str, Any]
) -> tuple[list[tuple[str, bytes]], dict[str, Any], bool]:
    """(display path, content digest) of every file a run on `targets` finds, read as the
    loader reads them (a file that cannot be read: a digest of why); what is known of each
    file for the next run; whether there are catalog pages among them.

    A file that `known` (the recorded run's) saw with the same stat, long enough before it
    looked, and that is still inside the linted tree, is not read again: its digest is known."""
    try:
        found = find_files(targets, exclude, cwd, catalogs.PAGE_NAMES)
    except PathNotFound as error:
        raise LoadError(str(error)) from None
    tree = Tree(os.path.join(cwd, target) for target in targets)
    now = time.time_ns()
    seen_at = known.get("", 0)
    digests: list[tuple[str, bytes]] = []
    knowing: dict[str, Any] = {"": now}  # "": when
    for shown, absolute in found:
        current = stat_of(absolute)
        before: Any = known.get(shown)
        if (
            current is not None
            and _unchanged(current, before, seen_at)
            and tree.holds_folder(tree.real_folder(os.path.dirname(absolute)))
        ):
            digests.append((shown, before[1]))
            knowing[shown] = before
            continue
        try:
            digest = content_digest(read_regular(absolute, tree))
        except OSError as error:
            digest = content_digest(f"unreadable: {error}".encode("utf-8", "surrogatepass"))
            current = None
        digests.append((shown, digest))
        if current is not None:
            knowing[shown] = (current, digest)
    return digests, knowing, any(catalogs.is_page(shown) for shown, _ in found)


def _as_read(digests: Sequence[tuple[str, bytes]], loaded: dict[str, bytes]) -> bool:
    """Whether the loader read every file with the content that was digested before (no file
    changed in between): only then may the run be replayed for those digests."""
    return all(loaded.get(path, digest) == digest for path, digest in digests)


def _unchanged(current: Stat, before: Any, seen_at: Any) -> bool:
    """Whether a file's stat is the recorded one, and was old enough when recorded."""
    try:
        stat_before, digest = before
        changed = max(current[3], current[4])
        return (
            tuple(stat_before) == current
            and type(digest) is bytes
            and type(seen_at) is int
            and changed < seen_at - _RACY_NS
        )
    except (TypeError, ValueError, IndexError):
        return False
