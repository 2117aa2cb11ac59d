"""Do the picture and font files that YAML names exist, open, and hold what they claim?

Loading asks before anything is planned, so a corrupt or oversized picture is
reported against the line of exercises.yaml or brand.yaml that names it; rendering
asks again before it decodes a photo it has not prepared yet. Never imports reportlab,
and changes no Pillow setting: HEIC support is registered the first time a picture
is opened, and the megapixel limit is checked here rather than set in Pillow.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import os
import struct
import warnings
from pathlib import Path
from typing import BinaryIO

from PIL import ExifTags, Image, UnidentifiedImageError

from stretchplan.media.reading import RefusedFile, bounded_bytes, open_regular

MAX_IMAGE_BYTES = 40 * 1024 * 1024  # a 12 MP phone JPEG is 3-6 MiB; 108 MP ones about 25
MAX_FONT_BYTES = 50 * 1024 * 1024  # Noto's largest single-script TrueType files are ~20 MiB
MAX_PIXELS = 120_000_000  # the largest phone sensors in common use (108 MP), with room
# A photo ten times as wide as it is tall (or as tall as wide) already prints as a strip
# on a card; past that it is a mistake (a 1×100000 spacer, a screenshot of a long page).
MAX_PHOTO_RATIO = 10
# Formats a phone, a camera or a logo tool produces. Naming them keeps Pillow from
# trying its rarer decoders (FITS, EPS, PSD ...) on whatever file a path points at.
WANTED_FORMATS = ("JPEG", "MPO", "PNG", "WEBP", "HEIF")


# Pillow's modules for those formats, imported alone: Image.init() would import all
# forty of its decoders (a tenth of a cold start) only for them to go unused.
_PLUGINS = ("JpegImagePlugin", "MpoImagePlugin", "PngImagePlugin", "WebPImagePlugin")


@functools.cache
def image_formats(heif: bool = False) -> tuple[str, ...]:
    """The wanted formats this Pillow can open; with `heif`, HEIC too once pillow-heif
    is registered (only for a file that is one: registering costs a cold start time)."""
    for plugin in _PLUGINS:
        with contextlib.suppress(ImportError):
            importlib.import_module(f"PIL.{plugin}")
    if heif:
        with contextlib.suppress(ImportError):  # HEIC photos from iPhones
            from pillow_heif import register_heif_opener

            register_heif_opener()
    return tuple(name for name in WANTED_FORMATS if name in Image.OPEN)


def formats_for(head: bytes) -> tuple[str, ...]:
    """The formats to try on a file starting with `head`: HEIC files are ISO media
    files, a box named 'ftyp' four bytes in."""
    return image_formats(heif=head[4:8] == b"ftyp")


def _formats_of(fh: BinaryIO) -> tuple[str, ...]:
    head = fh.read(12)
    fh.seek(0)
    return formats_for(head)


# What Pillow's decoders raise on a damaged file (verify() documents no single type).
_DAMAGED = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error, MemoryError)

# TrueType outlines (reportlab embeds these); 'OTTO' is CFF-flavoured OpenType, which it cannot.
_TTF_MAGIC = (b"\x00\x01\x00\x00", b"true", b"ttcf")


def image_problem(path: Path, thorough: bool = False, photo: bool = False) -> str | None:
    """Why the photo or logo at `path` cannot be used, or None when it is fine.

    The quick form reads the header and checks the file's structure (cheap enough for
    every handout); `thorough` also decodes the picture, as `stretchplan check` does.
    A `photo` (not a logo, which may well be a long strip) also keeps to MAX_PHOTO_RATIO.
    """
    try:
        with open_regular(path, "picture") as fh:
            return _image_problem(fh, thorough, photo)
    except RefusedFile as exc:
        return exc.reason
    except OSError as exc:  # the disk itself failed while reading
        return damaged(exc)


def _image_problem(fh: BinaryIO, thorough: bool, photo: bool = False) -> str | None:
    size = os.fstat(fh.fileno()).st_size
    if size == 0:
        return "the file is empty"
    if size > MAX_IMAGE_BYTES:
        return (
            f"the file is {size / 2**20:.0f} MiB; the limit is {MAX_IMAGE_BYTES // 2**20} MiB "
            "(save a smaller copy, 2000 pixels across is plenty for print)"
        )
    try:
        with warnings.catch_warnings():
            # Our own limit below speaks in megapixels; Pillow's warning would only be noise.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(fh, formats=_formats_of(fh)) as img:
                width, height = img.size
                if width * height > MAX_PIXELS:
                    return _too_big(width, height)
                if photo and (why := _out_of_shape(width, height)):
                    return why
                img.verify()
            if thorough:
                fh.seek(0)
                with Image.open(fh, formats=_formats_of(fh)) as img:
                    img.draft("RGB", (max(width // 8, 1), max(height // 8, 1)))  # JPEG: 1/8 scale
                    img.load()
    except Image.DecompressionBombError:
        return (
            "the picture claims to be far larger than any photo "
            f"(over {2 * (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000} megapixels): it is damaged, "
            "or made to exhaust memory (a decompression bomb)"
        )
    except UnidentifiedImageError:
        return "is not a picture stretchplan can read; save it as JPEG or PNG"
    except _DAMAGED as exc:
        return damaged(exc)
    return None


def damaged(exc: BaseException) -> str:
    """What to say about a picture whose decoder gave up with `exc`."""
    return f"the picture is damaged or cut short ({_reason(exc)}); save it again"


class UnusableImageError(Exception):
    """Why a photo or logo cannot be used, in the words image_problem() uses."""


def open_image(path: str | Path) -> Image.Image:
    """Open a photo or logo for decoding, after the same checks as loading made.

    Rendering calls this only when its cache lacks the picture; checking again
    costs little and catches a file replaced since the library was read.
    """
    problem = image_problem(Path(path))
    if problem:
        raise UnusableImageError(problem)
    try:
        data = bounded_bytes(path, "picture", MAX_IMAGE_BYTES)
    except RefusedFile as exc:
        raise UnusableImageError(exc.reason) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data), formats=formats_for(data[:12]))
    except (UnidentifiedImageError, Image.DecompressionBombError, *_DAMAGED) as exc:
        raise UnusableImageError(damaged(exc)) from None


SWAPS_SIDES = {5, 6, 7, 8}  # EXIF orientations that turn the picture a quarter


def orientation(image: Image.Image) -> int:
    """The EXIF orientation flag (1 = upright); a damaged EXIF block counts as upright.

    HEIC files come with the turn already applied by pillow-heif, and flag 1.
    """
    try:
        value = image.getexif().get(ExifTags.Base.Orientation, 1)
    except (*_DAMAGED, TypeError, KeyError):
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def upright_size(path: str | Path) -> tuple[int, int]:
    """Pixel width and height as the picture should be seen (EXIF rotation applied)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with (
                open_regular(path, "picture") as fh,
                Image.open(fh, formats=_formats_of(fh)) as image,
            ):
                width, height = image.size
                turned = orientation(image) in SWAPS_SIDES
    except RefusedFile as exc:
        raise UnusableImageError(exc.reason) from None
    except (UnidentifiedImageError, Image.DecompressionBombError, *_DAMAGED) as exc:
        raise UnusableImageError(damaged(exc)) from None
    return (height, width) if turned else (width, height)


