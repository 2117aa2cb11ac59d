"""Running stretchplan as a trainer would, timed, with its memory read off /proc."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


def cli_command(root: Path) -> list[str]:
    """The checkout's CLI, run as a user runs it (a new interpreter each time)."""
    return [sys.executable, str(root / "cli.py")]


def run_cli(root: Path, args: Sequence[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [*cli_command(root), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"stretchplan {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return elapsed


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        todo += [int(c) for c in children]
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes; PSS shares pages fairly between forked processes."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return rss, pss


@dataclass
class TreeRun:
    seconds: float
    max_process_rss: int  # the kernel's high-water mark of the largest single process
    tree_rss: int  # sampled peak of the summed RSS of the process and its workers
    tree_pss: int  # the same in PSS: shared copy-on-write pages counted once


# A small interpreter that forks and execs the command, then reports wait4's rusage.
# Measuring through it matters: a process started straight from this one inherits
# this one's memory high-water mark through exec (Linux keeps it in ru_maxrss).
# wait4 merges the command's own peak with those of the workers it reaped, so
# ru_maxrss is the largest peak RSS of any process in the tree.
_LAUNCHER = """
import os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as fh:
    unit = 1 if sys.platform == "darwin" else 1024  # bytes there, KiB on Linux
    fh.write(f"{time.perf_counter() - started} {usage.ru_maxrss * unit}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_tree(root: Path, args: Sequence[str], cwd: Path, env: dict[str, str]) -> TreeRun:
    """Run the CLI, sampling the memory of its whole process tree every 20 ms."""
    report = cwd / "launcher.txt"
    proc = subprocess.Popen(
        [sys.executable, "-I", "-S", "-c", _LAUNCHER, str(report), *cli_command(root), *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    peaks = [0, 0]
    stop = threading.Event()
    sampling = Path("/proc/self/smaps_rollup").exists()

    def sample() -> None:
        while not stop.wait(0.02):
            usage = [_memory(p) for p in _tree(proc.pid)[1:]]  # the launcher aside
            peaks[0] = max(peaks[0], sum(u[0] for u in usage))
            peaks[1] = max(peaks[1], sum(u[1] for u in usage))

    sampler = threading.Thread(target=sample, daemon=True)
    if sampling:
        sampler.start()
    output, _ = proc.communicate()
    stop.set()
    if sampling:
        sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"stretchplan {' '.join(args)} failed:\n{output.decode()}")
    seconds, maxrss = report.read_text().split()
    report.unlink()
    return TreeRun(float(seconds), int(maxrss), peaks[0], peaks[1])
