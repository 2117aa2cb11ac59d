"""Render stage: one exercise as a class-sheet card, complete and compact.

Every step, every caution and the trainer's note are printed: a class sheet is
compact by its layout, never by cutting. The QR code sits at the card's top
right and the text runs beside it, then under it at the card's full width, so
a narrow column still reads in whole lines. The name, the dosage and the
picture slot head the card.

Large print needs every line it can get, so two cards share a page: what the
exercise needs joins the name's or the dosage's line when it fits there, the
picture may sit at the card's bottom right beside its last pieces instead of
under the code, and a short note may share its line with the address.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from stretchplan.labels import Labels
from stretchplan.plan import ExercisePlan
from stretchplan.render.address import wrap_url
from stretchplan.render.card_text import equipment_line
from stretchplan.render.markup import escape
from stretchplan.render.picture import picture_slot
from stretchplan.render.qr import QRCode
from stretchplan.render.settled import SettledParagraph, SettledTable
from stretchplan.render.text import UNPADDED, para, side_by_side, table_style
from stretchplan.render.theme import INK, NORMAL, RULE, Theme
from stretchplan.render.warning import caution_box

PAD = 2.6 * mm  # inside the card's box
BESIDE = 2.5 * mm  # between the text and the QR code beside it
CARD_GAP = 2.5 * mm  # between one card and the next in a column
LEADING = 1.16  # a little tighter than the handout's 1.2: steps are short paragraphs
SEPARATOR = "\xa0" * 5  # between the name or dosage and what is needed (in every font)


def unbroken(dosage: str) -> str:
    """A dosage line that wraps only between its phrases: "each side" stays together,
    and the "·" stays at the end of the phrase before it."""
    parts = dosage.split(" · ")
    return "\xa0· ".join(part.replace(" ", "\xa0") for part in parts)


def sheet_card(
    item: ExercisePlan, theme: Theme, labels: Labels, width: float, qr: float, frame_h: float
) -> list[Flowable]:
    """The card, kept in one piece; a card taller than a whole column flows instead."""
    inner = width - 2 * PAD
    box = _box(_content(item, theme, labels, inner, qr), theme, width)
    if box.wrap(width, frame_h)[1] > frame_h:
        # A trainer wrote more than a column holds: the same content, free to break,
        # and the code after it.
        flow: list[Flowable] = [Spacer(1, CARD_GAP), *_pieces(item, theme, labels, inner)]
        if item.link:
            code = [Spacer(1, 2 * mm), *_code(item.link, theme, labels, qr)]
            flow.append(KeepTogether([*code, _address(item.link_text, theme, inner)]))
        return flow
    return [KeepTogether([box])]


def grown_cards(
    item: ExercisePlan,
    theme: Theme,
    labels: Labels,
    width: float,
    qr: float,
    frame_h: float,
    rooms: Sequence[float],
) -> list[Flowable]:
    """The card with its pictures moved from beside the code to its foot, every frame
    as tall as each of `rooms` (for a page the card would leave short), as long as it
    fits a column; nothing for a card without pictures."""
    if not item.images and not item.figures:
        return []
    inner = width - 2 * PAD
    bare = dataclasses.replace(item, images=(), figures=())
    content = _content(bare, theme, labels, inner, qr)  # laid out once for every size
    out: list[Flowable] = []
    for room in rooms:
        big = picture_slot(item, theme, labels, inner, room)
        box = _box([*content, Spacer(1, 1.5 * mm), big], theme, width)
        if box.wrap(width, frame_h)[1] > frame_h:
            break
        out.append(KeepTogether([box]))
    return out


def _box(content: list[Flowable], theme: Theme, width: float) -> SettledTable:
    # The gap as space before: dropped at a column's top, so a full column wastes none.
    box = SettledTable([[content]], colWidths=[width], hAlign="LEFT", spaceBefore=CARD_GAP)
    box.setStyle(
        table_style(
            theme,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), 1.3 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.4 * mm),
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
            ("LINEBEFORE", (0, 0), (0, -1), 2.5, theme.accent),
        )
    )
    return box


def _pieces(
    item: ExercisePlan,
    theme: Theme,
    labels: Labels,
    width: float,
    picture: bool = True,
    narrowest: float | None = None,
) -> list[Flowable]:
    """Everything the card says, top to bottom, for a column `width` wide; the same
    pieces at every width down to `narrowest`."""
    size = theme.sizes.body
    out = _name_band(item, theme, labels, width if narrowest is None else narrowest)
    shown = _picture(item, theme, labels, width) if picture else None
    if shown is not None:
        shown.spaceAfter = size * 0.4
        out.append(shown)
    out += _steps(item, theme)
    if item.cautions:
        out.append(
            caution_box(labels.labelled(labels.cautions), item.cautions, theme, width, size * 0.3)
        )
    if item.note:
        out.append(para(item.note, theme.style("summary", spaceBefore=size * 0.3)))
    return out


def _name_band(item: ExercisePlan, theme: Theme, labels: Labels, width: float) -> list[Flowable]:
    """The name, the dosage, and "You need: ..." on a line of its own; in large print on
    the name's line, else the dosage's, when it fits there (a line of large type saved)."""
    size = theme.sizes.body
    name_style = theme.style("name", fontSize=size * 1.2, leading=size * 1.2 * 1.15)
    name = f"{item.number}.  {escape(item.name)}"
    style = theme.style("dosage", fontSize=size * 1.1, leading=size * 1.25, spaceAfter=size * 0.3)
    dosage = escape(unbroken(item.dosage))
    if item.equipment and size > NORMAL.body:
        label = escape(labels.labelled(labels.you_need))
        need = escape(", ".join(item.equipment))
        tail = (
            f"{SEPARATOR}<font name={theme.bold} size={size} color={INK.hexval()}>{label}</font>"
            f"<font name={theme.regular} size={size} color={INK.hexval()}> {need}</font>"
        )
        for first, second in ((name + tail, dosage), (name, dosage + tail)):
            lines = [SettledParagraph(first, name_style), SettledParagraph(second, style)]
            if all(_one_line(line, width) for line in lines):
                return lines
    lines = [SettledParagraph(name, name_style), SettledParagraph(dosage, style)]
    return [*lines, *equipment_line(item, theme, labels)]


def _one_line(paragraph: Paragraph, width: float) -> bool:
    return bool(paragraph.wrap(width, 10_000)[1] <= paragraph.style.leading * 1.01)


def _picture(
    item: ExercisePlan, theme: Theme, labels: Labels, width: float, height: float = 22 * mm
) -> Flowable | None:
    """The picture slot `width` wide; a figure shows the pose to reach (its last frame)."""
    if not item.images and item.figures:
        frame = item.figures[-1]
        if len(item.figures) == 2 and not frame.label:
            frame = dataclasses.replace(frame, label=labels.figure_finish)
        item = dataclasses.replace(item, figures=(frame,))
    return picture_slot(item, theme, labels, width, height)


def _steps(item: ExercisePlan, theme: Theme) -> list[Paragraph]:
    size = theme.sizes.body
    indent = size * (1.6 if len(item.steps) >= 10 else 1.15)
    style = theme.style(
        "body",
        leading=size * LEADING,
        leftIndent=indent,
        bulletIndent=0,
        bulletFontName=theme.bold,
        spaceAfter=size * 0.1,
    )
    return [
        SettledParagraph(escape(step), style, bulletText=str(n))
        for n, step in enumerate(item.steps, start=1)
    ]


def _content(
    item: ExercisePlan, theme: Theme, labels: Labels, width: float, qr: float
) -> list[Flowable]:
    """The card's text beside the QR code at its top right until the code is passed,
    then at the card's full width; the address under it all."""
    if not item.link:
        return _pieces(item, theme, labels, width)
    column_w = qr + 0.5 * mm
    # Large print: the code's own quiet zone is the gap beside it (the type needs the width).
    beside = BESIDE if theme.sizes.body <= NORMAL.body else 0.5 * mm
    text_w = width - column_w - beside
    if theme.sizes.body > NORMAL.body:
        return _large_content(item, theme, labels, width, qr, column_w, text_w)
    # The picture goes under the code, in the space the text beside it leaves.
    narrow = _pieces(item, theme, labels, text_w, picture=False)
    wide = _pieces(item, theme, labels, width, picture=False, narrowest=text_w)
    beside_h = [0.0]
    for piece in narrow:
        beside_h.append(beside_h[-1] + _tall(piece, text_w))
    under_h = [0.0]
    for piece in reversed(wide):
        under_h.insert(0, under_h[0] + _tall(piece, width))
    # The address under the code, or under the whole card: whichever makes it shorter;
    # and as many pieces beside the code as make it shortest, the rest under it.
    best: tuple[float, int, bool] | None = None
    for address_under_code in (False, True):
        column = _code(item.link, theme, labels, qr)
        if address_under_code:
            column.append(_address(item.link_text, theme, column_w, centred=True))
        column += _under_code(item, theme, labels, column_w)
        column_h = sum(_tall(f, column_w) for f in column)
        tail = 0.0 if address_under_code else _tall(_address(item.link_text, theme, width), width)
        for k in range(len(narrow) + 1):
            height = max(beside_h[k], column_h) + under_h[k] + tail
            if best is None or height < best[0] - 0.01:
                best = (height, k, address_under_code)
    assert best is not None
    _, split, address_under_code = best
    column = _code(item.link, theme, labels, qr)
    if address_under_code:
        column.append(_address(item.link_text, theme, column_w, centred=True))
    column += _under_code(item, theme, labels, column_w)
    pair = side_by_side(theme, narrow[:split], column, text_w, column_w, beside)
    if address_under_code:
        return [pair, *wide[split:]]
    return [pair, *wide[split:], _address(item.link_text, theme, width)]


