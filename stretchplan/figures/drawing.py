"""A solved figure as drawing primitives in a fixed box: what SVG, PNG and PDF all draw.

Every frame gets the same box (BOX_WIDTH x BOX_HEIGHT, in units of the body's
standing height), so a lying figure comes out as long as a standing one is tall.
Coordinates: x to the right, y up, (0, 0) the box's bottom-left corner. Order is
drawing order: floor and props behind, then the far limbs, the trunk and head,
the near limbs, and arrows on top.

Pure: stdlib math only.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from stretchplan.figures.body import FOOT_WIDTH, HEAD, LIMB_WIDTH, TRUNK_WIDTH
from stretchplan.figures.frame import DIRECTIONS, Frame, split_arrow
from stretchplan.figures.placement import PlacedProp, Point, Posed, solve

BOX_WIDTH = 1.32
BOX_HEIGHT = 1.12
FLOOR_Y = 0.05  # the floor line's height in the box
PROP_LINE = 0.014
ARROW_LINE = 0.022


@dataclass(frozen=True)
class Stroke:
    """An open polyline with round caps and joins."""

    points: tuple[Point, ...]
    width: float
    tone: str  # near | far | prop | floor | arrow


@dataclass(frozen=True)
class Circle:
    centre: Point
    radius: float
    tone: str
    fill: bool = True
    width: float = 0.0


@dataclass(frozen=True)
class RoundRect:
    x: float
    y: float
    w: float
    h: float
    r: float
    tone: str
    fill: bool = False
    width: float = PROP_LINE


@dataclass(frozen=True)
class Arrow:
    """A polyline ending in a filled arrowhead."""

    points: tuple[Point, ...]
    width: float
    tone: str = "arrow"


Primitive = Stroke | Circle | RoundRect | Arrow


@dataclass(frozen=True)
class Scene:
    width: float
    height: float
    items: tuple[Primitive, ...]
    posed: Posed
    shift: Point  # added to the solved body's points to put them in the box

    def point(self, name: str) -> Point:
        x, y = self.posed.points[name]
        return (x + self.shift[0], y + self.shift[1])


def scenes(frames: Sequence[Frame]) -> tuple[Scene, ...]:
    """Each frame of a figure as a scene; an arrow on one frame follows its body point
    from where it is in the other frame."""
    posed = [solve(frame) for frame in frames]
    shifts = [_shift(p) for p in posed]
    out = []
    for i, (p, shift) in enumerate(zip(posed, shifts, strict=True)):
        items = _items(p, shift)
        if p.frame.arrow:
            other = (posed[1 - i], shifts[1 - i]) if len(posed) == 2 else None
            items += _arrow(p, shift, other)
        out.append(Scene(BOX_WIDTH, BOX_HEIGHT, tuple(items), p, shift))
    return tuple(out)


def scene(frame: Frame) -> Scene:
    return scenes([frame])[0]


def _shift(p: Posed) -> Point:
    """Centre the body (and what it holds) across the box, the floor at FLOOR_Y."""
    xs = [x for x, _ in p.points.values()]
    for prop in p.props:
        if prop.name in ("chair", "step", "wall"):
            xs += [prop.shape[0], prop.shape[2]]
    lo, hi = min(xs) - 0.07, max(xs) + 0.07
    return (BOX_WIDTH / 2 - (lo + hi) / 2, FLOOR_Y)


def _items(p: Posed, shift: Point) -> list[Primitive]:
    sx, sy = shift

    def at(name: str) -> Point:
        x, y = p.points[name]
        return (x + sx, y + sy)

    items: list[Primitive] = [Stroke(((0.02, sy), (BOX_WIDTH - 0.02, sy)), PROP_LINE, "floor")]
    straps: list[Primitive] = []
    for prop in p.props:
        shaped = _prop(prop, sx, sy)
        (straps if prop.name in ("band", "towel", "strap") else items).extend(shaped)

    def depth(side: str) -> float:
        return sum(p.depth[f"{side}.{j}"] for j in ("hip", "knee", "shoulder", "hand"))

    far, near = sorted(("left", "right"), key=depth)
    # The body's right side is the near one in the base poses; colour follows the side
    # (right in the primary) so left and right read the same way in every frame.
    tone = {"right": "near", "left": "far"}
    for side in (far,):
        items += _limbs(side, at, tone[side])
    trunk_lo, trunk_hi = at("pelvis"), at("chest")
    items.append(Stroke((_toward(trunk_lo, trunk_hi, 0.02), trunk_hi), TRUNK_WIDTH, "near"))
    items.append(Circle(at("head"), HEAD / 2, "near"))
    for side in (near,):
        items += _limbs(side, at, tone[side])
    return items + straps


def _limbs(side: str, point: Callable[[str], Point], tone: str) -> list[Primitive]:
    leg = tuple(point(f"{side}.{j}") for j in ("hip", "knee", "ankle"))
    foot = (point(f"{side}.ankle"), point(f"{side}.toe"))
    arm = tuple(point(f"{side}.{j}") for j in ("shoulder", "elbow", "hand"))
    return [
        Stroke(leg, LIMB_WIDTH, tone),
        Stroke(foot, FOOT_WIDTH, tone),
        Stroke(arm, LIMB_WIDTH * 0.9, tone),
    ]


def _toward(a: Point, b: Point, d: float) -> Point:
    length = math.dist(a, b) or 1.0
    return (a[0] + (b[0] - a[0]) * d / length, a[1] + (b[1] - a[1]) * d / length)


def _prop(prop: PlacedProp, sx: float, sy: float) -> list[Primitive]:
    a, b, c, d = prop.shape
    if prop.name == "mat":  # a mat longer than the box ends at the box's edges
        x0, x1 = max(a + sx, 0.02), min(c + sx, BOX_WIDTH - 0.02)
        return [RoundRect(x0, b + sy, x1 - x0, d - b, min(0.01, (d - b) / 2), "prop", fill=True)]
    if prop.name in ("foam-roller", "ball"):
        out: list[Primitive] = [Circle((a + sx, b + sy), c, "prop", fill=False, width=PROP_LINE)]
        if prop.name == "foam-roller":
            out.append(Circle((a + sx, b + sy), c * 0.35, "prop", fill=False, width=PROP_LINE))
        return out
    if prop.name == "step":
        return [RoundRect(a + sx, b + sy, c - a, d - b, 0.01, "prop")]
    if prop.name == "wall":
        x0, x1 = sorted((a, c))
        return [
            RoundRect(x0 + sx, sy, x1 - x0, d, 0.0, "prop", fill=True, width=PROP_LINE),
        ]
    if prop.name == "chair":
        return _chair_lines(a + sx, b + sy, c + sx, d + sy, sy)
    # band, towel, strap: a thin line between two body points
    width = 0.016 if prop.name == "band" else 0.02
    return [Stroke(((a + sx, b + sy), (c + sx, d + sy)), width, "arrow")]


def _chair_lines(
    back: float, seat: float, front: float, top: float, floor: float
) -> list[Primitive]:
    """A side-view chair: back post from floor to top, seat, front leg."""
    w = PROP_LINE * 1.6
    return [
        Stroke(((back, floor), (back, top)), w, "prop"),
        Stroke(((back, seat), (front, seat)), w, "prop"),
        Stroke(((front, seat), (front, floor)), w, "prop"),
    ]


def _arrow(p: Posed, shift: Point, other: tuple[Posed, Point] | None) -> list[Primitive]:
    assert p.frame.arrow is not None
    name, direction = split_arrow(p.frame.arrow)
    end = (p.points[name][0] + shift[0], p.points[name][1] + shift[1])
    com = (p.centre_of_mass[0] + shift[0], p.centre_of_mass[1] + shift[1])
    if other is not None and direction is None:
        q, qshift = other
        start = (q.points[name][0] + qshift[0], q.points[name][1] + qshift[1])
    else:
        dx, dy = _DIRECTION[direction or "up"]
        start = (end[0] - dx * 0.2, end[1] - dy * 0.2)
    return [_arc(start, end, com)]


_DIRECTION = dict(zip(DIRECTIONS, ((0.0, 1.0), (0.0, -1.0), (1.0, 0.0), (-1.0, 0.0)), strict=True))


def _arc(start: Point, end: Point, away_from: Point) -> Arrow:
    """A gently curved arrow from near `start` to near `end`, kept off the limb."""
    mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    out = (mid[0] - away_from[0], mid[1] - away_from[1])
    length = math.hypot(*out) or 1.0
    out = (out[0] / length, out[1] / length)
    offset = 0.09
    a = (start[0] + out[0] * offset, start[1] + out[1] * offset)
    b = (end[0] + out[0] * offset, end[1] + out[1] * offset)
    span = math.dist(a, b)
    bulge = min(0.08, span * 0.3)
    ctrl = (mid[0] + out[0] * (offset + bulge), mid[1] + out[1] * (offset + bulge))
    pts = []
    for i in range(13):
        t = i / 12 * 0.92  # stop short so the head ends beside the limb, not on it
        t += 0.04
        pts.append(
            (
                (1 - t) ** 2 * a[0] + 2 * (1 - t) * t * ctrl[0] + t * t * b[0],
                (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * ctrl[1] + t * t * b[1],
            )
        )
    # Kept above the floor line and inside the box, whichever way "outward" pointed.
    low, edge = FLOOR_Y + 0.04, 0.05
    kept = tuple((min(max(x, edge), BOX_WIDTH - edge), max(y, low)) for x, y in pts)
    return Arrow(kept, ARROW_LINE)


def bounds(item: Primitive) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) an item's ink covers."""
    if isinstance(item, Circle):
        r = item.radius + item.width / 2
        return (item.centre[0] - r, item.centre[1] - r, item.centre[0] + r, item.centre[1] + r)
    if isinstance(item, RoundRect):
        h = item.width / 2
        return (item.x - h, item.y - h, item.x + item.w + h, item.y + item.h + h)
    half = item.width / 2 if isinstance(item, Stroke) else item.width * 2.5
    xs = [x for x, _ in item.points]
    ys = [y for _, y in item.points]
    return (min(xs) - half, min(ys) - half, max(xs) + half, max(ys) + half)
