"""Batch: what a batch is asked to do, and what became of each roster row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from stretchplan.errors import Problem
from stretchplan.listing import text_table
from stretchplan.pipeline import Look
from stretchplan.show import visible

LAYOUTS = ("handout", "class-sheet")


@dataclass(frozen=True, kw_only=True)
class BatchChoices(Look):
    """Everything about a batch that is not the roster."""

    today: dt.date
    program: str | None = None
    sheet: str | None = None  # which sheet of an Excel roster (None: the first)
    layout: str = "handout"
    out_dir: Path = Path("handouts")
    combined: Path | None = None
    jobs: int | None = None  # None: one per core
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


def summary(result: BatchResult) -> str:
    """The rows that failed, as a table a trainer can work through."""
    rows = [("ROW", "NAME", "PROBLEM")]
    for row in result.failed:
        name = visible(row.name, 40)  # a direction mark would turn the terminal's line around
        problems = [_problem_text(p) for p in row.problems] or ["internal error (see above)"]
        for i, text in enumerate(problems):
            rows.append((str(row.line), name or "(no name)", text) if i == 0 else ("", "", text))
    return text_table(rows)


def _problem_text(problem: Problem) -> str:
    # The row number is in its own column; keep the field and the message.
    return f"{problem.field}: {problem.message}" if problem.field else problem.message
