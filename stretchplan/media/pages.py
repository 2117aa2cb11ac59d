"""Paper: the page sizes stretchplan prints on, and how pages of a PDF are counted."""

from __future__ import annotations

import re

MM = 72 / 25.4
# Width and height in points, portrait. CUPS names the same papers by these media names.
PAGE_SIZES: dict[str, tuple[float, float]] = {"letter": (612.0, 792.0), "a4": (210 * MM, 297 * MM)}
CUPS_MEDIA = {"letter": "na_letter_8.5x11in", "a4": "iso_a4_210x297mm"}  # PWG names, any CUPS

_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")  # a page object, not the /Pages tree


def page_count(pdf: bytes) -> int:
    """Pages in a PDF that stretchplan made (reportlab never compresses page objects)."""
    return len(_PAGE.findall(pdf))


def size_name(points: tuple[float, float]) -> str | None:
    """'letter' or 'a4' for a page of this size (either orientation, 3 pt slack), else None."""
    width, height = sorted(points)
    for name, (w, h) in PAGE_SIZES.items():
        if abs(width - w) < 3 and abs(height - h) < 3:
            return name
    return None
