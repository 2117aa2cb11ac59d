"""How full each page is, for every layout of the bundled library.

    python scripts/page_fill.py            # a table: layout, pages, fill of each page
    python scripts/page_fill.py --all      # every bundled program, page size and print size

Fill is measured on the finished PDF, not from the layout's own idea of it: the
body is the band between the header rule and the footer rule (less the gap the
layout leaves beside each), and a page's fill is how far down that band its
lowest ink reaches. The last page of a document may be as short as it likes.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from stretchplan.api import Document

MM = 72 / 25.4
GAP = 3 * MM  # the layouts keep this much clear under the header and over the footer
DATE = dt.date(2026, 3, 14)
NOTE = "Ice after long runs."  # the one-line trainer's note of the target
GOAL = 0.80  # every page but the last at least this full


@dataclass(frozen=True)
class Layout:
    name: str
    kind: str  # handout | class-sheet
    program: str = "piriformis-relief"
    large_print: bool = False
    page_size: str = "letter"


LAYOUTS = (
    Layout("handout", "handout"),
    Layout("handout large print", "handout", large_print=True),
    Layout("handout A4", "handout", page_size="a4"),
    Layout("class sheet", "class-sheet"),
    Layout("class sheet large print", "class-sheet", large_print=True),
    Layout("class sheet A4", "class-sheet", page_size="a4"),
    Layout("class sheet runners", "class-sheet", program="runners-hip-mobility"),
    Layout("class sheet desk", "class-sheet", program="desk-worker-reset"),
)

PROGRAMS = ("piriformis-relief", "runners-hip-mobility", "desk-worker-reset")  # the bundled ones
# Every bundled program as handout and class sheet, on letter and A4, in normal and large print.
BUNDLED = tuple(
    Layout(
        f"{program} {kind} {size}{' large print' if large else ''}",
        kind,
        program=program,
        large_print=large,
        page_size=size,
    )
    for program in PROGRAMS
    for kind in ("handout", "class-sheet")
    for size in ("letter", "a4")
    for large in (False, True)
)


def page_fill(pdf: bytes) -> list[float]:
    """The fill of every page: lowest body ink over the body's height, 0..1."""
    import pdfplumber

    fills = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            top, bottom = _rules(page)
            body_top, body_bottom = top + GAP, bottom - GAP
            ink = [
                obj["bottom"]
                for obj in (*page.chars, *page.rects, *page.lines, *page.images, *page.curves)
                if obj["top"] > top + 0.5 and obj["bottom"] < bottom - 0.5
            ]
            lowest = max(ink, default=body_top)
            fills.append(max(0.0, min(1.0, (lowest - body_top) / (body_bottom - body_top))))
    return fills


def _rules(page: object) -> tuple[float, float]:
    """The header rule and the footer rule: the first and last lines that span the text width."""
    width = float(page.width)  # type: ignore[attr-defined]
    spans = sorted(
        float(line["top"])
        for line in (*page.lines, *page.edges)  # type: ignore[attr-defined]
        if line["x1"] - line["x0"] > width * 0.7 and abs(line["top"] - line["bottom"]) < 0.5
    )
    if not spans:
        raise ValueError("no header or footer rule found on the page")
    return spans[0], spans[-1]


def document(layout: Layout, library: Path | None = None) -> Document:
    import stretchplan

    with stretchplan.open_workspace(
        library or ROOT / "exercises.yaml", ROOT / "templates" / "brand.yaml"
    ) as ws:
        look = {"large_print": layout.large_print, "page_size": layout.page_size}
        if layout.kind == "handout":
            client = stretchplan.Client(name="Jane Doe", program=layout.program)
            return ws.handout(client, date=DATE, notes=[NOTE], **look)
        return ws.class_sheet(layout.program, date=DATE, **look)


def render(layout: Layout, library: Path | None = None) -> bytes:
    return document(layout, library).pdf


def report(layouts: tuple[Layout, ...] = LAYOUTS) -> Iterator[str]:
    for layout in layouts:
        fills = page_fill(render(layout))
        short = [f for f in fills[:-1] if f < GOAL]
        mark = "ok" if not short else "UNDER 80%"
        pages = " ".join(f"{f:4.0%}" for f in fills)
        yield f"{layout.name:46} {len(fills):2} pages  {pages}  {mark}"


if __name__ == "__main__":
    for line in report(BUNDLED if "--all" in sys.argv[1:] else LAYOUTS):
        print(line)
