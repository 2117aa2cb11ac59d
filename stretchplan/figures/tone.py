"""The figure's colours: the brand's primary for the near side, a lighter tint of it for
the far side, grey for props; every tone kept at 3:1 against white paper, in colour
and in the grey a black-and-white printer turns it into.

Pure: the standard library and stretchplan.media.colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from stretchplan.media import colour

MIN_CONTRAST = 3.0  # WCAG's figure for graphics that must be told apart from the paper
TARGET_FAR = 3.15  # the far tint aims just above the minimum: as light as stays legible
PROP_GREY = "#7a7a7a"  # about 4.3:1 on white; thin lines need a little more
FLOOR_GREY = "#8c8c8c"


def _rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


WHITE = (1.0, 1.0, 1.0)


def worst_contrast(hex_color: str) -> float:
    """The lower of the colour's contrast on white paper and its grey's (the WCAG
    formula and the printer's grey of stretchplan.media.colour)."""
    shade = colour.rgb(hex_color)
    return min(colour.contrast(shade, WHITE), colour.contrast(colour.grey(shade), WHITE))


def mix(hex_color: str, other: str, t: float) -> str:
    """`hex_color` moved a fraction `t` of the way towards `other`."""
    a, b = _rgb(hex_color), _rgb(other)
    return _hex(tuple(x + (y - x) * t for x, y in zip(a, b, strict=True)))  # type: ignore[arg-type]


def legible(hex_color: str, minimum: float = MIN_CONTRAST) -> str:
    """The colour, darkened just enough (towards black) to keep `minimum` contrast."""
    if worst_contrast(hex_color) >= minimum:
        return hex_color.lower()
    lo, hi = 0.0, 1.0  # fraction towards black: hi always legible
    for _ in range(30):
        mid = (lo + hi) / 2
        if worst_contrast(mix(hex_color, "#000000", mid)) >= minimum:
            hi = mid
        else:
            lo = mid
    return mix(hex_color, "#000000", hi)


def far_tint(near: str, target: float = TARGET_FAR) -> str:
    """The lightest tint of `near` (mixed with white) that still keeps `target` contrast."""
    if worst_contrast(near) <= target:
        return near.lower()
    lo, hi = 0.0, 1.0  # fraction towards white: lo always legible
    for _ in range(30):
        mid = (lo + hi) / 2
        if worst_contrast(mix(near, "#ffffff", mid)) >= target:
            lo = mid
        else:
            hi = mid
    return mix(near, "#ffffff", lo)


@dataclass(frozen=True)
class Tones:
    near: str
    far: str
    prop: str
    floor: str
    arrow: str


def tones_for(primary: str, accent: str | None = None) -> Tones:
    """The figure's tones for a brand, every one at least 3:1 on white, also in grey."""
    near = legible(primary)
    far = far_tint(near)
    if worst_contrast(far) < MIN_CONTRAST:  # rounding to whole 8-bit steps
        far = near
    arrow = legible(accent, 3.2) if accent else near
    return Tones(near=near, far=far, prop=PROP_GREY, floor=FLOOR_GREY, arrow=arrow)
