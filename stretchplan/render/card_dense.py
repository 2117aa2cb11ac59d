"""Render stage: a large-print card set as densely as its type allows, for a page it
shares (with the introduction or another card).

Large type leaves no readable line beside the QR code, so the code stands at the top
of the tips' column with the pictures at its left (or heading the steps' column, the
code alone at the top of the tips' column), and the card's two columns carry steps
and tips in whole lines. Of these arrangements the shortest wins; a card with its
page to itself keeps its larger pictures (see `card.exercise_block`).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from stretchplan.labels import Labels
from stretchplan.plan import ExercisePlan
from stretchplan.render.address import qr_column
from stretchplan.render.card_text import GUTTER, PAD, lead_text, tips
from stretchplan.render.picture import picture_slot
from stretchplan.render.settled import SettledTable
from stretchplan.render.text import UNPADDED, bullets, stacked_height, table_style
from stretchplan.render.theme import Theme

BESIDE_CODE = 2.5 * mm  # between the pictures and the QR code at their right


def dense_columns(
    item: ExercisePlan, theme: Theme, labels: Labels, slot_h: float
) -> list[Flowable] | None:
    """The card's text and pictures in two columns at the card's full width, the QR code
    at the top right; None for a card without a code or without tips to balance it."""
    if not item.link or not (item.cues or item.cautions or item.note):
        return None
    half = (theme.width - GUTTER) / 2
    qr_w = theme.sizes.qr + 2 * PAD
    link, shown = item.link, item.link_text or ""
    steps = [bullets(item.steps, theme, numbered=True)]
    lead = lead_text(item, theme, labels)
    heading = tips(item, theme, labels, first=True, width=half, apart=True)  # heads a column
    after = tips(item, theme, labels, first=False, width=half, apart=True)  # under the steps
    gap = Spacer(1, 1.2 * mm)
    beside = picture_slot(item, theme, labels, half - qr_w - BESIDE_CODE, slot_h)
    over = picture_slot(item, theme, labels, half, slot_h)
    beside_code = _code_row(theme, beside, qr_column(link, shown, theme, labels.scan_for_video))
    arrangements: list[tuple[list[Flowable], list[Flowable]]] = [
        # the summary heads the steps or the tips, the pictures beside the code
        ([*lead, *steps], [beside_code, gap, *heading]),
        (steps, [beside_code, gap, *lead, *heading]),
    ]
    # the tips begin under the steps and go on under the code (never their heading alone)
    arrangements += [
        ([*lead, *steps, *after[:k]], [beside_code, gap, *heading[k:]])
        for k in range(2, len(after) + 1)
    ]
    if over is not None:
        alone = _code_row(theme, None, qr_column(link, shown, theme, labels.scan_for_video))
        top = [over, gap]
        arrangements += [
            ([*top, *lead, *steps], [alone, gap, *heading]),
            ([*top, *steps], [alone, gap, *lead, *heading]),
        ]
    best = min(
        arrangements,
        key=lambda pair: max(stacked_height(pair[0], half), stacked_height(pair[1], half)),
    )
    grid = SettledTable([list(best)], colWidths=[half + GUTTER, half], hAlign="LEFT")
    grid.setStyle(
        table_style(
            theme,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *UNPADDED,
            ("RIGHTPADDING", (0, 0), (0, 0), GUTTER),
        )
    )
    return [grid]


def _code_row(theme: Theme, pictures: Flowable | None, code: list[Flowable]) -> SettledTable:
    """The QR code at the column's right, the pictures (if any) at its left."""
    qr_w = theme.sizes.qr + 2 * PAD
    half = (theme.width - GUTTER) / 2
    row = SettledTable([[pictures or "", code]], colWidths=[half - qr_w, qr_w], hAlign="LEFT")
    row.setStyle(
        table_style(
            theme,
            ("VALIGN", (0, 0), (0, 0), "BOTTOM"),
            ("VALIGN", (1, 0), (1, 0), "TOP"),
            *UNPADDED,
        )
    )
    return row
