"""Pose figures outside a handout: `stretchplan poses` and `exercises show ID --picture`.

Lists the vocabulary a frame is written in (base poses, joints with ranges,
props, body points) and exports one exercise's figure as SVG or PNG in the
brand's colours, for a trainer's website, slides or messages.
"""

from __future__ import annotations

from pathlib import Path

from stretchplan.bundled import brand_path, library_path
from stretchplan.deliver.files import ensure_replaceable, write_atomic
from stretchplan.errors import Problem, UserError, unknown_id
from stretchplan.figures import DIRECTIONS, JOINTS, LANDMARKS, POSES, PROPS, figure_png, figure_svg
from stretchplan.labels import labels_for
from stretchplan.load.brand import Brand
from stretchplan.load.library import load_brand, load_library
from stretchplan.load.models import Exercise

FORMATS = (".png", ".svg")


def poses_text() -> str:
    """What `stretchplan poses` prints: everything a `figures:` frame may name."""
    lines = ["Base poses (pose:)"]
    width = max(map(len, POSES))
    lines += [f"  {p.name.ljust(width)}  {p.description}" for p in POSES.values()]
    lines += ["", "Joints (joints: {name: degrees}), degrees from standing with arms by the sides"]
    width = max(map(len, JOINTS))
    for joint in JOINTS.values():
        span = f"{joint.lo:g} to {joint.hi:g}".rjust(11)
        lines.append(f"  {joint.name.ljust(width)}  {span}  {joint.meaning}")
    lines += ["", "Props (props: [...]; name@point puts it there, e.g. chair@left.hand)"]
    width = max(map(len, PROPS))
    lines += [f"  {p.name.ljust(width)}  {p.description}" for p in PROPS.values()]
    lines += [
        "",
        "Body points (for props and arrow:)",
        "  " + ", ".join(LANDMARKS),
        "",
        f"arrow: a body point, followed in a two-frame figure from its place in the other "
        f"frame; in a one-frame figure add a direction ({', '.join(DIRECTIONS)}).",
        "In the side view the body faces right; its right side is nearest, drawn in the "
        "brand colour, the left side in a lighter tint.",
    ]
    return "\n".join(lines)


def export_picture(
    library: Path | None,
    brand: Path | None,
    exercise_id: str,
    target: Path,
    force: bool = False,
    language: str | None = None,
) -> Path:
    """Write the exercise's figure to `target` (.png or .svg) in the brand's colours."""
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise UserError(
            Problem(
                f'"{target.name}" should end in .png or .svg to say which kind of picture',
                field="--picture",
            )
        )
    lib = load_library(library_path(library))
    exercise = lib.exercise(exercise_id)
    if exercise is None:
        raise UserError(Problem(unknown_id("exercise", exercise_id, [e.id for e in lib.exercises])))
    if not exercise.figures:
        has = " (it has photos: those are the pictures it prints)" if exercise.images else ""
        raise UserError(
            Problem(f'"{exercise.id}" has no figures: to draw it, add figures: to it{has}')
        )
    look = load_brand(brand_path(brand))
    ensure_replaceable(target, force, ours=lambda _path: False)
    write_atomic(target, figure_bytes(exercise, look, suffix, language))
    return target


def figure_bytes(
    exercise: Exercise, look: Brand, suffix: str, language: str | None = None
) -> bytes:
    """An exercise's figure (it has figures:) as .svg or .png bytes in the brand's colours;
    `exercises show --picture` writes them, the studio shows them on its cards."""
    lang = language or look.language
    labels = labels_for(lang)
    frames = [
        frame.frame((frame.label.get(lang) or frame.label.first()) if frame.label else None)
        for frame in exercise.figures
    ]
    words = (labels.figure_start, labels.figure_finish)
    colours = (look.colors.primary, look.colors.accent)
    if suffix == ".svg":
        return figure_svg(frames, *colours, words=words).encode("utf-8")
    return figure_png(frames, *colours, words=words, height_px=480)
