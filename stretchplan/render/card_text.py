"""Render stage: an exercise card's words: summary, "You need", steps, tips, cautions
and the trainer's note, stacked or with the steps beside the tips, whichever is shorter.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
)

from stretchplan.labels import Labels
from stretchplan.plan import ExercisePlan
from stretchplan.render.markup import escape
from stretchplan.render.text import (
    MIN_MEASURE,
    bullets,
    measure_of,
    para,
    side_by_side,
    stacked_height,
)
from stretchplan.render.theme import Theme
from stretchplan.render.warning import caution_box

GUTTER = 4 * mm  # between the two text columns of a wide card
PAD = 2 * mm  # inner padding of a card's cells


def equipment_line(item: ExercisePlan, theme: Theme, labels: Labels) -> list[Flowable]:
    """ "You need: mat, foam roller", when the exercise needs anything."""
    if not item.equipment:
        return []
    label = f"<b>{escape(labels.labelled(labels.you_need))}</b> "
    style = theme.style("body", spaceAfter=theme.sizes.body * 0.3)
    return [para(", ".join(item.equipment), style, label)]


def tips(
    item: ExercisePlan,
    theme: Theme,
    labels: Labels,
    first: bool,
    width: float,
    apart: bool = False,
) -> list[Flowable]:
    """Tips, cautions (set apart as a warning) and the trainer's note for one exercise;
    each tip a list of its own when `apart` (a column may break between them)."""
    out: list[Flowable] = []
    if item.cues:
        space = 0 if first else theme.sizes.body * 0.35
        cues = [bullets((c,), theme) for c in item.cues] if apart else [bullets(item.cues, theme)]
        out += [para(labels.cues, theme.style("subheading", spaceBefore=space)), *cues]
    if item.cautions:
        space = 0 if first and not out else theme.sizes.body * 0.35
        out.append(
            caution_box(labels.labelled(labels.cautions), item.cautions, theme, width, space)
        )
    if item.note:
        label = f"<b>{escape(labels.labelled(labels.note))}</b> "
        space = 0 if first and not out else theme.sizes.body * 0.4
        out.append(para(item.note, theme.style("body", spaceBefore=space), label))
    return out


def lead_text(item: ExercisePlan, theme: Theme, labels: Labels) -> list[Flowable]:
    """What the exercise is for and what to bring: the summary and "You need"."""
    out: list[Flowable] = []
    if item.summary:
        out.append(para(item.summary, theme.style("summary", spaceAfter=3)))
    return out + equipment_line(item, theme, labels)


def stacked_text(
    item: ExercisePlan, theme: Theme, labels: Labels, width: float, lead: bool = True
) -> list[Flowable]:
    """Summary, equipment (unless `lead` is set elsewhere), numbered steps, tips, cautions
    and note, one after another."""
    out = lead_text(item, theme, labels) if lead else []
    out.append(bullets(item.steps, theme, numbered=True))
    return out + tips(item, theme, labels, first=False, width=width)


def exercise_text(
    item: ExercisePlan, theme: Theme, labels: Labels, width: float, lead: bool = True
) -> tuple[list[Flowable], float]:
    """The card's text for a column `width` wide, and how tall it comes out; without
    the summary and "You need" when `lead` is false (the card sets them beside its pictures).

    When the column is wide enough for two readable columns, the steps beside
    the tips are tried too; whichever arrangement is shorter wins.
    """
    key = ("arrangement", item, theme, labels, width, lead)
    side, height = theme.renderer.measures.get(
        key, lambda: _arrange(item, theme, labels, width, lead)
    )
    if side:
        return _side_text(item, theme, labels, width, lead), height
    return stacked_text(item, theme, labels, width, lead), height


def _arrange(
    item: ExercisePlan, theme: Theme, labels: Labels, width: float, lead: bool
) -> tuple[bool, float]:
    best = (False, stacked_height(stacked_text(item, theme, labels, width, lead), width))
    half = (width - GUTTER) / 2
    if (item.cues or item.cautions or item.note) and half >= measure_of(theme, MIN_MEASURE):
        side_h = stacked_height(_side_text(item, theme, labels, width, lead), width)
        if side_h < best[1]:
            best = (True, side_h)
    return best


def _side_text(
    item: ExercisePlan, theme: Theme, labels: Labels, width: float, lead: bool
) -> list[Flowable]:
    half = (width - GUTTER) / 2
    summary = [para(item.summary, theme.style("summary", spaceAfter=3))] if item.summary else []
    left = [bullets(item.steps, theme, numbered=True)]
    # The tips' column is the shorter one: what to bring heads it at no cost in height.
    need = equipment_line(item, theme, labels) if lead else []
    right = [*need, *tips(item, theme, labels, not need, half)]
    pair = side_by_side(theme, left, right, half, half, GUTTER)
    return [*summary, pair] if lead else [pair]
