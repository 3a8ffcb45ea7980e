"""Reading a file of the estate: only regular files, only inside the linted tree.

archlint runs in CI on whatever a contributor commits, so a committed file must not make it
read a device (`x.yaml -> /dev/zero` reads until memory runs out), block on a FIFO or a
socket, or follow a symbolic link or a `$ref` out of the repository into the runner's files.

The tree of a linted path is the repository it is in (the nearest folder above it holding
`.git`), else the path itself (a folder) or its folder (a file). A symbolic link is followed
only when its target is inside one of the trees; anything but a regular file is refused.
A refusal is a `Refused` (an OSError), which the loader reports as AL001 or AL002 at the place.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable

from archlint.findings import Finding
from archlint.model import Location

# Opened without blocking (a FIFO swapped in after the check does not hang the open) and
# never inherited by a child process.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
# Where the platform has it, a file is opened without following a final symbolic link (one
# lstat less per file); a link then fails with ELOOP and is resolved and checked first.
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


class Refused(OSError):
    """A file archlint will not read: not a regular file, or outside the linted tree."""

    def __init__(self, reason: str) -> None:
        super().__init__(errno.EPERM, reason)


class TooLarge(Refused):
    """A regular file longer than limits.file-bytes: refused unread past the limit."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(
            f"it is larger than {max_bytes} bytes (limits.file-bytes); split it, or raise the limit"
        )
        self.errno = errno.EFBIG  # how readers below the loader tell it (Backstage's targets)


class Tree:
    """The folders a run may read from (real paths, links resolved)."""

    def __init__(self, paths: Iterable[str]) -> None:
        self.roots = tuple(sorted({_tree_root(os.path.realpath(p)) for p in paths}))
        self._real: dict[str, str] = {}  # folder -> its real path, links resolved
        self._inside: dict[str, bool] = {}  # real folder -> whether the trees hold it

    def real_path(self, absolute: str) -> str:
        """os.path.realpath, with each folder resolved once: a run reads thousands of files
        in the same folders, and realpath would lstat every part of every path again."""
        folder, name = os.path.split(absolute)
        real = os.path.join(self.real_folder(folder), name)
        return os.path.realpath(real) if os.path.islink(real) else real

    def real_folder(self, folder: str) -> str:
        """The real path of the (absolute) `folder`, links resolved."""
        pending = []  # the folders not resolved yet, deepest first (iterative: trees are deep)
        while folder not in self._real:
            parent, name = os.path.split(folder)
            if not name:  # the root
                self._real[folder] = folder
                break
            pending.append((folder, parent, name))
            folder = parent
        for path, parent, name in reversed(pending):
            real = os.path.join(self._real[parent], name)
            self._real[path] = os.path.realpath(real) if os.path.islink(real) else real
        return self._real[pending[0][0]] if pending else self._real[folder]

    def holds_folder(self, real: str) -> bool:
        """`holds` for a real folder, remembered: what a file directly in it is too."""
        if real not in self._inside:
            self._inside[real] = self.holds(real)
        return self._inside[real]

    def holds(self, real: str) -> bool:
        """Whether the real path `real` is inside one of the trees."""
        return any(
            real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in self.roots
        )


def _tree_root(real: str) -> str:
    """The repository holding `real`, else `real` itself (a folder) or its folder (a file)."""
    start = real if os.path.isdir(real) else os.path.dirname(real)
    folder = start
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return start
        folder = parent


def read_regular(absolute: str, tree: Tree, max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file at `absolute`; raises Refused for anything else,
    TooLarge past `max_bytes`, and OSError as open() does."""
    folder, name = os.path.split(os.path.abspath(absolute))
    real_folder = tree.real_folder(folder)
    real = os.path.join(real_folder, name)
    try:  # the folders are resolved: only the file itself can be a link, and then this fails
        fd = os.open(real, _OPEN_FLAGS | _NO_FOLLOW) if tree.holds_folder(real_folder) else -1
    except OSError as error:
        if error.errno not in (errno.ELOOP, errno.EMLINK) or not _NO_FOLLOW:
            raise
        fd = -1
    if fd < 0:  # a link, or outside: where it leads decides
        real = os.path.realpath(real)
        if not tree.holds(real):
            raise Refused(
                f"it leads to '{real}', outside the linted folders; archlint reads only files "
                "inside the repository it lints"
            )
        fd = os.open(real, _OPEN_FLAGS)  # non-blocking: a FIFO opens at once, refused below
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):  # a device, FIFO or socket, or a folder
            raise Refused(_not_regular(found.st_mode))
        if max_bytes is not None and found.st_size > max_bytes:
            raise TooLarge(max_bytes)
        data = _read_all(fd, found.st_size, max_bytes)
    finally:
        os.close(fd)
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLarge(max_bytes)
    return data


def _read_all(fd: int, size: int, max_bytes: int | None) -> bytes:
    """The file's bytes: a regular file ignores O_NONBLOCK; fewer bytes than asked for is its
    end, more than its size is a file that grew since the fstat: read on to its end, or to
    one byte past `max_bytes`."""
    parts = [os.read(fd, size + 1)]
    if len(parts[0]) <= size:
        return parts[0]
    total = len(parts[0])
    while parts[-1] and (max_bytes is None or total <= max_bytes):
        parts.append(os.read(fd, 1 << 16))
        total += len(parts[-1])
    return b"".join(parts)


def _not_regular(mode: int) -> str:
    kind = (
        "a FIFO" if stat.S_ISFIFO(mode)
        else "a socket" if stat.S_ISSOCK(mode)
        else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a folder" if stat.S_ISDIR(mode)
        else "not a regular file"
    )  # fmt: skip
    return f"it is {kind}, not a regular file; archlint reads only regular files"


# The findings of files that cannot be read, for the loader: a read is a value or a finding.


def within(path: str, data: bytes, max_bytes: int) -> bytes | Finding:
    """A text's bytes, or the AL006 finding of one past limits.file-bytes."""
    return data if len(data) <= max_bytes else unreadable(path, TooLarge(max_bytes))


def read_or_finding(shown: str, absolute: str, tree: Tree, max_bytes: int) -> bytes | Finding:
    """The file's bytes, or the finding that says why it cannot be read."""
    try:
        return read_regular(absolute, tree, max_bytes)
    except OSError as error:
        return unreadable(shown, error)


def unreadable(shown: str, error: OSError) -> Finding:
    """AL001 for a file that cannot be read (the OS's reason), AL006 past limits.file-bytes."""
    reason = error.strerror or str(error)
    reason = reason[:1].lower() + reason[1:]
    from archlint.yaml_reader import LIMIT

    hint = "" if isinstance(error, Refused) else "; check that it is a readable file"
    return Finding(
        code=LIMIT if isinstance(error, TooLarge) else "AL001",
        message=f"cannot read the file: {reason}{hint}",
        location=Location(shown, 1, 1),
    )


def file_reader(absolute: str, tree: Tree, max_bytes: int) -> Callable[[str], bytes]:
    """Reads the bytes of a file named relative to the document at `absolute` (for AsyncAPI's
    external $refs), inside `tree` only; raises OSError as open() does (Refused outside the
    tree or for what is not a regular file), for the caller to report."""
    folder = os.path.dirname(absolute)

    def read_file(relative: str) -> bytes:
        return read_regular(os.path.join(folder, relative), tree, max_bytes)

    return read_file
