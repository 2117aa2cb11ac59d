"""Writing PDFs safely: atomic replace, safe names, no clobbering of other people's files."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from slugify import slugify

from stretchplan.deliver.disk import not_a_file, writing
from stretchplan.errors import Problem, UserError
from stretchplan.media.reading import RefusedFile, bounded_bytes
from stretchplan.seal import Seal, subject, verdict


@functools.cache
def _umask() -> int:
    # Reading the umask means setting it and putting it back. Done once, under a lock:
    # batch writes from several threads, and a thread that read it while another
    # had it set would give its file the wrong permissions.
    with _UMASK_LOCK:
        umask = os.umask(0o022)
        os.umask(umask)
    return umask


_UMASK_LOCK = threading.Lock()
MARKER = b"/Creator (stretchplan"  # in the Info dictionary of every PDF we make
MAX_SLUG = 60


def output_name(date: dt.date, client_name: str | None, program_id: str, kind: str = "") -> str:
    """'2026-11-25-zoe-lukasiewicz-piriformis-relief.pdf': ASCII, no path separators.

    No client (a class sheet for anyone) leaves the name out; `kind` (e.g.
    "class-sheet") tells other layouts of the same plan apart.
    """
    parts = [date.isoformat()]
    if client_name is not None:
        parts.append(slugify(client_name, max_length=MAX_SLUG, word_boundary=True) or "client")
    parts.append(slugify(program_id, max_length=MAX_SLUG) or "plan")
    if kind:
        parts.append(slugify(kind))
    return "-".join(parts) + ".pdf"


def made_by_us(path: Path) -> bool:
    """True when `path` is a PDF stretchplan wrote (safe to regenerate in place)."""
    try:
        data = bounded_bytes(path, "PDF", 64 * 1024 * 1024)
    except RefusedFile:
        return False
    return data.startswith(b"%PDF-") and MARKER in data and verdict(data) is not Seal.BROKEN


def _changed_or_not_for(path: Path, new: bytes | None) -> str | None:
    """Why a PDF stretchplan made must not be replaced by `new`: edited since, or made
    for someone else (another client whose name gives the same file name)."""
    try:
        old = bounded_bytes(path, "PDF", 64 * 1024 * 1024)
    except RefusedFile:
        return None
    if MARKER in old and verdict(old) is Seal.BROKEN:
        return (
            "was changed after stretchplan made it (annotated or edited?); choose another "
            "name or add [[force]] to replace it"
        )
    if new is not None and MARKER in old and subject(old) != subject(new):
        return (
            "was made for another client whose name gives the same file name; "
            "choose another name with -o or add [[force]] to replace it"
        )
    return None


def ensure_replaceable(
    path: Path,
    force: bool,
    ours: Callable[[Path], bool] = made_by_us,
    new: bytes | None = None,
) -> None:
    """Refuse to overwrite a file the user made, unless they said --force.

    `ours` tells our own files from theirs (default: PDFs stretchplan wrote and
    nobody changed since); `new`, the bytes about to replace it, lets a handout
    for another client with the same file name be refused too.
    """
    with writing(path):
        if path.is_dir():
            raise UserError(Problem("is a folder; give a file name ending in .pdf", file=str(path)))
        exists = path.exists()
    if (why := not_a_file(path)) is not None:
        raise UserError(Problem(why, file=str(path)))
    why = _changed_or_not_for(path, new) if exists and not force and ours is made_by_us else None
    if why is not None:
        raise UserError(Problem(why, file=str(path)))
    if exists and not force and not ours(path):
        raise UserError(
            Problem(
                "already exists and was not made by stretchplan; choose another name "
                "or add [[force]] to replace it",
                file=str(path),
            )
        )


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new, never half."""
    commit(stage(path, data), path)


def write_cache_entry(path: Path, data: bytes) -> None:
    """Write one file of a cache folder whole or not at all (another process may be
    reading it now). Not made durable: an entry lost in a crash is only made again."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_temp_prefix(path), suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def stage(path: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `path`; `commit` puts it in place.

    The two halves let a batch's workers write while a thread of the main
    process waits for the disk. A temporary file left by a crash between the
    two is named like `.NAME.XXXX.part`, never like a finished PDF.
    """
    with writing(path):
        make_folder(path.parent)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_temp_prefix(path), suffix=".part")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
            raise
    return Path(tmp)


def make_folder(folder: Path) -> None:
    """`folder` and its parents, made if missing; a file in the way is named plainly."""
    with writing(folder):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise UserError(
                Problem("is a file where a folder has to be; move it away", file=str(folder))
            ) from None


def _temp_prefix(path: Path) -> str:
    # The temporary name adds a dot and mkstemp's suffix: keep it within the system's
    # limit even when the final name is near it, so only the final rename can fail.
    return f".{path.name[:200]}."


def commit(staged: Path, path: Path) -> None:
    """Make a staged file durable and let it replace `path` in one step."""
    try:
        with writing(path):
            with staged.open("rb+") as fh:  # fsync wants a descriptor open for writing
                os.fsync(fh.fileno())
            staged.chmod(0o666 & ~_umask())
            staged.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise


def save(
    data: bytes,
    default_name: str,
    output: Path | str | None,
    force: bool,
    out_dir: Path = Path("handouts"),
) -> Path:
    """Write a PDF where -o says (a file, or a folder for the default name), else into
    `out_dir`; refuses to replace a file stretchplan did not make unless `force`."""
    target = resolve_target(output, out_dir, default_name)
    ensure_replaceable(target, force, new=data)
    write_atomic(target, data)
    return target


def resolve_target(output: Path | str | None, out_dir: Path, default_name: str) -> Path:
    """-o as given: a file, a folder (ends in / or exists) for the default name, or nothing.

    Give -o as the string typed: a Path has already lost the trailing "/" that says
    "a folder" (made when missing)."""
    if output is None:
        return out_dir / default_name
    folder = isinstance(output, str) and output.endswith(("/", os.sep))
    with writing(Path(output)):
        if folder or Path(output).is_dir():
            return Path(output) / default_name
    return Path(output)
