"""A figure (1-2 frames side by side) as an SVG string or PNG bytes, for a trainer's
other material and for `exercises show ID --picture`.

SVG is written by hand (no dependency); PNG is drawn with Pillow, imported only
when a PNG is asked for. Captions are the frames' labels, else the words given
(Start / Finish in the handout's language).
"""

from __future__ import annotations

import functools
import html
import io
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from stretchplan.figures.drawing import Arrow, Circle, Primitive, RoundRect, Scene, scenes
from stretchplan.figures.frame import Frame
from stretchplan.figures.placement import Point
from stretchplan.figures.tone import Tones, tones_for

if TYPE_CHECKING:
    from PIL import ImageDraw

GAP = 0.2  # between frames, in body heights: room for the small arrow
CAPTION = 0.16  # caption band under each frame


def layout(frames: Sequence[Frame]) -> tuple[tuple[Scene, ...], float, float]:
    """The frames' scenes and the whole figure's size in body heights (captions included)."""
    solved = scenes(frames)
    width = sum(s.width for s in solved) + GAP * (len(solved) - 1)
    return solved, width, solved[0].height + CAPTION


def captions(frames: Sequence[Frame], start: str = "Start", finish: str = "Finish") -> list[str]:
    words = [start] if len(frames) == 1 else [start, finish]
    return [f.label or word for f, word in zip(frames, words, strict=True)]


def between_arrow(x: float, y: float) -> list[tuple[float, float]]:
    """The small arrow between two frames: a triangle pointing right at (x, y)."""
    return [(x - 0.06, y + 0.06), (x + 0.06, y), (x - 0.06, y - 0.06)]


def arrow_head(item: Arrow) -> list[tuple[float, float]]:
    (x0, y0), (x1, y1) = item.points[-2], item.points[-1]
    angle = math.atan2(y1 - y0, x1 - x0)
    size = item.width * 3.2
    tip = (x1 + math.cos(angle) * size * 0.6, y1 + math.sin(angle) * size * 0.6)
    left = (tip[0] - size * math.cos(angle - 0.5), tip[1] - size * math.sin(angle - 0.5))
    right = (tip[0] - size * math.cos(angle + 0.5), tip[1] - size * math.sin(angle + 0.5))
    return [tip, left, right]


def _colour(tone: str, tones: Tones) -> str:
    return {
        "near": tones.near,
        "far": tones.far,
        "prop": tones.prop,
        "floor": tones.floor,
        "arrow": tones.arrow,
    }[tone]


def figure_svg(
    frames: Sequence[Frame],
    primary: str = "#1f5f6b",
    accent: str | None = "#d9952b",
    words: tuple[str, str] = ("Start", "Finish"),
    height_px: float = 240,
) -> str:
    solved, width, height = layout(frames)
    tones = tones_for(primary, accent)
    k = height_px / height
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width * k:.0f}" '
        f'height="{height * k:.0f}" viewBox="0 0 {width * k:.1f} {height * k:.1f}">',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]

    def xy(x: float, y: float, x0: float) -> str:
        return f"{(x + x0) * k:.1f},{(height - CAPTION - y) * k:.1f}"

    x0 = 0.0
    for i, (s, caption) in enumerate(zip(solved, captions(frames, *words), strict=True)):
        for item in s.items:
            out.append(_svg_item(item, tones, k, functools.partial(xy, x0=x0)))
        cx = (x0 + s.width / 2) * k
        out.append(
            f'<text x="{cx:.1f}" y="{(height - CAPTION * 0.3) * k:.1f}" font-family="sans-serif" '
            f'font-size="{CAPTION * 0.62 * k:.1f}" text-anchor="middle" fill="#333333">'
            f"{_escape(caption)}</text>"
        )
        x0 += s.width
        if i < len(solved) - 1:
            tri = between_arrow(GAP / 2, s.height / 2)
            pts = " ".join(xy(x, y, x0) for x, y in tri)
            out.append(f'<polygon points="{pts}" fill="{tones.prop}"/>')
            x0 += GAP
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _svg_item(item: Primitive, tones: Tones, k: float, at: Callable[[float, float], str]) -> str:
    colour = _colour(item.tone, tones)
    if isinstance(item, Circle):
        cx, cy = at(*item.centre).split(",")
        paint = (
            f'fill="{colour}"'
            if item.fill
            else f'fill="none" stroke="{colour}" stroke-width="{item.width * k:.2f}"'
        )
        return f'<circle cx="{cx}" cy="{cy}" r="{item.radius * k:.2f}" {paint}/>'
    if isinstance(item, RoundRect):
        x, y = at(item.x, item.y + item.h).split(",")
        fill = "#ececec" if item.fill else "none"
        return (
            f'<rect x="{x}" y="{y}" width="{item.w * k:.2f}" height="{item.h * k:.2f}" '
            f'rx="{item.r * k:.2f}" fill="{fill}" stroke="{colour}" '
            f'stroke-width="{item.width * k:.2f}"/>'
        )
    pts = " ".join(at(x, y) for x, y in item.points)
    line = (
        f'<polyline points="{pts}" fill="none" stroke="{colour}" '
        f'stroke-width="{item.width * k:.2f}" stroke-linecap="round" stroke-linejoin="round"/>'
    )
    if isinstance(item, Arrow):
        head = " ".join(at(x, y) for x, y in arrow_head(item))
        line += f'<polygon points="{head}" fill="{colour}"/>'
    return line