def _large_content(
    item: ExercisePlan,
    theme: Theme,
    labels: Labels,
    width: float,
    qr: float,
    column_w: float,
    text_w: float,
) -> list[Flowable]:
    """Large print: the code at the top right with the text beside it, then the text at
    the card's full width, then the last pieces beside the picture at the bottom right
    (or the picture under the code): whichever arrangement is shortest. Large type needs
    every line it can get, and the code, its address and the picture stacked in one
    column would hold the text narrow for most of the card."""
    picture_text_w = width - column_w - 0.5 * mm
    narrowest = min(text_w, picture_text_w)
    narrow = _pieces(item, theme, labels, text_w, picture=False, narrowest=narrowest)
    wide = _pieces(item, theme, labels, width, picture=False, narrowest=narrowest)
    low = _pieces(item, theme, labels, picture_text_w, picture=False, narrowest=narrowest)
    # A short note ends on the address's line when both fit there.
    can_end = bool(item.note) and _one_line(wide[-1], width - _address_w(item, theme) - 4 * mm)
    beside = _running([_tall(f, text_w) for f in narrow])
    across = _running([_tall(f, width) for f in wide])
    by_picture = _running([_tall(f, picture_text_w) for f in low])
    picture = _picture(item, theme, labels, column_w)
    picture_h = _tall(picture, column_w) if picture is not None else 0.0
    best: tuple[float, int, int, bool, bool, bool] | None = None
    for ended, address_under_code in ((False, False), (False, True), (True, False)):
        if ended and not can_end:
            continue
        n = len(wide) - (1 if ended else 0)
        for picture_low in (False, True) if picture is not None else (False,):
            column = _code(item.link or "", theme, labels, qr)
            if address_under_code:
                column.append(_address(item.link_text, theme, column_w, centred=True))
            if not picture_low:
                column += _under_code(item, theme, labels, column_w)
            column_h = sum(_tall(f, column_w) for f in column)
            tail = 0.0
            if not address_under_code:
                tail = _tall(_foot(item, theme, width, ended), width)
            for k in range(n + 1):
                for m in range(n - k + 1) if picture_low else (0,):
                    foot = max(by_picture[n] - by_picture[n - m], picture_h) if picture_low else 0
                    middle = across[n - m] - across[k]
                    height = max(beside[k], column_h) + middle + foot + tail
                    if best is None or height < best[0] - 0.01:
                        best = (height, k, m, address_under_code, picture_low, ended)
    assert best is not None
    _, k, m, address_under_code, picture_low, ended = best
    n = len(wide) - (1 if ended else 0)
    column = _code(item.link or "", theme, labels, qr)
    if address_under_code:
        column.append(_address(item.link_text, theme, column_w, centred=True))
    if not picture_low:
        column += _under_code(item, theme, labels, column_w)
    out = [side_by_side(theme, narrow[:k], column, text_w, column_w, width - column_w - text_w)]
    out += wide[k : n - m]
    if picture_low and picture is not None:
        picture.hAlign = "CENTER"
        gap = width - column_w - picture_text_w
        out.append(side_by_side(theme, low[n - m :], [picture], picture_text_w, column_w, gap))
    if not address_under_code:
        out.append(_foot(item, theme, width, ended))
    return out


