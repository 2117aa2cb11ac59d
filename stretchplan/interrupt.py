"""Ctrl-C at any moment: exit 130 without a traceback, whatever was loading.

Until the command line is ready, nothing has been written, so an interrupt may end
the process at once; from then on Ctrl-C raises KeyboardInterrupt as usual, so a
command (a batch above all) can finish the file it is writing and say where it
stopped. Imports nothing of ours: it runs before anything else is loaded.
"""

from __future__ import annotations

import os
import signal
from types import FrameType

STOPPED = 130  # what a shell reports for a command ended by Ctrl-C (128 + SIGINT)


def _stop_now(signum: int, frame: FrameType | None) -> None:
    os._exit(STOPPED)  # nothing is written yet: there is nothing to finish


def quiet_while_starting() -> None:
    """Let Ctrl-C end the process silently while modules load."""
    signal.signal(signal.SIGINT, _stop_now)


def as_usual() -> None:
    """Ctrl-C raises KeyboardInterrupt again, for the command to stop in good order."""
    signal.signal(signal.SIGINT, signal.default_int_handler)


def ignored() -> None:
    """Ctrl-C once the command is done and the interpreter is shutting down: ignored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
