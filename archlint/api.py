"""The Python API: what the command line, and users' own scripts, call.

    import archlint

    result = archlint.lint(["services"])          # the configuration found from the cwd
    for finding in result.findings:
        print(finding.location, finding.code, finding.message)
    raise SystemExit(result.exit_code)

`lint` loads the estate under the paths, checks it with the configuration's rules and
applies its baseline; `load_config` reads a configuration file. Problems the caller must
fix raise an exception whose message is one line, as the CLI prints it: ConfigError,
LoadError (a path that does not exist) and BaselineError.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

from archlint.baseline import Entry, apply, read_baseline, scope_of
from archlint.cache import RunCache
from archlint.cache.lint import cached_lint
from archlint.capping import shown as shown  # lint shows limits.findings-per-rule of a rule
from archlint.config.files import read_config
from archlint.config.selection import enabled, options_of, registry_of, with_overrides
from archlint.config.settings import Config
from archlint.engine import LintResult, check_all
from archlint.interactions import Interactions
from archlint.loader import (
    FileCache,
    LoadError,
    LoadResult,
    display_path,
    load_paths,
    load_texts,
)
from archlint.loader.catalogs import with_notes
from archlint.registry import Registry
from archlint.rule_pages import builtin_rules

if TYPE_CHECKING:  # diff and impact import theirs when called: `archlint lint` never needs them
    from archlint.changes import EstateDiff
    from archlint.impact import Impact


def load_config(path: str | os.PathLike[str] | None = None, cwd: str | None = None) -> Config:
    """The configuration at `path`, else the nearest one upwards from `cwd` (default: the
    working directory), else the defaults. Raises ConfigError."""
    return read_config(builtin_rules(), path, cwd)


def rules_of(config: Config | None = None) -> Registry:
    """The rules of a run with this configuration: the built-in ones and its custom rules."""
    return registry_of(builtin_rules(), config or Config())


def override(
    config: Config,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    fail_on: str | None = None,
    extend_select: Iterable[str] = (),
) -> Config:
    """The configuration with the command line's word on top: `select` replaces,
    `extend_select` and `ignore` add (codes, prefixes or slugs). Raises ConfigError for a
    rule that does not exist."""
    return with_overrides(config, rules_of(config), select, ignore, fail_on, extend_select)


def targets_of(paths: Sequence[str], config: Config) -> list[str]:
    """What a run lints: the paths given, else the configured ones, else the working directory."""
    return list(paths) or list(config.paths) or ["."]


def lint(
    paths: Sequence[str] = (),
    config: Config | None = None,
    *,
    baseline: str | Literal[False] | None = None,
    cwd: str | None = None,
    cache: FileCache | None = None,
    cache_dir: str | None = None,
) -> LintResult:
    """Load the estate under `paths` and check it: the LintResult every output is made from.

    `config` defaults to the configuration found from `cwd`; `baseline`, a baseline file
    (default: the configured one; False: none), hides the findings it accepted and reports
    its stale entries; `cache` keeps what each file contributed for another run over mostly
    the same files, in memory; `cache_dir` keeps it in that folder (archlint.cache), and
    the whole run too, for a run over the same files."""
    cwd = os.path.abspath(cwd or os.getcwd())
    config = load_config(cwd=cwd) if config is None else config
    targets = targets_of(paths, config)
    load = functools.partial(load_paths, targets, exclude=config.exclude, cwd=cwd)
    if cache_dir is not None and cache is None:
        run = RunCache(cache_dir, config, targets, cwd)
        with _no_cyclic_collection():  # a replay decodes as many objects as a load makes
            result = cached_lint(
                run, targets, config, cwd, rules_of(config),
                lambda files: _load_and_check(load, config, files),
            )  # fmt: skip
    else:
        result = _load_and_check(load, config, cache)
    file = config.baseline if baseline is None else baseline
    if file:
        result = apply(result, read_baseline(file, cwd), file, baseline_scope(targets, config, cwd))
    return result


# the rules whose findings depend on the rest of the estate: wrong when only some files are read
NEEDS_THE_ESTATE = ("RF001", "RF002", "RF003")


def lint_files(
    files: Sequence[str],
    config: Config | None = None,
    *,
    baseline: str | Literal[False] | None = None,
    cwd: str | None = None,
    cache_dir: str | None = None,
) -> tuple[LintResult, str]:
    """Lint some files of an estate, and say how (the note a user must read).

    With a configuration file, its whole estate is loaded and only the findings located in
    `files` are kept (so RF001..RF003 stay true); without one only `files` are read, and
    the findings of the rules that need the rest carry "only N files were read".
    `cache_dir`: as for `lint`."""
    cwd = os.path.abspath(cwd or os.getcwd())
    config = load_config(cwd=cwd) if config is None else config
    shown = {display_path(os.path.abspath(os.path.join(cwd, f)), cwd) for f in files}
    if config.source is None:
        result = lint(files, config, baseline=baseline, cwd=cwd, cache_dir=cache_dir)
        note = f"only {len(shown)} {'file was' if len(shown) == 1 else 'files were'} read"
        findings = tuple(
            dataclasses.replace(
                f, message=f"{f.message} ({note}: lint the whole estate to be sure)"
            )
            if f.code in NEEDS_THE_ESTATE
            else f
            for f in result.findings
        )
        return result.replaced(findings=findings), f"note: {note}, with no configuration."
    estate = list(config.paths) or [os.path.dirname(os.path.abspath(config.source))]
    result = lint(estate, config, baseline=baseline, cwd=cwd, cache_dir=cache_dir)
    kept = tuple(f for f in result.findings if f.location is not None and f.location.path in shown)
    stale = tuple(e for e in result.stale if e.get("path") in shown)
    note = (
        f"note: the findings in the {len(shown)} given file{'s' if len(shown) != 1 else ''} "
        f"only; the estate of {display_path(os.path.abspath(config.source), cwd)} was read."
    )
    return result.replaced(findings=kept, stale=stale), note


@contextlib.contextmanager
def _no_cyclic_collection() -> Iterator[None]:
    """Loading allocates hundreds of thousands of objects that all stay alive until the end:
    the cyclic garbage collector would traverse them again and again for nothing (it was a
    third of the run on 2,000 services). Reference counting still frees the rest. What is
    still alive at the end is frozen (moved out of the collector's generations) before the
    collector is enabled again: else its first collection would walk all of it once more."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()  # what was loaded stays alive: the collector need not walk it again
            gc.enable()


def lint_texts(
    files: Mapping[str, str | bytes],
    config: Config | None = None,
    cache: FileCache | None = None,
) -> LintResult:
    """Check manifests given as text, {path: text} (an editor's unsaved buffers, a test's
    estate): as `lint`, without files, configuration discovery or baseline."""
    return _load_and_check(functools.partial(load_texts, files), config or Config(), cache)


def _load_and_check(
    load: Callable[..., LoadResult], config: Config, cache: FileCache | None
) -> LintResult:
    """`load` the estate with the configuration's inputs, and check it with its rules."""
    rules = rules_of(config)
    with _no_cyclic_collection():
        loaded = load(
            asyncapi_contexts=config.asyncapi_contexts,
            principals=config.principals,
            super_users=config.super_users,
            inputs=config.inputs,
            cache=cache,
            limits=config.limits,
        )
        interactions = Interactions(loaded.estate)
        checked, findings = check_all(interactions, rules, config, loaded.findings)
    return LintResult(
        loaded.estate,
        tuple(with_notes(findings, loaded.notes)),
        config.fail_on,
        rules=rules,
        notes=loaded.notes,
        checked=checked,
        index=interactions,
    )


def baseline_scope(
    targets: Sequence[str], config: Config, cwd: str | None = None
) -> Callable[[Entry], bool]:
    """Which baseline entries a run on `targets` could have matched (only those can be stale)."""
    rules = rules_of(config)
    return scope_of(targets, enabled(config, rules), tuple(builtin_rules()), cwd)


Side = tuple[LintResult, dict[str, object]]  # a side's lint result, and its ref, commit, services


def diff(
    base: str,
    head: str | None = None,
    paths: Sequence[str] = (),
    config: Config | None = None,
    *,
    merge_base: bool = False,
    fail_on_new: str = "error",
    cwd: str | None = None,
) -> EstateDiff:
    """What `head` changes in the architecture of `base`: two git revisions (`head` None:
    the working tree, uncommitted changes included) or two folders.

    Both sides are loaded with the same configuration (its `paths`, `exclude` and AsyncAPI
    inputs) and checked without a baseline; `merge_base` diffs against the common ancestor
    of the two, as a pull request does. Raises RevisionError (an unknown revision, a path
    outside the repository, or a side that cannot be loaded, naming the side)."""
    import tempfile

    from archlint.changes import BASE, HEAD, diff_estates

    cwd = os.path.realpath(cwd or os.getcwd())
    config = load_config(cwd=cwd) if config is None else config
    cache = FileCache()  # a file the same on both sides is read once
    if head is not None and all(os.path.isdir(os.path.join(cwd, ref)) for ref in (base, head)):
        within = list(paths) or list(config.paths) or ["."]
        sides = [
            _side(side, ref, None, within, config, os.path.join(cwd, ref), cache)
            for side, ref in ((BASE, base), (HEAD, head))
        ]
    else:
        with tempfile.TemporaryDirectory(prefix="archlint-diff-") as scratch:
            sides = _revision_sides(
                base, head, targets_of(paths, config), config, cwd, scratch, merge_base, cache
            )
    (base_result, base_info), (head_result, head_info) = sides
    with _no_cyclic_collection():
        return diff_estates(
            base_result.interactions,
            head_result.interactions,
            base_result.findings,
            head_result.findings,
            assumed_availability=assumed_availability(config),
            fail_on_new=fail_on_new,
            base_side=base_info,
            head_side=head_info,
            rules=head_result.rules,
        )


def _revision_sides(
    base: str,
    head: str | None,
    targets: Sequence[str],
    config: Config,
    cwd: str,
    scratch: str,
    merge_base: bool,
    cache: FileCache,
) -> list[Side]:
    """Both sides of a diff of revisions: each exported from git into `scratch` (the working
    tree for a `head` of None) and linted from the place `cwd` has in the repository."""
    from archlint.changes import BASE, HEAD
    from archlint.revisions import WORKTREE, needs_files_beside, repository_at

    repository = repository_at(cwd)
    pathspecs = repository.pathspecs(targets, cwd)
    relative = [os.path.relpath(os.path.join(cwd, t), cwd) for t in targets]
    head_commit = repository.commit_of(head) if head is not None else None
    base_commit = repository.commit_of(base)
    if merge_base:
        base_commit = repository.merge_base(base_commit, head_commit or "HEAD")
    sides = []
    for side, ref, commit in ((BASE, base, base_commit), (HEAD, head, head_commit)):
        if commit is None:
            sides.append(_side(side, WORKTREE, None, targets, config, cwd, cache))
            continue
        files = repository.files(commit, pathspecs, config.exclude)
        if not needs_files_beside(files):
            result = lint_texts(files, config, cache)
            sides.append((result, _side_info(ref or commit, commit, result)))
            continue
        folder = os.path.join(scratch, side)
        repository.export(commit, pathspecs, folder)
        inside = os.path.join(folder, repository.prefix)
        sides.append(_side(side, ref or commit, commit, relative, config, inside, cache))
    return sides


def _side(
    side: str,
    ref: str,
    commit: str | None,
    paths: Sequence[str],
    config: Config,
    cwd: str,
    cache: FileCache,
) -> Side:
    """One side of a diff, linted without a baseline; a load failure names the side."""
    from archlint.revisions import RevisionError

    try:
        result = lint(paths, config, baseline=False, cwd=cwd, cache=cache)
    except LoadError as error:
        raise RevisionError(f"{side} ({ref}): {error}") from None
    return result, _side_info(ref, commit, result)


def _side_info(ref: str, commit: str | None, result: LintResult) -> dict[str, object]:
    return {"ref": ref, "commit": commit, "services": len(result.estate.services)}


def assumed_availability(config: Config) -> float:
    """SY003's `assumed-availability` in this configuration: what an undeclared availability
    counts as, in every availability archlint computes."""
    spec = rules_of(config).rules["SY003"].spec
    return float(options_of(config, spec)["assumed-availability"])


def impact(
    name: str,
    paths: Sequence[str] = (),
    config: Config | None = None,
    *,
    depth: int | None = None,
    cwd: str | None = None,
) -> tuple[Impact, Interactions]:
    """What the outage of the service (or topic) `name` does, in the estate under `paths`,
    and the estate's interactions (for a diagram). Loads without running the checks.
    Raises UnknownSubject with a did-you-mean, or LoadError."""
    from archlint.impact import impact_of

    cwd = os.path.abspath(cwd or os.getcwd())
    config = load_config(cwd=cwd) if config is None else config
    with _no_cyclic_collection():
        loaded = load_paths(
            targets_of(paths, config),
            exclude=config.exclude,
            cwd=cwd,
            asyncapi_contexts=config.asyncapi_contexts,
            limits=config.limits,
        )
        interactions = Interactions(loaded.estate)
        found = impact_of(interactions, name, depth=depth, assumed=assumed_availability(config))
    return found, interactions
