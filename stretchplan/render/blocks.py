"""Building blocks shared by the layouts: escaped paragraphs, exercise cards, notes, tracker."""

from __future__ import annotations

import functools
import re
from concurrent.futures import Future
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from stretchplan.labels import Labels
from stretchplan.plan import ExercisePlan
from stretchplan.render.figure import FigureFlowable
from stretchplan.render.images import NamedJPEG, stamp
from stretchplan.render.qr import QRCode
from stretchplan.render.settled import SettledParagraph, SettledTable
from stretchplan.render.theme import (
    INK,
    RULE,
    Theme,
    tint,  # noqa: F401 - moved to theme; layouts import it here
)
from stretchplan.render.warning import caution_box

PAD = 2 * mm  # inner padding of a card's cells
FIGURE_COLUMN = 0.8  # of the photo column: a pictogram reads smaller than a photo
GUTTER = 4 * mm  # between the two text columns of a wide card
CARD_GAP = 2.6 * mm  # between one exercise card and the next
UNPADDED = [
    (side, (0, 0), (-1, -1), 0)
    for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
]
MIN_MEASURE = 38  # characters a line must hold before steps and tips go side by side
READABLE = 45  # characters a line must hold beside the photos, else photos go above the text


def para(text: str, style: ParagraphStyle, markup: str = "") -> Paragraph:
    """A Paragraph of user text: escaped first, so '<b>' and '&' print as written.

    `markup` is our own trusted prefix (bold labels and the like).
    """
    return SettledParagraph(markup + escape(text), style)


def bullets(items: tuple[str, ...], theme: Theme, numbered: bool = False) -> ListFlowable:
    style = theme.style("body")
    indent = theme.sizes.body * 1.1
    if numbered:  # room for the widest number, "12" as well as "1"
        widest = stringWidth(str(len(items)), theme.bold, theme.sizes.body)
        indent = max(theme.sizes.body * 1.4, widest + theme.sizes.body * 0.6)
    flow = [ListItem(para(text, style), leftIndent=indent) for text in items]
    return ListFlowable(
        flow,
        bulletType="1" if numbered else "bullet",
        start="1" if numbered else "•",
        bulletFontName=theme.bold if numbered else theme.regular,
        bulletFontSize=theme.sizes.body,
        leftIndent=indent,
        bulletDedent="auto",
    )


def section_heading(title: str, theme: Theme) -> Paragraph:
    return para(title, theme.style("heading"))


def keep_with_next(heading: Flowable, following: list[Flowable]) -> list[Flowable]:
    """A heading never ends a page: it travels with the first thing after it."""
    if not following:
        return [heading]
    first = following[0]
    inner = first._content if isinstance(first, KeepTogether) else [first]
    return [KeepTogether([heading, *inner]), *following[1:]]


def qr_column(url: str, shown: str, theme: Theme, label: str) -> list[Flowable]:
    """The code for `url`, its caption, and the readable address `shown` under it."""
    fine = theme.style("fine-center")
    lines = wrap_url(shown, fine.fontName, fine.fontSize, theme.sizes.qr)
    code = QRCode(url, theme.sizes.qr, theme.renderer.codes)
    code.hAlign = "CENTER"  # over its centred caption, also in a column wider than the code
    return [
        code,
        para(label, theme.style("scan")),
        Spacer(1, 1.5),
        SettledParagraph("<br/>".join(escape(line) for line in lines), fine),
    ]


def wrap_url(url: str, font: str, size: float, width: float) -> list[str]:
    """Break a URL into lines after '/', '?', '&', '=', '+', '.', '-', '_' or '…' where
    possible, so it can be typed; a word is cut only when it alone is wider than a line."""
    pieces = re.findall(r"[^/?&=+._…-]*[/?&=+._…-]?", url)
    lines = [""]
    for whole in (p for p in pieces if p):
        if lines[-1] and stringWidth(lines[-1] + whole, font, size) > width:
            lines.append("")
        rest = whole
        while stringWidth(rest, font, size) > width:  # one piece wider than the column
            cut = len(rest)
            while cut > 1 and stringWidth(rest[:cut], font, size) > width:
                cut -= 1
            lines[-1] += rest[:cut]
            lines.append("")
            rest = rest[cut:]
        lines[-1] += rest
    return [line for line in lines if line]


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


def equipment_line(item: ExercisePlan, theme: Theme, labels: Labels) -> list[Flowable]:
    """ "You need: mat, foam roller", when the exercise needs anything."""
    if not item.equipment:
        return []
    label = f"<b>{escape(labels.labelled(labels.you_need))}</b> "
    style = theme.style("body", spaceAfter=theme.sizes.body * 0.3)
    return [para(", ".join(item.equipment), style, label)]


def _tips(
    item: ExercisePlan, theme: Theme, labels: Labels, first: bool, width: float
) -> list[Flowable]:
    """Tips, cautions (set apart as a warning) and the trainer's note for one exercise."""
    out: list[Flowable] = []
    if item.cues:
        space = 0 if first else theme.sizes.body * 0.35
        out += [
            para(labels.cues, theme.style("subheading", spaceBefore=space)),
            bullets(item.cues, theme),
        ]
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


def stacked_text(item: ExercisePlan, theme: Theme, labels: Labels, width: float) -> list[Flowable]:
    """Summary, equipment, numbered steps, tips, cautions and note, one after another."""
    out: list[Flowable] = []
    if item.summary:
        out.append(para(item.summary, theme.style("summary", spaceAfter=3)))
    out += equipment_line(item, theme, labels)
    out.append(bullets(item.steps, theme, numbered=True))
    return out + _tips(item, theme, labels, first=False, width=width)


