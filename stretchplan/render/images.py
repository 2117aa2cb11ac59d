"""Photos and logo: their upright pixel size, so they can be fitted to a box."""

from __future__ import annotations

import functools

from PIL import Image, UnidentifiedImageError

from stretchplan.errors import Problem, UserError

_ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height


@functools.lru_cache(maxsize=256)
def upright_size(path: str) -> tuple[int, int]:
    """Width and height of the image as it should be seen (EXIF rotation applied)."""
    try:
        with Image.open(path) as img:
            width, height = img.size
            orientation = img.getexif().get(0x0112, 1)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise UserError(Problem(f"cannot open image: {exc}", file=path)) from None
    return (height, width) if orientation in _ROTATED else (width, height)


def fit(path: str, max_width: float, max_height: float) -> tuple[float, float]:
    """Largest (width, height) in points that fits the box and keeps the aspect ratio."""
    width, height = upright_size(path)
    scale = min(max_width / width, max_height / height)
    return width * scale, height * scale
