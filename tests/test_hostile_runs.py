"""Runs a clumsy user or an unlucky machine spoils: a damaged photo cache, Ctrl-C before
the command has even started, and more worker processes than the machine can hold.

Each case runs the real command line in a subprocess, with test_hostile's time and
memory limits, in the small valid workspace of test_bad_inputs.
"""

from __future__ import annotations

import io
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from stretchplan.batch.workers import MAX_JOBS, capped_jobs, cores
from tests.conftest import ROOT
from tests.test_bad_inputs import workspace
from tests.test_hostile import MEMORY_LIMIT, TIME_LIMIT, hostile

HANDOUT = ("handout", "--name", "Ana", "--program", "relief", "--date", "2026-03-14")


def photo() -> bytes:
    """A photo with detail (a flat colour would survive any damage to its JPEG)."""
    image = Image.new("RGB", (600, 400))
    image.putdata(
        [((x * 7) % 256, (y * 5) % 256, (x * y) % 256) for y in range(400) for x in range(600)]
    )
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def embedded_images(pdf: Path) -> list[Image.Image]:
    """Every image in the PDF, decoded whole (a truncated JPEG fails here)."""
    found = []
    for page in pypdf.PdfReader(pdf).pages:
        for image in page.images:
            decoded = Image.open(io.BytesIO(image.data))
            decoded.load()
            found.append(decoded)
    return found


def truncate(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])


def garbage(entry: Path) -> None:
    entry.write_bytes(b"not a jpeg at all " * 100)


def empty(entry: Path) -> None:
    entry.write_bytes(b"")


def flipped_byte(entry: Path) -> None:
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0xFF  # still a JPEG from end to end, with wrong pixels
    entry.write_bytes(bytes(data))


def a_folder(entry: Path) -> None:
    entry.unlink()
    entry.mkdir()
    (entry / "x").write_text("x")


def a_fifo(entry: Path) -> None:
    entry.unlink()
    os.mkfifo(entry)


def link_to_zero(entry: Path) -> None:
    entry.unlink()
    entry.symlink_to("/dev/zero")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "cut short": truncate,
    "garbage": garbage,
    "empty": empty,
    "one byte flipped": flipped_byte,
    "a folder in its place": a_folder,
    "a FIFO in its place": a_fifo,
    "a link to /dev/zero": link_to_zero,
}


@pytest.mark.parametrize("damage", list(DAMAGE.values()), ids=list(DAMAGE))
def test_a_damaged_photo_cache_entry_is_made_again(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, damage: Callable[[Path], None]
) -> None:
    workspace(workdir, {"photo.png": photo()})
    monkeypatch.setenv("STRETCHPLAN_CACHE_DIR", str(workdir / "cache"))
    first = hostile(*HANDOUT, "-o", "first.pdf", cwd=workdir)
    assert first.returncode == 0, first.stderr
    entries = sorted((workdir / "cache" / "images").glob("*.jpg"))
    assert entries, "the photo was cached"
    for entry in entries:
        damage(entry)
    for attempt in ("again.pdf", "third.pdf"):  # and every later handout is whole too
        result = hostile(*HANDOUT, "-o", attempt, cwd=workdir)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        # Remade exactly as before: the same bytes as the handout made with a sound cache.
        assert (workdir / attempt).read_bytes() == (workdir / "first.pdf").read_bytes()
        assert embedded_images(workdir / attempt)
    assert all(entry.is_file() for entry in entries)


def test_a_damaged_cache_entry_is_made_again_in_a_batch(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = "name,program\n" + "".join(f"Client {i},relief\n" for i in range(6))
    workspace(workdir, {"photo.png": photo(), "class.csv": roster})
    monkeypatch.setenv("STRETCHPLAN_CACHE_DIR", str(workdir / "cache"))
    assert hostile(*HANDOUT, "-o", "first.pdf", cwd=workdir).returncode == 0
    for entry in (workdir / "cache" / "images").glob("*.jpg"):
        truncate(entry)
    result = hostile("batch", "class.csv", "--jobs", "2", "--date", "2026-03-14", cwd=workdir)
    assert result.returncode == 0, result.stderr
    for pdf in (workdir / "handouts").glob("*.pdf"):
        assert embedded_images(pdf)


# ----------------------------------------------------------------------------- Ctrl-C

EARLY = [0.0, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1]  # after Python has started, seconds
COMMANDS = {
    "handout": HANDOUT,
    "check": ("check",),
    "batch": ("batch", "class.csv", "--date", "2026-03-14"),
    "preview": ("preview", "nothing.pdf"),
    "--help": ("--help",),
}


def _memory_limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _interrupted(args: tuple[str, ...], cwd: Path, delay: float) -> tuple[int, str]:
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "cli.py"), *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_memory_limit,  # noqa: PLW1509 - a fresh child, as in test_hostile
    )
    time.sleep(delay)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=TIME_LIMIT)
    return child.returncode, err


