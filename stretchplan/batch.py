"""Batch: a roster in, one PDF per row out, plus a manifest and an optional combined file.

The same load -> plan -> render -> deliver pipeline as one handout, run once
per roster row. The library and brand are loaded once; rows are planned in
this process and rendered by a pool of worker processes forked after the
caches (fonts, QR codes, images) are warm. A bad row fails alone. Every PDF
and the manifest are written atomically, so a batch killed at any moment
leaves only complete files, and running it again skips the rows whose output
is already correct (same inputs digest, same bytes on disk).
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import gc
import hashlib
import json
import multiprocessing
import os
import re
import signal
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from dataclasses import dataclass, field, replace
from importlib.metadata import version
from pathlib import Path
from typing import Any

from stretchplan import __version__
from stretchplan.deliver.files import commit, ensure_replaceable, output_name, stage, write_atomic
from stretchplan.errors import Problem, UserError, checked_choice, unknown_id
from stretchplan.load.roster import Roster, RosterRow, load_roster
from stretchplan.load.yamlsrc import display_name
from stretchplan.pipeline import (
    Inputs,
    Look,
    class_sheet_pdf,
    handout_pdf,
    label_book,
    load_inputs,
    plan_for,
    text_table,
)
from stretchplan.plan import Options, Plan

LAYOUTS = ("handout", "class-sheet")
MANIFEST = "stretchplan-manifest.json"
_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>
_TEMP = re.compile(r"^\..+\.(pdf|json)\.[A-Za-z0-9_]+\.part$")  # what deliver.files.stage leaves


@dataclass(frozen=True, kw_only=True)
class BatchChoices(Look):
    """Everything about a batch that is not the roster."""

    today: dt.date
    program: str | None = None
    layout: str = "handout"
    out_dir: Path = Path("handouts")
    combined: Path | None = None
    jobs: int | None = None  # None: one per core
    library: Path | None = None
    brand: Path | None = None
    force: bool = False
    progress: bool = False  # a progress bar on stderr (for a terminal)


@dataclass(frozen=True)
class RowResult:
    """What became of one roster row."""

    line: int
    name: str
    file: Path | None = None  # the row's PDF, made now or already up to date
    pages: int = 0
    skipped: bool = False  # already up to date, not rendered again
    problems: tuple[Problem, ...] = ()
    bug: str | None = None  # a traceback: not the trainer's mistake but ours

    @property
    def ok(self) -> bool:
        return self.file is not None


@dataclass
class BatchResult:
    rows: list[RowResult]
    out_dir: Path
    manifest: Path
    combined: Path | None = None
    combined_pages: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def made(self) -> list[RowResult]:
        return [r for r in self.rows if r.ok and not r.skipped]

    @property
    def skipped(self) -> list[RowResult]:
        return [r for r in self.rows if r.skipped]

    @property
    def failed(self) -> list[RowResult]:
        return [r for r in self.rows if not r.ok]

    @property
    def print_files(self) -> list[Path]:
        """What `--print` should send: the combined file (one stack, roster order) if made."""
        if self.combined is not None:
            return [self.combined]
        return [r.file for r in self.rows if r.file is not None]


def run_batch(roster_file: Path, choices: BatchChoices) -> BatchResult:
    """Make every row's PDF; structural problems raise UserError before anything is written."""
    layout = checked_choice("--layout", choices.layout, LAYOUTS) or "handout"
    if layout == "class-sheet" and choices.tracker_weeks:
        raise UserError(Problem("only handouts have a tracker", field="--tracker"))
    options = choices.options(choices.today, label_book(choices.brand).languages())
    roster = load_roster(roster_file)
    inputs = load_inputs(choices.library, choices.brand)
    _check_program(roster, inputs, choices.program)
    out_dir = choices.out_dir
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(Problem("is a file; --out-dir needs a folder", file=str(out_dir)))
    if choices.combined is not None:
        _check_combined(choices.combined, out_dir, choices.force)

    with _folder_lock(out_dir):
        _remove_temp_files(out_dir, choices.combined)
        manifest, notes = Manifest.load(out_dir / MANIFEST)
        batch = _Batch(roster, inputs, choices, options, layout, manifest)
        try:
            batch.run()
        finally:
            manifest.save()
        result = BatchResult(batch.ordered(), out_dir, manifest.path, notes=notes)
        if choices.combined is not None:
            _write_combined(result, choices.combined)
    return result


