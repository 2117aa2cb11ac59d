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
    rest = tips(item, theme, labels, first=True, width=half)
    gap = Spacer(1, 1.2 * mm)
    beside = _beside_code(item, theme, labels, half - qr_w - BESIDE_CODE, slot_h)
    over = picture_slot(item, theme, labels, half, slot_h)
    over_steps = [over, gap] if over is not None else []
    arrangements: list[tuple[list[Flowable], list[Flowable]]] = []
    for top in (_code_row(theme, beside, qr_column(link, shown, theme, labels.scan_for_video)),):
        # pictures beside the code; the summary heads the steps or the tips
        arrangements.append(([*lead, *steps], [top, gap, *rest]))
        arrangements.append((steps, [top, gap, *lead, *rest]))
    if over is not None:
        alone = _code_row(theme, None, qr_column(link, shown, theme, labels.scan_for_video))
        arrangements.append(([*over_steps, *lead, *steps], [alone, gap, *rest]))
        arrangements.append(([*over_steps, *steps], [alone, gap, *lead, *rest]))
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


def _beside_code(
    item: ExercisePlan, theme: Theme, labels: Labels, width: float, height: float
) -> Flowable | None:
    return picture_slot(item, theme, labels, width, height)


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
