"""Which rules run, and at which severity and options: the configuration read against the
registry of the run's rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from archlint.catalogue import OptionValue, RuleSpec
from archlint.checks.custom import as_rule
from archlint.config.settings import Config, ConfigError
from archlint.registry import Registry, UnknownRule


def registry_of(builtin: Registry, config: Config) -> Registry:
    """The rules of a run: the built-in ones and the configuration's custom rules."""
    return (
        builtin.with_rules(as_rule(r) for r in config.custom_rules)
        if config.custom_rules
        else builtin
    )


def resolve_selectors(tokens: Iterable[str], where: str, registry: Registry) -> tuple[str, ...]:
    """Codes for selectors (codes, prefixes, slugs; comma-separated), or a ConfigError."""
    codes: set[str] = set()
    for raw in tokens:
        for token in str(raw).split(","):
            if not token.strip():
                continue
            try:
                codes.update(registry.resolve(token))
            except UnknownRule as unknown:
                hint = f" ({unknown.hint})" if unknown.hint else ""
                raise ConfigError(
                    f"{where}: unknown rule {token.strip()!r}{hint}; run `archlint rules` for the list"
                ) from None
    return tuple(sorted(codes))


def enabled(config: Config, registry: Registry) -> tuple[str, ...]:
    """The codes to run, built-in and custom, sorted."""
    codes = config.select or tuple(registry)
    return tuple(sorted(c for c in set(codes) if c not in config.ignore and c in registry))


def severity_of(config: Config, spec: RuleSpec, registry: Registry) -> str:
    """The configuration's word for the rule, else its ruleset's, else its page's."""
    if spec.code in config.severity:
        return config.severity[spec.code]
    return registry.rulesets[config.ruleset].severity_of(spec)


def options_of(config: Config, spec: RuleSpec) -> dict[str, OptionValue]:
    """The rule's options: its page's defaults, overridden by the configuration."""
    return {**spec.defaults, **config.options.get(spec.code, {})}


def with_overrides(
    config: Config,
    registry: Registry,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    fail_on: str | None = None,
    extend_select: Iterable[str] = (),
) -> Config:
    """The command line's word wins: --select replaces, --extend-select adds to the selection
    (and takes its rules out of the configuration's `ignore`), --ignore adds."""
    select = tuple(select)
    chosen = resolve_selectors(select, "--select", registry) if select else config.select
    extra = set(resolve_selectors(extend_select, "--extend-select", registry))
    if chosen and extra:
        chosen = tuple(sorted(set(chosen) | extra))
    return replace(
        config,
        select=chosen,
        ignore=tuple(
            sorted(
                (set(config.ignore) - extra) | set(resolve_selectors(ignore, "--ignore", registry))
            )
        ),
        fail_on=fail_on or config.fail_on,
    )
