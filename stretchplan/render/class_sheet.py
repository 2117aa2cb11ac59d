"""The class-sheet layout: one compact sheet (one or two pages) for everyone in a class.

Render stage. The same page furniture and print rules as the handout; the
exercises sit in a two-column grid of cards (photo, name, dosage, the first
few steps, QR code), and the full disclaimer is fine print on every page.
"""

from __future__ import annotations

import dataclasses
import io
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table

from stretchplan.plan import ExercisePlan, Plan
from stretchplan.render.blocks import (
    bullets,
    exercise_block,
    note_list,
    para,
    photos,
    table_style,
    wrap_url,
)
from stretchplan.render.handout import build_document
from stretchplan.render.page import Furniture, check_glyphs
from stretchplan.render.qr import QUIET_ZONE, QRCode, matrix
from stretchplan.render.renderer import Renderer
from stretchplan.render.settled import SettledParagraph, SettledTable
from stretchplan.render.theme import RULE, Theme, theme_for

MAX_STEPS, MIN_STEPS = 3, 2  # the first steps set the exercise up; the rest is a scan away
GUTTER = 5 * mm
PAD = 3 * mm
MIN_SYMBOL = 21 * mm  # the QR symbol itself, quiet zone aside: 2 cm and a little spare
BLANK_NAME = "_" * 34


def render_class_sheet(plan: Plan, renderer: Renderer) -> bytes:
    """The class sheet as PDF bytes: the attendee's name, or a line to write it on."""
    theme = theme_for(plan, renderer)
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
        facts.append(f"{escape(labels.trainer)}: {escape(plan.brand.trainer)}")
    if plan.client_name:
        name = f"{escape(labels.name_line)}: <b>{escape(plan.client_name)}</b>"
    else:
        name = f"{escape(labels.name_line)}: {BLANK_NAME}"
    furniture = Furniture(
        plan,
        theme,
        [(title, escape(plan.title)), (right, " · ".join(facts)), (right, name)],
        fine_print=_disclaimer(plan, theme),
    )
    frame_h = furniture.body_top - furniture.body_bottom
    return build_document(plan, theme, furniture, furniture, _story(plan, theme, frame_h))


def _disclaimer(plan: Plan, theme: Theme) -> list[Flowable]:
    fine = theme.style("fine")
    label = f"<b>{escape(plan.labels.disclaimer)}:</b> "
    # One paragraph: every line the footer takes is a line less for the exercises.
    return [para(" ".join(plan.brand.disclaimer), fine, label)]


def _story(plan: Plan, theme: Theme, frame_h: float) -> list[Flowable]:
    labels = plan.labels
    facts = [f"<b>{escape(plan.mode_text)}</b>"]
    if plan.frequency:
        facts.insert(0, f"<b>{escape(labels.how_often)}:</b> {escape(plan.frequency)}")
    intro: list[Flowable] = [para("", theme.style("subtitle", spaceAfter=4), " · ".join(facts))]
    intro += note_list(labels.trainer_notes, plan.trainer_notes, theme)
    intro += note_list(labels.goals, plan.goals, theme)
    if plan.trainer_notes or plan.goals:
        intro.append(Spacer(1, 3 * mm))
    # Three steps when the sheet still fits one double-sided sheet, else two.
    for steps in range(MAX_STEPS, MIN_STEPS - 1, -1):
        story = intro + _grid(plan, theme, frame_h, steps)
        if _pages(story, theme.width, frame_h) <= 2:
            break
    return story


def _pages(story: list[Flowable], width: float, frame_h: float) -> int:
    """How many pages the story fills, packed the way the frame packs it."""
    canvas = Canvas(io.BytesIO())  # some flowables measure text on a canvas
    pages, used = 1, 0.0
    for flowable in story:
        _, height = flowable.wrapOn(canvas, width, frame_h)
        if used and used + height > frame_h:
            pages, used = pages + 1, 0.0
        used += height
    return pages


def _grid(plan: Plan, theme: Theme, frame_h: float, steps: int) -> list[Flowable]:
    qr = _qr_size([item.link for item in plan.exercises if item.link])
    card_w = (theme.width - GUTTER) / 2
    story: list[Flowable] = []
    for i in range(0, len(plan.exercises), 2):
        pair = plan.exercises[i : i + 2]
        row = _grid_row([_card(item, theme, plan, card_w, qr, steps) for item in pair], theme)
        _, height = row.wrap(theme.width, frame_h)
        if height <= frame_h - 4 * mm:
            story += [row, Spacer(1, GUTTER * 0.6)]
            continue
        # A card a trainer wrote too much for: give it the handout's flowing block.
        for item in pair:
            story += exercise_block(item, theme, plan.labels, frame_h)
    return story


def _qr_size(urls: list[str]) -> float:
    """One size for every code on the sheet, so the smallest symbol is still >= 2 cm."""
    size = MIN_SYMBOL * (21 + 2 * QUIET_ZONE) / 21
    for url in urls:
        modules = len(matrix(url))
        size = max(size, MIN_SYMBOL * modules / (modules - 2 * QUIET_ZONE))
    return size


def _card(
    item: ExercisePlan, theme: Theme, plan: Plan, width: float, qr: float, steps: int
) -> list[Flowable]:
    inner = width - 2 * PAD
    head: list[Flowable] = [
        para(f"{item.number}.  {item.name}", theme.style("name", fontSize=theme.sizes.body * 1.2)),
        para(
            item.dosage,
            theme.style(
                "dosage",
                fontSize=theme.sizes.body * 1.1,
                leading=theme.sizes.body * 1.35,
                spaceAfter=3,
            ),
        ),
    ]
    if item.images:
        photo_w = inner * 0.32
        first = dataclasses.replace(item, images=item.images[:1])
        top = SettledTable(
            [[photos(first, theme, photo_w - 2 * mm, 24 * mm), head]],
            colWidths=[photo_w, inner - photo_w],
        )
        top.setStyle(_tight(theme))
        head = [top, Spacer(1, 2 * mm)]
    text: list[Flowable] = [bullets(item.steps[:steps], theme, numbered=True)]
    if item.note:
        text.append(para(item.note, theme.style("summary", spaceBefore=3)))
    if not item.link:
        return [*head, *text]
    qr_w = qr + 2 * mm
    code = [QRCode(item.link, qr), para(plan.labels.scan_for_video, theme.style("scan"))]
    body = SettledTable([[text, code]], colWidths=[inner - qr_w, qr_w])
    body.setStyle(_tight(theme))
    # The address runs under the whole card: two lines there instead of four under the code.
    fine = theme.style("fine-right", spaceBefore=2)
    url = wrap_url(item.link_text or "", fine.fontName, fine.fontSize, inner)
    return [*head, body, SettledParagraph("<br/>".join(escape(line) for line in url), fine)]


def _tight(theme: Theme) -> object:
    return table_style(
        theme,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    )


def _grid_row(cards: list[list[Flowable]], theme: Theme) -> Table:
    """Two cards side by side in boxes of equal height (the gutter is an empty column)."""
    cells: list[object] = [cards[0], ""]
    cells.append(cards[1] if len(cards) > 1 else "")
    card_w = (theme.width - GUTTER) / 2
    row = SettledTable([cells], colWidths=[card_w, GUTTER, card_w], hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
    ]
    for column in range(0, 2 * len(cards), 2):
        commands += [
            ("BOX", (column, 0), (column, 0), 0.6, RULE),
            ("LINEBEFORE", (column, 0), (column, 0), 2.5, theme.accent),
        ]
    row.setStyle(table_style(theme, *commands))
    return row
