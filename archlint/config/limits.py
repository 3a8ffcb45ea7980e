"""`limits:` in the configuration: what one committed file may make archlint do.

```yaml
limits:
  file-bytes: 10000000        # every key optional; the defaults are Limits' (docs/limits.md)
  nesting-depth: 100
```

Each value is a whole number above 0.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import replace

from archlint.config.settings import LIMIT_KEYS, ConfigError, Limits


def parse_limits(raw: object, where: str) -> Limits:
    """The Limits a `limits:` mapping sets, the defaults for the keys it leaves out."""
    if raw is None:
        return Limits()
    if not isinstance(raw, Mapping):
        raise ConfigError(
            f"{where}: 'limits' must be a mapping of limits, e.g. 'limits: {{file-bytes: 1000000}}'"
        )
    changed: dict[str, int] = {}
    for key, value in raw.items():
        name = LIMIT_KEYS.get(str(key))
        if name is None:
            close = difflib.get_close_matches(str(key), LIMIT_KEYS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"it takes {', '.join(LIMIT_KEYS)}"
            raise ConfigError(f"{where}: limits has no key '{key}'; {hint}")
        changed[name] = _value(value, str(key), where)
    return replace(Limits(), **changed)


def _value(value: object, key: str, where: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    raise ConfigError(f"{where}: limits.{key} must be a whole number above 0, got {value!r}")
