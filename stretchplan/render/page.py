"""Page furniture every layout shares: header, footer, "Page N of M", glyph check."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from stretchplan.errors import Problem, UserError
from stretchplan.plan import Plan
from stretchplan.printed import printed_texts
from stretchplan.render.fit import footer_text
from stretchplan.render.images import NamedJPEG
from stretchplan.render.markup import escape
from stretchplan.render.settled import SettledParagraph
from stretchplan.render.theme import RULE, Theme

FINE_FLOOR, FINE_FLOOR_LARGE = 7.0, 10.0  # the print rules' smallest fine print
LOGO_BOX = 15 * mm
SMALL_LOGO_BOX = 10 * mm  # later pages: the brand stays, the space goes to exercises
GAP = 3 * mm
RightLine = Callable[[float], tuple[ParagraphStyle, str]]  # a header line fitted to its width


def _line_width(paragraph: Paragraph) -> float:
    style = paragraph.style
    return float(stringWidth(paragraph.getPlainText(), style.fontName, style.fontSize))


class Furniture:
    """Header and footer for every page of one document, measured up front.

    Their content is the same on every page (only the page number changes), so
    their heights are known before layout and the body frame never overlaps them.
    """

    def __init__(
        self,
        plan: Plan,
        theme: Theme,
        right_lines: list[tuple[ParagraphStyle, str] | RightLine],
        fine_print: Sequence[Paragraph] = (),
        compact: bool = False,
    ) -> None:
        self.plan = plan
        self.theme = theme
        brand = plan.brand
        self.logo = brand.logo
        self.logo_box = SMALL_LOGO_BOX if compact else LOGO_BOX
        if brand.logo:
            # Prepared once per document, not once per page.
            photos = theme.renderer.photos
            self.logo_w, self.logo_h = photos.fit(brand.logo, self.logo_box, self.logo_box)
            small = photos.printable(brand.logo, self.logo_w, self.logo_h, "logo", logo=True)
            # by its pixels, not its cache path: see picture.Picture
            self.logo_image = NamedJPEG(small)
        left_w = theme.width * 0.46 - (self.logo_box + 3 * mm if self.logo else 0)
        self.left = [SettledParagraph(escape(brand.business), theme.style("header-business"))]
        if brand.tagline and not compact:
            self.left.append(SettledParagraph(escape(brand.tagline), theme.style("header-tagline")))
        # The right block takes what the business name leaves, at least about half.
        used = max(_line_width(p) for p in self.left) + (self.logo_box + 3 * mm if self.logo else 0)
        self.left_w, self.right_w = left_w, max(theme.width * 0.52, theme.width - used - 6 * mm)
        self.right = []
        for line in right_lines:
            style, text = line(self.right_w) if callable(line) else line
            self.right.append(SettledParagraph(text, style))
        left_h = sum(p.wrap(left_w, 1000)[1] for p in self.left)
        right_h = sum(p.wrap(self.right_w, 1000)[1] for p in self.right)
        self.header_h = max(self.logo_box if self.logo else 0, left_h, right_h) + 2 * mm

        fine = theme.style("fine")
        widest = plan.labels.page_of.format(n=88, m=88)
        self.page_w = stringWidth(widest, theme.regular, theme.sizes.fine) + 4 * mm
        floor = FINE_FLOOR_LARGE if plan.large_print else FINE_FLOOR
        # Footer lines never wrap while shrinking or dropping the website can keep them whole.
        contact, contact_style = footer_text(
            brand.contact_line, brand.website, theme.regular, fine, floor, theme.width - self.page_w
        )
        italic = theme.style("fine", fontName=theme.italic)
        consult, consult_style = footer_text(
            plan.labels.consult, None, theme.italic, italic, floor, theme.width
        )
        # (paragraph, width): only the first line shares its line with the page number
        self.footer = [
            (SettledParagraph(escape(contact), contact_style), theme.width - self.page_w),
            (SettledParagraph(escape(consult), consult_style), theme.width),
            # e.g. the full disclaimer, when a layout must repeat it on every page
            *((p, theme.width) for p in fine_print),
        ]
        self.footer_h = sum(p.wrap(w, 1000)[1] for p, w in self.footer) + 2 * mm

    @property
    def body_top(self) -> float:
        return self.theme.page[1] - self.theme.margin_top - self.header_h - GAP

    @property
    def body_bottom(self) -> float:
        return self.theme.margin_bottom + self.footer_h + GAP

    def draw(self, canvas: Canvas, _doc: Any) -> None:
        t = self.theme
        top = t.page[1] - t.margin_top
        x = t.margin_x
        canvas.saveState()
        if self.logo:
            canvas.drawImage(self.logo_image, x, top - self.logo_h, self.logo_w, self.logo_h)
            x += self.logo_box + 3 * mm
        y = top
        for p in self.left:
            _, h = p.wrap(self.left_w, 1000)
            p.drawOn(canvas, x, y - h)
            y -= h
        y = top
        for p in self.right:
            _, h = p.wrap(self.right_w, 1000)
            p.drawOn(canvas, t.page[0] - t.margin_x - self.right_w, y - h)
            y -= h
        rule_y = top - self.header_h
        canvas.setStrokeColor(t.accent)
        canvas.setLineWidth(1.5)
        canvas.line(t.margin_x, rule_y, t.page[0] - t.margin_x, rule_y)

        foot_top = t.margin_bottom + self.footer_h
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(t.margin_x, foot_top, t.page[0] - t.margin_x, foot_top)
        y = foot_top - 1.5 * mm
        for p, width in self.footer:
            _, h = p.wrap(width, 1000)
            p.drawOn(canvas, t.margin_x, y - h)
            y -= h
        canvas.restoreState()

    def draw_page_number(self, canvas: Canvas, number: int, total: int) -> None:
        t = self.theme
        canvas.saveState()
        canvas.setFont(t.regular, t.sizes.fine)
        canvas.setFillColor(t.style("fine").textColor)
        text = self.plan.labels.page_of.format(n=number, m=total)
        baseline = t.margin_bottom + self.footer_h - 1.5 * mm - t.sizes.fine
        canvas.drawRightString(t.page[0] - t.margin_x, baseline, text)
        canvas.restoreState()


def numbered_canvas(furniture: Furniture) -> Callable[..., Canvas]:
    """A canvas class that holds pages back until the end, to print "Page N of M"."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                furniture.draw_page_number(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def check_glyphs(plan: Plan, theme: Theme) -> None:
    """Refuse text the brand's fonts cannot draw, rather than print empty boxes."""
    brand = plan.brand
    faces = (brand.font_regular, brand.font_bold, brand.font_italic)
    fonts = theme.renderer.fonts
    problems = []
    for field, text in printed_texts(plan):
        if message := fonts.glyph_problem(text, faces):
            # Where it was written, when known: the file:line `check` names too.
            file, line, written_as = plan.origins.get(text, (None, None, None))
            problems.append(Problem(message, file, line, written_as or field, text))
    if problems:
        raise UserError(problems)