def exercise_text(
    item: ExercisePlan, theme: Theme, labels: Labels, width: float
) -> tuple[list[Flowable], float]:
    """The card's text for a column `width` wide, and how tall it comes out.

    When the column is wide enough for two readable columns, the steps beside
    the tips are tried too; whichever arrangement is shorter wins.
    """
    side, height = _arrangement(item, theme, labels, width)
    return (
        _side_text(item, theme, labels, width) if side else stacked_text(item, theme, labels, width)
    ), height


def _arrangement(
    item: ExercisePlan, theme: Theme, labels: Labels, width: float
) -> tuple[bool, float]:
    key = ("arrangement", item, theme, labels, width)
    return theme.renderer.measures.get(key, lambda: _arrange(item, theme, labels, width))


def _arrange(item: ExercisePlan, theme: Theme, labels: Labels, width: float) -> tuple[bool, float]:
    best = (False, _height(stacked_text(item, theme, labels, width), width))
    half = (width - GUTTER) / 2
    if (item.cues or item.cautions or item.note) and half >= _measure(theme, MIN_MEASURE):
        side_h = _height(_side_text(item, theme, labels, width), width)
        if side_h < best[1]:
            best = (True, side_h)
    return best


def _side_text(item: ExercisePlan, theme: Theme, labels: Labels, width: float) -> list[Flowable]:
    half = (width - GUTTER) / 2
    lead = [para(item.summary, theme.style("summary", spaceAfter=3))] if item.summary else []
    left = [bullets(item.steps, theme, numbered=True)]
    # The tips' column is the shorter one: what to bring heads it at no cost in height.
    first = not item.equipment
    right = [*equipment_line(item, theme, labels), *_tips(item, theme, labels, first, half)]
    pair = SettledTable([[left, right]], colWidths=[half + GUTTER, half], hAlign="LEFT")
    pair.setStyle(
        table_style(
            theme,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *UNPADDED,
            ("RIGHTPADDING", (0, 0), (0, 0), GUTTER),
        )
    )
    return [*lead, pair]


def _measure(theme: Theme, characters: int) -> float:
    """Width of a line holding `characters` of average body text."""
    return (
        stringWidth("abcdefghijklmnopqrstuvwxyz ", theme.regular, theme.sizes.body)
        / 27
        * (characters)
    )


def _height(flowables: list[Flowable], width: float) -> float:
    """How tall `flowables` stack up in a column `width` wide."""
    probe = SettledTable([[flowables]], colWidths=[width])
    probe.setStyle(TableStyle(UNPADDED))
    return float(probe.wrap(width, 10_000)[1])


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


def figure(item: ExercisePlan, theme: Theme, labels: Labels, width: float) -> FigureFlowable:
    """The exercise's pose figure `width` wide, captioned in the handout's language (at
    body-text size: the captions are not fine print)."""
    words = (labels.figure_start, labels.figure_finish)
    primary, accent = (f"#{c.hexval()[2:]}" for c in (theme.primary, theme.accent))
    return FigureFlowable(
        item.figures, width, primary, accent, words, theme.regular, theme.sizes.small
    )


def photo(item: ExercisePlan, theme: Theme, path: str, width: float, height: float) -> Picture:
    """One photo as large as fits the box, embedded as a small upright copy of that size."""
    photos = theme.renderer.photos
    w, h = photos.fit(path, width, height)
    return Picture(photos.printable_soon(path, w, h, f'photo for "{item.id}"'), w, h)


class Picture(Flowable):
    """A prepared JPEG drawn `width` x `height` points.

    Its size is known at once (from the photo's header), so the page is laid out
    while the small copy is still being made; drawing waits for it.

    Given a file name, reportlab names the image in the PDF after that name, so
    the cache folder's location (a different home folder, $XDG_CACHE_HOME)
    would change the output bytes. Through an ImageReader the name comes from
    the pixels instead, and the JPEG is still embedded as it is.
    """

    def __init__(self, prepared: Future[str], width: float, height: float) -> None:
        super().__init__()
        self.prepared = prepared
        self.width, self.height = width, height
        self.hAlign = "CENTER"

    @functools.cached_property
    def reader(self) -> NamedJPEG:
        return NamedJPEG(self.prepared.result())

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height)


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
    if pictured and text_w - 2 * PAD < _measure(theme, READABLE):
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
    tips = _tips(item, theme, labels, first=True, width=theme.width - 2 * PAD)
    commands: list[tuple[object, ...]] = [
        ("SPAN", (0, 1), (1, 1)),
        ("RIGHTPADDING", (1, 0), (1, 0), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 0),
    ]
    return _body_table([[lead, qr], [tips, ""]], [text_w, qr_w], theme, commands)


def _qr_height(url: str, shown: str, theme: Theme, labels: Labels) -> float:
    key = ("qr height", url, shown, theme, labels)
    return theme.renderer.measures.get(
        key, lambda: _height(qr_column(url, shown, theme, labels.scan_for_video), theme.sizes.qr)
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


def note_list(title: str, items: tuple[str, ...], theme: Theme) -> list[Flowable]:
    if not items:
        return []
    return [KeepTogether([para(title, theme.style("heading")), bullets(items, theme)])]


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


def table_style(theme: Theme, *commands: tuple[object, ...]) -> TableStyle:
    """A TableStyle in the brand's font (reportlab's default would add unembedded Helvetica)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), theme.regular, theme.sizes.body), *commands])