def figure_png(
    frames: Sequence[Frame],
    primary: str = "#1f5f6b",
    accent: str | None = "#d9952b",
    words: tuple[str, str] = ("Start", "Finish"),
    height_px: int = 240,
) -> bytes:
    """The figure drawn with Pillow at `height_px` (4x supersampled, then reduced)."""
    from PIL import Image, ImageDraw, ImageFont

    solved, width, height = layout(frames)
    tones = tones_for(primary, accent)
    ss = 4
    k = height_px * ss / height
    image = Image.new("RGB", (round(width * k), round(height * k)), "white")
    draw = ImageDraw.Draw(image)

    def px(x: float, y: float, x0: float) -> tuple[float, float]:
        return ((x + x0) * k, (height - CAPTION - y) * k)

    x0 = 0.0
    for i, s in enumerate(solved):
        for item in s.items:
            _png_item(draw, item, tones, k, functools.partial(px, x0=x0))
        x0 += s.width
        if i < len(solved) - 1:
            draw.polygon(
                [px(x, y, x0) for x, y in between_arrow(GAP / 2, s.height / 2)], tones.prop
            )
            x0 += GAP
    image = image.resize((round(width * k / ss), round(height * k / ss)), Image.Resampling.LANCZOS)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=max(8, round(CAPTION * 0.62 * k / ss)))
    x0 = 0.0
    for s, caption in zip(solved, captions(frames, *words), strict=True):
        cx = (x0 + s.width / 2) * k / ss
        draw.text((cx, (height - CAPTION * 0.5) * k / ss), caption, "#333333", font, anchor="mm")
        x0 += s.width + GAP
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _png_item(
    d: ImageDraw.ImageDraw,
    item: Primitive,
    tones: Tones,
    k: float,
    at: Callable[[float, float], Point],
) -> None:
    colour = _colour(item.tone, tones)
    if isinstance(item, Circle):
        cx, cy = at(*item.centre)
        r = item.radius * k
        box = (cx - r, cy - r, cx + r, cy + r)
        if item.fill:
            d.ellipse(box, fill=colour)
        else:
            d.ellipse(box, outline=colour, width=max(1, round(item.width * k)))
        return
    if isinstance(item, RoundRect):
        x, y = at(item.x, item.y + item.h)
        box = (x, y, x + item.w * k, y + item.h * k)
        d.rounded_rectangle(
            box,
            radius=item.r * k,
            fill="#ececec" if item.fill else None,
            outline=colour,
            width=max(1, round(item.width * k)),
        )
        return
    pts = [at(x, y) for x, y in item.points]
    w = item.width * k
    d.line(pts, fill=colour, width=max(1, round(w)), joint="curve")
    for x, y in (pts[0], pts[-1]):  # round caps
        d.ellipse((x - w / 2, y - w / 2, x + w / 2, y + w / 2), fill=colour)
    if isinstance(item, Arrow):
        d.polygon([at(x, y) for x, y in arrow_head(item)], fill=colour)


def _escape(text: str) -> str:
    """&, < and > as entities, as SVG text needs; quote marks stay as they are."""
    return html.escape(text, quote=False)