def summary(result: BatchResult) -> str:
    """The rows that failed, as a table a trainer can work through."""
    rows = [("ROW", "NAME", "PROBLEM")]
    for row in result.failed:
        name = row.name if len(row.name) <= 40 else row.name[:39] + "…"
        problems = [_problem_text(p) for p in row.problems] or ["internal error (see above)"]
        for i, text in enumerate(problems):
            rows.append((str(row.line), name or "(no name)", text) if i == 0 else ("", "", text))
    return text_table(rows)


def _problem_text(problem: Problem) -> str:
    # The row number is in its own column; keep the field and the message.
    return f"{problem.field}: {problem.message}" if problem.field else problem.message


# ----------------------------------------------------------------- checks before output


def _check_program(roster: Roster, inputs: Inputs, program: str | None) -> None:
    known = [p.id for p in inputs.library.programs]
    if program is not None and inputs.library.program(program) is None:
        raise UserError(Problem(unknown_id("program", program, known), field="--program"))
    if program is None and not roster.has_programs:
        listing = ", ".join(known) or "none in this library"
        raise UserError(
            Problem(
                "no program chosen: give --program ID, or add a program column to the "
                f"roster (available: {listing})",
                file=display_name(roster.path),
            )
        )


def _check_combined(target: Path, out_dir: Path, force: bool) -> None:
    if target.suffix.lower() != ".pdf":
        raise UserError(Problem("the combined file's name must end in .pdf", field="--combined"))
    if target.resolve() == (out_dir / MANIFEST).resolve():
        raise UserError(Problem("that name belongs to the manifest", field="--combined"))
    ensure_replaceable(target, force)


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """One batch at a time per output folder (the lock dies with the process, even on kill -9)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; run one batch per folder
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(
                Problem(
                    "another stretchplan batch is writing to this folder; wait for it to "
                    "finish or choose another --out-dir",
                    file=str(folder),
                )
            ) from None
        yield
    finally:
        os.close(fd)


def _remove_temp_files(out_dir: Path, combined: Path | None) -> None:
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


# -------------------------------------------------------------------------- manifest


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
            data = json.loads(path.read_text(encoding="utf-8"))
            outputs = data["outputs"]
            entries = {str(e["file"]): e for e in outputs if isinstance(e, dict)}
        except (OSError, ValueError, KeyError, TypeError):
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


# ---------------------------------------------------------------------------- batch


@dataclass(frozen=True)
class _Task:
    """One row to render, small enough to send to a worker process."""

    index: int
    plan: Plan
    layout: str
    target: str


@dataclass(frozen=True)
class _Rendered:
    """A worker's answer: its PDF staged beside the target (not yet in place), or why not."""

    index: int
    target: str
    staged: str | None = None
    sha256: str = ""
    pages: int = 0
    problems: tuple[Problem, ...] = ()
    bug: str | None = None


@dataclass(frozen=True)
class _Done:
    index: int
    sha256: str = ""
    pages: int = 0
    problems: tuple[Problem, ...] = ()
    bug: str | None = None


@dataclass(frozen=True)
class _Todo:
    index: int
    row: RosterRow
    file: str
    digest: str


