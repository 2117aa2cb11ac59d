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
from stretchplan.render.address import qr_column, wrap_url
from stretchplan.render.card_text import GUTTER, PAD, lead_text, tips
from stretchplan.render.markup import escape
from stretchplan.render.picture import picture_slot
from stretchplan.render.settled import SettledParagraph, SettledTable
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
    beside_code = _code_row(theme, beside, link, shown, labels)
    # (across the card's top, the steps' column, the tips' column)
    arrangements: list[tuple[list[Flowable], list[Flowable], list[Flowable]]] = []
    for across in ([], lead):  # the summary heads a column, or runs across both
        above = [] if across else lead
        arrangements += [
            # the pictures beside the code, the summary heading the steps or the tips
            ([*across], [*above, *steps], [beside_code, gap, *heading]),
            *(
                # the tips begin under the steps and go on under the code (never their
                # heading alone)
                ([*across], [*above, *steps, *after[:k]], [beside_code, gap, *heading[k:]])
                for k in range(2, len(after) + 1)
            ),
        ]
        if not across:
            arrangements.append(([], steps, [beside_code, gap, *lead, *heading]))
        if over is not None:
            alone = _code_row(theme, None, link, shown, labels)
            arrangements.append(([*across], [over, gap, *above, *steps], [alone, gap, *heading]))
            if not across:
                arrangements.append(([], [over, gap, *steps], [alone, gap, *lead, *heading]))

    def height(arrangement: tuple[list[Flowable], ...]) -> float:
        across, left, right = arrangement
        top = stacked_height(across, theme.width) if across else 0.0
        return top + max(stacked_height(left, half), stacked_height(right, half))

    across, left, right = min(arrangements, key=height)
    grid = SettledTable([[left, right]], colWidths=[half + GUTTER, half], hAlign="LEFT")
    grid.setStyle(
        table_style(
            theme,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *UNPADDED,
            ("RIGHTPADDING", (0, 0), (0, 0), GUTTER),
        )
    )
    return [*across, grid]


def _code_row(
    theme: Theme, pictures: Flowable | None, link: str, shown: str, labels: Labels
) -> SettledTable:
    """The QR code at the column's right, the pictures (if any) at its left, and the
    readable address under both, on as few lines as the column's width allows."""
    qr_w = theme.sizes.qr + 2 * PAD
    half = (theme.width - GUTTER) / 2
    code = qr_column(link, "", theme, labels.scan_for_video)[:2]  # the code and its caption
    fine = theme.style("fine-right", spaceBefore=1.5)
    lines = wrap_url(shown, fine.fontName, fine.fontSize, half)
    address = SettledParagraph("<br/>".join(escape(line) for line in lines), fine)
    row = SettledTable(
        [[pictures or "", code], [address, ""]], colWidths=[half - qr_w, qr_w], hAlign="LEFT"
    )
    row.setStyle(
        table_style(
            theme,
            ("VALIGN", (0, 0), (0, 0), "BOTTOM"),
            ("VALIGN", (1, 0), (1, 0), "TOP"),
            ("SPAN", (0, 1), (1, 1)),
            *UNPADDED,
        )
    )
    return row
