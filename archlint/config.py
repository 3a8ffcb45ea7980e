"""Configuration: `archlint.yaml` (or `.archlint.yaml`), or `[tool.archlint]` in
`pyproject.toml`, found upwards from the working directory; `--config FILE` overrides.

```yaml
paths: [services]            # what to lint when no PATHS are given (relative to this file)
exclude: ["legacy/**"]       # globs, relative paths or folder names
ruleset: recommended         # or strict
select: [SW, CX001]          # codes, prefixes or slugs; default: every rule
ignore: [produced-never-consumed]
fail-on: error               # error | warning | info | never
rules:                       # per rule: severity, `off`, and options
  SY002: {max-depth: 4}
  CX002: {severity: error}
  RF003: off
```
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from archlint.catalogue import RuleSpec, load_catalogue, load_rulesets, resolve_rule
from archlint.custom_rules import CustomRule, CustomRuleError, parse_custom_rules
from archlint.findings import SEVERITIES

CONFIG_NAMES = ("archlint.yaml", ".archlint.yaml", "archlint.yml", ".archlint.yml")
FAIL_ON = ("error", "warning", "info", "never")
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
)


class ConfigError(Exception):
    """A configuration the user must fix: the message says where and how."""


@dataclass(frozen=True)
class Config:
    paths: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    ruleset: str = "recommended"
    select: tuple[str, ...] = ()  # resolved codes; empty = every rule
    ignore: tuple[str, ...] = ()  # resolved codes
    fail_on: str = "error"
    severity: Mapping[str, str] = field(default_factory=dict)  # code -> severity
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # code -> options
    asyncapi_contexts: Mapping[str, str] = field(default_factory=dict)  # glob -> context
    custom_rules: tuple[CustomRule, ...] = ()
    baseline: str | None = None
    source: str | None = None  # the file it came from

    def enabled(self) -> list[str]:
        """The codes to run, built-in and custom, sorted."""
        codes = self.select or (*load_catalogue(), *self.custom_codes)
        return sorted(c for c in set(codes) if c not in self.ignore)

    @property
    def custom_codes(self) -> dict[str, str]:
        """Custom rule code -> slug."""
        return {r.code: r.slug for r in self.custom_rules}

    def severity_of(self, spec: RuleSpec) -> str:
        if spec.code in self.severity:
            return self.severity[spec.code]
        ruleset = load_rulesets()[self.ruleset].severity
        for key in (spec.code, spec.prefix):
            if key in ruleset:
                return ruleset[key]
        return spec.severity

    def options_of(self, spec: RuleSpec) -> dict[str, Any]:
        return {**spec.defaults, **self.options.get(spec.code, {})}

    def with_overrides(self, select=None, ignore=(), fail_on=None) -> Config:
        """The command line's word wins: --select replaces, --ignore adds."""
        custom = self.custom_codes
        return replace(
            self,
            select=resolve_selectors(select, "--select", custom) if select else self.select,
            ignore=tuple(
                sorted(set(self.ignore) | set(resolve_selectors(ignore, "--ignore", custom)))
            ),
            fail_on=fail_on or self.fail_on,
        )


def resolve_selectors(tokens, where: str, custom: Mapping[str, str] = {}) -> tuple[str, ...]:
    """Codes for selectors: built-in codes, prefixes and slugs, and custom codes and slugs."""
    codes: set[str] = set()
    for raw in tokens:
        for token in str(raw).split(","):
            if not token.strip():
                continue
            named = [c for c, slug in custom.items() if token.strip() in (c, slug)]
            if named:
                codes.update(named)
                continue
            try:
                codes.update(resolve_rule(token))
            except KeyError:
                raise ConfigError(
                    f"{where}: unknown rule {token.strip()!r}{_suggest(token)}; "
                    "run `archlint rules` for the list"
                ) from None
    return tuple(sorted(codes))