class _Batch:
    def __init__(
        self,
        roster: Roster,
        inputs: Inputs,
        choices: BatchChoices,
        options: Options,
        layout: str,
        manifest: Manifest,
    ) -> None:
        self.roster = roster
        self.inputs = inputs
        self.choices = choices
        self.options = options
        self.layout = layout
        self.manifest = manifest
        self.results: dict[int, RowResult] = {}
        self._file_hashes: dict[str, str] = {}
        # Looked up once: importlib.metadata reads the installed files on every call.
        self._versions = f"stretchplan {__version__}; reportlab {version('reportlab')}; {layout}"

    def ordered(self) -> list[RowResult]:
        return [self.results[i] for i in sorted(self.results)]

    def run(self) -> None:
        todo = self._prepare()
        if not todo:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        what = "class sheets" if self.layout == "class-sheet" else "handouts"
        progress = Progress(
            TextColumn(f"Making {what}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),  # stdout carries the results
            disable=not self.choices.progress,
            auto_refresh=False,  # no refresh thread: worker processes are forked later
            transient=True,
        )
        by_index = {item.index: item for item in todo}
        with progress:
            bar = progress.add_task(what, total=len(todo))

            def finished(done: _Done) -> None:
                self._finish(by_index[done.index], done)
                progress.advance(bar)
                progress.refresh()

            # The first row renders here: it warms the font, QR and image caches
            # that the worker processes then inherit.
            finished(_commit(_render(self._task(todo[0]))))
            # Everything alive now lasts the whole batch. Frozen, the collector no
            # longer walks it after every document, and forked workers no longer
            # copy the pages it would have touched.
            gc.freeze()
            try:
                jobs = min(self.choices.jobs or _cores(), len(todo) - 1)
                self._render_all(todo[1:], jobs, finished)
            finally:
                gc.unfreeze()  # a caller that goes on (a test, a script) gets its collector back

    def _render_all(self, todo: list[_Todo], jobs: int, finished: Callable[[_Done], None]) -> None:
        """Render in `jobs` processes (or here, for one) while threads put the files in place.

        Workers render and stage each PDF beside its target; making it durable
        (fsync) waits on the disk, not the processor, so threads of this process
        do that and the rename, and no worker waits. A few rows are in flight at
        a time, planned as they go: memory stays flat however long the roster.
        """
        queue = iter(todo)
        in_flight = 2 * jobs if jobs > 1 else 1
        renders: set[Future[_Rendered]] = set()
        commits: set[Future[_Done]] = set()
        pool = _pool(jobs)
        # Its threads start with the first commit, after the pool has forked its workers.
        committer = ThreadPoolExecutor(2, "stretchplan-commit")
        try:
            while True:
                while len(renders) < in_flight and len(commits) <= in_flight:
                    item = next(queue, None)
                    if item is None:
                        break
                    renders.add(pool.submit(_render, self._task(item)))
                if not renders and not commits:
                    break
                waiting: list[Future[Any]] = [*renders, *commits]
                wait(waiting, return_when=FIRST_COMPLETED)
                for render in [f for f in renders if f.done()]:
                    renders.remove(render)
                    commits.add(committer.submit(_commit, render.result()))
                for done in [f for f in commits if f.done()]:
                    commits.remove(done)
                    finished(done.result())
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            committer.shutdown(wait=True)  # a started commit finishes: it is atomic anyway
            # Stopped early: files rendered and staged, but never to be committed.
            finished_renders = [f for f in renders if f.done() and not f.cancelled()]
            for render in finished_renders:
                staged = None if render.exception() else render.result().staged
                if staged:
                    Path(staged).unlink(missing_ok=True)

    # ---- pass 1: plan every row, name its file, decide whether it needs rendering

    def _prepare(self) -> list[_Todo]:
        todo = []
        taken: set[str] = set()
        for index, row in enumerate(self.roster.rows):
            plan = self._plan(index, row)
            if plan is None:
                continue
            kind = "class-sheet" if self.layout == "class-sheet" else ""
            file = _unique(output_name(plan.date, plan.client_name, plan.program_id, kind), taken)
            digest = self._digest(plan)
            target = self.choices.out_dir / file
            entry = self.manifest.get(file)
            if (
                entry is not None
                and entry.get("inputs") == digest
                and _sha256(target) == entry.get("sha256")
            ):
                pages = int(entry.get("pages", 0))
                self.results[index] = RowResult(row.line, row.name, target, pages, skipped=True)
                if (entry.get("row"), entry.get("name")) != (row.line, row.name):
                    self._record(_Todo(index, row, file, digest), entry["sha256"], pages)
                continue
            try:
                ensure_replaceable(target, self.choices.force)
            except UserError as exc:
                self._fail(index, row, exc.problems)
                continue
            todo.append(_Todo(index, row, file, digest))
        return todo

    def _plan(self, index: int, row: RosterRow) -> Plan | None:
        if row.client is None:
            self._fail(index, row, row.problems)
            return None
        try:
            return plan_for(self.inputs, row.client, self.options, self.choices.program)
        except UserError as exc:
            self._fail(index, row, exc.problems)
            return None

    def _task(self, item: _Todo) -> _Task:
        plan = self._plan(item.index, item.row)
        assert plan is not None  # planned once already in _prepare; planning is pure
        return _Task(item.index, plan, self.layout, str(self.choices.out_dir / item.file))

    def _fail(
        self, index: int, row: RosterRow, problems: list[Problem] | tuple[Problem, ...]
    ) -> None:
        where = display_name(self.roster.path)
        located = tuple(p if p.file else replace(p, file=where, line=row.line) for p in problems)
        self.results[index] = RowResult(row.line, row.name, problems=located)

    def _finish(self, item: _Todo, done: _Done) -> None:
        row = item.row
        if done.problems or done.bug:
            self._fail(item.index, row, done.problems)
            self.results[item.index] = replace(self.results[item.index], bug=done.bug)
            return
        target = self.choices.out_dir / item.file
        self.results[item.index] = RowResult(row.line, row.name, target, done.pages)
        self._record(item, done.sha256, done.pages)

    def _record(self, item: _Todo, sha256: str, pages: int) -> None:
        self.manifest.record(
            {
                "file": item.file,
                "row": item.row.line,
                "name": item.row.name,
                "roster": display_name(self.roster.path),
                "layout": self.layout,
                "pages": pages,
                "sha256": sha256,
                "inputs": item.digest,
            }
        )

    def _digest(self, plan: Plan) -> str:
        """Everything that decides the output's bytes: the plan, the files it names, versions."""
        digest = hashlib.sha256()
        digest.update(self._versions.encode())
        digest.update(repr(plan).encode())
        brand = plan.brand
        files = [brand.font_regular, brand.font_bold, brand.font_italic]
        files += [brand.logo] if brand.logo else []
        files += [image for item in plan.exercises for image in item.images]
        for path in files:
            if path not in self._file_hashes:
                self._file_hashes[path] = _sha256(Path(path)) or "missing"
            digest.update(f"\n{path} {self._file_hashes[path]}".encode())
        return digest.hexdigest()


def _unique(name: str, taken: set[str]) -> str:
    """A second "Jean-Luc Picard" gets ...-2.pdf, a third -3, and so on."""
    stem, number, candidate = name.removesuffix(".pdf"), 1, name
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}.pdf"
    taken.add(candidate)
    return candidate


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _worker_init(parent: int) -> None:
    # Ctrl-C is for the main process, which stops the pool; workers just finish.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker would outlive a main process killed with kill -9, waiting
    # for work forever; on Linux ask the kernel to end it together with its parent.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent was already gone before prctl
        os._exit(1)


