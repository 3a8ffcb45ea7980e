"""Git revisions as folders to lint: the shell that `archlint diff` reads a revision with.

A revision is read from git's objects, never by checking it out: the work tree and the
index are left as they are. `files` lists the tree (`git ls-tree`) and reads the blobs the
loader would read (`git cat-file --batch`) into memory, choosing them by the rules the
loader walks folders by (suffixes, skipped folders, `exclude`), with the paths a lint run
from the same folder shows. An AsyncAPI document with an external `$ref` needs the files
beside it: for those revisions `export` writes the paths into a folder (`git archive`).
"""

from __future__ import annotations

import os
import re
import subprocess
import tarfile
from collections.abc import Sequence
from dataclasses import dataclass

from archlint.loader.walk import SKIPPED_FOLDERS, SUFFIXES, Excluder

# PEP 706's extraction filter where this Python has it (3.11.4+; Debian 12's 3.11.2 has not)
HAS_EXTRACT_FILTER = hasattr(tarfile, "data_filter")

WORKTREE = "WORKTREE"  # the name of the working tree, as a diff's head shows it
# A `$ref` to another file (not `#/...` within the document): the AsyncAPI loader reads it.
EXTERNAL_REF = re.compile(rb"""\$ref["']?\s*:\s*["']?(?!#)[^\s"']""")


class RevisionError(Exception):
    """A revision or path that cannot be read; the message is one line for the user."""


@dataclass(frozen=True)
class Repository:
    """The git repository holding `cwd`: its top folder, and `cwd` relative to it."""

    root: str
    prefix: str  # "" at the top, else "sub/dir/" (as `git rev-parse --show-prefix`)

    def git(self, *args: str) -> str:
        """The output of `git ARGS` run at the top; a failure is a RevisionError."""
        return _run(["git", "-C", self.root, *args]).decode("utf-8", "replace")

    def commit_of(self, revision: str) -> str:
        """The commit a revision names (a branch, tag, `HEAD~2`, a hash...)."""
        try:
            return self.git(
                "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
            ).strip()
        except RevisionError:
            raise RevisionError(
                f"unknown revision '{revision}': give a branch, tag or commit of this repository "
                "(fetch it first in a shallow clone), or a folder"
            ) from None

    def merge_base(self, base: str, head: str) -> str:
        try:
            return self.git("merge-base", base, head).strip()
        except RevisionError:
            raise RevisionError(
                f"'{base}' and '{head}' have no common ancestor: fetch more history "
                "(fetch-depth: 0 in GitHub Actions) or diff without --merge-base"
            ) from None

    def pathspecs(self, paths: Sequence[str], cwd: str) -> list[str]:
        """The paths (relative to `cwd`) relative to the top; a path outside the repository
        cannot be read at a revision."""
        found = []
        for given in paths:
            absolute = os.path.normpath(os.path.join(cwd, given))
            relative = os.path.relpath(absolute, self.root)
            if relative == os.pardir or relative.startswith(os.pardir + os.sep):
                raise RevisionError(
                    f"path '{given}' is not in the git repository at {self.root}: "
                    "a revision can only be read inside it; diff two folders instead"
                )
            found.append("." if relative == os.curdir else relative.replace(os.sep, "/"))
        return found

    def export(self, commit: str, pathspecs: Sequence[str], into: str) -> None:
        """Write the files under `pathspecs` at `commit` into the folder `into`, as they are
        in the repository. A path that does not exist at that commit is an empty folder: an
        estate that a later commit creates has nothing before it."""
        os.makedirs(into, exist_ok=True)
        present = [p for p in pathspecs if p == "." or self._exists(commit, p)]
        for missing in set(pathspecs) - set(present):
            os.makedirs(os.path.join(into, missing), exist_ok=True)
        if not present:
            return
        command = ["git", "-C", self.root, "archive", "--format=tar", commit, "--", *present]
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
            assert proc.stdout is not None
            with tarfile.open(fileobj=proc.stdout, mode="r|") as archive:
                if HAS_EXTRACT_FILTER:
                    archive.extractall(into, filter="data")
                else:  # git archive's paths stay inside the repository's tree anyway
                    archive.extractall(into)
            error = proc.stderr.read() if proc.stderr else b""
        if proc.returncode != 0:
            raise RevisionError(f"git archive {commit}: {_first_line(error)}")

    def files(
        self, commit: str, pathspecs: Sequence[str], exclude: Sequence[str]
    ) -> dict[str, bytes]:
        """The files a lint of `pathspecs` from this folder would read at `commit`, by the
        path it would show (relative to the folder): {path: content}."""
        listing = self.git("ls-tree", "-r", "-z", "--full-tree", commit, "--", *pathspecs)
        blobs: dict[str, str] = {}  # path from the top -> object id
        for entry in listing.split("\0"):
            meta, _, path = entry.partition("\t")
            if path and meta.split(" ")[1:2] == ["blob"]:
                blobs[path] = meta.split(" ")[2]
        venvs = {os.path.dirname(p) for p in blobs if os.path.basename(p) == "pyvenv.cfg"}
        chosen = _chosen(blobs, pathspecs, self.prefix, Excluder(exclude), venvs)
        contents = _cat_files(self.root, [blobs[p] for p in chosen.values()])
        return {shown: contents[blobs[path]] for shown, path in chosen.items()}

    def _exists(self, commit: str, path: str) -> bool:
        try:
            self.git("cat-file", "-e", f"{commit}:{path}")
        except RevisionError:
            return False
        return True


