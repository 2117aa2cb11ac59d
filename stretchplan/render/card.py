"""Render stage: one exercise as a handout card that never breaks across pages: the
name band, then the picture slot, the text and the QR code.

The card is sized to its content: its pictures (photos or the pose figure, one slot,
in line with the band's left edge) head a column of text or stand beside it, and of
the ways to arrange pictures, steps, tips and code the shortest card wins.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
)

from stretchplan.labels import Labels
from stretchplan.plan import ExercisePlan
from stretchplan.render import card_columns
from stretchplan.render.address import qr_column
from stretchplan.render.card_columns import SLOT_GAP
from stretchplan.render.card_text import (
    PAD,
    equipment_line,
    exercise_text,
    lead_text,
    stacked_text,
    tips,
)
from stretchplan.render.images import stamp
from stretchplan.render.picture import figure, picture_slot
from stretchplan.render.settled import SettledParagraph, SettledTable
from stretchplan.render.text import (
    READABLE,
    UNPADDED,
    bullets,
    measure_of,
    para,
    table_style,
)
from stretchplan.render.theme import (
    NORMAL,
    RULE,
    Theme,
)

FIGURE_ROW = 0.63  # of a photo's height: two pictograms side by side read smaller than a photo
MIN_BODY = 20 * mm  # a pose figure's body at full height: a standing one is no stamp


CARD_GAP = 2.2 * mm  # between one exercise card and the next
ALONE = 0.84  # of a page: a card alone on its page fills it this far with its pictures


def name_band(item: ExercisePlan, theme: Theme, width: float) -> Table:
    """Number, name and dosage on a pale brand band: the dosage in large type, right-aligned
    when it fits beside the name, on its own line under the name when it does not."""
    s = theme.sizes
    number = SettledParagraph(
        str(item.number),
        theme.style("name", textColor=colors.white, alignment=TA_CENTER),
    )
    name = para(item.name, theme.style("name", textColor=theme.band_text))
    badge_w = max(stringWidth(str(item.number), theme.bold, s.name) + 2 * PAD, s.name * 1.7)
    room = width - badge_w - 4 * PAD
    name_w = stringWidth(item.name, theme.bold, s.name)
    size = s.dosage  # a little smaller rather than a line of its own, still larger than body
    while (
        size > s.body * 1.2
        and name_w + stringWidth(item.dosage, theme.bold, size) + 1 + 6 * mm > room
    ):
        size -= 0.5
    dose_w = stringWidth(item.dosage, theme.bold, size) + 1
    if name_w + dose_w + 6 * mm <= room:
        style = theme.style(
            "dosage", alignment=TA_RIGHT, spaceAfter=0, fontSize=size, leading=size * 1.2
        )
        dosage = para(item.dosage, style)
        rows: list[list[object]] = [[number, name, dosage]]
        widths = [badge_w, width - badge_w - dose_w - 2 * PAD, dose_w + 2 * PAD]
        spans: list[tuple[object, ...]] = []
    else:
        dosage = para(item.dosage, theme.style("dosage", spaceAfter=0))
        rows = [[number, name], ["", dosage]]
        widths = [badge_w, width - badge_w]
        spans = [("SPAN", (0, 0), (0, 1)), ("TOPPADDING", (1, 1), (1, 1), 0)]
    band = SettledTable(rows, colWidths=widths, hAlign="LEFT")
    band.setStyle(
        table_style(
            theme,
            ("BACKGROUND", (0, 0), (-1, -1), theme.band),
            ("BACKGROUND", (0, 0), (0, -1), theme.heading_color),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 0.9 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.1 * mm),
            *spans,
        )
    )
    return band


def slot_height(item: ExercisePlan, theme: Theme, labels: Labels) -> float:
    """How tall the picture slot may be: a photo's height, less for two pose frames in
    normal print (in large print a card has a page to itself: the pictures take the room),
    but never so little that a figure's body comes out under `MIN_BODY` tall."""
    large = theme.sizes.body > NORMAL.body
    if large or item.images or len(item.figures) < 2:
        return theme.sizes.photo_min
    row = FIGURE_ROW * theme.sizes.photo_min
    drawn = figure(item, theme, labels, theme.width, row)
    tallest = (row - drawn.caption_h) / drawn.k  # in body heights: about 1 standing
    return min(max(row, drawn.caption_h + MIN_BODY * tallest), theme.sizes.photo_min)


