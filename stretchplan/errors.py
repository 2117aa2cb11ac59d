"""User-facing errors: one type that every stage raises for a mistake in the input.

Imports nothing of ours. Anything that is not a UserError is a bug and keeps its
traceback; a UserError is shown as plain words and exit code 2.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One mistake, located as precisely as we can: file, line, field path."""

    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None
    value: str | None = None
    column: int | None = None  # from 1, when a character itself is at fault

    def where(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file + self.at())
        if self.field:
            parts.append(self.field)
        return ": ".join(parts)

    def at(self) -> str:
        """':12' or ':12:5' after the file name; '' when the line is not known."""
        if not self.line:
            return ""
        return f":{self.line}:{self.column}" if self.column else f":{self.line}"

    def __str__(self) -> str:
        return self.worded()

    def worded(self, option: Callable[[str], str] = str) -> str:
        """The problem as one line, each option it mentions named by `option`: the
        engine writes [[force]], the command line shows --force, a script force."""
        where = self.where() if self.file or option is str else self._where_as(option)
        text = OPTION.sub(lambda m: option(m.group(1)), self.message)
        return f"{where}: {text}" if where else text

    def _where_as(self, option: Callable[[str], str]) -> str:
        # Not from a file: the field is one of the options, named as the face names it.
        return option(self.field) if self.field else ""


# How an engine message names an option the user can set: [[force]], [[out_dir]].
OPTION = re.compile(r"\[\[([a-z_]+)\]\]")


class InvalidInput(Exception):  # noqa: N818 - the name the API promises
    """Invalid input or usage. Carries one or more problems, all shown at once."""

    def __init__(self, problems: Problem | str | Iterable[Problem]) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


UserError = InvalidInput  # the name the engine's own modules use


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' Did you mean "x"?' suffix for a misspelt id, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' Did you mean "{close[0]}"?' if close else ""


def checked_choice(field: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    """`value` as one of `allowed` (any case: "A4" is "a4"), None left as None; anything
    else is refused naming the field, with the nearest choice or the list of them."""
    if value is None:
        return None
    if value.lower() in allowed:
        return value.lower()
    hint = did_you_mean(value.lower(), allowed) or f" Choose one of: {', '.join(allowed)}."
    raise UserError(Problem(f'unknown value "{value}".{hint}', field=field, value=value))


def unknown_id(kind: str, word: str, choices: Iterable[str]) -> str:
    """Plain message for an id that does not exist, with the nearest one if any."""
    choices = sorted(choices)
    hint = did_you_mean(word, choices)
    if not hint and choices:
        shown = ", ".join(choices[:8]) + (
            f" and {len(choices) - 8} more" if len(choices) > 8 else ""
        )
        hint = f" Known {kind}s: {shown}."
    return f'unknown {kind} "{word}".{hint}'


def display_name(path: Path) -> str:
    """A path as a trainer would recognise it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return str(path)
