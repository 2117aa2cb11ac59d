"""Batch: the output folder's bookkeeping — the manifest of what each PDF was made
from, the lock that keeps one batch per folder, and the clean-up of a killed run."""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from stretchplan import __version__
from stretchplan.deliver.disk import writing
from stretchplan.deliver.files import make_folder, write_atomic
from stretchplan.errors import Problem, UserError, display_name
from stretchplan.media.reading import RefusedFile, bounded_bytes

MANIFEST = "stretchplan-manifest.json"
MAX_MANIFEST = 64 * 1024 * 1024  # a few hundred bytes a row


_TEMP = re.compile(r"^\..+\.(pdf|json)\.[A-Za-z0-9_]+\.part$")  # what deliver.files.stage leaves


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """One batch at a time per output folder (the lock dies with the process, even on kill -9)."""
    make_folder(folder)
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; run one batch per folder
        yield
        return
    with writing(folder):
        fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(
                Problem(
                    "another stretchplan batch is writing to this folder; wait for it to "
                    "finish or choose another [[out_dir]]",
                    file=str(folder),
                )
            ) from None
        yield
    finally:
        os.close(fd)


def remove_temp_files(out_dir: Path, combined: Path | None) -> None:
    """Temporary files a killed batch left behind (never a finished PDF)."""
    leftovers = [p for p in out_dir.iterdir() if _TEMP.match(p.name)]
    if combined is not None and combined.parent.is_dir():
        prefix = f".{combined.name}."
        leftovers += [
            p
            for p in combined.parent.iterdir()
            if p.name.startswith(prefix) and _TEMP.match(p.name)
        ]
    for path in leftovers:
        with contextlib.suppress(OSError):
            path.unlink()


class Manifest:
    """What each PDF in the folder was made from: rewritten atomically as rows finish.

    Keyed by file name, so several rosters can share an output folder. Writing
    the whole file costs time proportional to its length; after a slow write
    the next one waits a little, so a long roster doesn't spend its time here.
    """

    def __init__(self, path: Path, entries: dict[str, dict[str, Any]]) -> None:
        self.path = path
        self.entries = entries
        self._dirty = False
        self._next_save = 0.0

    @classmethod
    def load(cls, path: Path) -> tuple[Manifest, list[str]]:
        if not path.exists():
            return cls(path, {}), []
        try:
            data = json.loads(bounded_bytes(path, "manifest", MAX_MANIFEST).decode("utf-8"))
            outputs = data["outputs"]
            entries = {str(e["file"]): e for e in outputs if isinstance(e, dict)}
        except (RefusedFile, OSError, ValueError, KeyError, TypeError):
            note = f"{display_name(path)} could not be read; making every file again"
            return cls(path, {}), [note]
        folder = path.parent
        entries = {name: e for name, e in entries.items() if (folder / name).is_file()}
        return cls(path, entries), []

    def get(self, file: str) -> dict[str, Any] | None:
        return self.entries.get(file)

    def record(self, entry: dict[str, Any]) -> None:
        self.entries[entry["file"]] = entry
        self._dirty = True
        if time.monotonic() >= self._next_save:
            self.save()

    def save(self) -> None:
        if not self._dirty:
            return
        started = time.monotonic()
        ordered = sorted(self.entries.values(), key=lambda e: (e["roster"], e["row"], e["file"]))
        # One output a line: still easy to read and diff, and written by json's C
        # encoder (indent= would switch to the pure-Python one, ten times slower).
        lines = ",\n".join(json.dumps(e, ensure_ascii=False) for e in ordered)
        text = f'{{"stretchplan": {json.dumps(__version__)}, "outputs": [\n{lines}\n]}}\n'
        write_atomic(self.path, text.encode("utf-8"))
        self._dirty = False
        # Spend at most about 2% of the time rewriting the manifest: this process
        # shares the processor with the workers.
        self._next_save = time.monotonic() + 50 * (time.monotonic() - started)
