"""The estate after a few files changed: the previous estate with those files loaded again.

A whole load reads every file; after an edit of a few, the cache (archlint.cache) has the
previous estate and its loader's findings, and `load_changed` patches them: the elements and
problems of the changed files out, their new ones in. It declines (None) wherever patching
could differ from a whole load: broker configuration, catalogs, documents read from mixed
inputs, a `$ref` followed into another file, a folder that could not be listed, and any name
declared twice among the files involved (which of two is kept depends on every file).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from archlint.config.settings import LIMITS, Limits
from archlint.findings import Finding
from archlint.loader import LoadResult, _Kept, _load_files, _Others, _sorted_once, catalogs
from archlint.loader.file_cache import FileCache
from archlint.loader.reading import Tree, file_reader, read_or_finding
from archlint.model import Context, Estate, Service, Topic

DUPLICATE_NAME = "AL004"


def load_changed(
    before: tuple[Estate, tuple[Finding, ...]],
    changed: Mapping[str, str | None],
    tree: Tree,
    asyncapi_contexts: Mapping[str, str],
    cache: FileCache,
    limits: Limits = LIMITS,
) -> LoadResult | None:
    """`before` (an estate, and every problem its load reported) with the files `changed`
    loaded again: display path -> absolute path, None for a file gone. None where only a
    whole load can tell (see above)."""
    estate, findings = before
    if estate.broker is not None or estate.sources or any(map(catalogs.is_page, changed)):
        return None
    read = set(estate.paths)
    if any(f.location is None or f.location.path not in read for f in findings):
        return None  # a folder that could not be listed: only a whole load looks again
    kept = _Kept()
    present = [(shown, absolute) for shown, absolute in changed.items() if absolute is not None]
    files = (
        (shown, read_or_finding(shown, absolute, tree, limits.file_bytes),
         file_reader(absolute, tree, limits.file_bytes))
        for shown, absolute in present
    )  # fmt: skip
    others = _Others([], [], _no_other_file, {}, cache=cache)
    entities = _load_files(files, asyncapi_contexts, others, (True, limits), (), kept)
    if entities or kept.broker or cache.followed or set(kept.sources) - {catalogs.MANIFESTS}:
        return None
    new = [*kept.elements[Service], *kept.elements[Topic], *kept.elements[Context]]
    if _declared_twice(before, kept.findings, changed, new):
        return None
    remaining = [e for e in _elements(estate) if e.path not in changed]
    paths = [p for p in estate.paths if p not in changed] + kept.paths
    patched = Estate.build(
        services=[e for e in (*remaining, *new) if isinstance(e, Service)],
        topics=[e for e in (*remaining, *new) if isinstance(e, Topic)],
        contexts=[e for e in (*remaining, *new) if isinstance(e, Context)],
        paths=paths,
    )
    unchanged = [f for f in findings if f.location is not None and f.location.path not in changed]
    return LoadResult(patched, _sorted_once([*unchanged, *kept.findings]))


def _elements(estate: Estate) -> Iterable[Service | Topic | Context]:
    return (*estate.services, *estate.topics, *estate.contexts)


def _declared_twice(
    before: tuple[Estate, Iterable[Finding]],
    new_findings: Iterable[Finding],
    changed: Mapping[str, str | None],
    new: list[Service | Topic | Context],
) -> bool:
    """Whether a name of the changed files' elements (before or after) is declared twice:
    in another file now, or in the previous load (the declaration it dropped may be the one
    to keep now)."""
    estate, findings = before
    if any(f.code == DUPLICATE_NAME for f in new_findings):
        return True
    for element in new:
        other = _BY_KIND[type(element)](estate).get(element.name)
        if other is not None and other.path not in changed:
            return True
    names = {e.name for e in new} | {e.name for e in _elements(estate) if e.path in changed}
    for f in findings:
        if f.code == DUPLICATE_NAME and (
            f.location is None
            or f.location.path in changed
            or not names.isdisjoint(str(v) for v in f.entities.values())
        ):
            return True
    return False


_BY_KIND = {
    Service: lambda estate: estate.service,
    Topic: lambda estate: estate.topic,
    Context: lambda estate: estate.context,
}


def _no_other_file(path: str) -> bytes:
    raise FileNotFoundError(path)  # only Backstage reads other files: declined above
