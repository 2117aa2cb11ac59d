"""Deliver stage: follow print jobs until they have printed, stopped or stalled.

A job's state is read over IPP (stretchplan.deliver.cups.ipp), falling back to
`lpstat` when the scheduler's socket can't be reached.
"""

from __future__ import annotations

import http.client
import shlex
import time
from collections.abc import Sequence
from dataclasses import dataclass

from stretchplan.deliver.cups.ipp import IppError, int_value, ipp_job_attributes
from stretchplan.deliver.cups.lp import (
    WAIT_LIMIT,
    Job,
    Outcome,
    Progress,
    lines_of,
    parse_printers,
    run,
    server_address,
)


@dataclass(frozen=True)
class Status:
    """One look at a job: its IPP job-state name and what the printer said about it."""

    # an IPP job-state name (pending, held, processing, stopped, canceled, aborted, completed),
    # or "printer-stopped" (pending behind a stopped printer) or "gone" (no longer known)
    state: str
    message: str = ""
    reasons: tuple[str, ...] = ()


JOB_STATES = {
    3: "pending",
    4: "held",
    5: "processing",
    6: "stopped",
    7: "canceled",
    8: "aborted",
    9: "completed",
}


def wait_for_jobs(
    jobs: Sequence[Job],
    progress: Progress | None = None,
    limit: float = WAIT_LIMIT,
    poll: float = 0.5,
) -> list[Outcome]:
    """Follow jobs until each has left the queue, stopped or stalled; one Outcome per job."""
    outcomes: dict[str, Outcome] = {}
    said: dict[str, str] = {}
    deadline = time.monotonic() + limit
    while True:
        for job in jobs:
            if job.id in outcomes:
                continue
            status = job_status(job)
            outcome = _settled(job, status)
            if outcome is not None:
                outcomes[job.id] = outcome
            elif progress and status.message and said.get(job.id) != status.message:
                said[job.id] = status.message
                progress(f"{job.id}: {status.message}")
        if len(outcomes) == len(jobs):
            return [outcomes[job.id] for job in jobs]
        if time.monotonic() > deadline:
            for job in jobs:
                outcomes.setdefault(
                    job.id,
                    Outcome(
                        job,
                        False,
                        f"still not printed after {limit / 60:g} minutes; it stays in the queue "
                        f"(remove it with: cancel {shlex.quote(job.id)})",
                    ),
                )
            return [outcomes[job.id] for job in jobs]
        time.sleep(poll)
        poll = min(poll * 1.5, 3.0)


def job_status(job: Job) -> Status:
    """Ask the scheduler over IPP; if IPP can't be reached, fall back to lpstat's queue list."""
    try:
        attrs = ipp_job_attributes(server_address(), job.number)
    except (OSError, http.client.HTTPException, IppError):
        queued = lines_of(run("lpstat", "-o", job.printer), first_word=True)
        return Status("processing" if job.id in queued else "gone")
    if attrs is None:  # purged from the history: it left the queue
        return Status("gone")
    state = JOB_STATES.get(int_value(attrs.get("job-state")), "pending")
    reasons = tuple(str(r) for r in attrs.get("job-state-reasons", []))
    message = str((attrs.get("job-printer-state-message") or [""])[0])
    if state == "pending":
        printers = parse_printers(run("lpstat", "-p", job.printer), None)
        stopped = printers[0] if printers else None
        if stopped is not None and stopped.state == "stopped":
            return Status("printer-stopped", stopped.message, reasons)
    return Status(state, message, reasons)


def _settled(job: Job, status: Status) -> Outcome | None:
    if status.state == "completed":
        return Outcome(job, True, f"printed ({job.file.name})")
    if status.state == "gone":
        return Outcome(job, True, f"left the queue ({job.file.name})")
    if status.state in ("canceled", "aborted"):
        why = f": {status.message}" if status.message else ""
        verb = "was cancelled" if status.state == "canceled" else "failed"
        return Outcome(job, False, f"{verb}{why} ({job.file.name})")
    if status.state == "held":
        return Outcome(
            job,
            False,
            f"is held in the queue{_because(status)}; release it with: lp -i {job.id} -H resume",
        )
    if status.state == "stopped":
        return Outcome(
            job,
            False,
            f"stopped{_because(status)}; it waits in the queue "
            f"(remove it with: cancel {shlex.quote(job.id)})",
        )
    if status.state == "printer-stopped":
        return Outcome(
            job,
            False,
            f"printer {job.printer} has stopped{_because(status)}; the job waits in the queue "
            "until the printer is fixed and resumed "
            f"(or remove it with: cancel {shlex.quote(job.id)})",
        )
    return None


def _because(status: Status) -> str:
    if status.message:
        return f" ({status.message})"
    reasons = [r for r in status.reasons if r != "none"]
    return f" ({', '.join(reasons)})" if reasons else ""
