"""Page geometry, type sizes and paragraph styles for one Plan.

The print rules live here: nothing within 12 mm of an edge, body text at
least 10 pt (14 pt in large print), fine print at least 7 pt (10 pt), and
text colours that keep 4.5:1 contrast against their background both in
colour and when a black-and-white printer turns them grey.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from stretchplan.media import colour
from stretchplan.media.pages import PAGE_SIZES
from stretchplan.plan import Plan
from stretchplan.render.settled import LAYOUTS

if TYPE_CHECKING:
    from stretchplan.render.renderer import Renderer

SAFE_EDGE = 12 * mm  # printers can't ink closer than this to the edge
INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#4a4a4a")  # still 9:1 on white: fine print stays crisp in grey
RULE = colors.HexColor("#9a9a9a")


@dataclass(frozen=True)
class Sizes:
    body: float
    fine: float
    small: float
    dosage: float
    name: float
    heading: float
    title: float
    qr: float
    tick_box: float = 7 * mm  # one day's box in the adherence tracker
    photo_min: float = 34 * mm  # shortest a photo may print, however little text sits beside it


NORMAL = Sizes(
    body=10,
    fine=7.5,
    small=10,
    dosage=13.5,
    name=13,
    heading=15,
    title=22,
    qr=28 * mm,
)
LARGE = Sizes(
    body=14,
    fine=10,
    small=12,
    dosage=18,
    name=18,
    heading=19,
    title=26,
    qr=34 * mm,
    tick_box=10 * mm,
    photo_min=44 * mm,
)


@dataclass(frozen=True)
class Theme:
    page: tuple[float, float]
    margin_x: float
    margin_top: float
    margin_bottom: float
    sizes: Sizes
    primary: colors.Color
    accent: colors.Color
    regular: str
    bold: str
    italic: str
    # What rendering reuses between documents; not part of how the page looks.
    renderer: Renderer = field(compare=False, repr=False)

    @property
    def width(self) -> float:
        return self.page[0] - 2 * self.margin_x

    @functools.cached_property
    def heading_color(self) -> colors.Color:
        """The brand colour, darkened if needed to read on white (and white to read on it)."""
        return legible(self.primary, colors.white)

    @functools.cached_property
    def band(self) -> colors.Color:
        """Pale brand tint behind each exercise's name and dosage."""
        return tint(self.primary, 0.12)

    @functools.cached_property
    def band_text(self) -> colors.Color:
        return legible(self.primary, self.band)

    def style(self, name: str, **overrides: object) -> ParagraphStyle:
        """The named style; its paragraphs share their layouts through the renderer."""
        style = ParagraphStyle(name, **{**self._table[name], **overrides})
        memo = getattr(self.renderer, "paragraphs", None)
        if memo is not None:
            setattr(style, LAYOUTS, memo)
        return style

    @functools.cached_property
    def _table(self) -> dict[str, dict[str, object]]:
        s = self.sizes
        body = {
            "fontName": self.regular,
            "fontSize": s.body,
            "leading": s.body * 1.16,  # steps and tips are short paragraphs
            "textColor": INK,
        }
        table: dict[str, dict[str, object]] = {
            "body": body,
            "intro": {**body, "spaceAfter": s.body * 0.5},
            "fine": {**body, "fontSize": s.fine, "leading": s.fine * 1.3, "textColor": MUTED},
            "fine-center": {
                **body,
                "fontSize": s.fine,
                "leading": s.fine * 1.25,
                "textColor": MUTED,
                "alignment": TA_CENTER,
            },
            "fine-right": {
                **body,
                "fontSize": s.fine,
                "leading": s.fine * 1.3,
                "textColor": MUTED,
                "alignment": TA_RIGHT,
            },
            "scan": {
                **body,
                "fontName": self.bold,
                "fontSize": s.small,
                "leading": s.small * 1.25,
                "alignment": TA_CENTER,
            },
            "title": {
                **body,
                "fontName": self.bold,
                "fontSize": s.title,
                "leading": s.title * 1.15,
                "textColor": self.heading_color,
                "spaceAfter": 4,
            },
            "subtitle": {
                **body,
                "fontSize": s.small,
                "leading": s.small * 1.3,
                "textColor": MUTED,
                "spaceAfter": s.body,
            },
            "heading": {
                **body,
                "fontName": self.bold,
                "fontSize": s.heading,
                "leading": s.heading * 1.2,
                "textColor": self.heading_color,
                "spaceBefore": s.body,
                "spaceAfter": s.body * 0.25,
            },
            "subheading": {
                **body,
                "fontName": self.bold,
                "fontSize": s.body,
                "leading": s.body * 1.22,
                "spaceBefore": s.body * 0.3,
            },
            "name": {
                **body,
                "fontName": self.bold,
                "fontSize": s.name,
                "leading": s.name * 1.2,
                "textColor": self.heading_color,
            },
            "summary": {**body, "fontName": self.italic, "textColor": MUTED},
            "dosage": {
                **body,
                "fontName": self.bold,
                "fontSize": s.dosage,
                "leading": s.dosage * 1.2,
                "spaceBefore": 1,
                "spaceAfter": 2,
            },
            "header-business": {
                **body,
                "fontName": self.bold,
                "fontSize": s.small + 1,
                "leading": (s.small + 1) * 1.2,
                "textColor": self.heading_color,
            },
            "header-tagline": {
                **body,
                "fontSize": s.small,
                "leading": s.small * 1.2,
                "textColor": MUTED,
            },
            "header-right": {
                **body,
                "fontSize": s.small,
                "leading": s.small * 1.3,
                "alignment": TA_RIGHT,
            },
        }
        return table


def theme_for(plan: Plan, renderer: Renderer) -> Theme:
    brand = plan.brand
    regular, bold, italic = renderer.fonts.family(
        brand.font_regular, brand.font_bold, brand.font_italic
    )
    return Theme(
        page=PAGE_SIZES[plan.page_size],
        margin_x=16 * mm,
        margin_top=13 * mm,
        margin_bottom=13 * mm,
        sizes=LARGE if plan.large_print else NORMAL,
        primary=colors.HexColor(brand.primary),
        accent=colors.HexColor(brand.accent),
        regular=regular,
        bold=bold,
        italic=italic,
        renderer=renderer,
    )


def _rgb(color: colors.Color) -> colour.RGB:
    return (color.red, color.green, color.blue)


def tint(color: colors.Color, amount: float) -> colors.Color:
    """`color` mixed with white; amount 0 is white, 1 the colour itself."""
    return colors.Color(*colour.tint(_rgb(color), amount))


def legible(color: colors.Color, against: colors.Color) -> colors.Color:
    """`color`, darkened just enough to keep 4.5:1 with `against`, in colour and grey.

    A trainer may pick any brand colour; a light one (yellow, sky blue) would
    print as a faint grey, so it is deepened towards black rather than refused.
    """
    return colors.Color(*colour.legible(_rgb(color), _rgb(against)))
