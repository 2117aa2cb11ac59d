"""Render stage: escaped paragraphs, lists, headings and tables in the theme's type.

Every user string meets a Paragraph through `para`, escaped first; tables take the
brand's font through `table_style`.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    TableStyle,
)

from stretchplan.render.markup import escape
from stretchplan.render.settled import SettledParagraph, SettledTable
from stretchplan.render.theme import (
    Theme,
)

UNPADDED = [
    (side, (0, 0), (-1, -1), 0)
    for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
]


MIN_MEASURE = 38  # characters a line must hold before steps and tips go side by side


CELL_ROOM = 72000  # the height reportlab offers a cell's flowables when it sizes a row


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


def note_list(title: str, items: tuple[str, ...], theme: Theme) -> list[Flowable]:
    if not items:
        return []
    return [KeepTogether([para(title, theme.style("heading")), bullets(items, theme)])]


def table_style(theme: Theme, *commands: tuple[object, ...]) -> TableStyle:
    """A TableStyle in the brand's font (reportlab's default would add unembedded Helvetica)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), theme.regular, theme.sizes.body), *commands])


def side_by_side(
    theme: Theme,
    left: list[Flowable],
    right: list[Flowable],
    left_w: float,
    right_w: float,
    gap: float,
) -> SettledTable:
    """Two columns from the top: `left` laid out `left_w` wide (the width it was measured
    at), `gap` clear of `right`. The gap is the left cell's padding, so its lines cannot
    run on into it."""
    pair = SettledTable([[left, right]], colWidths=[left_w + gap, right_w], hAlign="LEFT")
    pair.setStyle(
        table_style(
            theme,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            *UNPADDED,
            ("RIGHTPADDING", (0, 0), (0, 0), gap),
        )
    )
    return pair


def measure_of(theme: Theme, characters: int) -> float:
    """Width of a line holding `characters` of average body text."""
    return (
        stringWidth("abcdefghijklmnopqrstuvwxyz ", theme.regular, theme.sizes.body)
        / 27
        * (characters)
    )


def stacked_height(flowables: list[Flowable], width: float) -> float:
    """How tall `flowables` stack up in a column `width` wide: what an unpadded one-cell
    table holding them measures (reportlab's own sum, term for term, so the same float),
    without building the table."""
    total, first, after = 0.0, None, 0.0
    for flowable in flowables:
        _, height = flowable.wrapOn(None, width, CELL_ROOM)
        before, after = flowable.getSpaceBefore(), flowable.getSpaceAfter()
        total += height + after + before
        if first is None:
            first = before
    return float(total - first - after) if first is not None else 0.0
