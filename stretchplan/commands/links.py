"""The command that exports the brand's short links: `stretchplan links DIR`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from stretchplan.commands.common import BrandOpt, ForceOpt, LibraryOpt, user_errors, workspace


@user_errors
def links(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to write into.")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format", help="html (default), netlify, nginx, apache or csv.", metavar="FORMAT"
        ),
    ] = "html",
    library: LibraryOpt = None,
    brand: BrandOpt = None,
    force: ForceOpt = False,
) -> None:
    """Write what to upload so the short links on handouts open each exercise's video.

    Set `links: {base: "https://your-site/v/"}` in brand.yaml, run this, upload DIR,
    then print: every QR code encodes base + exercise id. Export again after changing
    a video and every handout already printed follows.

    Example: `stretchplan links site/v --format html`
    """
    from stretchplan.deliver.links import FORMATS
    from stretchplan.errors import checked_choice

    chosen = checked_choice("--format", fmt, FORMATS) or "html"
    with workspace(library, brand) as ws:
        result = ws.links(folder, chosen, force=force)
    for line in result.lines():
        typer.echo(line)
