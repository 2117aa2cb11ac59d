"""Named base poses and props: the vocabulary a frame in exercises.yaml is written in.

A base pose is a whole-body orientation plus joint angles; a frame starts from
one and overrides a few joints by name. Each pose says how the body meets the
ground: `upright` bodies keep their orientation and stand (or sit) on their
lowest point; `settle` bodies roll onto the two points of their underside that
straddle their centre of mass, as a body lying, kneeling or sitting on the
floor does. `rests_on` names the points that should touch a surface.

Pure: stdlib only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stretchplan.figures.body import IDENTITY, JOINTS, Mat, rot_z


@dataclass(frozen=True)
class BasePose:
    name: str
    description: str
    orientation: Mat
    mode: str  # "upright" or "settle"
    rests_on: tuple[str, ...]
    angles: dict[str, float] = field(default_factory=dict)

    def joint_angles(self, overrides: dict[str, float]) -> dict[str, float]:
        angles = dict.fromkeys(JOINTS, 0.0)
        angles.update(self.angles)
        angles.update(overrides)
        return angles


def _both(**angles: float) -> dict[str, float]:
    """The same angle on both sides: _both(hip=90) -> left.hip and right.hip."""
    out: dict[str, float] = {}
    for key, value in angles.items():
        joint = key.replace("_", ".")
        out[f"left.{joint}"] = out[f"right.{joint}"] = value
    return out


ARMS_AT_SIDES = _both(shoulder=5, elbow=10)
FEET = ("left.heel", "left.toe", "right.heel", "right.toe")

# Lying: head to the left (supine, side-lying) or right (prone); the right side faces you.
SUPINE = rot_z(90)
PRONE = rot_z(-90)
# On the left side, head to the right, facing you: forward is towards you (+z), the
# body's right side is up (+y), its head points right (+x).
SIDE_LYING: Mat = ((0, 1, 0), (0, 0, 1), (1, 0, 0))

POSES: dict[str, BasePose] = {
    p.name: p
    for p in (
        BasePose(
            "standing",
            "standing tall, arms by the sides, facing right",
            IDENTITY,
            "upright",
            FEET,
            {**ARMS_AT_SIDES},
        ),
        BasePose(
            "supine",
            "lying on the back, legs long, head to the left",
            SUPINE,
            "settle",
            ("head", "chest", "pelvis"),
            {**_both(shoulder=0, elbow=5, ankle=-30)},
        ),
        BasePose(
            "prone",
            "lying face down, legs long, head to the right",
            PRONE,
            "settle",
            ("chest", "pelvis"),
            {**_both(shoulder=0, elbow=0, ankle=-50), "neck": -10},
        ),
        BasePose(
            "side-lying",
            "lying on the left side, right side up, facing you, head to the right",
            SIDE_LYING,
            "settle",
            ("chest", "pelvis", "left.elbow", "left.knee", "left.ankle"),
            {
                "left.shoulder": 150,
                "left.elbow": 130,
                "right.shoulder": 10,
                "right.elbow": 20,
                **_both(hip=45, knee=90, ankle=-20),
                "neck": 0,
            },
        ),
        BasePose(
            "long-sitting",
            "sitting on the floor, legs straight out in front",
            IDENTITY,
            "settle",
            ("pelvis", "left.heel", "right.heel"),
            {**_both(hip=90, knee=0, ankle=-10, shoulder=-35, elbow=0)},
        ),
        BasePose(
            "seated",
            "sitting on a chair, feet flat, thighs level",
            IDENTITY,
            "upright",
            FEET,
            {**_both(hip=90, knee=90, shoulder=10, elbow=60)},
        ),
        BasePose(
            "kneeling",
            "kneeling upright on both knees, shins flat behind",
            IDENTITY,
            "settle",
            ("left.knee", "right.knee"),
            {**_both(hip=0, knee=90, ankle=-45), **ARMS_AT_SIDES},
        ),
        BasePose(
            "half-kneeling",
            "right foot forward, left knee down, trunk upright",
            IDENTITY,
            "settle",
            ("left.knee", "left.toe", "left.heel", "right.knee", "right.heel", "right.toe"),
            {
                "right.hip": 90,
                "right.knee": 90,
                "left.hip": -5,
                "left.knee": 90,
                "left.ankle": -40,
                **_both(shoulder=5, elbow=20),
            },
        ),
        BasePose(
            "pigeon",
            "yoga pigeon: right shin across in front, left leg long behind, pelvis low",
            rot_z(-45),
            "upright",
            ("right.knee", "right.ankle", "right.toe", "left.knee", "left.toe"),
            {
                "right.hip": 120,
                "right.hip.abduction": 10,
                "right.hip.rotation": 45,
                "right.knee": 135,
                "right.ankle": 20,
                "left.hip": -30,
                "left.ankle": -50,
                "trunk": -25,
                **_both(shoulder=40),
            },
        ),
        BasePose(
            "all-fours",
            "on hands and knees, back level, head to the right",
            PRONE,
            "settle",
            ("left.knee", "right.knee", "left.hand", "right.hand"),
            {**_both(hip=90, knee=90, shoulder=90, ankle=-45)},
        ),
    )
}


@dataclass(frozen=True)
class Prop:
    name: str
    description: str
    default_at: str  # the landmark it goes with when a frame names none


PROPS: dict[str, Prop] = {
    p.name: p
    for p in (
        Prop("mat", "an exercise mat under the body", "pelvis"),
        Prop(
            "chair",
            "a chair: under a seated body, behind a standing one, or held (@left.hand)",
            "pelvis",
        ),
        Prop("wall", "a wall, touched by a hand (or the nearest point of the body)", "left.hand"),
        Prop("foam-roller", "a foam roller under a point of the body", "pelvis"),
        Prop("ball", "a massage or exercise ball under a point of the body", "pelvis"),
        Prop("band", "a resistance band looped around both knees", "right.knee"),
        Prop("towel", "a towel or strap from the hands to a foot", "right.toe"),
        Prop("strap", "a strap from the hands to a foot", "right.toe"),
        Prop("step", "a step under the feet", "right.heel"),
    )
}
