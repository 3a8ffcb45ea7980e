"""archlint: lint the architecture of event-driven service estates."""

__version__ = "0.1.0"
