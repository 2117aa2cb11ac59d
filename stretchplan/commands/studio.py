"""The studio command: the local web page, served from this computer."""

from __future__ import annotations

from typing import Annotated

import typer

from stretchplan.commands.common import BrandOpt, LibraryOpt, user_errors, whole_number, workspace


@user_errors
def studio(
    port: Annotated[
        int | None,
        typer.Option(
            "--port",
            parser=whole_number(1, 65535),
            help="Port, 1 to 65535 (default: a free one).",
            metavar="N",
        ),
    ] = None,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Don't open the page in a browser.")
    ] = False,
    host: Annotated[
        str,
        typer.Option(
            "--host", metavar="HOST", help="Address to listen on (default: this computer only)."
        ),
    ] = "127.0.0.1",
    library: LibraryOpt = None,
    brand: BrandOpt = None,
) -> None:
    """Open the studio: a web page on this computer for making handouts.

    Example: `stretchplan studio`
    """
    from stretchplan.studio import serve

    def warn(text: str) -> None:
        typer.secho(text, fg="yellow", err=True)

    with workspace(library, brand) as ws:
        serve(ws, host=host, port=port, open_browser=not no_browser, say=typer.echo, warn=warn)
