"""Finding and reading the configuration file: the shell's part of the configuration.

`archlint.yaml` (or `.archlint.yaml`, `archlint.yml`, `.archlint.yml`), or a `pyproject.toml`
with `[tool.archlint]`, the nearest upwards from the working directory, but never above the
repository (the folder holding `.git`): a stray file in a parent folder of a CI runner must
not silence a repository's findings. `--config FILE` names one instead.

`archlint.yaml` is read by archlint.yaml_reader, the one YAML reader (its alias guard, its
report of a repeated key); a `pyproject.toml` that mentions `tool.archlint` and is not
valid TOML is an error, any other is passed over, whatever its `tool` holds.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

from archlint.config.keys import parse_config
from archlint.config.settings import LIMITS, Config, ConfigError
from archlint.registry import Registry

CONFIG_NAMES = ("archlint.yaml", ".archlint.yaml", "archlint.yml", ".archlint.yml")


# A pyproject.toml that means to configure archlint, even when it is not valid TOML.
_MENTIONS_ARCHLINT = re.compile(r"^\s*\[\s*tool\s*\.\s*archlint\b|^\s*tool\s*\.\s*archlint\b", re.M)


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The nearest archlint.yaml, or pyproject.toml with [tool.archlint], upwards from start
    to the repository's root (the folder holding `.git`), if start is in one."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        try:
            found = _config_in(folder)
        except OSError as exc:  # a folder that cannot be searched: unreadable is not clean
            raise ConfigError(
                f"cannot look for the configuration in '{folder}': {exc.strerror}"
            ) from None
        if found is not None or (folder / ".git").exists():
            return found
    return None


def _config_in(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        if (folder / name).is_file():
            return folder / name
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and _has_tool_section(pyproject):
        return pyproject
    return None


def _has_tool_section(pyproject: Path) -> bool:
    """Whether the file configures archlint; one that says so but is not TOML is an error."""
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "archlint" not in text:  # most pyproject.toml files: not parsed at all
        return False
    try:
        tool = _toml(text, str(pyproject)).get("tool")
    except ConfigError:
        if _MENTIONS_ARCHLINT.search(text):
            raise
        return False
    return isinstance(tool, dict) and "archlint" in tool


def _toml(text: str, display: str) -> dict[str, object]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{display}: not valid TOML: the nesting is too deep") from None


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
        with found.open("rb") as handle:  # a regular file (is_file), read within the limit
            raw = handle.read(LIMITS.file_bytes + 1)
        text = raw.decode("utf-8") if found.name == "pyproject.toml" else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{display}: cannot read: {exc}") from None
    if len(raw) > LIMITS.file_bytes:
        raise ConfigError(
            f"{display}: larger than {LIMITS.file_bytes} bytes; is it the right file?"
        )
    if found.name == "pyproject.toml":
        where = f"{display} [tool.archlint]"
        data = _toml_section(text, display)
    else:
        where = display
        data = _yaml(raw, display)
    root = Path(os.path.relpath(found.parent.resolve(), Path(cwd).resolve())).as_posix()
    return parse_config(data if data is not None else {}, where, root, builtin)


def _toml_section(text: str, display: str) -> object:
    tool = _toml(text, display).get("tool", {})
    return tool.get("archlint", {}) if isinstance(tool, dict) else {}


def _yaml(data: bytes, display: str) -> object:
    """The configuration's value, read by the one YAML reader: a syntax error, an alias
    bomb or a key given twice is one line, at its place."""
    from archlint.yaml_reader import compose_documents, value_of  # PyYAML: only for a YAML file

    documents, stopped = compose_documents(data)
    if stopped is not None:
        problem = stopped.message.removeprefix("invalid YAML: ")
        raise ConfigError(f"{display}:{stopped.line}:{stopped.column}: not valid YAML: {problem}")
    if len(documents) > 1:
        raise ConfigError(f"{display}: holds more than one YAML document; keep one")
    if not documents:
        return None
    value, problems = value_of(documents[0], data)
    if problems:
        first = min(problems, key=lambda p: (p.line, p.column))
        raise ConfigError(f"{display}:{first.line}:{first.column}: {first.message}")
    return value


def _display(path: Path, cwd: str) -> str:
    try:
        return path.resolve().relative_to(Path(cwd).resolve()).as_posix()
    except ValueError:
        return str(path)
