"""stretchplan.render.sums: a photo's SHA-256 remembered by what stat says about it."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from stretchplan.render.sums import known_sum


def _counting(path: Path, calls: list[int]):  # type: ignore[no-untyped-def]
    def compute() -> str:
        calls.append(1)
        return hashlib.sha256(path.read_bytes()).hexdigest()

    return compute


def test_a_photo_is_hashed_once_until_it_is_written_to(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"first picture" * 1000)
    cache, calls = tmp_path / "cache", []  # type: ignore[var-annotated]
    cache.mkdir()
    first = known_sum(cache, str(photo), _counting(photo, calls))
    assert first == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert known_sum(cache, str(photo), _counting(photo, calls)) == first
    assert len(calls) == 1  # the second answer came from the folder
    # The same size, the modification time set back: the change time still tells.
    before = photo.stat()
    time.sleep(0.05)  # file times tick with the kernel's coarse clock (a few ms)
    photo.write_bytes(b"other picture" * 1000)
    os.utime(photo, ns=(before.st_atime_ns, before.st_mtime_ns))
    again = known_sum(cache, str(photo), _counting(photo, calls))
    assert again == hashlib.sha256(photo.read_bytes()).hexdigest() != first
    assert len(calls) == 2


def test_a_damaged_entry_is_read_as_missing(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"a picture" * 500)
    cache, calls = tmp_path / "cache", []  # type: ignore[var-annotated]
    cache.mkdir()
    right = known_sum(cache, str(photo), _counting(photo, calls))
    (entry,) = cache.iterdir()
    _, check = entry.read_text().split()
    entry.write_text(f"{'0' * 64} {check}\n")  # another digest under the old check
    assert known_sum(cache, str(photo), _counting(photo, calls)) == right
    entry.write_bytes(b"\xff\xfe garbage")
    assert known_sum(cache, str(photo), _counting(photo, calls)) == right
    assert len(calls) == 3


def test_a_folder_that_cannot_be_written_still_answers(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"a picture")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    calls: list[int] = []
    for _ in range(2):
        digest = known_sum(blocked, str(photo), _counting(photo, calls))
        assert digest == hashlib.sha256(b"a picture").hexdigest()
    assert len(calls) == 2
