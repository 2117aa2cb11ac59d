"""Studio face: printing from the page, through the same CUPS code as `stretchplan print`.

The page lists the printers (the default chosen) and sends a finished PDF with a number
of copies; the PDF is written to the studio's own temporary folder first, because
stretchplan.deliver.cups.print_files prints files (and checks each one before sending).
Every problem comes back in that code's words: no CUPS client, no scheduler, no
printer, an unknown printer name.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stretchplan.deliver import cups
from stretchplan.errors import InvalidInput, Problem

PRINT_FIELDS = ("printer", "copies")


@dataclass(frozen=True)
class PrintRequest:
    printer: str | None
    copies: int


def split_print_fields(body: Any) -> tuple[Any, PrintRequest]:
    """The print choices out of a request body, and the body without them."""
    if not isinstance(body, dict):
        return body, PrintRequest(None, 1)
    rest = {k: v for k, v in body.items() if k not in PRINT_FIELDS}
    problems = []
    printer = body.get("printer")
    if printer is not None and not isinstance(printer, str):
        problems.append(Problem("expected a printer's name", field="printer"))
        printer = None
    copies = body.get("copies", 1)
    if isinstance(copies, str) and copies.strip().isdigit():
        copies = int(copies)
    if isinstance(copies, bool) or not isinstance(copies, int):
        problems.append(Problem("expected a whole number of copies", field="copies"))
        copies = 1
    elif not 1 <= copies <= cups.MAX_COPIES:
        problems.append(
            Problem(f"expected 1 to {cups.MAX_COPIES} copies, got {copies}", field="copies")
        )
    if problems:
        raise InvalidInput(problems)
    return rest, PrintRequest((printer or "").strip() or None, copies)


def printers() -> dict[str, Any]:
    """{"printers": [{"name", "state", "message", "default"}], "problem": words or None}."""
    try:
        found = cups.list_printers()
        if not found:
            cups.resolve_printer(None)  # says, in `print`'s words, that there is none
    except InvalidInput as exc:
        return {"printers": [], "problem": " ".join(p.worded(_as_key) for p in exc.problems)}
    return {
        "printers": [
            {"name": p.name, "state": p.state, "message": p.message, "default": p.is_default}
            for p in found
        ],
        "problem": None,
    }


def print_pdf(pdf: bytes, name: str, wanted: PrintRequest) -> dict[str, Any]:
    """Print `pdf` (to be called as `name`); {"jobs": [...], "message": ...}."""
    with tempfile.TemporaryDirectory(prefix="stretchplan-print-") as folder:
        path = Path(folder) / name
        path.write_bytes(pdf)
        return print_file(path, wanted)


def print_file(path: Path, wanted: PrintRequest) -> dict[str, Any]:
    """Print a finished PDF the studio made; InvalidInput in CUPS's words when it can't."""
    options = cups.PrintOptions(printer=wanted.printer, copies=wanted.copies)
    report = cups.print_files([path], options)  # lp reads the checked bytes: then it's sent
    return {
        "jobs": [{"id": j.id, "printer": j.printer, "pages": j.pages} for j in report.jobs],
        "message": " ".join(report.lines()).replace(f"{path} ", f"{path.name} "),
    }


def _as_key(option: str) -> str:
    return option
