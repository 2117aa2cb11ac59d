"""Render stage: the picture slot of an exercise card.

Photos and the engine's pose figures share one slot: a row of one or two
pictures across the width the card gives, as tall as the card allows. A
layout asks for the slot and places it; it never cares which kind fills it.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from stretchplan.labels import Labels
from stretchplan.plan import ExercisePlan
from stretchplan.render.settled import SettledTable
from stretchplan.render.theme import Theme

GAP = 2.5 * mm  # between two pictures side by side


def picture_slot(
    item: ExercisePlan, theme: Theme, labels: Labels, width: float, height: float
) -> Flowable | None:
    """The exercise's photos side by side in a box `width` x `height`, else its pose
    figure as large as fits that box, or None without either."""
    from stretchplan.render.blocks import figure, photo  # blocks places this slot too

    if not item.images:
        if not item.figures:
            return None
        drawn = figure(item, theme, labels, width)
        tall = drawn.wrap(width, 10_000)[1]
        return drawn if tall <= height else figure(item, theme, labels, width * height / tall)

    count = len(item.images)
    each = (width - GAP * (count - 1)) / count
    pictures = [photo(item, theme, path, each, height) for path in item.images]
    row = SettledTable([pictures], colWidths=[each + GAP] * (count - 1) + [each], hAlign="LEFT")
    row.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONT", (0, 0), (-1, -1), theme.regular, theme.sizes.body),
            *(
                (side, (0, 0), (-1, -1), 0)
                for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
            ),
        ]
    )
    return row
