"""Render stage: an exercise's pose figure as a reportlab Flowable of vector paths.

Receives plain data from the plan (frames already validated, colours as hex,
caption words in the handout's language) and draws the figures package's
primitives. Every figure uses one scale for a given width, so a lying figure is
as long as a standing one is tall; two frames sit side by side with a small
arrow between them and a caption under each.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from stretchplan.figures import Frame, Scene, Tones, scenes, tones_for
from stretchplan.figures.drawing import Arrow, Circle, Primitive, RoundRect, Stroke, bounds
from stretchplan.figures.export import GAP, arrow_head, between_arrow, captions

CAPTION_INK = colors.HexColor("#333333")
MAT_FILL = colors.HexColor("#ececec")


class FigureFlowable(Flowable):
    """1-2 frames of a pose figure `width` points wide, a caption under each.

    Side by side when that leaves each frame big enough to read (`min_scale`
    points per body height), else one above the other: a card's narrow picture
    column gets the figure twice as large. The empty sky above a lying figure is
    left out; the scale never changes with the pose.
    """

    def __init__(
        self,
        frames: Sequence[Frame],
        width: float,
        primary: str,
        accent: str | None,
        words: tuple[str, str],
        font: str,
        font_size: float,
        min_scale: float = 25 * mm,
    ) -> None:
        super().__init__()
        self.frames = tuple(frames)
        self.scenes = scenes(self.frames)  # the card holding this figure is built once
        self.tones = tones_for(primary, accent)
        self.captions = captions(self.frames, *words)
        self.font, self.font_size = font, font_size
        self.caption_h = font_size * 1.5
        tops = [_ink_top(scene) for scene in self.scenes]
        row = sum(s.width for s in self.scenes) + GAP * (len(self.scenes) - 1)
        self.row = len(self.scenes) == 1 or width / row >= min_scale
        self.k = width / row if self.row else width / max(s.width for s in self.scenes)
        gap = GAP * 0.6 * self.k  # between stacked frames
        # Each frame's bottom-left corner, in points from the flowable's bottom-left.
        if self.row:
            self.height = max(tops) * self.k + self.caption_h
            xs, x = [], 0.0
            for scene in self.scenes:
                xs.append(x)
                x += (scene.width + GAP) * self.k
            self.origins = [(x, self.caption_h) for x in xs]
        else:
            heights = [top * self.k + self.caption_h for top in tops]
            self.height = sum(heights) + gap * (len(heights) - 1)
            y, self.origins = self.height, []
            for h in heights:
                y -= h
                self.origins.append((0.0, y + self.caption_h))
                y -= gap
        self.gap = gap
        self.width = width
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        canvas.saveState()
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        for i, (scene, caption) in enumerate(zip(self.scenes, self.captions, strict=True)):
            self.origin = self.origins[i]
            for item in scene.items:
                self._item(item, 0.0)
            canvas.setFillColor(CAPTION_INK)
            canvas.setFont(self.font, self.font_size)
            ox, oy = self.origin
            centre = ox + scene.width / 2 * self.k
            canvas.drawCentredString(centre, oy - self.caption_h + self.font_size * 0.4, caption)
            if i < len(self.scenes) - 1:
                self._between(scene)
        canvas.restoreState()

    def _between(self, scene: Scene) -> None:
        """The small arrow from this frame to the next: to the right, or down."""
        if self.row:
            points = [(x + scene.width, y) for x, y in between_arrow(GAP / 2, scene.height / 2)]
        else:
            mid_y = (-self.caption_h - self.gap / 2) / self.k
            points = [(scene.width / 2 + y, mid_y - x) for x, y in between_arrow(0.0, 0.0)]
        self._polygon(points, self.tones.prop)

    def _xy(self, x: float, y: float) -> tuple[float, float]:
        return self.origin[0] + x * self.k, self.origin[1] + y * self.k

    def _colour(self, tone: str) -> colors.Color:
        tones: Tones = self.tones
        return colors.HexColor(getattr(tones, tone))

    def _item(self, item: Primitive, x0: float) -> None:
        canvas: Canvas = self.canv
        colour = self._colour(item.tone)
        if isinstance(item, Circle):
            cx, cy = self._xy(item.centre[0] + x0, item.centre[1])
            if item.fill:
                canvas.setFillColor(colour)
                canvas.circle(cx, cy, item.radius * self.k, stroke=0, fill=1)
            else:
                canvas.setStrokeColor(colour)
                canvas.setLineWidth(item.width * self.k)
                canvas.circle(cx, cy, item.radius * self.k, stroke=1, fill=0)
            return
        if isinstance(item, RoundRect):
            x, y = self._xy(item.x + x0, item.y)
            canvas.setStrokeColor(colour)
            canvas.setFillColor(MAT_FILL)
            canvas.setLineWidth(item.width * self.k)
            canvas.roundRect(
                x,
                y,
                item.w * self.k,
                item.h * self.k,
                item.r * self.k,
                stroke=1,
                fill=int(item.fill),
            )
            return
        path = canvas.beginPath()
        first, *rest = [self._xy(x + x0, y) for x, y in item.points]
        path.moveTo(*first)
        for point in rest:
            path.lineTo(*point)
        canvas.setStrokeColor(colour)
        canvas.setLineWidth(item.width * self.k)
        canvas.drawPath(path, stroke=1, fill=0)
        if isinstance(item, Arrow):
            self._polygon([(x + x0, y) for x, y in arrow_head(item)], item_tone(item, self.tones))

    def _polygon(self, points: list[tuple[float, float]], hex_colour: str) -> None:
        canvas: Canvas = self.canv
        path = canvas.beginPath()
        first, *rest = [self._xy(x, y) for x, y in points]
        path.moveTo(*first)
        for point in rest:
            path.lineTo(*point)
        path.close()
        canvas.setFillColor(colors.HexColor(hex_colour))
        canvas.drawPath(path, stroke=0, fill=1)


def item_tone(item: Stroke | Arrow, tones: Tones) -> str:
    return str(getattr(tones, item.tone))


def _ink_top(scene: Scene) -> float:
    """How high the frame's ink reaches (the box's height at most), with a little air."""
    return min(scene.height, max(bounds(item)[3] for item in scene.items) + 0.04)