def exercise_block(
    item: ExercisePlan, theme: Theme, labels: Labels, frame_height: float
) -> list[Flowable]:
    """One exercise as a card that never breaks across pages: the name band, then the
    picture slot, the text and the QR code (see `_card_parts`).

    A card taller than half a page shares its page with no other card (large print):
    its pictures grow into the room the page would otherwise leave empty. A card
    taller than a whole page (a trainer wrote a lot) is laid out as plain flowing
    paragraphs instead, so nothing is ever clipped.
    """
    card = _card(item, theme, labels, 0.0)
    height = card.wrap(theme.width, frame_height)[1]
    goal = ALONE * frame_height
    if frame_height / 2 < height < goal:
        extra = min(goal - height, slot_height(item, theme, labels))
        for _ in range(4):  # a larger picture may move the words around it: try smaller
            taller = _card(item, theme, labels, round(extra, 1))
            taller_h = taller.wrap(theme.width, frame_height)[1]
            if height < taller_h <= goal:
                card, height = taller, taller_h
                break
            extra -= max(taller_h - goal, 1.0)
            if extra <= 0:
                break
    if height > frame_height - CARD_GAP:
        return _flowing(item, theme, labels)
    card.spaceAfter = CARD_GAP  # not needed at a page's foot; under a heading's space
    return [KeepTogether([card])]


def _card(item: ExercisePlan, theme: Theme, labels: Labels, extra: float) -> Table:
    """The card in one cell holding band and body: a single-row table never breaks across
    pages; its picture slot `extra` points taller than usual."""
    photos_now = tuple(stamp(path) for path in item.images)  # an edited photo is a new card
    parts = theme.renderer.cards.get(
        (item, theme, labels, photos_now, extra),
        lambda: _card_parts(item, theme, labels, extra),
    )
    card = SettledTable([[list(parts)]], colWidths=[theme.width])
    card.hAlign = "LEFT"
    card.setStyle(table_style(theme, *UNPADDED))
    return card


def _card_parts(
    item: ExercisePlan, theme: Theme, labels: Labels, extra: float = 0.0
) -> tuple[Table, Table]:
    """A card's name band and body, built and laid out once per Renderer.

    Every client on a program gets the same cards, so a batch builds each one
    once and every handout after the first draws the same band and body (their
    paragraphs keep their line breaks: see `settled`). They only ever sit inside
    a card's cell, never in a page's story, so no document marks them as split
    or postponed; the card around them is new for every handout.
    """
    band = name_band(item, theme, theme.width)
    link, shown = item.link, item.link_text or ""
    qr = qr_column(link, shown, theme, labels.scan_for_video) if link else []
    qr_w = theme.sizes.qr + 2 * PAD if qr else 0.0
    text_w = theme.width - qr_w  # the picture slot and the text share it
    slot_h = slot_height(item, theme, labels) + extra
    slot = picture_slot(item, theme, labels, text_w - PAD, slot_h)
    if slot is None:
        left = exercise_text(item, theme, labels, text_w - 2 * PAD)[0]
        body = _body([left], [text_w], qr, qr_w, theme)
        if qr and (item.cues or item.cautions or item.note):
            wrapped = _wrapped_body(item, theme, labels, qr, qr_w)
            if _tall(wrapped, theme.width) < _tall(body, theme.width) - 0.01:
                body = wrapped
        return band, body
    # Steps beside tips at the card's full width, the code in the tips' column and the
    # pictures heading one column (on every bundled card the shortest); without them, the
    # pictures above the text (the summary beside them when there is room). A column of
    # pictures beside the text wins when it is shorter still (a narrow standing figure).
    columns = None
    if qr and (item.cues or item.cautions or item.note):
        two = card_columns.columns(item, theme, labels, slot_h)
        if two is not None:
            commands: list[tuple[object, ...]] = [
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 0),
            ]
            columns = _body_table([[two]], [theme.width], theme, commands)
    best = columns or _body(
        [_above(item, theme, labels, slot, text_w - PAD)], [text_w], qr, qr_w, theme
    )
    slot_w = slot.wrap(text_w, slot_h)[0]
    beside_w = text_w - slot_w - 2 * PAD
    if beside_w >= measure_of(theme, READABLE):
        text = exercise_text(item, theme, labels, beside_w - PAD)[0]
        beside = _body([[slot], text], [slot_w + 2 * PAD, beside_w], qr, qr_w, theme)
        if _tall(beside, theme.width) < _tall(best, theme.width) - 0.01:
            best = beside
    return band, best


