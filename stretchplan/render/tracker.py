"""Render stage: the adherence tracker, a days x weeks grid of tick boxes."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
)

from stretchplan.labels import Labels
from stretchplan.render.settled import SettledTable
from stretchplan.render.text import para, table_style
from stretchplan.render.theme import (
    INK,
    RULE,
    Theme,
)


class TickBox(Flowable):
    """An empty square for the client's tick: a vector rectangle, so it prints crisp."""

    def __init__(self, size: float) -> None:
        super().__init__()
        self.size = size
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setFillColor(colors.white)
        canvas.setLineWidth(0.9)
        canvas.rect(0, 0, self.size, self.size, stroke=1, fill=1)
        canvas.restoreState()


def tracker(weeks: int, theme: Theme, labels: Labels) -> Flowable:
    """A days x weeks grid of tick boxes, kept on one page, for the fridge door."""
    box = theme.sizes.tick_box
    head = theme.style("subheading", alignment=TA_CENTER, spaceBefore=0)
    week_style = theme.style("subheading", spaceBefore=0)
    label_w = max(
        stringWidth(f"{labels.week} {weeks}", theme.bold, theme.sizes.body),
        *(stringWidth(day, theme.bold, theme.sizes.body) for day in labels.weekdays),
    )
    day_w = max(
        box + 4 * mm,
        *(stringWidth(d, theme.bold, theme.sizes.body) + 3 * mm for d in labels.weekdays),
    )
    rows: list[list[object]] = [["", *(para(day, head) for day in labels.weekdays)]]
    for week in range(1, weeks + 1):
        rows.append(
            [para(f"{labels.week} {week}", week_style), *(TickBox(box) for _ in labels.weekdays)]
        )
    grid = SettledTable(
        rows,
        colWidths=[label_w + 5 * mm, *(day_w for _ in labels.weekdays)],
        hAlign="LEFT",
    )
    grid.setStyle(
        table_style(
            theme,
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (1, 1), (-1, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2 * mm),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        )
    )
    return KeepTogether(
        [
            para(labels.tracker, theme.style("heading")),
            para(labels.tracker_hint, theme.style("body", spaceAfter=theme.sizes.body * 0.5)),
            grid,
        ]
    )
