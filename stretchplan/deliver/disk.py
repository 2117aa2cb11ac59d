"""Deliver stage: what the file system says when an output cannot be written, in plain words.

Every writer (a PDF, a preview PNG, the manifest, a combined file, the files `init`
makes) goes through deliver.files, which wraps its work in `writing()`: an OSError
becomes one Problem naming the file, and the command exits 2 instead of printing
a traceback. Imports nothing of ours but errors.
"""

from __future__ import annotations

import errno
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from stretchplan.errors import Problem, UserError

_REASONS = {
    errno.EACCES: "permission denied: choose a folder you can write to",
    errno.EPERM: "permission denied: choose a folder you can write to",
    errno.EROFS: "the disk is read-only: choose a folder on another disk",
    errno.ENOSPC: "the disk is full; free some space and try again",
    errno.EDQUOT: "your disk quota is used up; free some space and try again",
    errno.EFBIG: "the file would be larger than this disk allows",
    errno.ENAMETOOLONG: "the file name is too long for this system; choose a shorter one",
    errno.ENOTDIR: "part of this path is a file, not a folder",
    errno.EISDIR: "it is a folder; give a file name",
    errno.EEXIST: "a file stands where a folder has to be made",
    errno.ELOOP: "the path goes through a symbolic link that loops",
    errno.EXDEV: "cannot be moved into place across disks",
    errno.EIO: "the disk reported an input/output error",
}


def write_problem(exc: OSError, path: Path) -> Problem:
    """The plain Problem for `exc`, raised while writing `path`."""
    code = exc.errno if exc.errno is not None else -1
    reason = _REASONS.get(code) or f"cannot be written: {exc.strerror or exc}"
    return Problem(f"cannot write here: {reason}", file=str(path))


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn a file-system error while writing `path` into a UserError naming it."""
    try:
        yield
    except OSError as exc:
        raise UserError(write_problem(exc, path)) from None


def not_a_file(path: Path) -> str | None:
    """Why an existing `path` cannot be replaced by a file we write (--force or not):
    a FIFO, a device or a socket. None when it is a regular file or is not there."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return write_problem(exc, path).message
    if stat.S_ISFIFO(mode):
        return "is a pipe (FIFO); give the name of a file to write"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file; give the name of a file to write"
    if stat.S_ISSOCK(mode):
        return "is a socket; give the name of a file to write"
    return None
