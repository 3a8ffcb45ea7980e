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


# the modules a bare `import archlint` used to import, still reachable as its attributes
_SUBMODULES = ("api", "baseline", "config", "engine", "findings", "loader", "model")


def __getattr__(name: str) -> object:
    """The API's names, and the modules `import archlint` used to import, on first use."""
    if name in ("lint", "load_config"):
        from archlint.api import lint, load_config

        return lint if name == "lint" else load_config
    if name == "BaselineError":
        from archlint.baseline import BaselineError

        return BaselineError
    if name in ("Config", "ConfigError"):
        from archlint.config.settings import Config, ConfigError

        return Config if name == "Config" else ConfigError
    if name in ("LintResult", "Finding", "LoadError", "Estate", "Location"):
        from archlint.engine import LintResult
        from archlint.findings import Finding
        from archlint.loader import LoadError
        from archlint.model import Estate, Location

        found = {"LintResult": LintResult, "Finding": Finding, "LoadError": LoadError}
        return {**found, "Estate": Estate, "Location": Location}[name]
    if name in _SUBMODULES:
        import archlint.api
        import archlint.config.settings  # noqa: F401  (binds archlint.config)

        if name in globals():  # set by the imports above (api imports the others)
            return globals()[name]
    raise AttributeError(f"module 'archlint' has no attribute {name!r}")
