"""Building blocks shared by the layouts: escaped paragraphs, exercise blocks, notes."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    Image,
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
from stretchplan.render.images import fit
from stretchplan.render.qr import QRCode
from stretchplan.render.theme import RULE, Theme


def para(text: str, style: ParagraphStyle, markup: str = "") -> Paragraph:
    """A Paragraph of user text: escaped first, so '<b>' and '&' print as written.

    `markup` is our own trusted prefix (bold labels and the like).
    """
    return Paragraph(markup + escape(text), style)


def bullets(items: tuple[str, ...], theme: Theme, numbered: bool = False) -> ListFlowable:
    style = theme.style("body")
    flow = [ListItem(para(text, style), leftIndent=14 if numbered else 11) for text in items]
    return ListFlowable(
        flow,
        bulletType="1" if numbered else "bullet",
        start="1" if numbered else "•",
        bulletFontName=theme.bold if numbered else theme.regular,
        bulletFontSize=theme.sizes.body,
        leftIndent=14 if numbered else 11,
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


def qr_column(url: str, theme: Theme, label: str) -> list[Flowable]:
    fine = theme.style("fine-center")
    lines = wrap_url(url.removeprefix("https://"), fine.fontName, fine.fontSize, theme.sizes.qr)
    return [
        QRCode(url, theme.sizes.qr),
        para(label, theme.style("scan")),
        Spacer(1, 1.5),
        Paragraph("<br/>".join(escape(line) for line in lines), fine),
    ]


def wrap_url(url: str, font: str, size: float, width: float) -> list[str]:
    """Break a URL into lines at '/', '?', '&', '=', '+' where possible, so it can be typed."""
    pieces = re.findall(r"[^/?&=+.]*[/?&=+.]?", url)
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


def exercise_text(item: ExercisePlan, theme: Theme, labels: Labels) -> list[Flowable]:
    out: list[Flowable] = [para(f"{item.number}.  {item.name}", theme.style("name"))]
    if item.summary:
        out.append(para(item.summary, theme.style("summary", spaceAfter=1)))
    out.append(para(item.dosage, theme.style("dosage")))
    out.append(bullets(item.steps, theme, numbered=True))
    sub = theme.style("subheading")
    if item.cues:
        out += [para(labels.cues, sub), bullets(item.cues, theme)]
    if item.cautions:
        out += [para(labels.cautions, sub), bullets(item.cautions, theme)]
    if item.note:
        label = f"<b>{escape(labels.note)}:</b> "
        out.append(para(item.note, theme.style("body", spaceBefore=4), label))
    return out


def photos(item: ExercisePlan, width: float, max_height: float) -> list[Flowable]:
    out: list[Flowable] = []
    per = (max_height - 3 * mm * (len(item.images) - 1)) / max(len(item.images), 1)
    for path in item.images:
        w, h = fit(path, width, per)
        out += [Image(path, w, h), Spacer(1, 3 * mm)]
    return out[:-1]


def exercise_block(
    item: ExercisePlan, theme: Theme, labels: Labels, frame_height: float
) -> list[Flowable]:
    """One exercise as a boxed row: photos | text | QR code, kept on one page.

    A block taller than a whole page (a trainer wrote a lot) is laid out as
    plain flowing paragraphs instead, so nothing is ever clipped.
    """
    qr_w = theme.sizes.qr + 4 * mm
    photo_w = theme.sizes.photo_col if item.images else 0.0
    text_w = theme.width - qr_w - photo_w
    text = exercise_text(item, theme, labels)
    cells: list[object] = []
    widths: list[float] = []
    if item.images:
        cells.append(photos(item, photo_w - 4 * mm, 95 * mm))
        widths.append(photo_w)
    cells.append(text)
    widths.append(text_w)
    qr = qr_column(item.video, theme, labels.scan_for_video) if item.video else []
    cells.append(qr)
    widths.append(qr_w)
    table = Table([cells], colWidths=widths, hAlign="LEFT")
    table.setStyle(
        table_style(
            theme,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        )
    )
    _, height = table.wrap(theme.width, frame_height)
    if height > frame_height - 6 * mm:
        flow = [*text]
        if item.video:
            qr_table = Table([[qr]], colWidths=[qr_w], hAlign="LEFT")
            qr_table.setStyle(table_style(theme))
            flow.append(qr_table)
        return [*flow, Spacer(1, 4 * mm)]
    return [KeepTogether([table, Spacer(1, 1.5 * mm)])]


def note_list(title: str, items: tuple[str, ...], theme: Theme) -> list[Flowable]:
    if not items:
        return []
    return [KeepTogether([para(title, theme.style("heading")), bullets(items, theme)])]


def table_style(theme: Theme, *commands: tuple[object, ...]) -> TableStyle:
    """A TableStyle in the brand's font (reportlab's default would add unembedded Helvetica)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), theme.regular, theme.sizes.body), *commands])


def tint(color: colors.Color, amount: float) -> colors.Color:
    """`color` mixed with white; amount 0 is white, 1 the colour itself."""
    return colors.Color(
        1 - (1 - color.red) * amount, 1 - (1 - color.green) * amount, 1 - (1 - color.blue) * amount
    )
