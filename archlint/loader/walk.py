"""Which files to read: every .yaml/.yml (and .json, for AsyncAPI documents) under the
given paths, in sorted order.

Skipped while walking: version-control folders, dependency and tool caches, virtual
environments (by name, or any folder holding a `pyvenv.cfg`), and whatever matches an
`exclude` glob. A path named explicitly is always read (a file whatever its suffix, a folder
whatever its name), unless an `exclude` glob matches it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from fnmatch import fnmatchcase

SUFFIXES = (".yaml", ".yml", ".json", ".acls", ".acl.txt")  # kafka-acls listings too

# Folders that never hold a team's manifests, only copies of other people's YAML.
SKIPPED_FOLDERS = frozenset(
    {
        ".git", ".hg", ".svn", ".bzr",
        "node_modules", "bower_components",
        "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".eggs",
        ".venv", "venv", ".direnv",
    }
)  # fmt: skip


class PathNotFound(Exception):
    """A path given to the loader does not exist, or is a folder that cannot be listed."""


def display_path(absolute: str, cwd: str) -> str:
    """A path as findings show it: relative to `cwd` (posix separators) when under it, else
    absolute; bytes that are not UTF-8 shown as `\\xff`."""
    relative = os.path.relpath(absolute, cwd)
    if relative == os.curdir:
        return "."
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return _printable(absolute.replace(os.sep, "/"))
    return _printable(relative.replace(os.sep, "/"))


def _printable(path: str) -> str:
    """A file name's bytes that are not UTF-8 (kept by the OS layer as surrogates) as `\\xff`,
    so that every output format gets valid UTF-8; the file is still read by its real name."""
    if path.isascii():
        return path
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class Excluder:
    """`exclude` globs, matched (fnmatch, case-sensitive) on the path and on each of its parts."""

    def __init__(self, patterns: Sequence[str]) -> None:
        cleaned = []
        for pattern in patterns:
            pattern = pattern.replace("\\", "/").strip()
            while pattern.startswith("./"):
                pattern = pattern[2:]
            pattern = pattern.rstrip("/")
            if pattern:
                cleaned.append(pattern)
        self.patterns = tuple(cleaned)

    def matches(self, path: str, parts: Sequence[str] = ()) -> bool:
        """Whether `path` (as displayed) or one of `parts` (the names below the given root) is excluded."""
        if not self.patterns:
            return False
        for pattern in self.patterns:
            if fnmatchcase(path, pattern) or any(fnmatchcase(part, pattern) for part in parts):
                return True
        return False


def _parts(shown: str) -> list[str]:
    return [part for part in shown.split("/") if part not in ("", ".")]


def find_files(
    paths: Sequence[str],
    exclude: Sequence[str],
    cwd: str,
    names: Sequence[str] = (),
    unlisted: list[tuple[str, OSError]] | None = None,
) -> list[tuple[str, str]]:
    """(display path, absolute path) of every file to read, sorted by display path, each once;
    `names`: file names read too, whatever their suffix (EventCatalog's index.mdx);
    `unlisted` gets (display path, error) of each folder below a path that cannot be listed
    (unreadable is not clean). Raises PathNotFound for a given folder that cannot be listed."""
    excluder = Excluder(exclude)
    found: dict[str, str] = {}
    for given in paths:
        absolute = os.path.normpath(os.path.join(cwd, given))
        if not os.path.exists(absolute):
            raise PathNotFound(f"path '{given}' does not exist")
        shown = display_path(absolute, cwd)
        root_parts = _parts(shown) if not os.path.isabs(shown) else []
        if excluder.matches(shown, root_parts):
            continue
        if not os.path.isdir(absolute):
            found.setdefault(absolute, shown)
            continue
        walked = _walk(absolute, shown, excluder, root_parts, names, unlisted)
        for file_absolute, file_shown in walked:
            found.setdefault(file_absolute, file_shown)
    return sorted(
        ((shown, absolute) for absolute, shown in found.items()), key=lambda item: item[0]
    )


# a folder to list: (absolute path, display path with its trailing '/' or '', the names
# from the given root down to it, whether a `pyvenv.cfg` in it makes it a virtual environment)
_Folder = tuple[str, str, list[str], bool]


def _walk(
    root: str,
    root_shown: str,
    excluder: Excluder,
    root_parts: list[str],
    names: Sequence[str],
    unlisted: list[tuple[str, OSError]] | None,
) -> Iterator[tuple[str, str]]:
    """(absolute, display path) of the YAML files under the folder `root`, shown as `root_shown`.

    One `os.scandir` per folder, and nothing else: the entries' types come with the listing
    (no stat per entry), a virtual environment is recognised by the `pyvenv.cfg` in its own
    listing, and display paths are built on the way down (no relpath per folder). A catalog
    of 1,000 services is 6,400 folders, where os.walk plus a stat and a relpath per folder
    cost more than reading the pages."""
    prefix = "" if root_shown == "." else root_shown.rstrip("/") + "/"
    pending: list[_Folder] = [(root, prefix, root_parts, False)]  # the root is always read
    while pending:
        folder = pending.pop()
        try:
            listed = _list(folder, excluder, names)
        except OSError as error:
            if folder[0] == root:
                raise PathNotFound(
                    f"cannot list the folder '{root_shown}': {error.strerror}"
                ) from None
            if unlisted is not None:
                unlisted.append((_printable(folder[1].rstrip("/")), error))
            continue
        if listed is not None:
            subfolders, files = listed
            pending.extend(subfolders)
            yield from files


def _list(
    folder: _Folder, excluder: Excluder, names: Sequence[str]
) -> tuple[list[_Folder], list[tuple[str, str]]] | None:
    """The subfolders to walk and the files to read of one folder; None for a virtual
    environment. Raises OSError for a folder that cannot be listed."""
    path, shown_folder, parts, may_be_venv = folder
    excluding = bool(excluder.patterns)
    subfolders: list[_Folder] = []
    files: list[tuple[str, str]] = []
    with os.scandir(path) as listing:
        for entry in listing:
            name = entry.name
            if _is_dir(entry):
                if name in SKIPPED_FOLDERS or entry.is_symlink():  # never into symlinks
                    continue
                shown = shown_folder + name
                if not (excluding and excluder.matches(shown, [*parts, name])):
                    subfolders.append((entry.path, shown + "/", [*parts, name], True))
            elif name.lower().endswith(SUFFIXES) or name in names:
                shown = shown_folder + name
                if not (excluding and excluder.matches(shown, [*parts, name])):
                    files.append((entry.path, _printable(shown)))
            elif may_be_venv and name == "pyvenv.cfg" and _is_file(entry):
                return None
    return subfolders, files


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # following a symlink, as os.walk does
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False
