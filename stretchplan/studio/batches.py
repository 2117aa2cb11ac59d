"""Studio face: a class batch from an uploaded roster, made in the background.

The page sends the roster's file as JSON (its name and its text, or base64 for a
workbook, with the sheet to read); the studio writes it into a folder of its own for
this run, reads it (a roster that cannot be read is refused at once, in the roster
reader's words) and then runs Workspace.batch in a thread with a workspace of its own
(its own Renderer, one process: the studio's renderer stays free for previews).
Progress is the number of finished PDFs in the run's folder; when the batch is over
the page offers the combined print file and a zip of the handouts. Nothing is written
anywhere but the run's folder.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
import secrets
import shutil
import sys
import threading
import traceback
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from stretchplan.api import Workspace
from stretchplan.batch.results import LAYOUTS, BatchResult
from stretchplan.errors import (
    InvalidInput,
    Problem,
    checked_choice,
    did_you_mean,
    display_name,
    unknown_id,
)
from stretchplan.load.roster import load_roster
from stretchplan.pipeline import Look
from stretchplan.render.renderer import Renderer
from stretchplan.studio.form import (
    MAX_TRACKER_WEEKS,
    flag,
    iso_date,
    problems_json,
    text_choice,
    whole_number,
)

MAX_UPLOAD = 8 * 1024 * 1024  # the request body: a class list, base64 or not, fits easily
FIELDS = (
    "roster", "sheet", "program", "layout", "date", "lang", "page_size", "large_print", "tracker",
)  # fmt: skip
KEEP_RUNS = 4  # earlier runs' folders are removed as new ones start


@dataclass(frozen=True)
class BatchRequest:
    filename: str
    data: bytes
    sheet: str | None  # an Excel roster's sheet (None: its first)
    program: str | None
    layout: str
    today: dt.date
    lang: str | None
    page_size: str | None
    large_print: bool
    tracker: int


@dataclass
class Run:
    """One batch: where its files go, and (once over) what became of it."""

    id: str
    folder: Path
    roster: Path
    shown_as: str  # the uploaded file's name, for messages
    total: int
    state: str = "running"  # running | done | failed
    result: BatchResult | None = None
    problems: list[Problem] = field(default_factory=list)
    zip_file: Path | None = None

    @property
    def out_dir(self) -> Path:
        return self.folder / "handouts"

    @property
    def combined(self) -> Path:
        return self.folder / f"{_safe_stem(_stem_of(self.shown_as))}-combined.pdf"

    def finished(self) -> int:
        """PDFs written so far (a file appears only once complete: see deliver.files)."""
        try:
            return sum(1 for p in self.out_dir.iterdir() if p.suffix == ".pdf")
        except OSError:
            return 0

    def worded(self, problem: Problem) -> Problem:
        """A problem naming the uploaded file as the trainer knows it."""
        if problem.file in (str(self.roster), display_name(self.roster)):
            return replace(problem, file=self.shown_as)
        return problem


def parse_batch_request(body: Any) -> BatchRequest:
    if not isinstance(body, dict):
        raise InvalidInput(Problem("expected a JSON object with the roster and the choices"))
    problems = [
        Problem(f'unknown field "{key}".{did_you_mean(str(key), FIELDS)}', field=str(key))
        for key in body
        if key not in FIELDS
    ]
    filename, data = _upload(body.get("roster"), problems)
    sheet = text_choice(body, "sheet", problems)
    program = text_choice(body, "program", problems)
    layout = text_choice(body, "layout", problems) or "handout"
    try:
        checked_choice("layout", layout, LAYOUTS)
    except InvalidInput as exc:
        problems.extend(exc.problems)
    date = body.get("date")
    today = (iso_date(date, problems) if date else None) or dt.date.today()
    lang = text_choice(body, "lang", problems)
    page_size = text_choice(body, "page_size", problems)
    large_print = flag(body, "large_print", problems)
    tracker = whole_number(body, "tracker", 0, 0, MAX_TRACKER_WEEKS, problems)
    if problems:
        raise InvalidInput(problems)
    return BatchRequest(
        filename, data, sheet, program, layout, today, lang, page_size, large_print, tracker
    )


def _upload(value: Any, problems: list[Problem]) -> tuple[str, bytes]:
    if not isinstance(value, dict) or not isinstance(value.get("filename"), str):
        problems.append(Problem("choose the roster file to upload", field="roster"))
        return "", b""
    name = Path(value["filename"].replace("\\", "/")).name.strip()
    if not name or name.startswith("."):
        problems.append(Problem("the roster file needs a name like class.csv", field="roster"))
        return "", b""
    if isinstance(value.get("text"), str):
        return name, value["text"].encode("utf-8")
    if isinstance(value.get("base64"), str):
        try:
            return name, base64.b64decode(value["base64"], validate=True)
        except (binascii.Error, ValueError):
            problems.append(Problem("the roster's base64 is damaged", field="roster"))
            return name, b""
    problems.append(Problem("send the roster's text or its base64", field="roster"))
    return name, b""


class Batches:
    """The runs of this studio, in their folders under `folder`; one runs at a time."""

    def __init__(self, workspace: Workspace, folder: Path) -> None:
        self.workspace = workspace
        self.folder = folder
        self.runs: dict[str, Run] = {}
        self.lock = threading.Lock()

    def start(self, wanted: BatchRequest) -> Run:
        """Check the roster and start making its PDFs; InvalidInput when it can't be read."""
        with self.lock:
            if any(run.state == "running" for run in self.runs.values()):
                raise InvalidInput(
                    Problem("a batch is still being made; wait for it to finish", field="roster")
                )
            self._check_choices(wanted)
            self._forget_old()
            run_id = secrets.token_hex(8)
            folder = self.folder / f"batch-{run_id}"
            (folder / "roster").mkdir(parents=True)
            roster = folder / "roster" / _safe_name(wanted.filename)
            roster.write_bytes(wanted.data)
            run = Run(run_id, folder, roster, wanted.filename, total=0)
            try:
                rows = load_roster(roster, wanted.sheet).rows
            except InvalidInput as exc:
                shutil.rmtree(folder, ignore_errors=True)
                raise InvalidInput([run.worded(p) for p in exc.problems]) from None
            run.total = len(rows)
            self.runs[run_id] = run
        threading.Thread(
            target=self._make, args=(run, wanted), name=f"studio-batch-{run_id}", daemon=True
        ).start()
        return run

    def get(self, run_id: str) -> Run | None:
        return self.runs.get(run_id)

    def zip_of(self, run: Run) -> Path:
        """The run's handouts in one zip (made once, in the run's folder)."""
        with self.lock:
            if run.zip_file is None:
                target = run.folder / f"{_safe_stem(_stem_of(run.shown_as))}-handouts.zip"
                made = [r.file for r in run.result.rows if r.file] if run.result else []
                with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
                    for path in made:
                        archive.write(path, path.name)
                run.zip_file = target
            return run.zip_file

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _make(self, run: Run, wanted: BatchRequest) -> None:
        own = Workspace(self.workspace.inputs, Renderer(self.workspace.renderer.cache_dir))
        try:
            run.result = own.batch(
                run.roster,
                out_dir=run.out_dir,
                combined=run.combined,
                sheet=wanted.sheet,
                jobs=1,
                program=wanted.program,
                layout=wanted.layout,
                today=wanted.today,
                language=wanted.lang,
                page_size=wanted.page_size,
                large_print=wanted.large_print,
                tracker_weeks=wanted.tracker,
            )
            for row in run.result.rows:
                if row.bug:  # ours, not the trainer's: its traceback goes to the terminal
                    print(row.bug, file=sys.stderr)
            run.state = "done"
        except InvalidInput as exc:
            run.problems = [run.worded(p) for p in exc.problems]
            run.state = "failed"
        except Exception as exc:  # a bug: say so on the page rather than spin forever
            traceback.print_exc()
            run.problems = [Problem(f"the batch stopped on an internal error: {exc!r}")]
            run.state = "failed"
        finally:
            own.close()

    def _check_choices(self, wanted: BatchRequest) -> None:
        """The batch's own choices, checked before anything is written."""
        inputs = self.workspace.inputs
        look = Look(
            page_size=wanted.page_size,
            language=wanted.lang,
            large_print=wanted.large_print,
            tracker_weeks=wanted.tracker,
        )
        look.options(wanted.today, inputs.labels.languages())
        known = [p.id for p in inputs.library.programs]
        if wanted.program is not None and wanted.program not in known:
            raise InvalidInput(
                Problem(unknown_id("program", wanted.program, known), field="program")
            )

    def _forget_old(self) -> None:
        for run_id in list(self.runs)[:-KEEP_RUNS]:
            shutil.rmtree(self.runs.pop(run_id).folder, ignore_errors=True)


