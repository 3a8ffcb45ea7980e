"""A lint run through the cache: replayed whole when no file changed, else each unchanged
file's load reused and every rule run again (the rules read the whole estate)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

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
    digests, pages = file_digests(targets, config.exclude, cwd)
    key = run.run_key(digests)
    replayed = run.replay(key)
    if replayed is not None:
        estate, findings = replayed
        return LintResult(estate, findings, config.fail_on, rules=rules)
    result = check(run.files)
    whole = not pages and not run.files.followed and _as_read(digests, run.files.digests)
    whole = whole and catalogs.BACKSTAGE not in dict(result.estate.sources)
    run.record(key if whole else None, result.estate, result.findings)
    return result


def file_digests(
    targets: Sequence[str], exclude: Sequence[str], cwd: str
) -> tuple[list[tuple[str, bytes]], bool]:
    """(display path, content digest) of every file a run on `targets` finds, read as the
    loader reads them (a file that cannot be read: a digest of why), and whether there are
    catalog pages among them."""
    try:
        found = find_files(targets, exclude, cwd, catalogs.PAGE_NAMES)
    except PathNotFound as error:
        raise LoadError(str(error)) from None
    tree = Tree(os.path.join(cwd, target) for target in targets)
    digests = []
    for shown, absolute in found:
        try:
            digest = content_digest(read_regular(absolute, tree))
        except OSError as error:
            digest = content_digest(f"unreadable: {error}".encode("utf-8", "surrogatepass"))
        digests.append((shown, digest))
    return digests, any(catalogs.is_page(shown) for shown, _ in found)


def _as_read(digests: Sequence[tuple[str, bytes]], loaded: dict[str, bytes]) -> bool:
    """Whether the loader read every file with the content that was digested before (no file
    changed in between): only then may the run be replayed for those digests."""
    return all(loaded.get(path, digest) == digest for path, digest in digests)
