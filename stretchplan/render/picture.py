"""Render stage: the picture slot of an exercise card.

Photos and the engine's pose figures share one slot: a row of one or two
pictures across the width the card gives, as tall as the card allows. A
layout asks for the slot and places it; it never cares which kind fills it.
"""

from __future__ import annotations

import functools
from concurrent.futures import Future

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from stretchplan.figures import scenes, tones_for
from stretchplan.labels import Labels
from stretchplan.plan import ExercisePlan
from stretchplan.render.figure import FigureFlowable
from stretchplan.render.images import NamedJPEG
from stretchplan.render.settled import SettledTable
from stretchplan.render.text import UNPADDED, para, table_style
from stretchplan.render.theme import Theme

GAP = 2.5 * mm  # between two pictures side by side


def picture_slot(
    item: ExercisePlan, theme: Theme, labels: Labels, width: float, height: float
) -> Flowable | None:
    """The exercise's pictures side by side from the left of a box `width` x `height`,
    as large as fits: its photos (two captioned Start and Finish), else its pose figure
    (each frame under its own caption), or None without either."""
    if not item.images:
        if not item.figures:
            return None
        return figure(item, theme, labels, width, height)
    count = len(item.images)
    each = (width - GAP * (count - 1)) / count
    words = (labels.figure_start, labels.figure_finish) if count == 2 else ()
    caption = theme.style("body", fontSize=theme.sizes.small, alignment=TA_CENTER)
    room = height - (caption.leading + 1 if words else 0.0)
    pictures = [photo(item, theme, path, each, room) for path in item.images]
    rows: list[list[object]] = [list(pictures)]
    if words:
        rows.append([para(word, caption) for word in words])
    widths = [p.width + GAP for p in pictures[:-1]] + [pictures[-1].width]
    row = SettledTable(rows, colWidths=widths, hAlign="LEFT")
    row.setStyle(
        table_style(
            theme,
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            *UNPADDED,
            *[("RIGHTPADDING", (n, 0), (n, -1), GAP) for n in range(count - 1)],
            ("TOPPADDING", (0, 1), (-1, 1), 1),
        )
    )
    return row


def figure(
    item: ExercisePlan, theme: Theme, labels: Labels, width: float, height: float | None = None
) -> FigureFlowable:
    """The exercise's pose figure `width` wide (or as large as fits `width` x `height`, its
    frames side by side), captioned in the handout's language (at body-text size: the
    captions are not fine print)."""
    words = (labels.figure_start, labels.figure_finish)
    primary, accent = (f"#{c.hexval()[2:]}" for c in (theme.primary, theme.accent))
    frames = tuple(item.figures)
    drawn = theme.renderer.measures.get(("scenes", frames), lambda: scenes(frames))
    tones = theme.renderer.measures.get(
        ("tones", primary, accent), lambda: tones_for(primary, accent)
    )
    return FigureFlowable(
        frames,
        width,
        primary,
        accent,
        words,
        theme.regular,
        theme.sizes.small,
        height,
        drawn,
        tones,
    )


def photo(item: ExercisePlan, theme: Theme, path: str, width: float, height: float) -> Picture:
    """One photo as large as fits the box, embedded as a small upright copy of that size."""
    photos = theme.renderer.photos
    w, h = photos.fit(path, width, height)
    return Picture(photos.printable_soon(path, w, h, f'photo for "{item.id}"'), w, h)


class Picture(Flowable):
    """A prepared JPEG drawn `width` x `height` points.

    Its size is known at once (from the photo's header), so the page is laid out
    while the small copy is still being made; drawing waits for it.

    Given a file name, reportlab names the image in the PDF after that name, so
    the cache folder's location (a different home folder, $XDG_CACHE_HOME)
    would change the output bytes. Through an ImageReader the name comes from
    the pixels instead, and the JPEG is still embedded as it is.
    """

    def __init__(self, prepared: Future[str], width: float, height: float) -> None:
        super().__init__()
        self.prepared = prepared
        self.width, self.height = width, height
        self.hAlign = "CENTER"

    @functools.cached_property
    def reader(self) -> NamedJPEG:
        return NamedJPEG(self.prepared.result())

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height)
