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

import gc
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Literal

from archlint.baseline import Entry, apply, read_baseline, scope_of
from archlint.config.files import read_config
from archlint.config.selection import enabled, registry_of, with_overrides
from archlint.config.settings import Config
from archlint.engine import LintResult, run_checks
from archlint.interactions import Interactions
from archlint.loader import load_paths, load_texts
from archlint.loader.catalogs import with_notes
from archlint.registry import Registry
from archlint.rule_pages import builtin_rules


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
) -> Config:
    """The configuration with the command line's word on top: `select` replaces, `ignore`
    adds (codes, prefixes or slugs). Raises ConfigError for a rule that does not exist."""
    return with_overrides(config, rules_of(config), select, ignore, fail_on)


def targets_of(paths: Sequence[str], config: Config) -> list[str]:
    """What a run lints: the paths given, else the configured ones, else the working directory."""
    return list(paths) or list(config.paths) or ["."]


def lint(
    paths: Sequence[str] = (),
    config: Config | None = None,
    *,
    baseline: str | Literal[False] | None = None,
    cwd: str | None = None,
) -> LintResult:
    """Load the estate under `paths` and check it: the LintResult every output is made from.

    `config` defaults to the configuration found from `cwd`; `baseline`, a baseline file
    (default: the configured one; False: none), hides the findings it accepted and reports
    its stale entries."""
    cwd = os.path.abspath(cwd or os.getcwd())
    config = load_config(cwd=cwd) if config is None else config
    rules = rules_of(config)
    targets = targets_of(paths, config)
    # Loading allocates hundreds of thousands of objects that all stay alive until the end:
    # the cyclic garbage collector would traverse them again and again for nothing (it was
    # a third of the run on 2,000 services). Reference counting still frees the rest.
    collecting = gc.isenabled()
    gc.disable()
    try:
        loaded = load_paths(
            targets,
            exclude=config.exclude,
            cwd=cwd,
            asyncapi_contexts=config.asyncapi_contexts,
            inputs=config.inputs,
        )
        interactions = Interactions(loaded.estate)
        findings = with_notes(
            run_checks(interactions, rules, config, loaded.findings), loaded.notes
        )
    finally:
        if collecting:
            gc.enable()
    result = LintResult(
        loaded.estate, tuple(findings), config.fail_on, rules=rules, index=interactions
    )
    file = config.baseline if baseline is None else baseline
    if file:
        result = apply(result, read_baseline(file, cwd), file, baseline_scope(targets, config, cwd))
    return result


def lint_texts(files: Mapping[str, str | bytes], config: Config | None = None) -> LintResult:
    """Check manifests given as text, {path: text} (an editor's unsaved buffers, a test's
    estate): as `lint`, without files, configuration discovery or baseline."""
    config = config or Config()
    rules = rules_of(config)
    loaded = load_texts(files, asyncapi_contexts=config.asyncapi_contexts, inputs=config.inputs)
    interactions = Interactions(loaded.estate)
    findings = with_notes(run_checks(interactions, rules, config, loaded.findings), loaded.notes)
    return LintResult(
        loaded.estate, tuple(findings), config.fail_on, rules=rules, index=interactions
    )


def baseline_scope(
    targets: Sequence[str], config: Config, cwd: str | None = None
) -> Callable[[Entry], bool]:
    """Which baseline entries a run on `targets` could have matched (only those can be stale)."""
    rules = rules_of(config)
    return scope_of(targets, enabled(config, rules), tuple(builtin_rules()), cwd)
