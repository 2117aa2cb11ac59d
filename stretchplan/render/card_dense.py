"""Render stage: a large-print card set as densely as its type allows, for a page it
shares (with the introduction or another card).

Large type leaves no readable line beside the QR code, so the code stands beside the
pictures (which start at the card's left edge, under its band) at the top of the
first column, and the card's words run down that column and on into the second, as a
newspaper's do: summary, steps, tips, in whole lines at half the card's width (the
summary may run across both columns instead). Of the places to move on to the second
column the one that balances them wins; a card with its page to itself keeps its
larger pictures (see `card.exercise_block`).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, ListFlowable, ListItem, Spacer

from stretchplan.labels import Labels
from stretchplan.plan import ExercisePlan
from stretchplan.render.address import qr_column, wrap_url
from stretchplan.render.card_text import GUTTER, PAD, lead_text, tips
from stretchplan.render.markup import escape
from stretchplan.render.picture import picture_slot
from stretchplan.render.settled import SettledParagraph, SettledTable
from stretchplan.render.text import UNPADDED, para, side_by_side, stacked_height, table_style
from stretchplan.render.theme import Theme

BESIDE_CODE = 2.5 * mm  # between the pictures and the QR code at their right


def dense_columns(
    item: ExercisePlan, theme: Theme, labels: Labels, slot_h: float
) -> list[Flowable] | None:
    """The card's pictures, code and words in two columns at the card's full width;
    None for a card without a code."""
    if not item.link:
        return None
    half = (theme.width - GUTTER) / 2
    qr_w = theme.sizes.qr + 2 * PAD
    gap = Spacer(1, 1.2 * mm)
    pictures = picture_slot(item, theme, labels, half - qr_w - BESIDE_CODE, slot_h)
    row = _code_row(theme, pictures, item.link, item.link_text or "", labels)
    lead = lead_text(item, theme, labels)
    steps = _steps(item, theme)
    under = tips(item, theme, labels, first=False, width=half, apart=True)  # after the steps
    heading = tips(item, theme, labels, first=True, width=half, apart=True)  # a column's top
    best: tuple[float, list[Flowable], list[Flowable], list[Flowable]] | None = None
    for across in ([], lead):  # the summary heads the first column, or runs across both
        words = [*([] if across else lead), *steps, *under]
        top = stacked_height(across, theme.width) if across else 0.0
        for k in range(len(words) + 1):
            if item.cues and k and words[k - 1] is under[0]:
                continue  # never the tips' heading alone at a column's foot
            first = [row, gap, *words[:k]]
            rest = words[k:]
            if rest and any(rest[0] is piece for piece in under):
                # the tips go on at the second column's top: no space above them
                rest = heading[[id(piece) for piece in under].index(id(rest[0])) :]
            height = top + max(stacked_height(first, half), stacked_height(rest, half))
            if best is None or height < best[0] - 0.01:
                best = (height, across, first, rest)
    assert best is not None
    _, across, first, rest = best
    return [*across, side_by_side(theme, first, rest, half, half, GUTTER)]


def _steps(item: ExercisePlan, theme: Theme) -> list[Flowable]:
    """The numbered steps one list each, so that a column may end between two: numbered
    on from the last, all indented as far as the widest number needs."""
    style = theme.style("body")
    widest = stringWidth(str(len(item.steps)), theme.bold, theme.sizes.body)
    indent = max(theme.sizes.body * 1.4, widest + theme.sizes.body * 0.6)
    return [
        ListFlowable(
            [ListItem(para(text, style), leftIndent=indent)],
            bulletType="1",
            start=str(n),
            bulletFontName=theme.bold,
            bulletFontSize=theme.sizes.body,
            leftIndent=indent,
            bulletDedent="auto",
        )
        for n, text in enumerate(item.steps, start=1)
    ]


def _code_row(
    theme: Theme, pictures: Flowable | None, link: str, shown: str, labels: Labels
) -> SettledTable:
    """The pictures from the column's left (the card's), the QR code at its right, and
    the readable address under both, on as few lines as the column's width allows."""
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
