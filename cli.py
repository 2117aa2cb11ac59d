"""stretchplan's command line: parse options, call the engine, print the result.

No layout or merge logic lives here; every command is a few lines that hand
plain values to stretchplan.* and report what came back.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from stretchplan import __version__
from stretchplan.errors import UserError

if TYPE_CHECKING:
    from stretchplan.api import Client, Workspace
    from stretchplan.deliver.cups import PrintOptions

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="stretchplan",
    help="Branded, printable PDF stretch plans with a QR code for every exercise video.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)
exercises_app = typer.Typer(rich_markup_mode="markdown")
app.add_typer(exercises_app, name="exercises")


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

    return open_workspace(library, brand)


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


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"stretchplan {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Turn a trainer's exercise library, a client's details and the trainer's brand into
    printable PDF stretch plans.

    Example: `stretchplan handout --name "Jane Doe" --program piriformis-relief`
    """


LibraryOpt = Annotated[
    Path | None,
    typer.Option(
        "--library", help="Exercise library (default: ./exercises.yaml, else the bundled one)."
    ),
]
PrinterOpt = Annotated[
    str | None,
    typer.Option("--printer", help="CUPS printer name (default: the default printer)."),
]
CopiesOpt = Annotated[int, typer.Option("--copies", min=1, max=100, help="Copies of each file.")]
BrandOpt = Annotated[
    Path | None,
    typer.Option(
        "--brand", help="Brand file (default: ./templates/brand.yaml, else the bundled one)."
    ),
]


OutputOpt = Annotated[
    str | None,  # as typed: a trailing "/" means a folder, which a Path would drop
    typer.Option(
        "-o", "--output", metavar="PATH", help="Where to write the PDF (a file, or a folder/)."
    ),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Replace an existing file not made by stretchplan.")
]
PageSizeOpt = Annotated[
    str | None, typer.Option("--page-size", help="letter or a4 (default: the brand's).")
]
LargePrintOpt = Annotated[
    bool, typer.Option("--large-print", help="Bigger type for low-vision clients.")
]
TrackerOpt = Annotated[
    int,
    typer.Option("--tracker", min=0, max=12, help="Add a tick-box tracker for this many weeks."),
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", help="Label language: en, es, fr or de (default: the brand's)."),
]


@app.command()
@user_errors
def handout(
    client_file: Annotated[
        Path | None,
        typer.Argument(metavar="[CLIENT.yaml]", help="Client file (name, program, notes ...)."),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Client's name.")] = None,
    program: Annotated[
        str | None, typer.Option("--program", help="Program id (see `stretchplan programs`).")
    ] = None,
    mode: Annotated[str | None, typer.Option("--mode", help="static or dynamic holds.")] = None,
    add: Annotated[
        list[str] | None, typer.Option("--add", help="Extra exercise id (repeatable).")
    ] = None,
    omit: Annotated[
        list[str] | None, typer.Option("--omit", help="Exercise id to leave out (repeatable).")
    ] = None,
    note: Annotated[
        list[str] | None, typer.Option("--note", help="A note from you to the client (repeatable).")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Date on the handout, YYYY-MM-DD (default today).")
    ] = None,
    library: LibraryOpt = None,
    brand: BrandOpt = None,
    page_size: PageSizeOpt = None,
    large_print: LargePrintOpt = False,
    tracker: TrackerOpt = 0,
    lang: LangOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    print_it: Annotated[
        bool, typer.Option("--print", help="Print the handout once it is written (CUPS).")
    ] = False,
    printer: PrinterOpt = None,
    copies: CopiesOpt = 1,
) -> None:
    """Make one client's handout.

    Example: `stretchplan handout --name "Jane Doe" --program piriformis-relief`
    """
    from stretchplan.deliver import cups
    from stretchplan.deliver.files import save

    printing = cups.print_after_writing(print_it, printer, copies)  # checks before any work
    given: dict[str, Any] = {"name": name, "program": program, "mode": mode, "add": add}
    given |= {"omit": omit, "notes": note, "date": parse_date(date)}
    with workspace(library, brand) as ws:
        client = client_for(client_file, given)
        doc = ws.handout(
            client, lang=lang, large_print=large_print, page_size=page_size, tracker=tracker
        )
        path = save(doc.pdf, doc.name, output, force)
    typer.echo(f"Wrote {path}")
    if printing is not None:
        send_to_printer([path], printing)


@app.command()
@user_errors
def check(
    rosters: Annotated[
        list[Path] | None,
        typer.Argument(metavar="ROSTER", help="Rosters (CSV or YAML) to check as well."),
    ] = None,
    library: LibraryOpt = None,
    brand: BrandOpt = None,
    program: Annotated[
        str | None, typer.Option("--program", help="Program for roster rows without one.")
    ] = None,
) -> None:
    """Check the library, the brand and any rosters for mistakes, all at once.

    Every problem is shown with its file, line and field. Exit code 0 when all is
    well, 2 otherwise.

    Example: `stretchplan check --library my-exercises.yaml class.csv`
    """
    from stretchplan.check import check_inputs
    from stretchplan.show import show_problems

    found = check_inputs(library, brand, program, rosters or [], dt.date.today())
    for line in found.summary:
        typer.echo(line)
    show_problems(found.warnings, "warning")
    if found.problems:
        raise UserError(found.problems)
    typer.echo("No problems found.")


@app.command()
@user_errors
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to create or fill.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace files that are already there.")
    ] = False,
) -> None:
    """Start your own workspace of files to edit.

    Writes an exercise library with a program, your brand, disclaimer, logo, fonts
    and an example roster; never overwrites a file unless you add --force.

    Example: `stretchplan init my-studio`
    """
    from stretchplan.scaffold import STARTER_PROGRAM, init_workspace

    written = init_workspace(folder, force)
    typer.echo(f"Wrote {len(written)} files in {folder}:")
    for path in written:
        typer.echo(f"  {path}")
    typer.echo(
        f"Next: cd {folder}, edit exercises.yaml and templates/brand.yaml, run "
        f'`stretchplan check`, then `stretchplan handout --name "Jane Doe" '
        f"--program {STARTER_PROGRAM}`."
    )


