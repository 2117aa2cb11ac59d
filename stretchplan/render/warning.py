"""Render stage: "Take care" set apart as a warning, not as one more list of tips.

A dark bar down the left and a vector warning triangle: both are drawn in near
black, so a black-and-white printer keeps them as clear as a colour one does.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from stretchplan.render.markup import escape
from stretchplan.render.settled import SettledParagraph, SettledTable
from stretchplan.render.theme import INK, Theme, tint

BAR = 2.2  # points: thick enough to read as a mark, not a rule


class WarningSign(Flowable):
    """An equilateral triangle with an exclamation mark, `size` points tall."""

    def __init__(self, size: float) -> None:
        super().__init__()
        self.size = size
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        s = self.size
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(INK)
        path = canvas.beginPath()
        path.moveTo(0, 0.05 * s)
        path.lineTo(s, 0.05 * s)
        path.lineTo(s / 2, 0.95 * s)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.rect(s / 2 - 0.055 * s, 0.36 * s, 0.11 * s, 0.36 * s, stroke=0, fill=1)
        canvas.circle(s / 2, 0.22 * s, 0.065 * s, stroke=0, fill=1)
        canvas.restoreState()


def caution_box(
    title: str, cautions: tuple[str, ...], theme: Theme, width: float, space_before: float = 0
) -> Flowable:
    """The cautions beside a warning sign and a dark bar, `width` points wide: the title
    runs in before the first, each caution a paragraph of its own."""
    size = theme.sizes.body
    sign = WarningSign(size * 1.05)
    body = theme.style("body", spaceAfter=size * 0.15)
    lead = f"<b>{escape(title)}</b> "  # the title as labelled: "Take care:", "Attention :"
    lines: list[Paragraph] = [
        SettledParagraph((lead if n == 0 else "") + escape(text), body)
        for n, text in enumerate(cautions)
    ]
    sign_w = BAR + 1.4 * mm + sign.width + 1.4 * mm
    box = SettledTable(
        [[sign, lines]],
        colWidths=[sign_w, width - sign_w],
        hAlign="LEFT",
        spaceBefore=space_before,
    )
    box.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), theme.regular, size),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBEFORE", (0, 0), (0, -1), BAR, INK),
            ("BACKGROUND", (0, 0), (-1, -1), tint(theme.accent, 0.12)),
            ("LEFTPADDING", (0, 0), (0, 0), BAR + 1.4 * mm),
            ("LEFTPADDING", (1, 0), (1, 0), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 1.2 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 1.0 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6 * mm),
        ]
    )
    return box