def _out_of_shape(width: int, height: int) -> str | None:
    long_side, short_side = max(width, height), max(min(width, height), 1)
    if long_side <= MAX_PHOTO_RATIO * short_side:
        return None
    shape = "wide" if width >= height else "tall"
    return (
        f"the picture is {width}×{height} pixels, {long_side / short_side:.0f} times as "
        f"{shape} as it is {'tall' if shape == 'wide' else 'wide'}; a photo may be at most "
        f"{MAX_PHOTO_RATIO} times as {shape}, so it would print as a thin line: crop it"
    )


def _too_big(width: int, height: int) -> str:
    return (
        f"the picture is {width}×{height} pixels ({width * height / 1e6:.0f} megapixels); "
        f"the limit is {MAX_PIXELS // 1_000_000} megapixels (save a smaller copy)"
    )


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "..."


def font_problem(path: Path) -> str | None:
    """Why the font file at `path` cannot be embedded, or None when it looks usable."""
    try:
        with open_regular(path, "font file") as fh:
            head = fh.read(4)
            size = os.fstat(fh.fileno()).st_size
    except RefusedFile as exc:
        return exc.reason
    except OSError as exc:
        return f"cannot be read: {exc.strerror}"
    if size > MAX_FONT_BYTES:
        return f"is {size / 2**20:.0f} MiB; the limit is {MAX_FONT_BYTES // 2**20} MiB for a font"
    if head == b"OTTO":
        return (
            "is an OpenType font with PostScript outlines, which cannot be embedded; "
            "use the TrueType (.ttf) version of the font"
        )
    if head not in _TTF_MAGIC:
        return "is not a TrueType font file (.ttf)"
    return None
