"""The skeleton: segment lengths, joints with their ranges, and forward kinematics.

Lengths are fractions of standing height H (Drillis & Contini, as tabulated by
Winter), so a figure is 1.0 tall standing. Everything is computed in 3-D and
projected later, so a hip's rotation or a shoulder's abduction shows up
foreshortened in a side view instead of being ignored.

Body frame (anatomical position): x points forward (anterior), y up (superior),
z to the body's right. Joint angles are degrees from anatomical position; the
sign convention is the clinical one: flexion, abduction, external rotation,
dorsiflexion, bending or turning towards the right are positive.

Pure: stdlib math only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]

# Segment lengths and landmark offsets, fractions of H.
TRUNK = 0.288  # shoulder line to hip joint
NECK = 0.052
HEAD = 0.130  # chin to crown: the head circle's diameter
UPPER_ARM = 0.186
FOREARM = 0.146
HAND = 0.05  # a pictogram's hand: a short stub past the wrist, no fingers
THIGH = 0.245
SHANK = 0.246
ANKLE = 0.039  # ankle height above the sole
FOOT = 0.152
SHOULDER_HALF = 0.10  # shoulder joints sit inside the 0.259 H shoulder width
HIP_HALF = 0.05  # hip joints sit inside the 0.191 H hip width

# Stroke widths of the pictogram (FIGURES.md: limbs about 0.06 H, trunk about 0.11 H).
LIMB_WIDTH = 0.062
TRUNK_WIDTH = 0.11
FOOT_WIDTH = 0.05
HEAD_GAP = 0.02  # between the head circle and the top of the trunk

SIDES = ("left", "right")


@dataclass(frozen=True)
class Joint:
    """One joint angle a frame may set: its range and what the positive direction is."""

    name: str
    lo: float
    hi: float
    meaning: str

    def range_text(self) -> str:
        return f"{_deg(self.lo)} to {_deg(self.hi)}"


def _deg(value: float) -> str:
    return f"{value:g}°"


def _joints() -> dict[str, Joint]:
    table = [
        ("trunk", -25, 80, "lower back: + bends forward, - arches back"),
        ("trunk.side", -35, 35, "lower back: + bends to the right side, - to the left"),
        ("trunk.rotation", -45, 45, "lower back: + turns the chest to the right, - to the left"),
        ("neck", -45, 45, "+ nods the chin down, - looks up"),
    ]
    for side in SIDES:
        table += [
            (f"{side}.shoulder", -60, 180, "+ raises the arm forward, - takes it back"),
            (f"{side}.shoulder.abduction", 0, 180, "+ raises the arm out to the side"),
            (f"{side}.elbow", 0, 150, "+ bends the elbow"),
            (f"{side}.hip", -30, 120, "+ brings the thigh forward (flexion), - back"),
            (f"{side}.hip.abduction", -30, 45, "+ takes the leg out, - across the other"),
            (f"{side}.hip.rotation", -45, 45, "+ turns the knee out (external), - in"),
            (f"{side}.knee", -5, 135, "+ bends the knee"),
            (f"{side}.ankle", -50, 20, "+ pulls the toes up, - points them"),
        ]
    return {name: Joint(name, lo, hi, meaning) for name, lo, hi, meaning in table}


JOINTS: dict[str, Joint] = _joints()

# Points of the body a frame can point at (arrows, props held or resting there).
LANDMARKS: tuple[str, ...] = (
    "head",
    "chest",
    "pelvis",
    *(
        f"{side}.{part}"
        for side in SIDES
        for part in ("shoulder", "elbow", "hand", "hip", "knee", "ankle", "heel", "toe")
    ),
)

# Mass fractions (Winter) for the centre of mass a lying body settles around.
_MASS = {"trunk": 0.497, "thigh": 0.100, "shank": 0.0465, "foot": 0.0145, "arm": 0.05}


# --------------------------------------------------------------------------- vectors


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def apply(m: Mat, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def mul(a: Mat, b: Mat) -> Mat:
    cols = [(b[0][j], b[1][j], b[2][j]) for j in range(3)]
    rows = [tuple(sum(a[i][k] * col[k] for k in range(3)) for col in cols) for i in range(3)]
    return (rows[0], rows[1], rows[2])  # type: ignore[return-value]


def rot_x(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1, 0, 0), (0, c, -s), (0, s, c))


def rot_y(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0, s), (0, 1, 0), (-s, 0, c))


def rot_z(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0), (s, c, 0), (0, 0, 1))


IDENTITY: Mat = ((1, 0, 0), (0, 1, 0), (0, 0, 1))


# --------------------------------------------------------------------------- kinematics


@dataclass(frozen=True)
class Skeleton:
    """Joint positions of one posed body in world space (before it is set on the floor)."""

    points: dict[str, Vec]
    centre_of_mass: Vec


def pose_skeleton(angles: dict[str, float], orientation: Mat) -> Skeleton:
    """Forward kinematics: `angles` (every joint in JOINTS) with the pelvis at the origin,
    the body turned by `orientation` (body frame to world)."""
    a = angles
    points: dict[str, Vec] = {"pelvis": (0.0, 0.0, 0.0)}
    trunk = mul(
        orientation,
        mul(rot_z(-a["trunk"]), mul(rot_x(a["trunk.side"]), rot_y(-a["trunk.rotation"]))),
    )
    chest = apply(trunk, (0.0, TRUNK, 0.0))
    points["chest"] = chest
    neck = mul(trunk, rot_z(-a["neck"]))
    points["head"] = add(chest, apply(neck, (0.0, NECK + HEAD / 2 + 0.02, 0.0)))
    mass: list[tuple[Vec, float]] = [(scale(chest, 0.5), _MASS["trunk"])]
    for side in SIDES:
        out = 1.0 if side == "right" else -1.0
        p = f"{side}."
        shoulder = add(chest, apply(trunk, (0.0, -0.03, out * SHOULDER_HALF)))
        upper = mul(trunk, mul(rot_z(a[p + "shoulder"]), rot_x(-out * a[p + "shoulder.abduction"])))
        elbow = add(shoulder, apply(upper, (0.0, -UPPER_ARM, 0.0)))
        fore = mul(upper, rot_z(a[p + "elbow"]))
        wrist = add(elbow, apply(fore, (0.0, -FOREARM, 0.0)))
        hand = add(wrist, apply(fore, (0.0, -HAND, 0.0)))
        hip = apply(orientation, (0.0, 0.0, out * HIP_HALF))
        thigh = mul(
            orientation,
            mul(
                rot_z(a[p + "hip"]),
                mul(rot_x(-out * a[p + "hip.abduction"]), rot_y(-out * a[p + "hip.rotation"])),
            ),
        )
        knee = add(hip, apply(thigh, (0.0, -THIGH, 0.0)))
        shank = mul(thigh, rot_z(-a[p + "knee"]))
        ankle = add(knee, apply(shank, (0.0, -SHANK, 0.0)))
        foot = mul(shank, rot_z(a[p + "ankle"]))
        heel = add(ankle, apply(foot, (-0.025, -(ANKLE - FOOT_WIDTH / 2), 0.0)))
        toe = add(ankle, apply(foot, (FOOT * 0.72, -(ANKLE - FOOT_WIDTH / 2), 0.0)))
        points.update(
            {
                p + "shoulder": shoulder,
                p + "elbow": elbow,
                p + "wrist": wrist,
                p + "hand": hand,
                p + "hip": hip,
                p + "knee": knee,
                p + "ankle": ankle,
                p + "heel": heel,
                p + "toe": toe,
            }
        )
        mass += [
            (_mid(hip, knee), _MASS["thigh"]),
            (_mid(knee, ankle), _MASS["shank"]),
            (_mid(heel, toe), _MASS["foot"]),
            (_mid(shoulder, wrist), _MASS["arm"]),
        ]
    total = sum(weight for _, weight in mass)
    com = scale(
        (
            sum(p[0] * w for p, w in mass),
            sum(p[1] * w for p, w in mass),
            sum(p[2] * w for p, w in mass),
        ),
        1 / total,
    )
    return Skeleton(points, com)


def _mid(a: Vec, b: Vec) -> Vec:
    return scale(add(a, b), 0.5)


# Radius each landmark's drawn shape reaches around its point (what touches a surface).
def radius(name: str) -> float:
    part = name.rsplit(".", 1)[-1]
    if name == "head":
        return HEAD / 2
    if name in ("chest", "pelvis"):
        return TRUNK_WIDTH / 2
    if part in ("heel", "toe"):
        return FOOT_WIDTH / 2
    return LIMB_WIDTH / 2