def status_json(run: Run) -> dict[str, Any]:
    result = run.result
    rows = []
    for row in result.failed if result else []:
        problems = [run.worded(p) for p in row.problems]  # as `check` words them
        if row.bug and not problems:
            problems = [Problem("an internal error stopped this row", file=run.shown_as)]
        rows.append(
            {
                "line": row.line,
                "name": row.name,
                "problems": problems_json(problems)["problems"],
                "text": [p.worded(lambda option: option) for p in problems],
            }
        )
    made = result is not None and any(r.ok for r in result.rows)
    base = f"/api/batch/{run.id}"
    return {
        "id": run.id,
        "state": run.state,
        "total": run.total,
        "finished": run.total if run.state != "running" else min(run.finished(), run.total),
        "made": len(result.made) if result else 0,
        "failed": rows,
        "problems": problems_json(run.problems)["problems"],
        "text": [p.worded(lambda option: option) for p in run.problems],
        "notes": list(result.notes) if result else [],
        "combined": f"{base}/combined" if result and result.combined else None,
        "combined_pages": result.combined_pages if result else 0,
        "zip": f"{base}/zip" if made else None,
    }


def _safe_name(name: str) -> str:
    """The uploaded name as a plain file name (its suffix says how to read it)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = _safe_stem(stem)
    suffix = re.sub(r"[^A-Za-z0-9]", "", suffix)[:10]
    return f"{stem}.{suffix}" if suffix else stem


def _stem_of(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else name


def _safe_stem(stem: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:60] or "roster"
