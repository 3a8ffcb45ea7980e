"""archlint: lint the architecture of event-driven service estates.

The Python API (see archlint.api and the README):

    import archlint
    result = archlint.lint(["services"])
    print(result.exit_code, len(result.findings))

The names below are imported on first use (PEP 562), so that `archlint --version`, or a
run that replays its cache, does not import the whole package first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archlint.version import __version__

if TYPE_CHECKING:
    from archlint.api import lint, load_config
    from archlint.baseline import BaselineError
    from archlint.config.settings import Config, ConfigError
    from archlint.engine import LintResult
    from archlint.findings import Finding
    from archlint.loader import LoadError
    from archlint.model import Estate, Location

__all__ = [
    "BaselineError",
    "Config",
    "ConfigError",
    "Estate",
    "Finding",
    "LintResult",
    "LoadError",
    "Location",
    "__version__",
    "lint",
    "load_config",
]


def __getattr__(name: str) -> object:
    """The API's names, imported when first asked for."""
    if name in ("lint", "load_config"):
        from archlint import api

        return getattr(api, name)
    if name == "BaselineError":
        from archlint.baseline import BaselineError

        return BaselineError
    if name in ("Config", "ConfigError"):
        from archlint.config import settings

        return getattr(settings, name)
    if name == "LintResult":
        from archlint.engine import LintResult

        return LintResult
    if name == "Finding":
        from archlint.findings import Finding

        return Finding
    if name == "LoadError":
        from archlint.loader import LoadError

        return LoadError
    if name in ("Estate", "Location"):
        from archlint import model

        return getattr(model, name)
    raise AttributeError(f"module 'archlint' has no attribute {name!r}")
