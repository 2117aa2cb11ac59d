"""Render stage: photos' SHA-256, remembered in the cache folder by what stat says.

A photo's small copy is named by the photo's content, so every new process used to
read and hash each photo it prints whole (a phone photo is a few megabytes: a
handout of six spent some 15 ms on it, more when the file was no longer in memory).
The answer is kept here as a one-line file named by the photo's path, device,
inode, size and its modification and change times: writing to a file changes its
change time (which no program can set back), so an edited photo is a new name and
is read again. Each file carries a SHA-256 over its name's key and its digest: a
damaged one is read as missing, and the photo hashed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from stretchplan.deliver.files import write_cache_entry

FORMAT = "stretchplan photo sum 1"
_HEX = re.compile(r"[0-9a-f]{64}")


def known_sum(folder: Path, path: str, compute: Callable[[], str]) -> str:
    """The SHA-256 of the file at `path`: from `folder` when it was hashed as it is now,
    else `compute()` (and remembered in `folder`, when it can be written)."""
    try:
        st = Path(path).stat()
    except OSError:
        return compute()  # which says why the photo cannot be read
    about = (
        f"{FORMAT}|{path}|{st.st_dev}|{st.st_ino}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}"
    )
    name = hashlib.sha256(about.encode()).hexdigest()[:40]
    entry = folder / f"{name}.txt"
    with contextlib.suppress(OSError, UnicodeDecodeError, ValueError):
        with entry.open("rb") as fh:
            digest, check = fh.read(200).decode("ascii").split()
        if _HEX.fullmatch(digest) and check == _check(about, digest):
            return digest
    digest = compute()
    with contextlib.suppress(OSError):  # a folder we cannot write: hash again next time
        write_cache_entry(entry, f"{digest} {_check(about, digest)}\n".encode())
    return digest


def _check(about: str, digest: str) -> str:
    return hashlib.sha256(f"{about}|{digest}".encode()).hexdigest()
