"""Render stage: the QR code column of a card, with the short readable address under it."""

from __future__ import annotations

import re

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    Spacer,
)

from stretchplan.render.markup import escape
from stretchplan.render.qr import QRCode
from stretchplan.render.settled import SettledParagraph
from stretchplan.render.text import para
from stretchplan.render.theme import (
    Theme,
)


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
