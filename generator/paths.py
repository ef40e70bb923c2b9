"""What the build may read and publish: regular files inside their own folder of the project.

Plans come from `plans/`, reference data from `data/`, original texts (`source.file`) from
`data/sources/`, and MkDocs reads `docs/` and `overrides/`. Every path is resolved after
following symbolic links and must end at a regular file inside its folder: an absolute path,
a `..` or a symlink leaving the folder would publish a file of the machine that builds (CI
secrets in `/proc/self/environ`) in a pull request's site; a FIFO waits for ever when read,
`/dev/zero` never ends, a directory cannot be read. Such paths are refused with a reason,
which callers turn into located problems.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

SOURCES = "data/sources"
"""The folder of the original texts (`source.file`), relative to the project."""


class Refused(NamedTuple):
    """Why a file is not read: `code` as in `Problem.code`; `reason` follows the file's
    name in a message (`file is a FIFO (named pipe), not a regular file`)."""

    code: str
    """`outside-folder`, `missing`, `not-a-file`, `unreadable` or `file-too-large`."""
    reason: str


def mib(size: int) -> str:
    """A size in MiB as messages print it (`20.0 MiB`)."""
    return f"{size / 1048576:.1f} MiB"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something else"


def not_regular(path: Path) -> Refused | None:
    """Why `path` (symlinks followed) is not a readable regular file, or None."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if path.is_symlink():
            target = os.readlink(path)
            return Refused("missing", f"is a symbolic link to {target}, which does not exist")
        return Refused("missing", "does not exist")
    except OSError as exc:  # a symlink loop, a permission error …
        return _unreadable(exc)
    return None if stat.S_ISREG(mode) else _special(mode)


def _special(mode: int) -> Refused:
    return Refused("not-a-file", f"is {_kind(mode)}, not a regular file")


def _unreadable(exc: OSError) -> Refused:
    return Refused("unreadable", f"cannot be read ({exc.strerror})")


def _too_large(size: str, limit: int) -> Refused:
    return Refused("file-too-large", f"is {size}; the limit is {limit // 1048576} MiB")


class Folder:
    """A folder of the project (`plans`, `data/sources` …) whose files the build reads."""

    def __init__(self, root: Path, name: str) -> None:
        self.name = name
        self.lexical = os.path.normpath(os.path.abspath(root / name))
        self.project = os.path.realpath(root)
        self.real = os.path.join(self.project, name)
        """The project resolved, then the folder's name: a folder that is itself a symlink
        out of the project does not make its files acceptable."""

    @property
    def path(self) -> Path:
        return Path(self.lexical)

    def outside(self, path: Path) -> Refused | None:
        """Why `path`, after following symlinks, is not inside the folder, or None (the
        folder itself is not outside: it is refused as a directory)."""
        real = os.path.realpath(path)
        if real == self.real or real.startswith(self.real + os.sep):
            return None
        named = os.path.normpath(os.path.abspath(path))
        if not named.startswith(self.lexical + os.sep):
            return Refused("outside-folder", f"is outside {self.name}/")
        # it leaves through a symlink: name where to, inside the project or as written
        if real.startswith(self.project + os.sep):
            to = os.path.relpath(real, self.project)
        elif os.path.islink(path):
            to = os.readlink(path)
        else:
            to = real
        return Refused("outside-folder", f"is a symbolic link to {to}, outside {self.name}/")

    def refusal(self, path: Path) -> Refused | None:
        """Why the build must not read `path` as a file of the folder, or None if it may."""
        return self.outside(path) or not_regular(path)


def read_bounded(path: Path, limit: int) -> bytes | Refused:
    """The bytes of the regular file `path`, or why not (too large, not regular, unreadable).

    Opened without blocking (a FIFO swapped in after a check must not hang the build) and
    checked on the open file; at most `limit` + 1 bytes are read, whatever the size says."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return not_regular(path) or _unreadable(exc)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return _special(info.st_mode)
        if info.st_size > limit:
            return _too_large(mib(info.st_size), limit)
        chunks, left = [], limit + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        return _unreadable(exc)
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    return _too_large(f"more than {mib(limit)}", limit) if len(raw) > limit else raw


def special_files(folder: Folder) -> list[tuple[Path, Refused]]:
    """Entries under `folder` that MkDocs would read but the build must not: symlinks leading
    out of it, and anything but regular files and directories (a FIFO, a device)."""
    top = folder.path
    if top.is_symlink():
        real = os.path.realpath(top)
        return [(top, Refused("outside-folder", f"is a symbolic link to {real}, not a folder"))]
    found: list[tuple[Path, Refused]] = []
    for here, dirs, files in os.walk(top):
        for name in sorted(dirs + files):
            path = Path(here) / name
            refused = folder.outside(path) if path.is_symlink() else None
            if refused is None and name in files:
                refused = not_regular(path)
            if refused is not None:
                found.append((path, refused))
    return found


def source_refusal(root: Path, file: str) -> Refused | None:
    """Why `source.file` (a path relative to the project) must not be published, or None."""
    return Folder(root, SOURCES).refusal(root / file)


def publishable_source(root: Path, file: str) -> bool:
    """Whether `source.file` may be copied into the site: the last guard where it is
    published (`planportal check` has refused any other with a located message)."""
    return source_refusal(root, file) is None
