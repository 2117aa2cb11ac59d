"""Vector pose figures: a pictogram body posed by joint angles, resting on floor or props.

A pure package (stdlib math only) that load validates against and render draws
from: `Frame` is what a trainer writes, `scenes()` turns frames into drawing
primitives in a fixed box, `figure_svg` / `figure_png` export them.

Joint names are `side.joint[.movement]` (`right.hip`, `left.hip.rotation`,
`trunk`, `neck`); angles are degrees from anatomical position, positive for
flexion, abduction, external rotation, dorsiflexion and bending or turning to
the right. In the side view the body faces right and its right side is the
near one: drawn in the brand's primary colour, the left side in a lighter tint.
"""

from stretchplan.figures.body import JOINTS, LANDMARKS, Joint
from stretchplan.figures.drawing import Scene, scene, scenes
from stretchplan.figures.export import figure_png, figure_svg
from stretchplan.figures.frame import DIRECTIONS, VIEWS, Frame, frame_problems
from stretchplan.figures.placement import Posed, solve
from stretchplan.figures.poses import POSES, PROPS, BasePose, Prop
from stretchplan.figures.tone import Tones, tones_for

__all__ = [
    "DIRECTIONS",
    "JOINTS",
    "LANDMARKS",
    "POSES",
    "PROPS",
    "VIEWS",
    "BasePose",
    "Frame",
    "Joint",
    "Posed",
    "Prop",
    "Scene",
    "Tones",
    "figure_png",
    "figure_svg",
    "frame_problems",
    "scene",
    "scenes",
    "solve",
    "tones_for",
]
