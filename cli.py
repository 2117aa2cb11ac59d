"""stretchplan's command line: parse options, call the engine, print the result.

No layout or merge logic lives here; every command is a few lines that hand
plain values to stretchplan.* and report what came back.
"""

if __name__ == "__main__":
    # Ctrl-C while the modules below load: exit 130, no traceback (stretchplan/interrupt.py
    # says why). The very first statement (so no `from __future__` import, which would
    # search sys.path first), with modules Python itself has loaded: no time lost. gc
    # comes after: it may not be loaded yet, and a Ctrl-C while it loads was a traceback.
    import _signal
    import os

    _signal.signal(_signal.SIGINT, lambda signum, frame: os._exit(130))
    import gc

    # Starting allocates objects that live as long as the process and frees almost none:
    # the garbage collector, walking them again and again, would find nothing (~20 ms of
    # a cold start). On again once the workspace is open (commands/common.py).
    gc.disable()

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer

from stretchplan import __version__
from stretchplan.commands import library, links, printing, studio
from stretchplan.commands.common import (
    BrandOpt,
    CopiesOpt,
    FallbackOpt,
    ForceOpt,
    LangOpt,
    LargePrintOpt,
    LibraryOpt,
    OutputOpt,
    PageSizeOpt,
    PrinterOpt,
    TrackerOpt,
    client_for,
    parse_date,
    plain_help,
    printing_options,
    user_errors,
    whole_number,
    workspace,
)
from stretchplan.commands.printing import send_to_printer

app = plain_help(
    typer.Typer(
        name="stretchplan",
        help="Branded, printable PDF stretch plans with a QR code for every exercise video.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode="markdown",
    )
)
exercises_app = typer.Typer(rich_markup_mode="markdown")
app.add_typer(exercises_app, name="exercises")


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"stretchplan {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=version_callback,
            is_eager=True,
            help="Show the version and exit.",
            metavar="",
        ),
    ] = False,
) -> None:
    """Turn a trainer's exercise library, a client's details and the trainer's brand into
    printable PDF stretch plans.

    Example: `stretchplan handout --name "Jane Doe" --program piriformis-relief`
    """


@app.command()
@user_errors
def handout(
    client_file: Annotated[
        Path | None,
        typer.Argument(metavar="CLIENT.yaml", help="Client file (name, program, notes ...)."),
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Client's name.", metavar="NAME")
    ] = None,
    program: Annotated[
        str | None,
        typer.Option("--program", help="Program id (see `stretchplan programs`).", metavar="ID"),
    ] = None,
    mode: Annotated[
        str | None, typer.Option("--mode", help="static or dynamic holds.", metavar="MODE")
    ] = None,
    add: Annotated[
        list[str] | None,
        typer.Option("--add", help="Extra exercise id (repeatable).", metavar="ID"),
    ] = None,
    omit: Annotated[
        list[str] | None,
        typer.Option("--omit", help="Exercise id to leave out (repeatable).", metavar="ID"),
    ] = None,
    note: Annotated[
        list[str] | None,
        typer.Option("--note", help="A note from you to the client (repeatable).", metavar="TEXT"),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help="Date on the handout, YYYY-MM-DD (default today).", metavar="DATE"
        ),
    ] = None,
    library: LibraryOpt = None,
    brand: BrandOpt = None,
    page_size: PageSizeOpt = None,
    large_print: LargePrintOpt = False,
    tracker: TrackerOpt = 0,
    lang: LangOpt = None,
    fallback: FallbackOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    print_it: Annotated[
        bool,
        typer.Option("--print", help="Print the handout once it is written (CUPS).", metavar=""),
    ] = False,
    printer: PrinterOpt = None,
    copies: CopiesOpt = 1,
) -> None:
    """Make one client's handout.

    Example: `stretchplan handout --name "Jane Doe" --program piriformis-relief`
    """
    from stretchplan.deliver.files import save

    printing = printing_options(print_it, printer, copies)  # checks before any work
    given: dict[str, Any] = {"name": name, "program": program, "mode": mode, "add": add}
    given |= {"omit": omit, "notes": note, "date": parse_date(date)}
    with workspace(library, brand) as ws:
        client = client_for(client_file, given)
        doc = ws.handout(
            client,
            lang=lang,
            fallback=fallback,
            large_print=large_print,
            page_size=page_size,
            tracker=tracker,
        )
        path = save(doc.pdf, doc.name, output, force)
    typer.echo(f"Wrote {path}")
    if printing is not None:
        send_to_printer([path], printing)


