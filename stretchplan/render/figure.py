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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from stretchplan.figures import Frame, Scene, Tones, scenes, tones_for
from stretchplan.figures.drawing import (
    BOX_WIDTH,
    FLOOR_Y,
    Arrow,
    Circle,
    Primitive,
    RoundRect,
    Stroke,
    bounds,
)
from stretchplan.figures.export import GAP, arrow_head, between_arrow, captions

CAPTION_INK = colors.HexColor("#333333")
MAT_FILL = colors.HexColor("#ececec")


class FigureFlowable(Flowable):
    """1-2 frames of a pose figure in a column `width` points wide, a caption under each.

    One scale for every figure of that width (a body height is `width` / BOX_WIDTH),
    so a lying figure is as long as a standing one is tall. Each frame is cut to
    its ink (no empty sky over a lying body, no empty floor beside a standing one);
    two frames go side by side when they fit, else one above the other.

    Given a `height`, the frames always go side by side, as large as fits the box
    `width` x `height`, and the flowable is only as wide as they are.
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
        height: float | None = None,
        drawn: tuple[Scene, ...] | None = None,
        tones: Tones | None = None,
    ) -> None:
        super().__init__()
        self.frames = tuple(frames)
        # Posing a figure takes milliseconds: a card tried in several arrangements
        # passes the scenes it posed once (`drawn`), and the tones it mixed.
        self.scenes = drawn if drawn is not None else scenes(self.frames)
        self.tones = tones if tones is not None else tones_for(primary, accent)
        self.captions = captions(self.frames, *words)
        self.font, self.font_size = font, font_size
        self.caption_h = font_size * 1.5
        self.k = width / BOX_WIDTH  # points per body height
        self.crops = [_crop(scene) for scene in self.scenes]
        # Each frame stands in a slot at least as wide as its caption, so captions never
        # run into each other (or out of the card) under narrow standing frames.
        spans = [stringWidth(c, font, font_size) + font_size * 0.4 for c in self.captions]
        if height is not None:
            # A row in a box `width` x `height`: as large as fits, from the box's left edge.
            tallest = max(y1 - y0 for _, _, y0, y1 in self.crops)
            self.k = (height - self.caption_h) / tallest
            for _ in range(3):  # captions keep their size as the frames shrink to fit
                across = _across(self.crops, spans, self.k)
                if across <= width:
                    break
                self.k *= width / across
            width = min(width, _across(self.crops, spans, self.k))
        k, gap = self.k, GAP * self.k
        widths = [(x1 - x0) * k for x0, x1, _, _ in self.crops]
        heights = [(y1 - y0) * k for _, _, y0, y1 in self.crops]
        self.row = height is not None or sum(widths) + gap * (len(widths) - 1) <= width
        # Where each frame's crop has its bottom-left corner, from the flowable's.
        if self.row:
            self.height = max(heights) + self.caption_h
            slots = [max(w, span) for w, span in zip(widths, spans, strict=True)]
            x = max(0.0, (width - sum(slots) - gap * (len(slots) - 1)) / 2)
            self.origins = []
            for w, slot in zip(widths, slots, strict=True):
                self.origins.append((x + (slot - w) / 2, self.caption_h))
                x += slot + gap
        else:
            gap *= 0.5
            self.height = sum(heights) + self.caption_h * len(heights) + gap * (len(heights) - 1)
            y, self.origins = self.height, []
            for w, h in zip(widths, heights, strict=True):
                y -= h
                self.origins.append(((width - w) / 2, y))
                y -= self.caption_h + gap
        self.gap = gap
        self.width = width
        self.hAlign = "CENTER" if height is None else "LEFT"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        canvas.saveState()
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        for i, (scene, caption) in enumerate(zip(self.scenes, self.captions, strict=True)):
            self.origin, self.crop = self.origins[i], self.crops[i]
            x0, x1, _, _ = self.crop
            ox, oy = self.origin
            for item in scene.items:
                # the floor line runs under this frame's crop only
                self._item(_cut(item, x0, x1) if item.tone == "floor" else item, 0.0)
            canvas.setFillColor(CAPTION_INK)
            canvas.setFont(self.font, self.font_size)
            centre = ox + (x1 - x0) / 2 * self.k
            canvas.drawCentredString(centre, oy - self.caption_h + self.font_size * 0.4, caption)
            if i < len(self.scenes) - 1:
                self._between(i)
        canvas.restoreState()

    def _between(self, i: int) -> None:
        """The small arrow from frame i to the next: to the right, or down."""
        ox, oy = self.origins[i]
        x0, x1, _, _ = self.crops[i]
        k = self.k
        if self.row:
            right = ox + (x1 - x0) * k
            x = (right + self.origins[i + 1][0]) / 2  # midway to the next frame
            y = oy + min(c[3] - c[2] for c in self.crops) * k / 2
            points = [(x + dx * k, y + dy * k) for dx, dy in between_arrow(0.0, 0.0)]
        else:
            x = ox + (x1 - x0) * k / 2
            y = oy - self.caption_h - self.gap / 2
            points = [(x + dy * k, y - dx * k) for dx, dy in between_arrow(0.0, 0.0)]
        self._polygon_points(points, self.tones.prop)

    def _xy(self, x: float, y: float) -> tuple[float, float]:
        x0, _, y0, _ = self.crop
        return self.origin[0] + (x - x0) * self.k, self.origin[1] + (y - y0) * self.k

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
        self._polygon_points([self._xy(x, y) for x, y in points], hex_colour)

    def _polygon_points(self, points: list[tuple[float, float]], hex_colour: str) -> None:
        canvas: Canvas = self.canv
        path = canvas.beginPath()
        first, *rest = points
        path.moveTo(*first)
        for point in rest:
            path.lineTo(*point)
        path.close()
        canvas.setFillColor(colors.HexColor(hex_colour))
        canvas.drawPath(path, stroke=0, fill=1)


def _across(
    crops: Sequence[tuple[float, float, float, float]], spans: list[float], k: float
) -> float:
    """How wide a row of frames is at scale `k`: each frame, or its caption when wider."""
    slots = [max((x1 - x0) * k, span) for (x0, x1, _, _), span in zip(crops, spans, strict=True)]
    return sum(slots) + GAP * k * (len(slots) - 1)


def item_tone(item: Stroke | Arrow, tones: Tones) -> str:
    return str(getattr(tones, item.tone))


def _cut(item: Primitive, x0: float, x1: float) -> Primitive:
    assert isinstance(item, Stroke)
    y = item.points[0][1]
    return Stroke(((x0, y), (x1, y)), item.width, item.tone)


def _crop(scene: Scene) -> tuple[float, float, float, float]:
    """The part of the frame's box its ink covers (x0, x1, y0, y1), with a little air; the
    floor line is cut to it."""
    boxes = [bounds(item) for item in scene.items if item.tone != "floor"]
    x0 = max(0.0, min(b[0] for b in boxes) - 0.03)
    x1 = min(scene.width, max(b[2] for b in boxes) + 0.03)
    y1 = min(scene.height, max(b[3] for b in boxes) + 0.03)
    return x0, x1, FLOOR_Y - 0.02, y1
