"""One print-ready PDF from many: each document starts on a fresh sheet of a duplex stack.

Deliver stage: takes finished PDF files and a target path; never looks inside a Plan.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from stretchplan import __version__
from stretchplan.deliver.files import write_atomic


def padded(pages: int) -> int:
    """Pages a document takes in a double-sided stack: odd lengths get a blank back."""
    return pages + pages % 2


def combine(parts: Sequence[tuple[str, Path]], target: Path) -> int:
    """Write (title, pdf) parts in order into `target`; returns its page count.

    A blank page follows every odd-length part, so when the stack is printed
    double-sided no one's first page is printed on the back of someone else's
    last. Each part gets a bookmark with its title.
    """
    from pypdf import PdfReader, PdfWriter  # only when a combined file is asked for

    writer = PdfWriter()
    for title, path in parts:
        reader = PdfReader(io.BytesIO(path.read_bytes()))
        first = len(writer.pages)
        writer.append(reader, import_outline=False)
        writer.add_outline_item(title=title, page_number=first)
        if len(reader.pages) % 2:
            box = reader.pages[-1].mediabox
            writer.add_blank_page(width=float(box.width), height=float(box.height))
    # The Creator marks it as ours, so a later run may replace it (see files.made_by_us).
    writer.add_metadata({"/Creator": f"stretchplan {__version__}", "/Title": target.stem})
    buffer = io.BytesIO()
    writer.write(buffer)
    write_atomic(target, buffer.getvalue())
    return len(writer.pages)