def needs_files_beside(files: dict[str, bytes]) -> bool:
    """Whether an AsyncAPI document refers to another file (then only a folder will do)."""
    return any(b"asyncapi" in data and EXTERNAL_REF.search(data) for data in files.values())


def _chosen(
    blobs: dict[str, str],
    pathspecs: Sequence[str],
    prefix: str,
    excluder: Excluder,
    venvs: set[str],
) -> dict[str, str]:
    """Shown path -> path from the top, of the blobs the loader's walk would read: a path
    named itself whatever its suffix, else the .yaml/.yml/.json files below the paths, but
    those in skipped folders, virtual environments or matching `exclude`."""
    chosen = {}
    for path in sorted(blobs):
        shown = os.path.relpath(path, prefix or ".").replace(os.sep, "/")
        parts = [p for p in shown.split("/") if p not in ("", ".")]
        named = path in pathspecs
        if not named:
            folders = path.split("/")[:-1]
            if not path.lower().endswith(SUFFIXES) or SKIPPED_FOLDERS & set(folders):
                continue
            if any("/".join(folders[: i + 1]) in venvs for i in range(len(folders))):
                continue
        ancestors = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        if any(excluder.matches(a, parts[: i + 1]) for i, a in enumerate(ancestors)):
            continue
        chosen[shown] = path
    return chosen


def _cat_files(root: str, ids: Sequence[str]) -> dict[str, bytes]:
    """Object id -> content, in one `git cat-file --batch`."""
    if not ids:
        return {}
    stdin = "".join(f"{i}\n" for i in ids).encode()
    raw = subprocess.run(
        ["git", "-C", root, "cat-file", "--batch"], input=stdin, capture_output=True, check=False
    )
    if raw.returncode != 0:
        raise RevisionError(f"git cat-file: {_first_line(raw.stderr)}")
    out, at, data = {}, 0, raw.stdout
    while at < len(data):
        header_end = data.index(b"\n", at)
        object_id, _, size = data[at:header_end].decode().split(" ")
        start = header_end + 1
        out[object_id] = data[start : start + int(size)]
        at = start + int(size) + 1
    return out


def repository_at(cwd: str) -> Repository:
    """The repository holding `cwd`; not in one is a RevisionError."""
    try:
        root = _run(["git", "-C", cwd, "rev-parse", "--show-toplevel"]).decode().strip()
        prefix = _run(["git", "-C", cwd, "rev-parse", "--show-prefix"]).decode().strip()
    except RevisionError:
        raise RevisionError(
            f"{cwd} is not in a git repository: give two folders to diff instead of revisions"
        ) from None
    return Repository(os.path.realpath(root), prefix)


def _run(command: list[str]) -> bytes:
    try:
        done = subprocess.run(command, capture_output=True, check=False)
    except OSError as error:
        raise RevisionError(f"cannot run git: {error.strerror}; install git") from None
    if done.returncode != 0:
        raise RevisionError(_first_line(done.stderr) or f"{' '.join(command[3:])} failed")
    return done.stdout


def _first_line(raw: bytes) -> str:
    lines = raw.decode("utf-8", "replace").strip().splitlines()
    return lines[0].removeprefix("fatal: ") if lines else ""
