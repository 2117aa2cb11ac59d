"""Commands that print or show finished PDFs: print, printers, preview."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from stretchplan.commands.common import CopiesOpt, ForceOpt, PrinterOpt, user_errors, whole_number

if TYPE_CHECKING:
    from stretchplan.deliver.cups import PrintOptions


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
            metavar="",
        ),
    ] = None,
    page_size: Annotated[
        str | None,
        typer.Option(
            "--page-size", help="letter or a4 (default: the PDF's own page size).", metavar="SIZE"
        ),
    ] = None,
    wait: Annotated[
        bool,
        typer.Option(
            "--wait", help="Wait until the jobs have printed; report failures.", metavar=""
        ),
    ] = False,
) -> None:
    """Send PDFs to a printer through CUPS.

    Example: `stretchplan print handouts/*.pdf --printer Office --copies 2 --duplex --wait`
    """
    from stretchplan.deliver import cups

    send_to_printer(pdfs, cups.PrintOptions(printer, copies, duplex, page_size), wait)


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


@user_errors
def preview(
    pdf: Annotated[Path, typer.Argument(metavar="PDF", help="The PDF to look at.")],
    page: Annotated[
        int,
        typer.Option(
            "--page", parser=whole_number(1), help="Page number (default 1).", metavar="N"
        ),
    ] = 1,
    output: Annotated[
        str | None,  # as typed: a trailing "/" means a folder
        typer.Option(
            "-o",
            "--output",
            help="PNG file to write (default: beside the PDF, NAME-page-N.png).",
            metavar="PATH",
        ),
    ] = None,
    dpi: Annotated[
        int,
        typer.Option(
            "--dpi",
            parser=whole_number(30, 600),
            help="Resolution in dots per inch (30 to 600).",
            metavar="DPI",
        ),
    ] = 100,
    force: ForceOpt = False,
) -> None:
    """Save one page of a PDF as a PNG picture, to check a handout without a PDF viewer.

    Example: `stretchplan preview handouts/2026-03-14-jane-doe-piriformis-relief.pdf --page 2`
    """
    from stretchplan.deliver.preview import preview_page

    typer.echo(f"Wrote {preview_page(pdf, page, output, dpi, force)}")