def _above(
    item: ExercisePlan, theme: Theme, labels: Labels, slot: Flowable, width: float
) -> list[Flowable]:
    """The picture slot over the text, with the summary and "You need" beside the pictures
    when they leave room for readable lines."""
    slot_w = slot.wrap(width, 10_000)[0]
    room = width - slot_w - SLOT_GAP
    lead = lead_text(item, theme, labels)
    if lead and room >= measure_of(theme, READABLE * 7 // 10):
        top = SettledTable([[slot, lead]], colWidths=[slot_w + SLOT_GAP, room], hAlign="LEFT")
        top.setStyle(table_style(theme, ("VALIGN", (0, 0), (-1, -1), "TOP"), *UNPADDED))
        text = exercise_text(item, theme, labels, width - PAD, lead=False)[0]
        return [top, Spacer(1, 1.5 * mm), *text]
    text = exercise_text(item, theme, labels, width - PAD)[0]
    return [slot, Spacer(1, 1.5 * mm), *text]


def _body(
    cells: list[object], widths: list[float], qr: list[Flowable], qr_w: float, theme: Theme
) -> Table:
    """One row: the cells from the card's left edge (in line with its band), then the QR code."""
    commands: list[tuple[object, ...]] = [("LEFTPADDING", (0, 0), (0, 0), 0)]
    if qr:
        cells, widths = [*cells, qr], [*widths, qr_w]
        commands.append(("RIGHTPADDING", (-1, 0), (-1, 0), 0))
    return _body_table([cells], widths, theme, commands)


def _tall(table: Table, width: float) -> float:
    return float(table.wrap(width, 10_000)[1])


def _body_table(
    rows: list[list[object]], widths: list[float], theme: Theme, commands: list[tuple[object, ...]]
) -> Table:
    body = SettledTable(rows, colWidths=widths, hAlign="LEFT")
    body.setStyle(
        table_style(
            theme,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 0.8 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.1 * mm),
            ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
            *commands,
        )
    )
    return body


def _wrapped_body(
    item: ExercisePlan, theme: Theme, labels: Labels, qr: list[Flowable], qr_w: float
) -> Table:
    """Steps beside the QR code, then tips, cautions and note under both at the card's
    full width: large type keeps whole lines without leaving the space under the code empty."""
    text_w = theme.width - qr_w
    lead: list[Flowable] = []
    if item.summary:
        lead.append(para(item.summary, theme.style("summary", spaceAfter=3)))
    lead += equipment_line(item, theme, labels)
    lead.append(bullets(item.steps, theme, numbered=True))
    rest = tips(item, theme, labels, first=True, width=theme.width - 2 * PAD)
    commands: list[tuple[object, ...]] = [
        ("SPAN", (0, 1), (1, 1)),
        ("RIGHTPADDING", (1, 0), (1, 0), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 0),
    ]
    return _body_table([[lead, qr], [rest, ""]], [text_w, qr_w], theme, commands)


def _flowing(item: ExercisePlan, theme: Theme, labels: Labels) -> list[Flowable]:
    """An exercise too long for one page: everything one after another, free to break."""
    flow: list[Flowable] = [name_band(item, theme, theme.width), Spacer(1, 2 * mm)]
    slot_h = slot_height(item, theme, labels)
    slot = picture_slot(item, theme, labels, theme.width, slot_h)
    if slot is not None:
        flow += [slot, Spacer(1, 2 * mm)]
    flow += stacked_text(item, theme, labels, theme.width)
    if item.link:
        qr = qr_column(item.link, item.link_text or "", theme, labels.scan_for_video)
        qr_table = SettledTable([[qr]], colWidths=[theme.sizes.qr + 2 * PAD], hAlign="LEFT")
        qr_table.setStyle(table_style(theme))
        flow.append(KeepTogether([Spacer(1, 2 * mm), qr_table]))
    return [*flow, Spacer(1, CARD_GAP)]
