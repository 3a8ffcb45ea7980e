"""Finding and reading the configuration file: the shell's part of the configuration.

`archlint.yaml` (or `.archlint.yaml`, `archlint.yml`, `.archlint.yml`), or a `pyproject.toml`
with `[tool.archlint]`, the nearest upwards from the working directory; `--config FILE`
names one instead.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import yaml

from archlint.config.keys import parse_config
from archlint.config.settings import Config, ConfigError
from archlint.registry import Registry

CONFIG_NAMES = ("archlint.yaml", ".archlint.yaml", "archlint.yml", ".archlint.yml")


def find_config(start: str | os.PathLike[str]) -> Path | None:
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


def read_config(
    builtin: Registry, path: str | os.PathLike[str] | None = None, cwd: str | None = None
) -> Config:
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
        where = f"{display} [tool.archlint]"
        data = _toml_section(text, display)
    else:
        where = display
        data = _yaml(text, display)
    root = Path(os.path.relpath(found.parent.resolve(), Path(cwd).resolve())).as_posix()
    return parse_config(data if data is not None else {}, where, root, builtin)


def _toml_section(text: str, display: str) -> object:
    try:
        return tomllib.loads(text).get("tool", {}).get("archlint", {})
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display}: {exc}") from None


def _yaml(text: str, display: str) -> object:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", exc)
        raise ConfigError(f"{display}{at}: not valid YAML: {problem}") from None


def _display(path: Path, cwd: str) -> str:
    try:
        return path.resolve().relative_to(Path(cwd).resolve()).as_posix()
    except ValueError:
        return str(path)
