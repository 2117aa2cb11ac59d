"""Render stage: a wide card's text in two columns at the card's full width, the steps
and the tips with the QR code at their top right, the pictures where they cost least.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, ListFlowable, Spacer

from stretchplan.labels import Labels
from stretchplan.plan import ExercisePlan
from stretchplan.render.address import qr_column
from stretchplan.render.card_text import GUTTER, PAD, equipment_line, lead_text, tips
from stretchplan.render.picture import picture_slot
from stretchplan.render.settled import SettledTable
from stretchplan.render.text import (
    READABLE,
    UNPADDED,
    bullets,
    measure_of,
    para,
    stacked_height,
    table_style,
)
from stretchplan.render.theme import Theme

SLOT_GAP = 4 * mm  # between the pictures and the text beside them
GAP_AMID = 1.2  # lines of body text: the most space left between two tips under the code


def columns(
    item: ExercisePlan, theme: Theme, labels: Labels, slot_h: float
) -> list[Flowable] | None:
    """The summary across the card, then two columns at the card's full width: the steps,
    and the tips with the QR code at their top right until the code is passed; the
    picture slot heads the shorter column (or stands beside narrow steps). None when the
    columns would be too narrow."""
    pieces = _Pieces(item, theme, labels, slot_h)
    if pieces.half - pieces.qr_w < pieces.narrowest:
        return None
    qr_h = stacked_height(pieces.qr(), pieces.qr_w - 2 * PAD)
    summary = [para(item.summary, theme.style("summary", spaceAfter=3))] if item.summary else []
    summary_h = stacked_height(summary, theme.width) if summary else 0.0
    best: tuple[float, str, bool, int] | None = None
    half, narrow = pieces.half, pieces.half - pieces.qr_w
    amid = GAP_AMID * theme.sizes.body
    # Pictures beside the steps as tall as a photo first: between cards of one height
    # the larger pictures win.
    tall = sorted({slot_h, theme.sizes.photo_min}, reverse=True)
    places = ["over", *[f"beside {h}" for h in tall if pieces.beside_steps(h)], "right"]
    for place in places:
        for aside in (False, True) if summary else (False,):  # the summary beside the code
            left, beside, under = pieces.columns(place, aside)
            left_h = stacked_height(left, half)
            if best is not None and left_h + (0.0 if aside else summary_h) >= best[0]:
                continue
            for k in range(len(beside) + 1):
                above = stacked_height(beside[:k], narrow) if k else 0.0
                gap = qr_h + PAD - above
                if k < len(beside) and isinstance(beside[k], ListFlowable) and gap > amid:
                    continue  # the tips run on under the code without a gap among them
                rest = stacked_height(under[k:], half) if k < len(under) else 0.0
                height = max(left_h, max(above, qr_h + PAD) + rest)
                height += 0.0 if aside else summary_h
                if best is None or height < best[0] - 0.01:
                    best = (height, place, aside, k)
    assert best is not None
    _, place, aside, k = best
    left, beside, under = pieces.columns(place, aside)
    rows: list[list[object]] = [[left, beside[:k], pieces.qr()], ["", under[k:], ""]]
    grid = SettledTable(rows, colWidths=[half + GUTTER, narrow, pieces.qr_w], hAlign="LEFT")
    grid.setStyle(
        table_style(
            theme,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *UNPADDED,
            ("SPAN", (0, 0), (0, 1)),
            ("SPAN", (1, 1), (2, 1)),
            ("RIGHTPADDING", (0, 0), (0, -1), GUTTER),
            ("LEFTPADDING", (2, 0), (2, 0), PAD),
        )
    )
    return [grid] if aside else [*summary, grid]


class _Pieces:
    """A card's pieces, each built once and measured at each width it may take
    (paragraphs keep their line breaks per width): a card tries a few dozen arrangements."""

    def __init__(self, item: ExercisePlan, theme: Theme, labels: Labels, slot_h: float) -> None:
        self.item, self.theme, self.labels, self.slot_h = item, theme, labels, slot_h
        self.half = (theme.width - GUTTER) / 2  # each of the two columns
        self.qr_w = theme.sizes.qr + 2 * PAD
        self.narrowest = measure_of(theme, READABLE * 6 // 10)
        self.made: dict[tuple[object, ...], list[Flowable]] = {}

    def qr(self) -> list[Flowable]:
        item = self.item
        link, shown = item.link or "", item.link_text or ""
        return qr_column(link, shown, self.theme, self.labels.scan_for_video)

    def columns(self, place: str, aside: bool) -> tuple[list[Flowable], ...]:
        """The steps' column, the tips beside the code and the tips under it: `place`
        puts the pictures over the steps, beside them ("beside" and the pictures'
        height) or heading the tips (`right`); `aside` sets the summary over the tips."""
        half = self.half
        if place == "over":
            left = [*self.slot(half), *self.steps()]
        elif place.startswith("beside"):
            left = self.beside_steps(float(place.split()[1]))
        else:
            left = self.steps()
        beside, under = self.right(half - self.qr_w, aside), self.right(half, aside)
        if place == "right":
            beside = [*self.slot(half - self.qr_w), *beside]
            under = [*self.slot(half), *under]
        return left, beside, under

    def right(self, width: float, summary: bool) -> list[Flowable]:
        key = ("right", width, summary)
        if key not in self.made:
            item, theme, labels = self.item, self.theme, self.labels
            lead = (
                lead_text(item, theme, labels) if summary else equipment_line(item, theme, labels)
            )
            self.made[key] = [*lead, *tips(item, theme, labels, not lead, width, apart=True)]
        return self.made[key]

    def slot(self, width: float) -> list[Flowable]:
        if ("slot", width) not in self.made:
            shown = picture_slot(self.item, self.theme, self.labels, width, self.slot_h)
            self.made["slot", width] = [shown, Spacer(1, 1.2 * mm)] if shown else []
        return self.made["slot", width]

    def steps(self) -> list[Flowable]:
        if ("steps",) not in self.made:
            self.made["steps",] = [bullets(self.item.steps, self.theme, numbered=True)]
        return self.made["steps",]

    def beside_steps(self, height: float) -> list[Flowable]:
        """Narrow pictures (a standing or seated figure) `height` tall at the left of
        the steps; nothing when they would leave the steps too narrow."""
        key = ("beside", height)
        if key not in self.made:
            self.made[key] = []
            width = self.half
            pictures = picture_slot(self.item, self.theme, self.labels, width, height)
            steps_w = width - (pictures.wrap(width, height)[0] if pictures else width) - SLOT_GAP
            if pictures is not None and steps_w >= self.narrowest:
                steps = [bullets(self.item.steps, self.theme, numbered=True)]
                pair = SettledTable(
                    [[pictures, steps]], colWidths=[width - steps_w, steps_w], hAlign="LEFT"
                )
                pair.setStyle(
                    table_style(self.theme, ("VALIGN", (0, 0), (-1, -1), "TOP"), *UNPADDED)
                )
                self.made[key] = [pair]
        return self.made[key]
