"""Deliver stage: hand finished PDFs to CUPS through its command-line client.

Jobs go in through `lp` and printers are listed with `lpstat`, which every CUPS
install has; nothing here needs compiling. Takes paths only; never looks inside a Plan.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from stretchplan.errors import Problem, UserError, checked_choice
from stretchplan.media.pages import CUPS_MEDIA, PAGE_SIZES, size_name
from stretchplan.media.reading import RefusedFile, open_regular, read_capped, size_words

CLIENT_PACKAGE = "cups-client"  # Debian/Ubuntu package that ships lp and lpstat


SIDES = {True: "two-sided-long-edge", False: "one-sided"}


MAX_COPIES = 100
MAX_PRINT_BYTES = 512 * 1024 * 1024  # a whole class's handouts in one PDF is a few MiB


WAIT_LIMIT = 600.0  # seconds --wait gives a job before calling it stuck


COMMAND_TIMEOUT = 60.0


VIEWER_HINT = "You can still open the PDF in any PDF viewer and print it from there."


Progress = Callable[[str], None]


@dataclass(frozen=True)
class PrintOptions:
    """How to print. None means "leave it to the printer" (or, for page size, the PDF)."""

    printer: str | None = None
    copies: int = 1
    duplex: bool | None = None
    page_size: str | None = None


@dataclass(frozen=True)
class Job:
    id: str  # CUPS request id, e.g. "office-42"
    file: Path
    printer: str
    pages: int

    @property
    def number(self) -> int:
        return int(self.id.rsplit("-", 1)[1])


@dataclass(frozen=True)
class Outcome:
    """Where a job ended up after --wait."""

    job: Job
    ok: bool
    summary: str


@dataclass(frozen=True)
class Printer:
    name: str
    state: str  # idle | printing | stopped
    message: str = ""
    is_default: bool = False


@dataclass(frozen=True)
class PrintReport:
    """What was sent to the printer."""

    options: PrintOptions
    jobs: list[Job]

    def lines(self) -> list[str]:
        copies = f" × {self.options.copies} copies" if self.options.copies > 1 else ""
        return [
            f"Sent {job.file} to {job.printer} as job {job.id} ({_pages(job.pages)}{copies})"
            for job in self.jobs
        ]


def outcome_lines(outcomes: Sequence[Outcome]) -> list[str]:
    lines = [f"{o.job.id}: {o.summary}" for o in outcomes]
    failed = sum(not o.ok for o in outcomes)
    if failed:
        lines.append(f"{failed} of {len(outcomes)} print jobs did not print; see above.")
    return lines


def print_files(paths: Sequence[Path], options: PrintOptions) -> PrintReport:
    """Print finished PDFs, one CUPS job each; returns the jobs sent.

    Every file is checked before anything is sent, so one bad file prints nothing. This is
    the one entry point for `print`, `handout --print` and `batch --print` (which passes
    its combined file); follow the jobs with `wait_for_jobs(report.jobs)`.
    """
    _check_options(options)
    documents, problems = [], []
    for path in paths:
        try:
            documents.append((path, *read_printable(path)))
        except UserError as exc:
            problems += exc.problems
    if problems:
        raise UserError(problems)
    printer = check_ready(options)
    jobs = [
        _submit(path, data, pages, size, printer, options) for path, data, pages, size in documents
    ]
    return PrintReport(options, jobs)


def check_ready(options: PrintOptions) -> str:
    """Fail early, in plain words, unless CUPS can take a job; returns the printer to use."""
    _check_options(options)
    _client()
    _check_scheduler()
    return resolve_printer(options.printer)


def print_after_writing(wanted: bool, printer: str | None, copies: int) -> PrintOptions | None:
    """Options for a command that prints what it makes (`--print`), checked up front so
    a missing printer is found before anything is written; None when not printing."""
    if not wanted:
        if printer is not None or copies != 1:
            flag = "printer" if printer is not None else "copies"
            raise UserError(Problem("only applies when printing; add [[print]]", field=flag))
        return None
    options = PrintOptions(printer=printer, copies=copies)
    return PrintOptions(check_ready(options), copies)


def read_printable(path: Path) -> tuple[bytes, int, str | None]:
    """The bytes of a finished PDF, its page count and page size name (letter, a4 or None).

    The bytes read here are the bytes sent to CUPS, so a file replaced or cut short after
    this check cannot reach the printer half-written.
    """
    where = str(path)
    try:
        with open_regular(path, "PDF file") as fh:
            data = fh.read(1024)
            if b"%PDF-" not in data:
                raise UserError(Problem("is not a PDF (it does not start with %PDF-)", file=where))
            too_big = os.fstat(fh.fileno()).st_size > MAX_PRINT_BYTES  # a shortcut to no
            rest = None if too_big else read_capped(fh, MAX_PRINT_BYTES - len(data))
    except RefusedFile as exc:
        reason = "no such file" if exc.reason == "file not found" else exc.reason
        raise UserError(Problem(reason, file=where)) from None
    except OSError as exc:
        raise UserError(Problem(f"cannot be read: {exc.strerror}", file=where)) from None
    if rest is None:
        limit = size_words(MAX_PRINT_BYTES)
        raise UserError(Problem(f"is larger than {limit}, too much to print at once", file=where))
    data += rest
    if b"%%EOF" not in data[-1024:]:
        raise UserError(
            Problem(
                "is not a complete PDF (it does not end with %%EOF): it may still be being "
                "written, or it was cut short. Make it again, then print the new file.",
                file=where,
            )
        )
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise UserError(Problem("is damaged and cannot be read as a PDF", file=where)) from None
    try:
        pages, size = len(pdf), None
        if pages:
            first = pdf[0]
            size = size_name(first.get_size())
            first.close()
    finally:
        pdf.close()
    if not pages:
        raise UserError(Problem("has no pages to print", file=where))
    return data, pages, size


def resolve_printer(name: str | None) -> str:
    """The CUPS name of `name` (any case), else the default printer; plain errors otherwise."""
    known = lines_of(run("lpstat", "-e"))
    if not known:
        raise UserError(
            "CUPS does not know any printer yet. Add yours in the system's printer settings "
            f"(or at http://localhost:631/admin), then try again. {VIEWER_HINT}"
        )
    if name is None:
        default = default_printer()
        if default is None:
            raise UserError(
                "no printer chosen and CUPS has no default printer. Choose one with "
                f"[[printer]]. Printers: {', '.join(known)}."
            )
        return default
    for candidate in known:
        if candidate.casefold() == name.casefold():  # CUPS names ignore case
            return candidate
    folded = {k.casefold(): k for k in known}
    close = difflib.get_close_matches(name.casefold(), list(folded), n=1, cutoff=0.6)
    hint = f' Did you mean "{folded[close[0]]}"?' if close else ""
    raise UserError(
        Problem(f'no printer called "{name}".{hint} Printers: {", ".join(known)}.', field="printer")
    )


def default_printer() -> str | None:
    match = re.search(r"destination:\s*(\S+)", run("lpstat", "-d"))
    return match.group(1) if match else None


def list_printers() -> list[Printer]:
    """Every printer CUPS knows, with its state and whether it is the default."""
    _client()
    _check_scheduler()
    return parse_printers(run("lpstat", "-p"), default_printer())


def parse_printers(text: str, default: str | None) -> list[Printer]:
    printers: list[Printer] = []
    header = re.compile(r"^printer (\S+) (is idle|now printing|disabled)")
    for line in text.splitlines():
        match = header.match(line)
        if match:
            name, state = match.groups()
            state = {"is idle": "idle", "now printing": "printing"}.get(state, "stopped")
            printers.append(Printer(name, state, is_default=name == default))
        elif printers and line.startswith((" ", "\t")) and line.strip():
            last = printers[-1]
            message = f"{last.message} {line.strip()}".strip()
            printers[-1] = Printer(last.name, last.state, message, last.is_default)
    return printers


def _submit(
    path: Path, data: bytes, pages: int, size: str | None, printer: str, options: PrintOptions
) -> Job:
    args = ["-d", printer, "-t", path.name, "-n", str(options.copies)]
    page_size = checked_choice("page_size", options.page_size, tuple(PAGE_SIZES)) or size
    if page_size:
        args += ["-o", f"media={CUPS_MEDIA[page_size]}"]
    if options.duplex is not None:
        args += ["-o", f"sides={SIDES[options.duplex]}"]
    # The checked bytes go in on stdin, so what prints is exactly what was checked.
    out = run("lp", *args, stdin=data, about=path)
    match = re.search(r"request id is (\S+-\d+)", out)
    if not match:
        raise RuntimeError(f"unexpected answer from lp: {out!r}")
    return Job(match.group(1), path, printer, pages)


def _check_options(options: PrintOptions) -> None:
    if not 1 <= options.copies <= MAX_COPIES:
        raise UserError(
            Problem(f"expected 1 to {MAX_COPIES} copies, got {options.copies}", field="copies")
        )
    checked_choice("page_size", options.page_size, tuple(PAGE_SIZES))


def _pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"


def _client() -> None:
    missing = [tool for tool in ("lp", "lpstat") if shutil.which(tool) is None]
    if missing:
        raise UserError(
            f"printing needs the CUPS client programs ({' and '.join(missing)} not found). "
            f"On Debian or Ubuntu install them with: sudo apt-get install {CLIENT_PACKAGE}. "
            f"{VIEWER_HINT}"
        )


def _check_scheduler() -> None:
    answer = run("lpstat", "-r")
    if "not running" in answer or "is running" not in answer:
        raise UserError(
            f"the print service (the CUPS scheduler, cupsd, at {server_address()}) is not running. "
            "Start it (on most Linux systems: sudo systemctl start cups) and try again. "
            f"{VIEWER_HINT}"
        )


def server_address() -> str:
    return run("lpstat", "-H").strip() or "localhost:631"


def run(*argv: str, stdin: bytes | None = None, about: Path | None = None) -> str:
    """Run a CUPS client command in the C locale (its output is parsed); stdout as text."""
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    try:
        done = subprocess.run(
            argv,
            input=stdin,
            capture_output=True,
            env=env,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        _client()
        raise
    except subprocess.TimeoutExpired:
        raise UserError(
            f"the print service did not answer within {COMMAND_TIMEOUT:g} seconds "
            f"({' '.join(argv[:2])}). {VIEWER_HINT}"
        ) from None
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0 and argv[0] == "lp":
        message = re.sub(r"^lp:\s*(Error\s*-\s*)?", "", err) or f"lp exited with {done.returncode}"
        raise UserError(
            Problem(f"the print service refused the job: {message}", file=str(about or ""))
        )
    return out


def lines_of(text: str, first_word: bool = False) -> list[str]:
    rows = [line.strip() for line in text.splitlines() if line.strip()]
    return [row.split()[0] for row in rows] if first_word else rows
