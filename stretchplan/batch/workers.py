"""Batch: rendering rows in worker processes and putting their files in place.

Workers are forked from the main process once its Renderer is warm (fonts,
cards and photos ready), so each inherits that Renderer; they stage each PDF
beside its target and threads of the main process make it durable.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from stretchplan.deliver.files import commit, stage
from stretchplan.errors import Problem, UserError
from stretchplan.media.pages import page_count
from stretchplan.plan import Plan
from stretchplan.render.renderer import Renderer

_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


class _WorkerState:
    renderer: Renderer | None = None


_WORKER = _WorkerState()  # in a worker process: the renderer it inherited


@dataclass(frozen=True)
class Task:
    """One row to render, small enough to send to a worker process."""

    index: int
    plan: Plan
    layout: str
    target: str


@dataclass(frozen=True)
class Rendered:
    """A worker's answer: its PDF staged beside the target (not yet in place), or why not."""

    index: int
    target: str
    staged: str | None = None
    sha256: str = ""
    pages: int = 0
    problems: tuple[Problem, ...] = ()
    bug: str | None = None


@dataclass(frozen=True)
class Done:
    index: int
    sha256: str = ""
    pages: int = 0
    problems: tuple[Problem, ...] = ()
    bug: str | None = None


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


MAX_JOBS = 32  # worker processes, whatever the machine: each holds a warm Renderer


def capped_jobs(asked: int) -> tuple[int, str] | None:
    """None when `asked` processes are sensible here; else the number to start instead and
    a note saying so. More than two a core only queue for the processor and fill memory,
    and a slip of the finger (300) would start 300 Pythons."""
    have = cores()
    cap = max(1, min(MAX_JOBS, 2 * have))
    if asked <= cap:
        return None
    plural = "s" if have > 1 else ""
    return cap, f"{asked} parallel processes asked for; this machine has {have} core{plural}, " + (
        f"so {cap} were used"
    )


def _worker_init(parent: int, renderer: Renderer) -> None:
    _WORKER.renderer = renderer  # inherited from the parent by the fork, warm
    # Ctrl-C is for the main process, which stops the pool; workers just finish.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker would outlive a main process killed with kill -9, waiting
    # for work forever; on Linux ask the kernel to end it together with its parent.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent was already gone before prctl
        os._exit(1)


def render_task(task: Task, renderer: Renderer | None = None) -> Rendered:
    """Render one row and stage its file (in a worker, or here for --jobs 1); never raises."""
    try:
        renderer = renderer or _WORKER.renderer
        assert renderer is not None, "a worker renders with the renderer it was forked with"
        plan = task.plan
        pdf = renderer.class_sheet(plan) if task.layout == "class-sheet" else renderer.handout(plan)
        staged = stage(Path(task.target), pdf)
        digest = hashlib.sha256(pdf).hexdigest()
        return Rendered(task.index, task.target, str(staged), digest, page_count(pdf))
    except UserError as exc:
        return Rendered(task.index, task.target, problems=tuple(exc.problems))
    except Exception:
        return Rendered(task.index, task.target, bug=traceback.format_exc())
    finally:
        # reportlab's documents are webs of reference cycles: free each one now,
        # rather than letting a few hundred pile up between automatic collections.
        gc.collect()


def commit_rendered(rendered: Rendered) -> Done:
    """Make a staged PDF durable and put it in place (on a thread); never raises."""
    if rendered.staged is None:
        return Done(rendered.index, problems=rendered.problems, bug=rendered.bug)
    try:
        commit(Path(rendered.staged), Path(rendered.target))
    except UserError as exc:  # the disk said no (full, read-only ...): this row failed
        return Done(rendered.index, problems=tuple(exc.problems))
    except Exception:
        return Done(rendered.index, bug=traceback.format_exc())
    return Done(rendered.index, rendered.sha256, rendered.pages)


class Inline:
    """The process pool's interface, running each task at once in this process."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer

    def submit(self, fn: Callable[[Task, Renderer], Rendered], task: Task) -> Future[Rendered]:
        future: Future[Rendered] = Future()
        future.set_result(fn(task, self.renderer))
        return future

    def shutdown(self, wait: bool, cancel_futures: bool) -> None:
        return None


def pool(jobs: int, renderer: Renderer) -> ProcessPoolExecutor | Inline:
    if jobs <= 1:
        return Inline(renderer)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_worker_init, initargs=(os.getpid(), renderer)
    )
