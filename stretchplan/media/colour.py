"""Colour contrast, the one WCAG formula load and render both use.

Colours are (r, g, b) tuples of 0-1 floats or '#rrggbb' strings.
"""

from __future__ import annotations

RGB = tuple[float, float, float]
MIN_CONTRAST = 4.5  # WCAG AA for body text


def rgb(hex_color: str) -> RGB:
    """'#1f5f6b' -> (0.12, 0.37, 0.42)."""
    return tuple(int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def luminance(color: RGB) -> float:
    """WCAG relative luminance (0 black, 1 white)."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio, from 1 (same) to 21 (black on white)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def grey(color: RGB) -> RGB:
    """What a black-and-white printer makes of `color` (Rec. 601 luma, as most drivers use)."""
    r, g, b = color
    level = 0.299 * r + 0.587 * g + 0.114 * b
    return (level, level, level)


def legible(color: RGB, against: RGB, minimum: float = MIN_CONTRAST) -> RGB:
    """`color`, darkened just enough to keep `minimum` contrast with `against`, in colour
    and in grey; black when no shade of it does."""
    for step in range(21):
        keep = 1 - step / 20
        shade = (color[0] * keep, color[1] * keep, color[2] * keep)
        if contrast(shade, against) >= minimum and contrast(grey(shade), grey(against)) >= minimum:
            return shade
    return (0.0, 0.0, 0.0)


def tint(color: RGB, amount: float) -> RGB:
    """`color` mixed with white; amount 0 is white, 1 the colour itself."""
    return (1 - (1 - color[0]) * amount, 1 - (1 - color[1]) * amount, 1 - (1 - color[2]) * amount)
