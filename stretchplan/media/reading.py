"""Opening an input file without trusting it: a regular file, read no further than a cap.

Every stage that reads a file a user named (library, brand, roster, font, photo, logo,
the PDF to print or preview) opens it here. A FIFO, a device, a folder or a symbolic
link that loops is refused by name before anything is read, so `/dev/zero` cannot grow
memory and a FIFO cannot hang the command; the size cap is enforced by the read itself
(a file may grow after its size was looked at, and devices report no size at all).
Imports nothing of ours but errors; render, deliver and load may all use it.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from stretchplan.errors import Problem, UserError, display_name

_CHUNK = 1 << 20


class RefusedFile(Exception):  # noqa: N818 - reads as what happened to the file
    """Why a file cannot be read, as words that follow its name ("is a FIFO ...")."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def real_path(path: Path) -> Path:
    """`path` made absolute with links followed where they lead somewhere; a link that
    loops stays as written (Path.resolve raises on it), to be refused when it is read."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path.cwd() / path  # an absolute path stays as it is


def _a(what: str) -> str:
    return f"an {what}" if what[:1] in "aeiou" else f"a {what}"


def _kind(mode: int, what: str) -> str | None:
    """Why a file of this mode is not a `what`, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return f"is a folder, not {_a(what)}"
    if stat.S_ISFIFO(mode):
        return f"is a pipe (FIFO), not {_a(what)}; give the file itself"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return f"is a device, not {_a(what)}"
    if stat.S_ISSOCK(mode):
        return f"is a socket, not {_a(what)}"
    return f"is not a regular file, so it cannot be {_a(what)}"


def _os_reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "file not found"
    if exc.errno == errno.ELOOP:
        return "is a symbolic link that leads back to itself (a loop); point it at a real file"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long for this system"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied"
    return f"cannot be read: {exc.strerror or exc}"


@contextmanager
def open_regular(path: str | Path, what: str = "file") -> Iterator[BinaryIO]:
    """A binary file object for `path`, once it is known to be a regular file.

    Raises RefusedFile. The kind of file is checked before opening (nothing to hang
    on) and again on the open descriptor (a file swapped in between is caught too).
    """
    try:
        mode = Path(path).stat().st_mode
    except OSError as exc:
        raise RefusedFile(_os_reason(exc)) from None
    except ValueError:  # a NUL byte in the name
        raise RefusedFile("file not found") from None
    if (why := _kind(mode, what)) is not None:
        raise RefusedFile(why)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise RefusedFile(_os_reason(exc)) from None
    try:
        if (why := _kind(os.fstat(fd).st_mode, what)) is not None:
            raise RefusedFile(why)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file: reads then behave as usual
        fh = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with fh:
        yield fh


def read_capped(fh: BinaryIO, limit: int) -> bytes | None:
    """Up to `limit` bytes from `fh`, or None when there is more than that."""
    parts: list[bytes] = []
    left = limit + 1
    while left > 0:
        chunk = fh.read(min(_CHUNK, left))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    data = b"".join(parts)
    return None if len(data) > limit else data


def size_words(limit: int) -> str:
    if limit >= 1 << 20:
        return f"{limit / (1 << 20):g} MiB"
    return f"{limit // 1024} KiB"


def bounded_bytes(path: str | Path, what: str, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; raises RefusedFile."""
    try:
        with open_regular(path, what) as fh:
            # The size told is only a shortcut for saying no; the read itself is capped.
            too_big = os.fstat(fh.fileno()).st_size > limit
            data = None if too_big else read_capped(fh, limit)
    except OSError as exc:
        raise RefusedFile(_os_reason(exc)) from None
    if data is None:
        raise RefusedFile(f"is larger than the limit of {size_words(limit)} for {_a(what)}")
    return data


def read_input(path: Path, what: str, limit: int) -> bytes:
    """bounded_bytes() for a file the user named: a refusal is a UserError naming it."""
    try:
        return bounded_bytes(path, what, limit)
    except RefusedFile as exc:
        raise UserError(refusal(path, what, exc.reason)) from None


def refusal(path: Path, what: str, reason: str) -> Problem:
    """The Problem for a refused file: "roster not found", "is a FIFO ..."."""
    message = f"{what} not found" if reason == "file not found" else reason
    return Problem(message, file=display_name(path))
