"""Showing problems to a person: one table on a terminal, plain lines anywhere else.

Every command reports a UserError through here, so a mistake looks the same
whichever command found it. Plain lines (`error: file:line: field: message`) are
what scripts, logs and CI see; rich is imported only when a terminal will show it.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from typing import TextIO

from stretchplan.errors import OPTION, Problem

MAX_SHOWN = 60  # characters of the offending value in the table


def show_problems(
    problems: Sequence[Problem], kind: str = "error", stream: TextIO | None = None
) -> None:
    """Write `problems` to `stream` (default stderr); `kind` is "error" or "warning"."""
    stream = stream or sys.stderr
    if not problems:
        return
    problems = [in_flags(p) for p in problems]
    if not stream.isatty():
        _lines(problems, kind, stream)
    elif len(problems) == 1:
        _coloured_line(problems[0], kind, stream)
    else:
        _table(problems, kind, stream)


def _lines(problems: Sequence[Problem], kind: str, stream: TextIO) -> None:
    if len(problems) > 1:
        stream.write(f"Found {_count(problems, kind)}:\n")
    for problem in problems:
        stream.write(f"{kind}: {problem}\n")
    stream.flush()


def _coloured_line(problem: Problem, kind: str, stream: TextIO) -> None:
    from rich.console import Console
    from rich.text import Text

    colour = "red" if kind == "error" else "yellow"
    line = Text.assemble((f"{kind}: ", f"bold {colour}"), str(problem))
    Console(file=stream, highlight=False).print(line)


def _table(problems: Sequence[Problem], kind: str, stream: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    colour = "red" if kind == "error" else "yellow"
    table = Table(
        title=Text(f"Found {_count(problems, kind)}", style=f"bold {colour}"),
        title_justify="left",
        show_lines=True,
        header_style="bold",
    )
    table.add_column("Where", no_wrap=True)
    table.add_column("Field", ratio=2, overflow="fold")
    table.add_column("Problem" if kind == "error" else "Warning", ratio=5)
    table.add_column("Given", ratio=2, overflow="fold")
    for problem in problems:
        where = problem.file + problem.at() if problem.file else ""
        # Text() rather than strings: a message such as "[a, b]" is not rich markup.
        table.add_row(
            Text(where),
            Text(problem.field or ""),
            Text(problem.message, style=colour),
            Text(visible(problem.value) if problem.value is not None else "", style="dim"),
        )
    Console(file=stream, highlight=False).print(table)


def _count(problems: Sequence[Problem], kind: str) -> str:
    noun = "problem" if kind == "error" else kind
    return f"{len(problems)} {noun}{'' if len(problems) == 1 else 's'}"


def visible(value: str, limit: int = MAX_SHOWN) -> str:
    """The value as typed, with invisible characters spelt out and long text shortened."""
    out = "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs")
        else ch
        for ch in value.replace("\n", " ")
    )
    return out if len(out) <= limit else out[: limit - 1] + "…"


# Options whose flag is not simply --name-with-dashes.
_FLAGS = {"notes": "--note", "tracker_weeks": "--tracker", "language": "--lang"}


def flag(option: str) -> str:
    """The command line's name for an engine option: out_dir -> --out-dir."""
    return _FLAGS.get(option, "--" + option.replace("_", "-"))


def in_flags(problem: Problem) -> Problem:
    """The problem in the command line's words: options named as flags; a field that
    came from no file was given as a flag."""
    message = OPTION.sub(lambda m: flag(m.group(1)), problem.message)
    field = problem.field
    if field and not problem.file and " " not in field:
        field = flag(field)
    return replace(problem, message=message, field=field)
