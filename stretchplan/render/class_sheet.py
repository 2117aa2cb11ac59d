"""The class-sheet layout: one compact sheet for everyone in a class.

Render stage. The same page furniture and print rules as the handout; the
exercises run in program order down two columns of complete cards (one
column in large print, a little wider and its disclaimer set a little closer,
so two cards share a page), and the full disclaimer is fine print on every page.
The title stays on one line, a little smaller if need be. In large print a card on a
page it would leave short (beside the introduction, or alone) grows its pictures into
the room: every frame at the card's foot.
"""

from __future__ import annotations

import dataclasses

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from stretchplan.media.pages import page_count
from stretchplan.plan import ExercisePlan, Plan
from stretchplan.render.fit import name_line, one_line_size, sized
from stretchplan.render.handout import SMALLEST_TEXT, build_document
from stretchplan.render.markup import escape
from stretchplan.render.pack import Block, measure, pack_columns, planned_pages
from stretchplan.render.page import Furniture, RightLine, check_glyphs
from stretchplan.render.qr import QUIET_ZONE, QRCodes
from stretchplan.render.renderer import Renderer
from stretchplan.render.sheet_card import grown_cards, sheet_card
from stretchplan.render.text import note_list, para
from stretchplan.render.theme import NORMAL, Theme, theme_for

GUTTER = 5 * mm
MIN_SYMBOL = 21 * mm  # the QR symbol itself, quiet zone aside: 2 cm and a little spare
LARGE_MARGIN = 13 * mm  # large print: the width its type needs, still clear of the safe edge
BLANK_NAME = "_" * 34
GROWN = tuple(n * 5 * mm for n in range(6, 16))  # a grown card's picture heights, 30-75 mm
TITLE_FLOOR = 0.8  # of the heading size: the smallest a title shrinks to stay on one line


def render_class_sheet(plan: Plan, renderer: Renderer) -> bytes:
    """The class sheet as PDF bytes: the attendee's name, or a line to write it on."""
    theme = theme_for(plan, renderer)
    if columns(theme) == 1:
        theme = dataclasses.replace(theme, margin_x=LARGE_MARGIN)
    check_glyphs(plan, theme)
    labels = plan.labels
    right = theme.style("header-right")
    title = theme.style(
        "header-right",
        fontName=theme.bold,
        textColor=theme.heading_color,
        fontSize=theme.sizes.heading,
        leading=theme.sizes.heading * 1.2,
    )
    facts = [escape(labels.class_sheet), escape(plan.date_text)]
    if plan.brand.trainer:
        facts.append(f"{escape(labels.labelled(labels.trainer))} {escape(plan.brand.trainer)}")
    name: tuple[ParagraphStyle, str] | RightLine = (
        right,
        f"{escape(labels.labelled(labels.name_line))} {BLANK_NAME}",
    )
    if plan.client_name:  # never broken inside a word, as on a handout
        floor = min(right.fontSize, SMALLEST_TEXT)
        before = f"{labels.labelled(labels.name_line)} "
        name = name_line(before, plan.client_name, "", right, theme.bold, floor, one_line=False)
    furniture = Furniture(
        plan,
        theme,
        [_one_line_title(plan.title, title), (right, " · ".join(facts)), name],
        fine_print=_disclaimer(plan, theme),
    )
    frame_h = furniture.body_top - furniture.body_bottom
    blocks = _blocks(plan, theme, frame_h)
    # Column breaks chosen with lookahead; a card too long for a column flows as it comes.
    story = pack_columns(blocks, columns(theme), frame_h, frame_h)
    if story is not None:
        pdf = build_document(plan, theme, furniture, furniture, story, columns(theme), GUTTER)
        if page_count(pdf) == planned_pages(story):
            return pdf
        # The layout disagreed with its measures: reportlab's own breaks instead.
        blocks = _blocks(plan, theme, frame_h)
    story = [f for block in blocks for f in block.flowables]
    return build_document(plan, theme, furniture, furniture, story, columns(theme), GUTTER)


