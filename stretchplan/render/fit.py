"""Render stage: lines that must fit their width without breaking where they shouldn't.

A client's name never breaks inside a word; a footer line shrinks (never below
the print rules' floor), then drops what can go, before it wraps.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from stretchplan.render.markup import escape
from stretchplan.render.settled import LAYOUTS

STEP = 0.25  # points: how finely a line shrinks towards its floor


def one_line_size(text: str, font: str, size: float, floor: float, width: float) -> float | None:
    """The largest size from `size` down to `floor` at which `text` fits on one line."""
    while size >= floor - 1e-6:
        if stringWidth(text, font, size) <= width:
            return size
        size -= STEP
    return None


def sized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    """`style` at `size`, its leading scaled along, never breaking a word."""
    ratio = style.leading / style.fontSize
    return ParagraphStyle(
        style.name, parent=style, fontSize=size, leading=size * ratio, splitLongWords=0
    )


def shortened(text: str, font: str, size: float, width: float) -> str:
    """`text` cut at a word (or, for one long word, a letter) with "…", to fit `width`."""
    if stringWidth(text, font, size) <= width:
        return text
    words = text.split()
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words) + "…"
        if stringWidth(candidate, font, size) <= width:
            return candidate
    word = words[0]
    while len(word) > 1 and stringWidth(word + "…", font, size) > width:
        word = word[:-1]
    return word + "…"


def footer_text(
    text: str, droppable: str | None, font: str, style: ParagraphStyle, floor: float, width: float
) -> tuple[str, ParagraphStyle]:
    """A footer line on one line if it can be: shrunk to the floor, then without
    `droppable` (its last " · " piece), and only then wrapped."""
    size = style.fontSize
    fits = one_line_size(text, font, size, floor, width)
    if fits is not None:
        return text, sized(style, fits)
    if droppable and text.endswith(" · " + droppable):
        short = text.removesuffix(" · " + droppable)
        fits = one_line_size(short, font, size, floor, width)
        if fits is not None:
            return short, sized(style, fits)
    return text, sized(style, floor)


def name_line(
    before: str,
    name: str,
    after: str,
    style: ParagraphStyle,
    bold: str,
    floor: float,
    one_line: bool,
) -> Callable[[float], tuple[ParagraphStyle, str]]:
    """The line "Prepared for NAME · DATE" for a header column, fitted once its width is known.

    The name is never broken inside a word: the line shrinks towards `floor`;
    then, on a first page, it wraps at spaces (the date on a line of its own
    first); on later pages it stays one line and the name is shortened.
    """

    def width_of(head: str, middle: str, tail: str, size: float) -> float:
        return float(
            stringWidth(head, style.fontName, size)
            + stringWidth(middle, bold, size)
            + stringWidth(tail, style.fontName, size)
        )

    def markup(shown: str, tail: str) -> str:
        return f"{escape(before)}<b>{escape(shown)}</b>{tail}"

    def fit(width: float) -> tuple[ParagraphStyle, str]:
        fitted, text = fitting(width)
        # One client's line, printed once: not worth a place in the renderer's memory.
        vars(fitted).pop(LAYOUTS, None)
        return fitted, text

    def fitting(width: float) -> tuple[ParagraphStyle, str]:
        size = style.fontSize
        while size >= floor - 1e-6:
            if width_of(before, name, after, size) <= width:
                return sized(style, size), markup(name, escape(after))
            size -= STEP
        if one_line:
            room = width - width_of(before, "", after, floor)
            return sized(style, floor), markup(shortened(name, bold, floor, room), escape(after))
        size = style.fontSize
        while after and size >= floor - 1e-6:  # the date goes under, the name stays whole
            if width_of(before, name, "", size) <= width:
                tail = "<br/>" + escape(after.removeprefix(" · "))
                return sized(style, size), markup(name, tail)
            size -= STEP
        return sized(style, floor), markup(name, escape(after))

    return fit
