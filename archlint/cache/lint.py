"""A lint run through the cache: replayed whole when no file changed; after a few files
changed, those loaded again and the rules run again only where they reach (archlint.recheck);
else each unchanged file's load reused and every rule run again."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
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

# Past this share of the files changed, checking everything again is as quick as patching.
_RECHECK_SHARE = 0.05


def cached_lint(
    run: RunCache, targets: Sequence[str], config: Config, cwd: str, rules: Registry, check: Check
) -> LintResult:
    """The lint of `targets`: replayed from `run` when every file is as a recorded run read it,
    else checked again where a few files changed, else `check`ed with `run.files`; recorded.
    Raises LoadError as loading does."""
    look = file_digests(targets, config.exclude, cwd, run.known_files())
    key = run.run_key(look.digests)
    replayed = run.replay(key)
    if replayed is not None:
        estate, findings = replayed
        return LintResult(estate, findings, config.fail_on, rules=rules)
    whole_load = look.pages or look.unlisted
    result = None if whole_load else _rechecked(run, look, targets, config, cwd, rules)
    if result is None:
        result = check(run.files)
    whole = not look.pages and not run.files.followed and _as_read(look.digests, run.files.digests)
    whole = whole and catalogs.BACKSTAGE not in dict(result.estate.sources)
    run.record(key if whole else None, (result.estate, result.findings, result.checked), look.known)
    return result


def _rechecked(
    run: RunCache, look: Look, targets: Sequence[str], config: Config, cwd: str, rules: Registry
) -> LintResult | None:
    """The lint after a few files changed since the recorded run, from its estate and what
    its rules found; None where only a whole run can tell."""
    previous = run.previous()
    if previous is None:
        return None
    estate, checked, digests = previous
    now = dict(look.digests)
    changed = sorted(p for p in now.keys() | digests.keys() if now.get(p) != digests.get(p))
    if not changed or len(changed) > max(1, int(len(now) * _RECHECK_SHARE)):
        return None
    from archlint.loader.changes import load_changed
    from archlint.recheck import recheck

    tree = Tree(os.path.join(cwd, target) for target in targets)
    loaded = load_changed(
        (estate, checked.loaded),
        {path: look.absolute.get(path) for path in changed},
        tree,
        config.asyncapi_contexts,
        run.files,
        config.limits,
    )
    if loaded is None:
        return None
    again = recheck((estate, checked), (loaded.estate, loaded.findings), changed, rules, config)
    if again is None:
        return None
    checked_again, findings = again
    return LintResult(
        loaded.estate, tuple(findings), config.fail_on, rules=rules, checked=checked_again
    )


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


@dataclass(frozen=True)
class Look:
    """What a run found under its paths: (display path, content digest) of every file, read
    as the loader reads them (a file that cannot be read: a digest of why); what is known of
    each file for the next run; whether there are catalog pages among them, and folders
    that cannot be listed (problems only a whole load reports); and the absolute path of
    each file by display path."""

    digests: list[tuple[str, bytes]]
    known: dict[str, Any]
    pages: bool
    unlisted: bool
    absolute: dict[str, str]


def file_digests(
    targets: Sequence[str], exclude: Sequence[str], cwd: str, known: Mapping[str, Any]
) -> Look:
    """The files of a run on `targets` (see Look). A file that `known` (the recorded run's)
    saw with the same stat, long enough before it looked, and that is still inside the
    linted tree, is not read again: its digest is known."""
    unlisted: list[tuple[str, OSError]] = []
    try:
        found = find_files(targets, exclude, cwd, catalogs.PAGE_NAMES, unlisted)
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
    pages = any(catalogs.is_page(shown) for shown, _ in found)
    return Look(digests, knowing, pages, bool(unlisted), dict(found))


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