def _render(task: _Task) -> _Rendered:
    """Render one row and stage its file (in a worker, or here for --jobs 1); never raises."""
    try:
        plan = task.plan
        pdf = class_sheet_pdf(plan) if task.layout == "class-sheet" else handout_pdf(plan)
        staged = stage(Path(task.target), pdf)
        digest = hashlib.sha256(pdf).hexdigest()
        return _Rendered(task.index, task.target, str(staged), digest, page_count(pdf))
    except UserError as exc:
        return _Rendered(task.index, task.target, problems=tuple(exc.problems))
    except Exception:
        return _Rendered(task.index, task.target, bug=traceback.format_exc())
    finally:
        # reportlab's documents are webs of reference cycles: free each one now,
        # rather than letting a few hundred pile up between automatic collections.
        gc.collect()


def _commit(rendered: _Rendered) -> _Done:
    """Make a staged PDF durable and put it in place (on a thread); never raises."""
    if rendered.staged is None:
        return _Done(rendered.index, problems=rendered.problems, bug=rendered.bug)
    try:
        commit(Path(rendered.staged), Path(rendered.target))
    except Exception:
        return _Done(rendered.index, bug=traceback.format_exc())
    return _Done(rendered.index, rendered.sha256, rendered.pages)


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")  # a page object, not the /Pages tree


def page_count(pdf: bytes) -> int:
    """Pages in a PDF that reportlab made (page objects are never compressed there)."""
    return len(_PAGE.findall(pdf))


class _Inline:
    """The process pool's interface, running each task at once in this process."""

    def submit(self, fn: Callable[[_Task], _Rendered], task: _Task) -> Future[_Rendered]:
        future: Future[_Rendered] = Future()
        future.set_result(fn(task))
        return future

    def shutdown(self, wait: bool, cancel_futures: bool) -> None:
        return None


def _pool(jobs: int) -> ProcessPoolExecutor | _Inline:
    if jobs <= 1:
        return _Inline()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_worker_init, initargs=(os.getpid(),)
    )


def _write_combined(result: BatchResult, target: Path) -> None:
    from stretchplan.deliver.combine import combine

    parts = [(row.name, row.file) for row in result.rows if row.file is not None]
    if not parts:
        result.notes.append(f"no row was made, so {target} was not written")
        return
    result.combined_pages = combine(parts, target)
    result.combined = target
