"""Commands about the library and the workspace: check, init, schema, programs, exercises,
poses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from stretchplan.commands.common import BrandOpt, ForceOpt, LibraryOpt, user_errors
from stretchplan.errors import UserError


@user_errors
def check(
    rosters: Annotated[
        list[Path] | None,
        typer.Argument(metavar="ROSTER", help="Rosters (CSV, .xlsx or YAML) to check too."),
    ] = None,
    library: LibraryOpt = None,
    brand: BrandOpt = None,
    program: Annotated[
        str | None,
        typer.Option("--program", help="Program for roster rows without one.", metavar="ID"),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="Also list every text not yet translated into LANG.", metavar="LANG"
        ),
    ] = None,
) -> None:
    """Check the library, the brand and any rosters for mistakes, all at once.

    Every problem is shown with its file, line and field. Exit code 0 when all is
    well, 2 otherwise.

    Example: `stretchplan check --library my-exercises.yaml class.csv`
    """
    from stretchplan.check import check_inputs
    from stretchplan.show import show_problems

    language = lang.strip().lower() if lang else None
    found = check_inputs(library, brand, program, rosters or [], dt.date.today(), language)
    for line in found.summary:
        typer.echo(line)
    show_problems(found.warnings, "warning")
    if found.problems:
        raise UserError(found.problems)
    typer.echo("No problems found.")


@user_errors
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to create or fill.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace files that are already there.", metavar="")
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


@user_errors
def schema(
    brand: Annotated[
        bool, typer.Option("--brand", help="The schema of brand.yaml instead.", metavar="")
    ] = False,
) -> None:
    """Print the JSON Schema of exercises.yaml (or brand.yaml) for your editor.

    Editors that use the YAML language server then check the file as you type.

    Example: `stretchplan schema > schema/exercises.schema.json`
    """
    from stretchplan.load.schema import schema_text

    typer.echo(schema_text("brand" if brand else "exercises"), nl=False)


@user_errors
def programs(library: LibraryOpt = None) -> None:
    """List the programs in the library.

    Example: `stretchplan programs`
    """
    from stretchplan import listing

    typer.echo(listing.programs_table(library))


@user_errors
def exercises_list(
    ctx: typer.Context,
    tag: Annotated[
        str | None, typer.Option("--tag", help="Only exercises with this tag.", metavar="TAG")
    ] = None,
    library: LibraryOpt = None,
) -> None:
    """List the exercises in the library (filter with --tag), or `show ID` for one.

    Example: `stretchplan exercises --tag piriformis-syndrome`
    """
    if ctx.invoked_subcommand is None:
        from stretchplan import listing

        typer.echo(listing.exercises_table(library, tag))


@user_errors
def exercises_show(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="Exercise id.")],
    library: LibraryOpt = None,
    picture: Annotated[
        Path | None,
        typer.Option(
            "--picture", help="Also save its pose figure as this .png or .svg file.", metavar="FILE"
        ),
    ] = None,
    brand: BrandOpt = None,
    force: ForceOpt = False,
) -> None:
    """Show one exercise in full (and save its picture with --picture).

    Example: `stretchplan exercises show glute-bridge --picture bridge.svg`
    """
    from stretchplan import listing

    details = listing.exercise_details(library, exercise_id)
    if picture is not None:
        from stretchplan.pictures import export_picture

        details += f"\nWrote {export_picture(library, brand, exercise_id, picture, force)}"
    typer.echo(details)


@user_errors
def poses() -> None:
    """List the base poses, joints (with their ranges) and props a figure is made of.

    Example: `stretchplan poses`
    """
    from stretchplan.pictures import poses_text

    typer.echo(poses_text())
