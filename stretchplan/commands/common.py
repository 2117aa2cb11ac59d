"""What every command shares: options, the user-error handler, the workspace lookup.

A face of the engine: it speaks of flags; the engine speaks of fields.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from stretchplan.errors import UserError

if TYPE_CHECKING:
    from stretchplan.api import Workspace
    from stretchplan.deliver.cups import PrintOptions
    from stretchplan.load.models import Client

F = TypeVar("F", bound=Callable[..., Any])


def whole_number(lo: int, hi: int | None = None) -> Callable[[str], int]:
    """Read a whole-number option, its range said in words: with min=/max= Typer would
    print `N [1<=x<=100]` in the help and pydantic's wording in the message."""

    def parse(text: str) -> int:
        try:
            number = int(str(text).strip())
        except ValueError:
            raise typer.BadParameter(f"expected a whole number, got {text!r}") from None
        if number < lo or (hi is not None and number > hi):
            span = f"{lo} to {hi}" if hi is not None else f"{lo} or more"
            raise typer.BadParameter(f"expected {span}, got {number}")
        return number

    return parse


def user_errors(command: F) -> F:
    """Show a UserError as plain words and exit 2; any other exception is a bug: traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except UserError as exc:
            report(exc)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def report(exc: UserError) -> None:
    from stretchplan.show import show_problems

    show_problems(exc.problems)


def workspace(library: Path | None, brand: Path | None) -> Workspace:
    """The workspace a command works in: the flags' files, else the folder's, else bundled."""
    from stretchplan.api import open_workspace

    opened = open_workspace(library, brand)
    collect_again()
    return opened


def collect_again() -> None:
    """Turn the garbage collector back on if cli.py turned it off for the start-up.

    Everything loaded so far lives as long as the command: it is frozen (left out of
    the collector's walks for good), or the first collections would walk all of it.
    A command that runs for long (batch, studio) opens a workspace; the others are
    over in a moment, and make little garbage.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def client_for(client_file: Path | None, given: dict[str, Any]) -> Client:
    """The client from a file (flags replacing its fields) or from flags alone."""
    from stretchplan.load.client import client_from_flags, load_client

    given = {key: value for key, value in given.items() if value not in (None, [], ())}
    return load_client(client_file, given) if client_file else client_from_flags(given)


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(f'--date: expected a date like 2026-03-31, got "{value}"') from None


LibraryOpt = Annotated[
    Path | None,
    typer.Option(
        "--library",
        help="Exercise library (default: ./exercises.yaml, else the bundled one).",
        metavar="FILE",
    ),
]
PrinterOpt = Annotated[
    str | None,
    typer.Option(
        "--printer", help="CUPS printer name (default: the default printer).", metavar="NAME"
    ),
]
CopiesOpt = Annotated[
    int,
    typer.Option(
        "--copies", parser=whole_number(1, 100), help="Copies of each file (1 to 100).", metavar="N"
    ),
]
BrandOpt = Annotated[
    Path | None,
    typer.Option(
        "--brand",
        help="Brand file (default: ./templates/brand.yaml, else the bundled one).",
        metavar="FILE",
    ),
]


OutputOpt = Annotated[
    str | None,  # as typed: a trailing "/" means a folder, which a Path would drop
    typer.Option(
        "-o", "--output", help="Where to write the PDF (a file, or a folder/).", metavar="PATH"
    ),
]
ForceOpt = Annotated[
    bool,
    typer.Option("--force", help="Replace an existing file not made by stretchplan.", metavar=""),
]
PageSizeOpt = Annotated[
    str | None,
    typer.Option("--page-size", help="letter or a4 (default: the brand's).", metavar="SIZE"),
]
LargePrintOpt = Annotated[
    bool, typer.Option("--large-print", help="Bigger type for low-vision clients.", metavar="")
]
TrackerOpt = Annotated[
    int,
    typer.Option(
        "--tracker",
        help="Add a tick-box tracker for this many weeks (0 to 12).",
        metavar="WEEKS",
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the handout: en, es, fr, de, it, pt or one with a "
        "templates/labels file (default: the client's lang, else the brand's).",
        metavar="LANG",
    ),
]
FallbackOpt = Annotated[
    str | None,
    typer.Option(
        "--fallback",
        help="Print texts not yet translated into --lang in this language (with a notice).",
        metavar="LANG",
    ),
]


def printing_options(wanted: bool, printer: str | None, copies: int) -> PrintOptions | None:
    """What --print, --printer and --copies ask for, checked before any work; CUPS is
    only looked at (and its module imported) when one of them is given."""
    if not wanted and printer is None and copies == 1:
        return None
    from stretchplan.deliver import cups

    return cups.print_after_writing(wanted, printer, copies)


def plain_help(app: typer.Typer) -> typer.Typer:
    """Help a trainer can read: each argument and option shows its metavar (NAME, ID,
    FILE, WEEKS), never the Python type behind it ("<str>", "<bool>", "<list[Path]>"),
    and the usage line says ROSTER, not {ROSTER}."""
    from typer.core import TyperArgument, TyperOption

    shown = TyperOption.display_type_rich

    def argument_type(self: TyperArgument, ctx: Any) -> str | None:
        return None  # the argument's metavar already names it

    def option_type(self: TyperOption, ctx: Any) -> str | None:
        return None if self.is_flag else shown(self, ctx)

    def usage_name(self: TyperArgument) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")

    TyperArgument.display_type_rich = argument_type  # type: ignore[method-assign,assignment]
    TyperOption.display_type_rich = option_type  # type: ignore[method-assign]
    TyperArgument._usage_display_name = usage_name  # type: ignore[method-assign]
    return app