def _one_line_title(text: str, style: ParagraphStyle) -> RightLine:
    """The sheet's title on one line, a little smaller if it must be (every line the
    header takes is taken from the cards on every page); wrapped at full size when
    even `TITLE_FLOOR` of its size is too wide."""

    def fit(width: float) -> tuple[ParagraphStyle, str]:
        floor = style.fontSize * TITLE_FLOOR
        size = one_line_size(text, style.fontName, style.fontSize, floor, width)
        return (style if size is None else sized(style, size)), escape(text)

    return fit


def _disclaimer(plan: Plan, theme: Theme) -> list[Flowable]:
    fine = theme.style("fine")
    if columns(theme) == 1:  # large print: fine print of a size that needs less air
        fine = theme.style("fine", leading=theme.sizes.fine * 1.18)
    label = f"<b>{escape(plan.labels.labelled(plan.labels.disclaimer))}</b> "
    # One paragraph: every line the footer takes is a line less for the exercises.
    return [para(" ".join(plan.brand.disclaimer), fine, label)]


def _blocks(plan: Plan, theme: Theme, frame_h: float) -> list[Block]:
    """The sheet as blocks: the introduction's pieces, then a card each; in large print a
    card also with its pictures grown into the foot of a page it would leave short."""
    width = column_width(theme)
    intro, cards = _story(plan, theme, frame_h)
    blocks = [measure([f], width) for f in intro]
    for item, card in cards:
        here = [measure([f], width) for f in card]
        if columns(theme) == 1 and len(card) == 1:
            qr = card_qr(plan, theme)
            grown = grown_cards(item, theme, plan.labels, width, qr, frame_h, GROWN)
            here[0] = dataclasses.replace(here[0], grown=tuple(measure([g], width) for g in grown))
        blocks += here
    return blocks


def _story(
    plan: Plan, theme: Theme, frame_h: float
) -> tuple[list[Flowable], list[tuple[ExercisePlan, list[Flowable]]]]:
    labels = plan.labels
    facts = [f"<b>{escape(plan.mode_text)}</b>"]
    if plan.frequency:
        facts.insert(
            0, f"<b>{escape(labels.labelled(labels.how_often))}</b> {escape(plan.frequency)}"
        )
    story: list[Flowable] = [para("", theme.style("subtitle", spaceAfter=4), " · ".join(facts))]
    if plan.fallback_notice:
        story.append(para(plan.fallback_notice, theme.style("fine", fontName=theme.italic)))
    if plan.intro:  # what the class is for, as the handout says it
        story.append(
            KeepTogether(
                [
                    para(labels.about, theme.style("subheading", spaceBefore=0)),
                    para(plan.intro, theme.style("body", spaceAfter=theme.sizes.body * 0.5)),
                ]
            )
        )
    story += note_list(labels.trainer_notes, plan.trainer_notes, theme)
    story += note_list(labels.goals, plan.goals, theme)
    if plan.trainer_notes or plan.goals:
        story.append(Spacer(1, 3 * mm))
    qr = card_qr(plan, theme)
    width = column_width(theme)
    cards = [(item, sheet_card(item, theme, labels, width, qr, frame_h)) for item in plan.exercises]
    return story, cards


def card_qr(plan: Plan, theme: Theme) -> float:
    """The size of every code on the sheet; in large print they grow with the type."""
    qr = _qr_size([item.link for item in plan.exercises if item.link], theme.renderer.codes)
    return qr * theme.sizes.body / NORMAL.body


def columns(theme: Theme) -> int:
    """Two columns of cards; large type gets the page's whole width to keep its lines whole."""
    return 1 if theme.sizes.body > NORMAL.body else 2


def column_width(theme: Theme) -> float:
    n = columns(theme)
    return (theme.width - GUTTER * (n - 1)) / n


def _qr_size(urls: list[str], codes: QRCodes) -> float:
    """One size for every code on the sheet, so the smallest symbol is still >= 2 cm."""
    size = MIN_SYMBOL * (21 + 2 * QUIET_ZONE) / 21
    for url in urls:
        modules = len(codes.matrix(url))
        size = max(size, MIN_SYMBOL * modules / (modules - 2 * QUIET_ZONE))
    return size
