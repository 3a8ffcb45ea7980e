"""A configuration mapping (from YAML or TOML) -> Config: every key checked, every selector
resolved against the run's rules, every error one line that says where and how to fix it."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Mapping

from archlint.config.custom_rules import parse_custom_rules
from archlint.config.limits import parse_limits
from archlint.config.options import rule_settings
from archlint.config.selection import registry_of, resolve_selectors
from archlint.config.settings import FAIL_ON, INPUT_OPTIONS, Config, ConfigError
from archlint.registry import Registry

KEYS = (
    "paths",
    "exclude",
    "ruleset",
    "select",
    "ignore",
    "fail-on",
    "rules",
    "asyncapi",
    "custom-rules",
    "baseline",
    "principals",
    "super-users",
    "limits",
    "report",
    *INPUT_OPTIONS,
)


def parse_config(data: object, where: str, root: str, builtin: Registry) -> Config:
    """The Config a mapping describes. `root` is the configuration file's folder as the user
    sees it (relative to the working directory): `paths` and `baseline` are relative to it."""
    if not isinstance(data, Mapping):
        raise ConfigError(
            f"{where}: the configuration must be a mapping of keys such as 'paths', 'select', 'rules'"
        )
    _known_keys(data, where)
    ruleset = str(data.get("ruleset", "recommended"))
    if ruleset not in builtin.rulesets:
        raise ConfigError(
            f"{where}: unknown ruleset '{ruleset}'; choose one of {', '.join(builtin.rulesets)}"
        )
    fail_on = str(data.get("fail-on", "error")).lower()
    if fail_on not in FAIL_ON:
        raise ConfigError(
            f"{where}: 'fail-on' must be one of {', '.join(FAIL_ON)}, got '{fail_on}'"
        )
    custom = parse_custom_rules(data.get("custom-rules") or [], where, tuple(builtin))
    registry = registry_of(builtin, Config(custom_rules=custom))
    select = resolve_selectors(_strings(data, "select", where), f"{where}: select", registry)
    ignore = resolve_selectors(_strings(data, "ignore", where), f"{where}: ignore", registry)
    settings = rule_settings(data.get("rules") or {}, where, registry)
    baseline = data.get("baseline")
    return Config(
        paths=tuple(_relative(root, p) for p in _strings(data, "paths", where)),
        exclude=_strings(data, "exclude", where),
        ruleset=ruleset,
        select=select,
        ignore=tuple(sorted(set(ignore) | settings.off)),
        fail_on=fail_on,
        severity=settings.severity,
        options=settings.options,
        asyncapi_contexts=_asyncapi_contexts(data.get("asyncapi") or {}, where),
        custom_rules=custom,
        principals=_principals(data.get("principals") or {}, where),
        super_users=_strings(data, "super-users", where),
        inputs={
            key: _input_options(data.get(key), key, where) for key in INPUT_OPTIONS if key in data
        },
        baseline=_relative(root, str(baseline)) if baseline else None,
        limits=parse_limits(data.get("limits"), where),
        source=where,
        source_url=_source_url(data.get("report"), where),
    )


def _source_url(report: object, where: str) -> str | None:
    """`report: {source-url: "https://host/repo/blob/{commit}/{path}#L{line}"}`."""
    if report is None:
        return None
    if not isinstance(report, Mapping) or set(map(str, report)) - {"source-url"}:
        raise ConfigError(f"{where}: 'report' takes one key, 'source-url'")
    url = report.get("source-url")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise ConfigError(
            f"{where}: report.source-url must be an http(s) URL template such as "
            "'https://git.example/org/repo/blob/{commit}/{path}#L{line}'"
        )
    return url


def _known_keys(data: Mapping[object, object], where: str) -> None:
    for key in data:
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(KEYS)}"
            raise ConfigError(f"{where}: unknown key '{key}'{hint}")


def _strings(data: Mapping[str, object], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(str(v) for v in value)


def _asyncapi_contexts(asyncapi: object, where: str) -> dict[str, str]:
    contexts = asyncapi.get("contexts", {}) if isinstance(asyncapi, Mapping) else None
    if (
        not isinstance(asyncapi, Mapping)
        or not isinstance(contexts, Mapping)
        or set(asyncapi) - {"contexts"}
    ):
        raise ConfigError(
            f"{where}: 'asyncapi' takes one key, 'contexts': a mapping of path globs to bounded "
            "contexts"
        )
    return {str(k): str(v) for k, v in contexts.items()}


def _principals(table: object, where: str) -> dict[str, str]:
    if not isinstance(table, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in table.items()
    ):
        raise ConfigError(
            f"{where}: 'principals' must map broker principals to services, as in "
            "'User:CN=orders-app: orders'"
        )
    return dict(table)


def _input_options(value: object, key: str, where: str) -> dict[str, str]:
    """`eventcatalog: {context-level: domain}`: each option one of its choices."""
    options = INPUT_OPTIONS[key]
    if value is None:
        return {}
    known = ", ".join(f"'{o}' ({'|'.join(c)})" for o, c in options.items())
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: '{key}' must be a mapping of options: {known}")
    found = {}
    for option, choice in value.items():
        if option not in options:
            raise ConfigError(f"{where}: '{key}' has no option '{option}'; its options: {known}")
        if str(choice) not in options[option]:
            raise ConfigError(
                f"{where}: '{key}: {option}' must be one of {', '.join(options[option])}, got '{choice}'"
            )
        found[str(option)] = str(choice)
    return found


def _relative(root: str, path: str) -> str:
    """A path of the configuration, as seen from the working directory."""
    joined = posixpath.normpath(posixpath.join(root, path)) if root not in ("", ".") else path
    return posixpath.normpath(joined)
