"""The figure engine: every bundled frame is drawable, in its box, resting where its pose
says, within joint limits, in tones that stay legible in grey; exports parse."""

from __future__ import annotations

import io
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from stretchplan.figures import (
    JOINTS,
    POSES,
    Frame,
    figure_png,
    figure_svg,
    frame_problems,
    scenes,
    solve,
    tones_for,
)
from stretchplan.figures.drawing import BOX_HEIGHT, BOX_WIDTH, bounds
from stretchplan.figures.placement import contacts, lowest_edge
from stretchplan.load.library import load_library

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = load_library(ROOT / "exercises.yaml")
FIGURED = [e for e in LIBRARY.exercises if e.figures]
FRAMES = [
    pytest.param(
        exercise.id,
        i,
        frame.frame(frame.label.first() if frame.label else None),
        id=f"{exercise.id}-{i}",
    )
    for exercise in FIGURED
    for i, frame in enumerate(exercise.figures)
]


def test_every_bundled_exercise_has_figures() -> None:
    assert [e.id for e in LIBRARY.exercises if not e.figures and not e.images] == []
    assert len(FIGURED) == len(LIBRARY.exercises)


@pytest.mark.parametrize(("exercise_id", "index", "frame"), FRAMES)
def test_bundled_frame_stays_inside_its_box(exercise_id: str, index: int, frame: Frame) -> None:
    scene = scenes([frame])[0]
    assert (scene.width, scene.height) == (BOX_WIDTH, BOX_HEIGHT)
    for item in scene.items:
        x0, y0, x1, y1 = bounds(item)
        assert x0 >= 0 and y0 >= 0, (item, "spills left or below")
        assert x1 <= BOX_WIDTH and y1 <= BOX_HEIGHT, (item, "spills right or above")


@pytest.mark.parametrize(("exercise_id", "index", "frame"), FRAMES)
def test_bundled_frame_rests_on_floor_or_prop(exercise_id: str, index: int, frame: Frame) -> None:
    posed = solve(frame)
    touching = contacts(posed)
    pose = POSES[frame.pose]
    assert touching & set(pose.rests_on), f"none of {pose.rests_on} touches; {touching}"
    # Nothing sinks into the floor (or into the mat lying on it).
    assert lowest_edge(posed) >= -0.005
    if pose.mode == "settle":  # a body at rest on the floor is carried by two points at least
        assert len(touching) >= 2, touching
    for prop in posed.props:
        held = prop.name in ("wall", "chair") and prop.at != "pelvis"
        under = prop.name in ("foam-roller", "ball") or (
            prop.name == "chair" and frame.pose == "seated"
        )
        if held or under:
            assert prop.at in touching, f"{prop.name} does not meet {prop.at}"


@pytest.mark.parametrize(("exercise_id", "index", "frame"), FRAMES)
def test_bundled_frame_respects_joint_limits(exercise_id: str, index: int, frame: Frame) -> None:
    assert frame_problems(frame) == []
    angles = POSES[frame.pose].joint_angles(frame.angles)
    for name, value in angles.items():
        joint = JOINTS[name]
        assert joint.lo <= value <= joint.hi, f"{name} {value} outside {joint.range_text()}"


@pytest.mark.parametrize("pose", sorted(POSES))
def test_base_poses_are_within_limits_and_stand_on_the_floor(pose: str) -> None:
    base = POSES[pose]
    for name, value in base.angles.items():
        assert JOINTS[name].lo <= value <= JOINTS[name].hi, name
    posed = solve(Frame(pose))
    assert contacts(posed) & set(base.rests_on)
    assert abs(lowest_edge(posed)) < 0.005


def test_same_scale_lying_is_as_long_as_standing_is_tall() -> None:
    standing = solve(Frame("standing")).points
    lying = solve(Frame("prone", joints=(("left.ankle", 0.0), ("right.ankle", 0.0)))).points
    height = standing["head"][1] - standing["right.ankle"][1]
    length = math.dist(lying["head"], lying["right.ankle"])
    assert length == pytest.approx(height, rel=0.03)


def test_bridge_lifts_the_hips_with_shoulders_and_feet_down() -> None:
    down = solve(Frame("supine", joints=(("right.hip", 45.0), ("right.knee", 90.0))))
    up = solve(Frame("supine", joints=(("right.knee", 90.0), ("left.knee", 90.0))))
    assert up.points["pelvis"][1] > down.points["pelvis"][1] + 0.1
    assert "head" in contacts(up)
    assert {"right.heel", "right.toe"} & contacts(up)


def _grey_contrast(hex_color: str) -> float:
    """Contrast with white of the grey a greyscale printer makes (written out here
    independently of the engine's own arithmetic)."""
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    level = (0.299 * r + 0.587 * g + 0.114 * b) / 255
    linear = level / 12.92 if level <= 0.04045 else ((level + 0.055) / 1.055) ** 2.4
    return 1.05 / (linear + 0.05)


@pytest.mark.parametrize(
    "primary", ["#1f5f6b", "#000000", "#5a2d82", "#c0392b", "#0b6e4f", "#2f6fdf", "#767676"]
)
def test_both_limb_tones_keep_3_to_1_in_greyscale(primary: str) -> None:
    tones = tones_for(primary, "#d9952b")
    for tone in (tones.near, tones.far, tones.prop, tones.arrow):
        assert _grey_contrast(tone) >= 3.0, tone
    assert tones.far != tones.near  # the far side is told apart by a lighter tint


def test_far_tint_is_lighter_than_near() -> None:
    tones = tones_for("#1f5f6b")
    assert _grey_contrast(tones.far) < _grey_contrast(tones.near)


def test_svg_export_parses_as_xml() -> None:
    exercise = LIBRARY.exercise("glute-bridge")
    assert exercise is not None
    frames = [f.frame(f.label.first() if f.label else None) for f in exercise.figures]
    root = ET.fromstring(figure_svg(frames, words=("Start", "Finish")))
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert len(root.findall(f"{ns}polyline")) >= 8
    assert [t.text for t in root.findall(f"{ns}text")] == ["Start", "Lift"]


def test_png_export_opens() -> None:
    from PIL import Image

    frames = [f.frame() for f in LIBRARY.exercise("clamshell").figures]  # type: ignore[union-attr]
    image = Image.open(io.BytesIO(figure_png(frames, height_px=200)))
    assert image.format == "PNG" and image.height == 200
    near = tones_for("#1f5f6b").near
    rgb = tuple(int(near[i : i + 2], 16) for i in (1, 3, 5))
    pixels = image.convert("RGB").tobytes()
    triples = zip(pixels[0::3], pixels[1::3], pixels[2::3], strict=True)
    assert sum(p == rgb for p in triples) > 500  # the body is there, in the brand colour


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (Frame("supin"), 'unknown pose "supin". Did you mean "supine"?'),
        (Frame("supine", joints=(("right.hipp", 10.0),)), 'Did you mean "right.hip"?'),
        (Frame("supine", joints=(("right.knee", 150.0),)), "-5° to 135°"),
        (Frame("supine", props=("matt",)), 'unknown prop "matt". Did you mean "mat"?'),
        (Frame("supine", props=("chair@left.hnd",)), 'Did you mean "left.hand"?'),
        (Frame("supine", arrow="pelvis sideways"), 'unknown arrow direction "sideways"'),
    ],
)
def test_frame_problems_name_the_nearest(frame: Frame, expected: str) -> None:
    assert any(expected in problem for problem in frame_problems(frame))
