"""Load stage: is a photo or logo named in a YAML file an image we can print?

Only the file's header is read here (format, pixel size, rotation flag), so
checking a whole library stays quick. The full decode happens once, when a
handout first needs the image (render/images.py), and its result is cached.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import ExifTags, Image, UnidentifiedImageError

# What Pillow calls a format -> what a trainer calls it.
ACCEPTED = {"JPEG": "JPEG", "PNG": "PNG", "HEIF": "HEIC"}
MAX_MEGAPIXELS = 120  # a 108 MP phone photo passes; a crafted 50 000 x 50 000 PNG does not
# Pillow warns above this many pixels and refuses outright at twice as many;
# open_image turns the warning into a refusal too.
Image.MAX_IMAGE_PIXELS = MAX_MEGAPIXELS * 1_000_000

SWAPS_SIDES = {5, 6, 7, 8}  # EXIF orientations that turn the picture a quarter


class UnusableImageError(Exception):
    """Why an image cannot be used, in words that follow "the photo ..."."""


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int  # as the picture should be seen, EXIF rotation applied
    height: int


@functools.cache
def _register_heif() -> None:
    # Imported on first use: a library without HEIC photos never pays for it.
    from pillow_heif import register_heif_opener

    register_heif_opener()


def open_image(path: str | Path) -> Image.Image:
    """Open (header only) a JPEG, PNG or HEIC file, refusing anything else."""
    _register_heif()
    limit = f"{MAX_MEGAPIXELS} megapixels"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UnusableImageError(
            f"is larger than {limit}; save a smaller copy (a phone's normal photo is 12)"
        ) from None
    except UnidentifiedImageError:
        raise UnusableImageError("is not a JPEG, PNG or HEIC image, or it is damaged") from None
    except PermissionError:
        raise UnusableImageError("cannot be read: permission denied") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise UnusableImageError(f"cannot be read: {exc}") from None
    if image.format not in ACCEPTED:
        kind = image.format or "unknown"
        image.close()
        raise UnusableImageError(f"is a {kind} image; use a JPEG, PNG or HEIC photo")
    return image


def orientation(image: Image.Image) -> int:
    """The EXIF orientation flag (1 = upright); a damaged EXIF block counts as upright."""
    try:
        value = image.getexif().get(ExifTags.Base.Orientation, 1)
    except (OSError, SyntaxError, ValueError, TypeError, KeyError):
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def probe(path: str | Path) -> ImageInfo:
    """Format and upright pixel size of an image, or UnusableImageError."""
    with open_image(path) as image:
        width, height = image.size
        if orientation(image) in SWAPS_SIDES:
            width, height = height, width
        return ImageInfo(ACCEPTED[str(image.format)], width, height)