@app.command()
@user_errors
def batch(
    roster: Annotated[
        Path,
        typer.Argument(
            metavar="ROSTER",
            help="Class list: a .csv or Excel .xlsx file (header row first) or a .yaml list.",
        ),
    ],
    program: Annotated[
        str | None,
        typer.Option("--program", help="Program for rows without a program column.", metavar="ID"),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet", help="Sheet of an .xlsx roster (default: the first).", metavar="NAME"
        ),
    ] = None,
    layout: Annotated[
        str, typer.Option("--layout", help="handout (default) or class-sheet.", metavar="LAYOUT")
    ] = "handout",
    out_dir: Annotated[
        Path, typer.Option("--out-dir", help="Folder for the PDFs and the manifest.", metavar="DIR")
    ] = Path("handouts"),
    combined: Annotated[
        Path | None,
        typer.Option(
            "--combined",
            help="Also write every PDF, in roster order, into this file.",
            metavar="FILE",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            parser=whole_number(1),
            help="Parallel processes (default: one a core).",
            metavar="N",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="Date for rows without one, YYYY-MM-DD.", metavar="DATE"),
    ] = None,
    library: LibraryOpt = None,
    brand: BrandOpt = None,
    page_size: PageSizeOpt = None,
    large_print: LargePrintOpt = False,
    tracker: TrackerOpt = 0,
    lang: LangOpt = None,
    fallback: FallbackOpt = None,
    force: ForceOpt = False,
    print_it: Annotated[
        bool,
        typer.Option(
            "--print",
            help="Print what was made once it is written: the combined file if there is one.",
            metavar="",
        ),
    ] = False,
    printer: PrinterOpt = None,
    copies: CopiesOpt = 1,
) -> None:
    """Make a handout (or class sheet) for every row of a roster.

    Rerun the same command after a crash or an edit: finished, unchanged files are kept.

    Example: `stretchplan batch tuesday.xlsx --program piriformis-relief --combined tuesday.pdf`
    """
    import sys

    from stretchplan import batch as batches

    printing = printing_options(print_it, printer, copies)  # checks before any work
    choices = batches.BatchChoices(
        today=parse_date(date) or dt.date.today(),
        program=program,
        sheet=sheet,
        layout=layout,
        out_dir=out_dir,
        combined=combined,
        jobs=jobs,
        page_size=page_size,
        large_print=large_print,
        tracker_weeks=tracker,
        language=lang,
        fallback=fallback,
        force=force,
        progress=sys.stderr.isatty(),
    )
    try:
        with workspace(library, brand) as ws:
            result = batches.run_batch(roster, choices, ws.inputs, ws.renderer)
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
        str,
        typer.Option("--program", help="Program id (see `stretchplan programs`).", metavar="ID"),
    ],
    title: Annotated[
        str | None,
        typer.Option("--title", help="Class title (default: the program's).", metavar="TEXT"),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help="Date of the class, YYYY-MM-DD (default today).", metavar="DATE"
        ),
    ] = None,
    library: LibraryOpt = None,
    brand: BrandOpt = None,
    page_size: PageSizeOpt = None,
    large_print: LargePrintOpt = False,
    lang: LangOpt = None,
    fallback: FallbackOpt = None,
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
            fallback=fallback,
            large_print=large_print,
            page_size=page_size,
        )
        path = save(doc.pdf, doc.name, output, force)
    typer.echo(f"Wrote {path}")


app.command()(library.check)
app.command()(library.init)
app.command()(library.schema)
app.command()(library.programs)
exercises_app.callback(invoke_without_command=True)(library.exercises_list)
exercises_app.command("show")(library.exercises_show)
app.command()(library.poses)
app.command()(links.links)
app.command("print")(printing.print_pdfs)
app.command()(printing.printers)
app.command()(printing.preview)
app.command()(studio.studio)


def main() -> None:
    import os

    from stretchplan import interrupt

    # pydantic looks for plugins (validation observers) by reading every installed
    # package's entry points as the first model is built: ~30 ms of a cold start, for
    # nothing a command uses. Only for the command line, and only if not set already.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        interrupt.as_usual()
        app(prog_name="stretchplan")  # Ctrl-C in a command: Typer exits 130 quietly
    except KeyboardInterrupt:
        # ... and while Typer builds the command line, before it runs a command.
        raise SystemExit(interrupt.STOPPED) from None
    finally:
        interrupt.ignored()


if __name__ == "__main__":
    main()
