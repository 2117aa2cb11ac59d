"""From a frame to 2-D geometry resting on the floor or on its props.

The posed skeleton is projected (side or front view), set down on the floor the
way its base pose says (standing on its lowest point, or rolled onto the two
points of its underside that straddle its centre of mass), and props are fitted
to it: a chair's seat meets the buttock, a roller fills the gap under the
pelvis, a wall meets the hand. Units are fractions of standing height H, y up,
the floor at y = 0.

Pure: stdlib math only.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from stretchplan.figures.body import (
    LIMB_WIDTH,
    TRUNK_WIDTH,
    pose_skeleton,
    radius,
)
from stretchplan.figures.frame import Frame, split_prop
from stretchplan.figures.poses import POSES, PROPS

Point = tuple[float, float]

MAT_THICKNESS = 0.02
ROLLER_RADIUS = 0.06  # a 15 cm roller, drawn a little large to read at pictogram size
BALL_RADIUS = 0.035
STEP_HEIGHT = 0.1
SEAT_HEIGHT = 0.27  # a chair seat, 46 cm for a 170 cm body
MAX_ROLL = 75.0  # degrees a settling body may roll from its base orientation
UNDER = {"foam-roller": 2 * ROLLER_RADIUS, "ball": 2 * BALL_RADIUS, "step": STEP_HEIGHT}
# Body points that sample each segment for the underside a lying body rests on.
_SEGMENTS = [
    ("pelvis", "chest"),
    *(
        (f"{side}.{a}", f"{side}.{b}")
        for side in ("left", "right")
        for a, b in (
            ("hip", "knee"),
            ("knee", "ankle"),
            ("heel", "toe"),
            ("shoulder", "elbow"),
            ("elbow", "hand"),
        )
    ),
]


@dataclass(frozen=True)
class PlacedProp:
    name: str
    at: str
    # The prop's geometry: a box (x0, y0, x1, y1) for mat, step, wall, chair seat;
    # a circle (cx, cy, r, 0) for roller and ball; a line (x0, y0, x1, y1) for straps.
    shape: tuple[float, float, float, float]


@dataclass(frozen=True)
class Posed:
    """A frame solved: 2-D points, their depth (larger is nearer), props and the floor."""

    frame: Frame
    points: dict[str, Point]
    depth: dict[str, float]
    centre_of_mass: Point
    props: tuple[PlacedProp, ...]
    surface: float  # height the body rests on (the floor, or the mat's top)


def solve(frame: Frame) -> Posed:
    base = POSES[frame.pose]
    angles = base.joint_angles(frame.angles)
    skeleton = pose_skeleton(angles, base.orientation)
    if frame.view == "front":  # the camera in front of the body: its right is on your left
        points = {k: (-v[2], v[1]) for k, v in skeleton.points.items()}
        depth = {k: v[0] for k, v in skeleton.points.items()}
        com = (-skeleton.centre_of_mass[2], skeleton.centre_of_mass[1])
    else:
        points = {k: (v[0], v[1]) for k, v in skeleton.points.items()}
        depth = {k: v[2] for k, v in skeleton.points.items()}
        com = (skeleton.centre_of_mass[0], skeleton.centre_of_mass[1])
    props = [(name, at or PROPS[name].default_at) for name, at in map(split_prop, frame.props)]
    raised = _raised(props, base.mode == "upright", frame.pose)
    surface = MAT_THICKNESS if any(name == "mat" for name, _ in props) else 0.0

    if base.mode == "settle":
        angle = _settle_angle(points, raised, com)
        points = {k: _rotate(p, com, angle) for k, p in points.items()}
    low = min(y - radius(k) - raised.get(k, 0.0) for k, (x, y) in _samples(points).items())
    points = {k: (x, y - low + surface) for k, (x, y) in points.items()}
    com = (com[0], com[1] - low + surface)
    placed = tuple(_place(name, at, frame.pose, points, surface) for name, at in props)
    return Posed(frame, points, depth, com, placed, surface)


def _raised(props: list[tuple[str, str]], upright: bool, pose: str) -> dict[str, float]:
    """How far a prop under a body point lifts it off the floor."""
    out: dict[str, float] = {}
    for name, at in props:
        if name in UNDER:
            points = [at]
            if name == "step":
                side = at.split(".")[0]
                points = [f"{side}.heel", f"{side}.toe"]
            for point in points:
                out[point] = out.get(point, 0.0) + UNDER[name]
    return out


def _samples(points: dict[str, Point]) -> dict[str, Point]:
    """Landmarks plus points along each segment, keyed so radius() still applies."""
    out = dict(points)
    for a, b in _SEGMENTS:
        (ax, ay), (bx, by) = points[a], points[b]
        for i in (1, 2, 3):
            t = i / 4
            key = f"{a}~{i}" if a != "pelvis" else f"pelvis~{i}"
            out[key] = (ax + (bx - ax) * t, ay + (by - ay) * t)
    return out


def _sample_radius(key: str) -> float:
    if key.startswith("pelvis~"):
        return TRUNK_WIDTH / 2
    if "~" in key:
        return LIMB_WIDTH / 2
    return radius(key)


def _settle_angle(points: dict[str, Point], raised: dict[str, float], com: Point) -> float:
    """The roll that brings the body's underside onto the two points straddling its
    centre of mass (a rigid body coming to rest on a floor), within MAX_ROLL."""
    under = sorted(
        (x, y - _sample_radius(k) - raised.get(k, 0.0)) for k, (x, y) in _samples(points).items()
    )
    hull: list[Point] = []
    for p in under:  # the lower convex hull, left to right
        while len(hull) >= 2 and _cross(hull[-2], hull[-1], p) <= 0:
            hull.pop()
        hull.append(p)
    edges = []
    for (x0, y0), (x1, y1) in itertools.pairwise(hull):
        angle = -math.degrees(math.atan2(y1 - y0, x1 - x0))
        if x1 - x0 > 1e-9 and abs(angle) <= MAX_ROLL:
            # 0 when the edge straddles the centre of mass, else how far it is from it
            miss = max(x0 - com[0], com[0] - x1, 0.0)
            edges.append((miss, angle))
    return min(edges)[1] if edges else 0.0


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _rotate(p: Point, about: Point, deg: float) -> Point:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    x, y = p[0] - about[0], p[1] - about[1]
    return (about[0] + x * c - y * s, about[1] + x * s + y * c)


def _place(name: str, at: str, pose: str, points: dict[str, Point], surface: float) -> PlacedProp:
    x, y = points[at]
    r = radius(at)
    xs = [p[0] for p in points.values()]
    if name == "mat":
        top = MAT_THICKNESS
        low = [p[0] for k, p in _samples(points).items() if p[1] - _sample_radius(k) < top + 0.08]
        return PlacedProp(name, at, (min(low) - 0.08, 0.0, max(low) + 0.08, top))
    if name in ("foam-roller", "ball"):
        radius_ = ROLLER_RADIUS if name == "foam-roller" else BALL_RADIUS
        return PlacedProp(name, at, (x, surface + radius_, radius_, 0.0))
    if name == "step":
        side = at.split(".", maxsplit=1)[0]
        heel, toe = points[f"{side}.heel"], points[f"{side}.toe"]
        lo, hi = min(heel[0], toe[0]), max(heel[0], toe[0])
        return PlacedProp(name, at, (lo - 0.06, surface, hi + 0.1, surface + STEP_HEIGHT))
    if name == "chair":
        return PlacedProp(name, at, _chair(at, pose, points, surface))
    if name == "wall":
        body_mid = (min(xs) + max(xs)) / 2
        face = x + r if x >= body_mid else x - r
        return PlacedProp(name, at, (face, 0.0, face + (0.04 if x >= body_mid else -0.04), 1.0))
    # band, towel, strap: a line from the hands (band: from the other knee) to `at`
    side = "left" if at.startswith("right.") else "right"
    if name == "band":
        start = points[f"{side}.{at.split('.', 1)[1]}"] if "." in at else points["left.knee"]
    else:
        start = points["right.hand"]
    return PlacedProp(name, at, (start[0], start[1], x, y))


def _chair(
    at: str, pose: str, points: dict[str, Point], surface: float
) -> tuple[float, float, float, float]:
    """A chair as (x_back, seat_height, x_front, back_height): its back at x_back."""
    x, y = points[at]
    if at == "pelvis" and pose == "seated":
        seat = y - TRUNK_WIDTH / 2
        back = x - 0.09
        return (back, seat, back + 0.26, seat + 0.3)
    if at == "pelvis":  # standing up from it: the chair just behind the calves
        heels = min(points["left.heel"][0], points["right.heel"][0])
        back = heels - 0.33
        return (back, surface + SEAT_HEIGHT, back + 0.26, surface + SEAT_HEIGHT + 0.3)
    # held at a hand: the top of the chair's back under the hand, seat away from the body
    top = min(max(y - radius(at), surface + 0.34), surface + 0.62)
    away = 1.0 if x >= points["pelvis"][0] else -1.0
    return (x + away * 0.02, top - 0.3, x + away * 0.28, top)


TOUCH = 0.015  # how close (in body heights) a point's edge must come to count as touching


def lowest_edge(posed: Posed) -> float:
    """The lowest point the body's ink reaches (its underside), segments included."""
    return min(y - _sample_radius(k) for k, (_, y) in _samples(posed.points).items())


