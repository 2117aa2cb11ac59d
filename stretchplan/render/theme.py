"""Page geometry, type sizes and paragraph styles for one Plan.

The print rules live here: nothing within 12 mm of an edge, body text at
least 10 pt (14 pt in large print), fine print at least 7 pt (10 pt).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from stretchplan.plan import Plan
from stretchplan.render.fonts import register_family

SAFE_EDGE = 12 * mm  # printers can't ink closer than this to the edge
PAGE_SIZES = {"letter": LETTER, "a4": A4}
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
    photo_col: float


NORMAL = Sizes(
    body=10,
    fine=7.5,
    small=10,
    dosage=13.5,
    name=13,
    heading=15,
    title=22,
    qr=28 * mm,
    photo_col=44 * mm,
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
    photo_col=50 * mm,
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

    @property
    def width(self) -> float:
        return self.page[0] - 2 * self.margin_x

    def style(self, name: str, **overrides: object) -> ParagraphStyle:
        return ParagraphStyle(name, **{**self._base(name), **overrides})

    def _base(self, name: str) -> dict[str, object]:
        s = self.sizes
        body = {
            "fontName": self.regular,
            "fontSize": s.body,
            "leading": s.body * 1.2,
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
                "textColor": self.primary,
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
                "textColor": self.primary,
                "spaceBefore": s.body,
                "spaceAfter": s.body * 0.4,
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
                "textColor": self.primary,
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
                "textColor": self.primary,
            },
            "header-tagline": {
                **body,
                "fontSize": s.fine,
                "leading": s.fine * 1.25,
                "textColor": MUTED,
            },
            "header-right": {
                **body,
                "fontSize": s.small,
                "leading": s.small * 1.3,
                "alignment": TA_RIGHT,
            },
        }
        return table[name]


def theme_for(plan: Plan) -> Theme:
    brand = plan.brand
    regular, bold, italic = register_family(brand.font_regular, brand.font_bold, brand.font_italic)
    return Theme(
        page=PAGE_SIZES[plan.page_size],
        margin_x=16 * mm,
        margin_top=14 * mm,
        margin_bottom=14 * mm,
        sizes=LARGE if plan.large_print else NORMAL,
        primary=colors.HexColor(brand.primary),
        accent=colors.HexColor(brand.accent),
        regular=regular,
        bold=bold,
        italic=italic,
    )
