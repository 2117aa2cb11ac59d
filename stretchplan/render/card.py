"""Render stage: one exercise as a handout card that never breaks across pages: the
name band, then the picture slot, the text and the QR code.
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
from stretchplan.render.address import qr_column
from stretchplan.render.card_text import equipment_line, exercise_text, stacked_text, tips
from stretchplan.render.images import stamp
from stretchplan.render.picture import figure, photo
from stretchplan.render.settled import SettledParagraph, SettledTable
from stretchplan.render.text import (
    READABLE,
    UNPADDED,
    bullets,
    measure_of,
    para,
    stacked_height,
    table_style,
)
from stretchplan.render.theme import (
    RULE,
    Theme,
)

PAD = 2 * mm  # inner padding of a card's cells


FIGURE_COLUMN = 0.8  # of the photo column: a pictogram reads smaller than a photo


CARD_GAP = 2.6 * mm  # between one exercise card and the next


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
    dose_w = stringWidth(item.dosage, theme.bold, s.dosage) + 1
    if name_w + dose_w + 6 * mm <= room:
        dosage = para(item.dosage, theme.style("dosage", alignment=TA_RIGHT, spaceAfter=0))
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


def exercise_block(
    item: ExercisePlan, theme: Theme, labels: Labels, frame_height: float
) -> list[Flowable]:
    """One exercise as a card that never breaks across pages: the name band, then
    photos | text | QR code (or, when that would squeeze large type, the QR code
    under the photos and the text beside both).

    A card taller than a whole page (a trainer wrote a lot) is laid out as
    plain flowing paragraphs instead, so nothing is ever clipped.
    """
    # One cell holding band and body: a single-row table never breaks across pages.
    photos_now = tuple(stamp(path) for path in item.images)  # an edited photo is a new card
    parts = theme.renderer.cards.get(
        (item, theme, labels, photos_now), lambda: _card_parts(item, theme, labels)
    )
    card = SettledTable([[list(parts)]], colWidths=[theme.width])
    card.hAlign = "LEFT"
    card.setStyle(table_style(theme, *UNPADDED))
    if card.wrap(theme.width, frame_height)[1] > frame_height - CARD_GAP:
        return _flowing(item, theme, labels)
    return [KeepTogether([card, Spacer(1, CARD_GAP)])]


def _card_parts(item: ExercisePlan, theme: Theme, labels: Labels) -> tuple[Table, Table]:
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
    qr_h = _qr_height(link, shown, theme, labels) if link else 0.0
    pictured = bool(item.images or item.figures)
    column = theme.sizes.photo_col * (1.0 if item.images else FIGURE_COLUMN)
    text_w = theme.width - qr_w - (column if pictured else 0.0)
    commands: list[tuple[object, ...]] = []
    if pictured and text_w - 2 * PAD < measure_of(theme, READABLE):
        # Large type beside photos and QR code would run a few words a line:
        # the QR code goes under the photos instead, and the text gets the room.
        width = column
        text, text_h = exercise_text(item, theme, labels, theme.width - width - 2 * PAD)
        left = pictures(item, theme, labels, width - PAD, text_h - qr_h - 3 * mm)
        if qr:
            left += [Spacer(1, 3 * mm), *qr]
        cells: list[object] = [left, text]
        widths = [width, theme.width - width]
        commands += [("LEFTPADDING", (0, 0), (0, 0), 0), ("RIGHTPADDING", (-1, 0), (-1, 0), 0)]
    else:
        text, text_h = exercise_text(item, theme, labels, text_w - 2 * PAD)
        cells = [text]
        widths = [text_w]
        if pictured:
            width = column
            cells.insert(0, pictures(item, theme, labels, width - 2 * PAD, max(text_h, qr_h)))
            widths.insert(0, width)
            commands.append(("LEFTPADDING", (0, 0), (0, 0), 0))
        if qr:
            cells.append(qr)
            widths.append(qr_w)
            commands.append(("RIGHTPADDING", (-1, 0), (-1, 0), 0))
    body = _body_table([cells], widths, theme, commands)
    if qr and not pictured and (item.cues or item.cautions or item.note):
        wrapped = _wrapped_body(item, theme, labels, qr, qr_w)
        if wrapped.wrap(theme.width, 10_000)[1] < body.wrap(theme.width, 10_000)[1] - 0.01:
            body = wrapped
    return band, body


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
            ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
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


def _qr_height(url: str, shown: str, theme: Theme, labels: Labels) -> float:
    key = ("qr height", url, shown, theme, labels)
    return theme.renderer.measures.get(
        key,
        lambda: stacked_height(qr_column(url, shown, theme, labels.scan_for_video), theme.sizes.qr),
    )


def _flowing(item: ExercisePlan, theme: Theme, labels: Labels) -> list[Flowable]:
    """An exercise too long for one page: everything one after another, free to break."""
    flow: list[Flowable] = [name_band(item, theme, theme.width), Spacer(1, 2 * mm)]
    if item.images:
        width = min(theme.width, theme.sizes.photo_col * 1.5 * len(item.images))
        flow += [photo_row(item, theme, width, theme.sizes.photo_col * 1.3), Spacer(1, 2 * mm)]
    elif item.figures:
        flow += [figure(item, theme, labels, theme.sizes.photo_col * 1.5), Spacer(1, 2 * mm)]
    flow += stacked_text(item, theme, labels, theme.width)
    if item.link:
        qr = qr_column(item.link, item.link_text or "", theme, labels.scan_for_video)
        qr_table = SettledTable([[qr]], colWidths=[theme.sizes.qr + 2 * PAD], hAlign="LEFT")
        qr_table.setStyle(table_style(theme))
        flow.append(KeepTogether([Spacer(1, 2 * mm), qr_table]))
    return [*flow, Spacer(1, CARD_GAP)]


def photos(item: ExercisePlan, theme: Theme, width: float, max_height: float) -> list[Flowable]:
    """The exercise's photos stacked in a box `width` x `max_height`, each as large as fits."""
    gap = 2.5 * mm
    per = (max_height - gap * (len(item.images) - 1)) / max(len(item.images), 1)
    out: list[Flowable] = []
    for path in item.images:
        out += [photo(item, theme, path, width, per), Spacer(1, gap)]
    return out[:-1]


def photo_column(item: ExercisePlan, theme: Theme, width: float, beside: float) -> list[Flowable]:
    """The exercise's photos stacked in a column `width` wide, sized to the text `beside` them."""
    count = len(item.images)
    gap = 2.5 * mm
    per = max(theme.sizes.photo_min, (beside - gap * (count - 1)) / count)
    return photos(item, theme, width, per * count + gap * (count - 1))


def photo_row(item: ExercisePlan, theme: Theme, width: float, height: float) -> Table:
    """The exercise's photos side by side in a row `width` wide and about `height` tall."""
    gap = 3 * mm
    each = (width - gap * (len(item.images) - 1)) / len(item.images)
    pictures = [
        photo(item, theme, path, each, max(height, theme.sizes.photo_min)) for path in item.images
    ]
    widths = [each + gap] * (len(pictures) - 1) + [each]
    row = SettledTable([pictures], colWidths=widths, hAlign="LEFT")
    row.setStyle(table_style(theme, *UNPADDED))
    return row


def pictures(
    item: ExercisePlan, theme: Theme, labels: Labels, width: float, beside: float
) -> list[Flowable]:
    """The exercise's photos (they win when there are both), else its pose figure."""
    if item.images:
        return photo_column(item, theme, width, beside)
    return [figure(item, theme, labels, width)]
