"""archlint: lint the architecture of event-driven service estates.

The Python API (see archlint.api and the README):

    import archlint
    result = archlint.lint(["services"])
    print(result.exit_code, len(result.findings))
"""

from archlint.api import lint, load_config
from archlint.baseline import BaselineError
from archlint.config.settings import Config, ConfigError
from archlint.engine import LintResult
from archlint.findings import Finding
from archlint.loader import LoadError
from archlint.model import Estate, Location
from archlint.version import __version__

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