@app.command()
@user_errors
def schema(
    brand: Annotated[
        bool, typer.Option("--brand", help="The schema of brand.yaml instead.")
    ] = False,
) -> None:
    """Print the JSON Schema of exercises.yaml (or brand.yaml) for your editor.

    Editors that use the YAML language server then check the file as you type.

    Example: `stretchplan schema > schema/exercises.schema.json`
    """
    from stretchplan.load.schema import schema_text

    typer.echo(schema_text("brand" if brand else "exercises"), nl=False)


@app.command()
@user_errors
def programs(library: LibraryOpt = None) -> None:
    """List the programs in the library.

    Example: `stretchplan programs`
    """
    from stretchplan import listing

    typer.echo(listing.programs_table(library))


@exercises_app.callback(invoke_without_command=True)
@user_errors
def exercises_list(
    ctx: typer.Context,
    tag: Annotated[str | None, typer.Option("--tag", help="Only exercises with this tag.")] = None,
    library: LibraryOpt = None,
) -> None:
    """List the exercises in the library (filter with --tag), or `show ID` for one.

    Example: `stretchplan exercises --tag piriformis-syndrome`
    """
    if ctx.invoked_subcommand is None:
        from stretchplan import listing

        typer.echo(listing.exercises_table(library, tag))


@exercises_app.command("show")
@user_errors
def exercises_show(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="Exercise id.")],
    library: LibraryOpt = None,
) -> None:
    """Show one exercise in full.

    Example: `stretchplan exercises show supine-figure-four`
    """
    from stretchplan import listing

    typer.echo(listing.exercise_details(library, exercise_id))


@app.command()
@user_errors
def batch(
    roster: Annotated[
        Path,
        typer.Argument(
            metavar="ROSTER", help="Class list: a .csv file (header row) or .yaml list."
        ),
    ],
    program: Annotated[
        str | None, typer.Option("--program", help="Program for rows without a program column.")
    ] = None,
    layout: Annotated[
        str, typer.Option("--layout", help="handout (default) or class-sheet.")
    ] = "handout",
    out_dir: Annotated[
        Path, typer.Option("--out-dir", help="Folder for the PDFs and the manifest.")
    ] = Path("handouts"),
    combined: Annotated[
        Path | None,
        typer.Option("--combined", help="Also write every PDF, in roster order, into this file."),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", min=1, help="Parallel processes (default: one a core).")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Date for rows without one, YYYY-MM-DD.")
    ] = None,
    library: LibraryOpt = None,
    brand: BrandOpt = None,
    page_size: PageSizeOpt = None,
    large_print: LargePrintOpt = False,
    tracker: TrackerOpt = 0,
    lang: LangOpt = None,
    force: ForceOpt = False,
    print_it: Annotated[
        bool,
        typer.Option(
            "--print",
            help="Print what was made once it is written: the combined file if there is one.",
        ),
    ] = False,
    printer: PrinterOpt = None,
    copies: CopiesOpt = 1,
) -> None:
    """Make a handout (or class sheet) for every row of a roster.

    Rerun the same command after a crash or an edit: finished, unchanged files are kept.

    Example: `stretchplan batch tuesday.csv --program piriformis-relief --combined tuesday.pdf`
    """
    import sys

    from stretchplan import batch as batches
    from stretchplan.deliver import cups

    printing = cups.print_after_writing(print_it, printer, copies)  # checks before any work
    choices = batches.BatchChoices(
        today=parse_date(date) or dt.date.today(),
        program=program,
        layout=layout,
        out_dir=out_dir,
        combined=combined,
        jobs=jobs,
        page_size=page_size,
        large_print=large_print,
        tracker_weeks=tracker,
        language=lang,
        force=force,
        progress=sys.stderr.isatty(),
    )
    try:
        with workspace(library, brand) as ws:
            result = batches.run_batch(roster, choices, ws)
    except KeyboardInterrupt:
        typer.echo("Stopped. Run the same command again to finish; made files are kept.", err=True)
        raise typer.Exit(130) from None
    for note in result.notes:
        typer.secho(f"note: {note}", fg="yellow", err=True)
    made = len(result.made)
    what = ("class sheet" if layout == "class-sheet" else "handout") + ("" if made == 1 else "s")
    typer.echo(
        f"Made {made} {what} in {out_dir}"
        f" ({len(result.skipped)} already up to date, {len(result.failed)} failed)"
    )
    if result.combined is not None:
        typer.echo(f"Wrote {result.combined} ({result.combined_pages} pages, ready to print)")
    if printing is not None and result.print_files:
        # The combined file pads every person to a fresh sheet: print it double-sided.
        duplex = True if result.combined is not None else None
        send_to_printer(list(result.print_files), replace(printing, duplex=duplex))
    if result.failed:
        for row in result.failed:
            if row.bug:
                typer.echo(row.bug, err=True)
        failed = len(result.failed)
        heading = f"{failed} row{'s' if failed > 1 else ''} failed; the others were made:"
        typer.secho(heading, fg="red", bold=True, err=True)
        typer.echo(batches.summary(result), err=True)
        raise typer.Exit(1)


