"""Writing an output file atomically, never through a symbolic link.

A report, baseline or manifest is written to a temporary file in the same folder, flushed
to disk and renamed over the target: a run killed half-way leaves the old file or the new
one, never a truncated one (a baseline emptied by a SIGKILL would fail the next CI run, or
worse, pass it). A target that is a symbolic link is refused (a committed `report.html ->
~/.bashrc` must not be written through); with `force` the link itself is replaced, and its
target is left alone.
"""

from __future__ import annotations

import os
import stat


class WriteRefused(OSError):
    """A target archlint will not write: a symbolic link, or outside its folder."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.strerror = reason


def write_atomically(path: str, data: bytes, force: bool = False) -> None:
    """Write `data` to `path` atomically (temporary file, fsync, rename); raises WriteRefused
    for a symbolic link without `force`, and OSError as open() does."""
    if os.path.islink(path) and not force:
        raise WriteRefused(
            "it is a symbolic link, which archlint does not write through; remove it, or pass "
            "--force to replace the link (its target is left alone)"
        )
    folder = os.path.dirname(os.path.abspath(path))
    mode = _mode(path)
    import tempfile  # 3 ms (random, shutil): only a run that writes pays it

    fd, temporary = tempfile.mkstemp(
        dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.lexists(temporary):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


def check_inside(target: str, folder: str) -> None:
    """Raise WriteRefused unless `target` lands directly in `folder` (links resolved)."""
    parent = os.path.realpath(os.path.dirname(os.path.abspath(target)))
    if parent != os.path.realpath(folder):
        raise WriteRefused(f"it would land in {parent}, outside {folder}; rename the service")


def _mode(path: str) -> int:
    """The permissions of the file being replaced, else what open() would give a new one."""
    try:
        found = os.lstat(path)
        if stat.S_ISREG(found.st_mode):
            return stat.S_IMODE(found.st_mode)
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: str) -> None:
    """The rename itself to disk (where the platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