def _address_w(item: ExercisePlan, theme: Theme) -> float:
    fine = theme.style("fine")
    return float(stringWidth(item.link_text or "", fine.fontName, fine.fontSize))


def _foot(item: ExercisePlan, theme: Theme, width: float, ended: bool) -> Flowable:
    """The address under the card, with the trainer's note at its left when `ended`."""
    address = _address(item.link_text, theme, width)
    if not ended or not item.note:
        return address
    note = para(item.note, theme.style("summary", spaceBefore=theme.sizes.body * 0.3))
    address_w = _address_w(item, theme) + 1
    address = _address(item.link_text, theme, address_w)
    row = SettledTable([[note, address]], colWidths=[width - address_w, address_w], hAlign="LEFT")
    row.setStyle(table_style(theme, ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), *UNPADDED))
    return row


def _running(heights: list[float]) -> list[float]:
    """Running totals from 0: the height of the first k pieces at index k."""
    out = [0.0]
    for h in heights:
        out.append(out[-1] + h)
    return out


def _under_code(item: ExercisePlan, theme: Theme, labels: Labels, width: float) -> list[Flowable]:
    picture = _picture(item, theme, labels, width)
    if picture is None:
        return []
    picture.hAlign = "CENTER"
    return [Spacer(1, 2 * mm), picture]


def _tall(flowable: Flowable, width: float) -> float:
    """A flowable's height in a column `width` wide, its spacing included."""
    return float(
        flowable.wrap(width, 10_000)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    )


def _code(url: str, theme: Theme, labels: Labels, qr: float) -> list[Flowable]:
    code = QRCode(url, qr, theme.renderer.codes)
    code.hAlign = "CENTER"
    return [code, para(labels.scan_for_video, theme.style("scan"))]


def _address(shown: str | None, theme: Theme, width: float, centred: bool = False) -> Flowable:
    """The readable address printed for those who cannot scan (the code holds the full one)."""
    fine = theme.style("fine-center" if centred else "fine-right", spaceBefore=1.5)
    lines = wrap_url(shown or "", fine.fontName, fine.fontSize, width)
    return SettledParagraph("<br/>".join(escape(line) for line in lines), fine)
