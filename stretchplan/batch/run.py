"""Batch: a roster in, one PDF per row out, plus a manifest and an optional combined file.

The same load -> plan -> render -> deliver pipeline as one handout, run once
per roster row. The library and brand come loaded in the Workspace; rows are
planned once, in this process, and rendered by a pool of worker processes forked
after the Workspace's Renderer is warm. A bad row fails alone. Every PDF and the
manifest are written atomically, so a batch killed at any moment leaves only
complete files, and running it again skips the rows whose output is already
correct (same inputs digest, same bytes on disk).
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stretchplan import __version__
from stretchplan.batch.manifest import (
    MANIFEST,
    Manifest,
    folder_lock,
    remove_temp_files,
)
from stretchplan.batch.results import LAYOUTS, BatchChoices, BatchResult, RowResult
from stretchplan.batch.targets import (
    check_combined,
    check_not_someone_elses,
    file_sha256,
    unique_name,
)
from stretchplan.batch.workers import (
    Done,
    Rendered,
    Task,
    capped_jobs,
    commit_rendered,
    cores,
    pool,
    render_task,
)
from stretchplan.deliver.disk import writing
from stretchplan.deliver.files import ensure_replaceable, output_name
from stretchplan.errors import Problem, UserError, checked_choice, display_name, unknown_id
from stretchplan.load.roster import Roster, RosterRow, load_roster
from stretchplan.pipeline import Inputs, plan_for
from stretchplan.plan import Options, Plan

if TYPE_CHECKING:
    from stretchplan.render.renderer import Renderer


def run_batch(
    roster_file: Path, choices: BatchChoices, inputs: Inputs, renderer: Renderer
) -> BatchResult:
    """Make every row's PDF with a workspace's loaded inputs and its renderer; structural
    problems raise UserError before anything is written."""
    layout = checked_choice("layout", choices.layout, LAYOUTS) or "handout"
    if layout == "class-sheet" and choices.tracker_weeks:
        raise UserError(Problem("only handouts have a tracker", field="tracker"))
    options = choices.options(choices.today, inputs.labels.languages())
    roster = load_roster(roster_file, choices.sheet)
    _check_program(roster, inputs, choices.program)
    out_dir = choices.out_dir
    with writing(out_dir):
        a_file = out_dir.exists() and not out_dir.is_dir()
    if a_file:
        raise UserError(
            Problem("is a file, not a folder for the handouts", file=str(out_dir), field="out_dir")
        )
    if choices.combined is not None:
        check_combined(choices.combined, out_dir, choices.force)

    with folder_lock(out_dir):
        with writing(out_dir):
            remove_temp_files(out_dir, choices.combined)
            manifest, notes = Manifest.load(out_dir / MANIFEST)
        if choices.jobs is not None and (cap := capped_jobs(choices.jobs)) is not None:
            notes.append(cap[1])
            choices = replace(choices, jobs=cap[0])
        batch = _Batch(roster, inputs, renderer, choices, options, layout, manifest)
        try:
            batch.run()
        finally:
            manifest.save()
        result = BatchResult(batch.ordered(), out_dir, manifest.path, notes=notes)
        if choices.combined is not None:
            _write_combined(result, choices.combined)
    return result


def _check_program(roster: Roster, inputs: Inputs, program: str | None) -> None:
    known = [p.id for p in inputs.library.programs]
    if program is not None and inputs.library.program(program) is None:
        raise UserError(Problem(unknown_id("program", program, known), field="program"))
    if program is None and not roster.has_programs:
        listing = ", ".join(known) or "none in this library"
        raise UserError(
            Problem(
                "no program chosen: give [[program]], or add a program column to the "
                f"roster (available: {listing})",
                file=display_name(roster.path),
            )
        )


@dataclass(frozen=True)
class _Todo:
    index: int
    row: RosterRow
    file: str
    digest: str
    plan: Plan


# The parts of a Plan that rows on the same program and options have equal.
_SHAREABLE = ("sections", "program_notes", "goals", "brand", "labels")


class _Batch:
    def __init__(
        self,
        roster: Roster,
        inputs: Inputs,
        renderer: Renderer,
        choices: BatchChoices,
        options: Options,
        layout: str,
        manifest: Manifest,
    ) -> None:
        self.roster = roster
        self.inputs = inputs
        self.renderer = renderer
        self.choices = choices
        self.options = options
        self.layout = layout
        self.manifest = manifest
        self.results: dict[int, RowResult] = {}
        self._file_hashes: dict[str, str] = {}
        self._parts: dict[tuple[str, Any], Any] = {}  # see _shared
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

            def finished(done: Done) -> None:
                self._finish(by_index[done.index], done)
                progress.advance(bar)
                progress.refresh()

            # The first row renders here: it warms the font, QR and image caches
            # that the worker processes then inherit.
            finished(commit_rendered(render_task(self._task(todo[0]), self.renderer)))
            # Everything alive now lasts the whole batch. Frozen, the collector no
            # longer walks it after every document, and forked workers no longer
            # copy the pages it would have touched.
            gc.freeze()
            try:
                jobs = min(self.choices.jobs or cores(), len(todo) - 1)
                self._render_all(todo[1:], jobs, finished)
            finally:
                gc.unfreeze()  # a caller that goes on (a test, a script) gets its collector back

    def _render_all(self, todo: list[_Todo], jobs: int, finished: Callable[[Done], None]) -> None:
        """Render in `jobs` processes (or here, for one) while threads put the files in place.

        Workers render and stage each PDF beside its target; making it durable
        (fsync) waits on the disk, not the processor, so threads of this process
        do that and the rename, and no worker waits. A few rows are in flight at
        a time, planned as they go: memory stays flat however long the roster.
        """
        queue = iter(todo)
        in_flight = 2 * jobs if jobs > 1 else 1
        renders: set[Future[Rendered]] = set()
        commits: set[Future[Done]] = set()
        if jobs > 1:
            self.renderer.before_fork()
        workers = pool(jobs, self.renderer)
        # Its threads start with the first commit, after the pool has forked its workers.
        committer = ThreadPoolExecutor(2, "stretchplan-commit")
        try:
            while True:
                while len(renders) < in_flight and len(commits) <= in_flight:
                    item = next(queue, None)
                    if item is None:
                        break
                    renders.add(workers.submit(render_task, self._task(item)))
                if not renders and not commits:
                    break
                waiting: list[Future[Any]] = [*renders, *commits]
                wait(waiting, return_when=FIRST_COMPLETED)
                for render in [f for f in renders if f.done()]:
                    renders.remove(render)
                    commits.add(committer.submit(commit_rendered, render.result()))
                for done in [f for f in commits if f.done()]:
                    commits.remove(done)
                    finished(done.result())
        finally:
            workers.shutdown(wait=True, cancel_futures=True)
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
            file = unique_name(
                output_name(plan.date, plan.client_name, plan.program_id, kind), taken
            )
            digest = self._digest(plan)
            target = self.choices.out_dir / file
            entry = self.manifest.get(file)
            if (
                entry is not None
                and entry.get("inputs") == digest
                and file_sha256(target) == entry.get("sha256")
            ):
                pages = int(entry.get("pages", 0))
                self.results[index] = RowResult(row.line, row.name, target, pages, skipped=True)
                if (entry.get("row"), entry.get("name")) != (row.line, row.name):
                    self._record(_Todo(index, row, file, digest, plan), entry["sha256"], pages)
                continue
            try:
                if not self.choices.force:
                    check_not_someone_elses(target, entry, display_name(self.roster.path))
                ensure_replaceable(target, self.choices.force)
            except UserError as exc:
                self._fail(index, row, exc.problems)
                continue
            todo.append(_Todo(index, row, file, digest, plan))
        return todo

    def _plan(self, index: int, row: RosterRow) -> Plan | None:
        if row.client is None:
            self._fail(index, row, row.problems)
            return None
        try:
            plan = plan_for(self.inputs, row.client, self.options, self.choices.program)
        except UserError as exc:
            self._fail(index, row, exc.problems)
            return None
        return self._shared(plan)

    def _shared(self, plan: Plan) -> Plan:
        """`plan` holding the same objects as earlier rows' plans for the parts they have
        equal (the program's sections and notes, the brand, ...): every row's plan lives
        until the batch ends, and a thousand copies of a program's exercises would make
        memory grow with the roster (about 10 KiB a row)."""
        shared = {}
        for name in _SHAREABLE:
            value = getattr(plan, name)
            try:
                kept = self._parts.setdefault((name, value), value)
            except TypeError:  # not hashable: this row keeps its own
                continue
            if kept is not value:
                shared[name] = kept
        return replace(plan, **shared) if shared else plan

    def _task(self, item: _Todo) -> Task:
        return Task(item.index, item.plan, self.layout, str(self.choices.out_dir / item.file))

    def _fail(
        self, index: int, row: RosterRow, problems: list[Problem] | tuple[Problem, ...]
    ) -> None:
        where = display_name(self.roster.path)
        located = tuple(p if p.file else replace(p, file=where, line=row.line) for p in problems)
        self.results[index] = RowResult(row.line, row.name, problems=located)

    def _finish(self, item: _Todo, done: Done) -> None:
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
                self._file_hashes[path] = file_sha256(Path(path)) or "missing"
            digest.update(f"\n{path} {self._file_hashes[path]}".encode())
        return digest.hexdigest()


def _write_combined(result: BatchResult, target: Path) -> None:
    from stretchplan.deliver.combine import combine

    parts = [(row.name, row.file) for row in result.rows if row.file is not None]
    if not parts:
        result.notes.append(f"no row was made, so {target} was not written")
        return
    result.combined_pages = combine(parts, target)
    result.combined = target
