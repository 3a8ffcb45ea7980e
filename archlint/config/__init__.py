"""The user's configuration: `archlint.yaml` (or `.archlint.yaml`), or `[tool.archlint]` in
`pyproject.toml`, found upwards from the working directory; `--config FILE` overrides.

    settings      the Config value
    keys          a configuration mapping -> Config, every key checked
    selection     which rules run, at which severity
    options       per-rule settings (`rules:`), checked against each rule's page
    custom_rules  the declarative `custom-rules`
    files         finding and reading the file (the shell's part: files, YAML, TOML)

Everything here but `files` is pure.
"""

from __future__ import annotations

from archlint.config.settings import Config, ConfigError

__all__ = ["Config", "ConfigError"]