def _python_start() -> float:
    """How long this Python takes to start (site.py and the machine's .pth files) before
    it runs the first line of a script: the fastest of a few tries."""
    times = []
    for _ in range(3):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - began)
    return min(times)


def _in_python_itself(err: str) -> bool:
    """Stopped while Python itself was starting (before cli.py's first line ran): its
    own words, in no frame of ours. Nothing stretchplan can change."""
    bare = err.strip() == "KeyboardInterrupt"  # while cli.py was being compiled
    # Its only frame cli.py's "line 0": raised as the module began, before its first line.
    unstarted = err.count('File "') == 1 and 'cli.py", line 0, in <module>' in err
    # Python's own start-up frames (<frozen zipimport> checking argv[0], site.py running
    # a .pth file of the virtual environment, which may live inside the checkout as
    # .venv) may name cli.py or the checkout; a frame of ours is in cli.py or the package.
    ours = any(f'File "{mine}' in err for mine in (ROOT / "cli.py", ROOT / "stretchplan"))
    ours = ours or f"site-packages{os.sep}stretchplan{os.sep}" in err  # an installed copy
    return bare or unstarted or ("Traceback" in err and not ours)


@pytest.mark.parametrize("args", list(COMMANDS.values()), ids=list(COMMANDS))
def test_ctrl_c_in_the_first_moments_exits_130_without_a_traceback(
    workdir: Path, args: tuple[str, ...]
) -> None:
    workspace(workdir, {"class.csv": "name,program\nAna,relief\nBen,relief\n"})
    finished = hostile(*args, cwd=workdir).returncode  # what it ends with when left alone
    start = _python_start()
    ours = 0
    for delay in [0.0, 0.005, *(start + d for d in EARLY)]:
        code, err = _interrupted(args, workdir, delay)
        if _in_python_itself(err):
            continue
        ours += 1
        assert "Traceback" not in err, f"after {delay:.3f} s:\n{err}"
        # -SIGINT: stopped before Python set up its own handler; a shell shows 130 too.
        assert code in (130, -signal.SIGINT, finished), f"after {delay:.3f} s: exit {code}\n{err}"
        assert not list(workdir.rglob("*.part")), "a half-written file was left behind"
    assert ours >= len(EARLY) // 2, "most interrupts came while stretchplan itself ran"


# ----------------------------------------------------------------------------- --jobs


def test_jobs_beyond_the_machine_are_capped_with_a_note(workdir: Path) -> None:
    roster = "name,program\n" + "".join(f"Client {i},relief\n" for i in range(4))
    workspace(workdir, {"class.csv": roster})
    cap = min(MAX_JOBS, 2 * cores())
    for asked in ("300", "1000000"):
        result = hostile("batch", "class.csv", "--jobs", asked, "--force", cwd=workdir)
        assert result.returncode == 0, result.stderr
        assert f"note: {asked} parallel processes asked for;" in result.stderr
        assert f"so {cap} were used" in result.stderr
        assert "Made 4 handouts" in result.stdout or "already up to date" in result.stdout


def test_jobs_within_the_machine_say_nothing(workdir: Path) -> None:
    workspace(workdir, {"class.csv": "name,program\nAna,relief\nBen,relief\n"})
    result = hostile("batch", "class.csv", "--jobs", "2", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "parallel processes" not in result.stderr


@pytest.mark.parametrize("asked", ["0", "-3", "many"])
def test_jobs_that_are_no_count_are_refused(workdir: Path, asked: str) -> None:
    workspace(workdir, {"class.csv": "name,program\nAna,relief\n"})
    result = hostile("batch", "class.csv", "--jobs", asked, cwd=workdir)
    assert result.returncode == 2, result.stderr
    assert "--jobs" in result.stderr and "Traceback" not in result.stderr
    assert not (workdir / "handouts").exists()


def test_capped_jobs_keeps_to_two_a_core_and_the_ceiling() -> None:
    cap = min(MAX_JOBS, 2 * cores())
    assert capped_jobs(cap) is None
    assert capped_jobs(1) is None
    capped = capped_jobs(cap + 1)
    assert capped is not None and capped[0] == cap
    assert "303 parallel processes asked for" in (capped_jobs(303) or (0, ""))[1]