def _suggest(token: str) -> str:
    catalogue = load_catalogue()
    names = list(catalogue) + [s.slug for s in catalogue.values()]
    close = difflib.get_close_matches(token.strip(), names, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def find_config(start: str | os.PathLike) -> Path | None:
    """The nearest archlint.yaml, or pyproject.toml with [tool.archlint], upwards from start."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(pyproject: Path) -> bool:
    try:
        return "archlint" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def load_config(path: str | os.PathLike | None = None, cwd: str | None = None) -> Config:
    """The configuration at `path`, else the nearest one, else the defaults."""
    cwd = cwd or os.getcwd()
    found = Path(path) if path else find_config(cwd)
    if found is None:
        return Config()
    if not found.is_file():
        raise ConfigError(f"{found}: config file not found")
    display = _display(found, cwd)
    try:
        text = found.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{display}: cannot read: {exc}") from None
    if found.name == "pyproject.toml":
        try:
            data = tomllib.loads(text).get("tool", {}).get("archlint", {})
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{display}: {exc}") from None
        where = f"{display} [tool.archlint]"
    else:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            at = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
            raise ConfigError(
                f"{display}{at}: not valid YAML: {getattr(exc, 'problem', exc)}"
            ) from None
        where = display
    return parse_config(data if data is not None else {}, where, found.parent, cwd)


def _display(path: Path, cwd: str) -> str:
    try:
        return path.resolve().relative_to(Path(cwd).resolve()).as_posix()
    except ValueError:
        return str(path)


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(str(v) for v in value)


def parse_config(data: Any, where: str, root: Path, cwd: str) -> Config:
    if not isinstance(data, dict):
        raise ConfigError(
            f"{where}: the configuration must be a mapping of keys such as "
            "'paths', 'select', 'rules'"
        )
    for key in data:
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(KEYS)}"
            raise ConfigError(f"{where}: unknown key '{key}'{hint}")
    rel = lambda p: _relative_to_cwd(root / p, cwd)  # noqa: E731  paths are relative to the file
    ruleset = str(data.get("ruleset", "recommended"))
    if ruleset not in load_rulesets():
        raise ConfigError(
            f"{where}: unknown ruleset '{ruleset}'; choose one of {', '.join(load_rulesets())}"
        )
    fail_on = str(data.get("fail-on", "error")).lower()
    if fail_on not in FAIL_ON:
        raise ConfigError(
            f"{where}: 'fail-on' must be one of {', '.join(FAIL_ON)}, got '{fail_on}'"
        )
    custom = data.get("custom-rules") or []
    if not isinstance(custom, list):
        raise ConfigError(f"{where}: 'custom-rules' must be a list of rule mappings")
    try:
        custom_rules = parse_custom_rules(custom, list(load_catalogue()))
    except CustomRuleError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    codes = {r.code: r.slug for r in custom_rules}
    select = resolve_selectors(
        _strings(data.get("select", []), "select", where), f"{where}: select", codes
    )
    ignore = resolve_selectors(
        _strings(data.get("ignore", []), "ignore", where), f"{where}: ignore", codes
    )
    severity, options, off = _rule_settings(data.get("rules") or {}, where)
    asyncapi = data.get("asyncapi") or {}
    contexts = asyncapi.get("contexts", {}) if isinstance(asyncapi, dict) else None
    if not isinstance(contexts, dict) or set(asyncapi) - {"contexts"}:
        raise ConfigError(
            f"{where}: 'asyncapi' takes one key, 'contexts': a mapping of path "
            "globs to bounded contexts"
        )
    baseline = data.get("baseline")
    return Config(
        paths=tuple(rel(p) for p in _strings(data.get("paths", []), "paths", where)),
        exclude=_strings(data.get("exclude", []), "exclude", where),
        ruleset=ruleset,
        select=select,
        ignore=tuple(sorted(set(ignore) | off)),
        fail_on=fail_on,
        severity=severity,
        options=options,
        asyncapi_contexts={str(k): str(v) for k, v in contexts.items()},
        custom_rules=custom_rules,
        baseline=rel(str(baseline)) if baseline else None,
        source=where,
    )


def _rule_settings(rules: Any, where: str):
    if not isinstance(rules, dict):
        raise ConfigError(
            f"{where}: 'rules' must map rule codes to settings, e.g. 'SY002: {{max-depth: 4}}'"
        )
    catalogue = load_catalogue()
    severity: dict[str, str] = {}
    options: dict[str, dict[str, Any]] = {}
    off: set[str] = set()
    for token, settings in rules.items():
        codes = resolve_selectors([token], f"{where}: rules")
        if settings is False or settings == "off":
            off.update(codes)
            continue
        if isinstance(settings, str):
            settings = {"severity": settings}
        if not isinstance(settings, dict):
            raise ConfigError(
                f"{where}: rules.{token} must be a severity, 'off', or a mapping "
                "of 'severity' and options"
            )
        for code in codes:
            spec = catalogue[code]
            for key, value in settings.items():
                if key == "severity":
                    if value not in SEVERITIES:
                        raise ConfigError(
                            f"{where}: rules.{token}.severity must be one of "
                            f"{', '.join(SEVERITIES)}, got '{value}'"
                        )
                    severity[code] = value
                elif key in spec.defaults:
                    _check_option(spec, key, value, where)
                    options.setdefault(code, {})[key] = value
                else:
                    known = ["severity", *spec.defaults]
                    close = difflib.get_close_matches(str(key), known, n=1)
                    hint = (
                        f"did you mean '{close[0]}'?" if close else f"it takes {', '.join(known)}"
                    )
                    raise ConfigError(
                        f"{where}: rules.{token}: {code} has no option '{key}'; {hint}"
                    )
    return severity, options, off


def _check_option(spec: RuleSpec, key: str, value: Any, where: str) -> None:
    default = spec.defaults[key]
    option = next(o for o in spec.options if o.name == key)
    numeric = isinstance(default, (int, float)) and not isinstance(default, bool)
    if numeric and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise ConfigError(f"{where}: rules.{spec.code}.{key} must be a number, got {value!r}")
    if isinstance(default, int) and not isinstance(default, bool) and not isinstance(value, int):
        raise ConfigError(f"{where}: rules.{spec.code}.{key} must be a whole number, got {value!r}")
    low, high = option.minimum, option.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"at least {low}" if high is None else f"between {low} and {high}"
        raise ConfigError(f"{where}: rules.{spec.code}.{key} must be {bounds}, got {value!r}")


def _relative_to_cwd(path: Path, cwd: str) -> str:
    return Path(os.path.relpath(path.resolve(), Path(cwd).resolve())).as_posix()
