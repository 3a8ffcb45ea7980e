"""The cache: a re-run over unchanged files costs a fraction of the first run.

    folder = cache_folder(config.source, targets, cwd, given=None, env=os.environ)
    cache = RunCache(folder, config, targets, cwd)    # archlint.api.lint(cache_dir=...) does this

Where: `.archlint_cache/` beside the configuration file, else at the root of what is linted
(the repository holding the first path, else that folder), as ruff and pytest keep theirs;
`--cache-dir` or `ARCHLINT_CACHE_DIR` put it elsewhere. The folder holds a `.gitignore`
(`*`) and a CACHEDIR.TAG. What is stored, and why it can be trusted, is in runs (the
entries) and store (the files); codec turns model objects into marshal-able tuples.
Shell, not core: it reads and writes files.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from archlint.cache.runs import RunCache
from archlint.cache.store import is_cache_folder, remove_folder
from archlint.loader.reading import Tree

__all__ = ["CACHE_ENV", "FOLDER_NAME", "RunCache", "cache_folder", "clean"]

FOLDER_NAME = ".archlint_cache"
CACHE_ENV = "ARCHLINT_CACHE_DIR"


def cache_folder(
    config_source: str | None,
    targets: Sequence[str],
    cwd: str,
    given: str | None = None,
    env: Mapping[str, str] = {},
) -> str:
    """The cache folder of a run: `given` (--cache-dir), else $ARCHLINT_CACHE_DIR, else
    `.archlint_cache` beside the configuration file, else at the root of the first target."""
    chosen = given or env.get(CACHE_ENV)
    if chosen:
        return os.path.normpath(os.path.join(cwd, chosen))
    if config_source:
        return os.path.join(os.path.dirname(os.path.join(cwd, config_source)), FOLDER_NAME)
    first = os.path.join(cwd, targets[0]) if targets else cwd
    roots = Tree([first]).roots if os.path.exists(first) else (cwd,)
    return os.path.join(roots[0], FOLDER_NAME)


def clean(folder: str) -> bool:
    """Remove the cache folder; False when there is none. Raises OSError, and ValueError for
    a folder that is not an archlint cache (it is left alone)."""
    if not os.path.lexists(folder):
        return False
    if not os.path.islink(folder) and not is_cache_folder(folder):
        raise ValueError(f"{folder} is not an archlint cache (it has no archlint CACHEDIR.TAG)")
    remove_folder(folder)
    return True
