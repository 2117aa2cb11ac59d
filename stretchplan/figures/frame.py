"""One frame of a figure as the trainer writes it, and the checks that keep it drawable.

`frame_problems` is what the loader's validation calls: each problem is worded
for a trainer (the nearest name for a typo, the range for an angle too far).

Pure: stdlib only.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from stretchplan.figures.body import JOINTS, LANDMARKS
from stretchplan.figures.poses import POSES, PROPS

DIRECTIONS = ("up", "down", "forward", "back")
VIEWS = ("side", "front")


@dataclass(frozen=True)
class Frame:
    """A base pose, joint overrides (degrees by joint name), props, an optional arrow
    ("right.knee", or "right.knee up" for a one-frame figure) and a caption."""

    pose: str
    joints: tuple[tuple[str, float], ...] = ()
    props: tuple[str, ...] = ()
    arrow: str | None = None
    label: str | None = None
    view: str = "side"

    @property
    def angles(self) -> dict[str, float]:
        return dict(self.joints)


def split_prop(entry: str) -> tuple[str, str | None]:
    """'chair@left.hand' -> ('chair', 'left.hand'); 'mat' -> ('mat', None)."""
    name, _, at = entry.partition("@")
    return name.strip(), (at.strip() or None)


def split_arrow(arrow: str) -> tuple[str, str | None]:
    """'right.knee up' -> ('right.knee', 'up')."""
    parts = arrow.split()
    return (parts[0] if parts else ""), (parts[1] if len(parts) > 1 else None)


def _nearest(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return f' Did you mean "{close[0]}"?'
    return f" Choose one of: {', '.join(choices)}." if len(choices) <= 12 else ""


def pose_problem(pose: str) -> str | None:
    if pose in POSES:
        return None
    return f'unknown pose "{pose}".{_nearest(pose, list(POSES))}'


def joint_problems(joints: Mapping[str, float]) -> list[str]:
    out = []
    for name, value in joints.items():
        joint = JOINTS.get(name)
        if joint is None:
            hint = _nearest(name, list(JOINTS))
            out.append(f'unknown joint "{name}".{hint or " See `stretchplan poses`."}')
        elif not joint.lo <= value <= joint.hi:
            out.append(
                f"{name} {value:g}° is outside its range, {joint.range_text()} ({joint.meaning})"
            )
    return out


def prop_problems(props: Sequence[str]) -> list[str]:
    out = []
    for entry in props:
        name, at = split_prop(entry)
        if name not in PROPS:
            out.append(f'unknown prop "{name}".{_nearest(name, list(PROPS))}')
        elif at is not None and at not in LANDMARKS:
            out.append(f'unknown body point "{at}" for {name}.{_nearest(at, LANDMARKS)}')
    return out


def arrow_problem(arrow: str) -> str | None:
    at, direction = split_arrow(arrow)
    if at not in LANDMARKS:
        return f'unknown body point "{at}" for the arrow.{_nearest(at, LANDMARKS)}'
    if direction is not None and direction not in DIRECTIONS:
        return f'unknown arrow direction "{direction}".{_nearest(direction, DIRECTIONS)}'
    if len(arrow.split()) > 2:
        return 'expected a body point and at most a direction, like "right.knee up"'
    return None


def frame_problems(frame: Frame) -> list[str]:
    """Everything wrong with one frame, in plain words (empty when it can be drawn)."""
    out = [p for p in [pose_problem(frame.pose)] if p]
    out += joint_problems(frame.angles)
    out += prop_problems(frame.props)
    if frame.arrow is not None and (problem := arrow_problem(frame.arrow)):
        out.append(problem)
    if frame.view not in VIEWS:
        out.append(f'unknown view "{frame.view}".{_nearest(frame.view, VIEWS)}')
    return out