def contacts(posed: Posed, tolerance: float = TOUCH) -> set[str]:
    """The body points that rest on the floor, the mat or a prop, or that hold a prop."""
    # Surfaces as (x0, x1, bottom, top): a point whose underside lies between bottom and
    # top (within tolerance) over that stretch of floor is resting on it.
    surfaces = [(-math.inf, math.inf, 0.0, 0.0)]
    holds: list[tuple[str, float, float]] = []  # (point, x, y) a hand or body meets
    for prop in posed.props:
        a, b, c, d = prop.shape
        if prop.name in ("mat", "step"):
            surfaces.append((a, c, b if prop.name == "step" else 0.0, d))
        elif prop.name in ("foam-roller", "ball"):
            surfaces.append((a - c, a + c, b + c, b + c))
        elif prop.name == "chair":
            if prop.at == "pelvis":
                surfaces.append((min(a, c), max(a, c), b, b))
            else:
                holds.append((prop.at, a, d))
        elif prop.name == "wall":
            holds.append((prop.at, a, math.nan))
    found = set()
    for name, (x, y) in posed.points.items():
        edge = y - radius(name)
        for x0, x1, bottom, top in surfaces:
            if x0 - radius(name) <= x <= x1 + radius(name) and (
                bottom - tolerance <= edge <= top + tolerance
            ):
                found.add(name)
    for name, x, y in holds:
        px, py = posed.points[name]
        r = radius(name)
        if math.isnan(y):  # a wall: the point's edge on its face
            if abs(abs(px - x) - r) <= tolerance:
                found.add(name)
        elif abs(px - x) <= 0.05 and abs(py - r - y) <= tolerance:
            found.add(name)
    return found