@app.command("class-sheet")
@user_errors
def class_sheet(
    program: Annotated[
        str, typer.Option("--program", help="Program id (see `stretchplan programs`).")
    ],
    title: Annotated[
        str | None, typer.Option("--title", help="Class title (default: the program's).")
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="Date of the class, YYYY-MM-DD (default today).")
    ] = None,
    library: LibraryOpt = None,
    brand: BrandOpt = None,
    page_size: PageSizeOpt = None,
    large_print: LargePrintOpt = False,
    lang: LangOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Make one class sheet with a blank name line, to copy for everyone in a class.

    Example: `stretchplan class-sheet --program runners-hip-mobility --title "Tuesday run club"`
    """
    from stretchplan.deliver.files import save

    with workspace(library, brand) as ws:
        doc = ws.class_sheet(
            program,
            title=title,
            date=parse_date(date),
            lang=lang,
            large_print=large_print,
            page_size=page_size,
        )
        path = save(doc.pdf, doc.name, output, force)
    typer.echo(f"Wrote {path}")


@app.command("print")
@user_errors
def print_pdfs(
    pdfs: Annotated[list[Path], typer.Argument(metavar="PDF", help="PDF files to print.")],
    printer: PrinterOpt = None,
    copies: CopiesOpt = 1,
    duplex: Annotated[
        bool | None,
        typer.Option(
            "--duplex/--simplex",
            help="Both sides (long edge) or one side of the paper (default: the printer's).",
        ),
    ] = None,
    page_size: Annotated[
        str | None,
        typer.Option("--page-size", help="letter or a4 (default: the PDF's own page size)."),
    ] = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait until the jobs have printed; report failures.")
    ] = False,
) -> None:
    """Send PDFs to a printer through CUPS.

    Example: `stretchplan print handouts/*.pdf --printer Office --copies 2 --duplex --wait`
    """
    from stretchplan.deliver import cups

    send_to_printer(pdfs, cups.PrintOptions(printer, copies, duplex, page_size), wait)


@app.command()
@user_errors
def printers() -> None:
    """List the printers CUPS knows and which one is the default.

    Example: `stretchplan printers`
    """
    from stretchplan import listing

    typer.echo(listing.printers_table())


def send_to_printer(paths: list[Path], options: PrintOptions, wait: bool = False) -> None:
    """Print files and say which jobs went where; with `wait`, follow them (exit 1 on failure)."""
    from stretchplan.deliver import cups

    report = cups.print_files(paths, options)
    for line in report.lines():
        typer.echo(line)
    if wait:
        outcomes = cups.wait_for_jobs(report.jobs, progress=typer.echo)
        for line in cups.outcome_lines(outcomes):
            typer.echo(line)
        if not all(outcome.ok for outcome in outcomes):
            raise typer.Exit(1)


@app.command()
@user_errors
def preview(
    pdf: Annotated[Path, typer.Argument(metavar="PDF", help="The PDF to look at.")],
    page: Annotated[int, typer.Option("--page", min=1, help="Page number (default 1).")] = 1,
    output: Annotated[
        str | None,
        typer.Option(
            "-o",
            "--output",
            metavar="PATH",
            help="PNG file to write (default: beside the PDF, NAME-page-N.png).",
        ),
    ] = None,
    dpi: Annotated[
        int, typer.Option("--dpi", min=30, max=600, help="Resolution in dots per inch.")
    ] = 100,
    force: ForceOpt = False,
) -> None:
    """Save one page of a PDF as a PNG picture, to check a handout without a PDF viewer.

    Example: `stretchplan preview handouts/2026-03-14-jane-doe-piriformis-relief.pdf --page 2`
    """
    from stretchplan.deliver.preview import preview_page

    typer.echo(f"Wrote {preview_page(pdf, page, output, dpi, force)}")


def main() -> None:
    app(prog_name="stretchplan")


if __name__ == "__main__":
    main()
