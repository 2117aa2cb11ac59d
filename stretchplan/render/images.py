"""Render stage: photos and logo, upright and no bigger than they print.

A 12 MP phone photo printed 4 cm wide needs about 300 of its 3024 pixel
columns. Each image is decoded once (JPEG draft mode lets libjpeg scale it
down while decoding), turned upright per its EXIF flag, flattened on white,
resized to its printed size at about 200 dpi and saved as a small JPEG in an
on-disk cache keyed by the file's content and the target size, so the next
handout with the same photo skips all of that. reportlab gets the small file
by path, which it embeds as it is (handing it bytes or a PIL image makes it
decode and re-compress the picture itself). Each cached JPEG carries the SHA-256
of its own bytes in a comment segment: an entry cut short by a full disk or
overwritten by anything else fails the check and is made again, never embedded.

All of it belongs to one PhotoCache, which a Renderer owns: the cache folder,
the threads that shrink new photos, and bounded memories of sizes and hashes.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import struct
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from PIL import Image, ImageCms, ImageOps
from reportlab.lib.utils import ImageReader

from stretchplan.deliver.files import write_atomic
from stretchplan.errors import Problem, UserError, display_name
from stretchplan.media.probe import (
    SWAPS_SIDES,
    UnusableImageError,
    damaged,
    open_image,
    orientation,
)
from stretchplan.media.probe import upright_size as read_upright_size
from stretchplan.media.reading import RefusedFile, bounded_bytes, open_regular
from stretchplan.render.memo import Bounded
from stretchplan.render.sums import known_sum

PRINT_DPI = 200
CACHE_ENV = "STRETCHPLAN_CACHE_DIR"
# Bump when the way images are prepared changes, so old cache entries are not reused.
RECIPE = f"2-pillow{Image.__version__}"
PHOTO_QUALITY = 80
LOGO_QUALITY = 92  # flat colours and lettering show JPEG ringing sooner than photos


T = TypeVar("T")
Stamp = tuple[str, int, int, int]


def stamp(path: str) -> Stamp:
    """The file as last written: path, size, modification time and inode."""
    try:
        st = Path(path).stat()
    except OSError as exc:
        raise _unreadable(path, exc) from None
    return path, st.st_size, st.st_mtime_ns, st.st_ino


def _unreadable(path: str, exc: OSError) -> UserError:
    """An image that vanished or became unreadable after the library was checked."""
    reason = exc.strerror or str(exc)
    return UserError(Problem(f"cannot read this image: {reason}", file=display_name(Path(path))))


def _about(owner: str, path: str, exc: UnusableImageError) -> str:
    """'photo for "pigeon" (photos/pigeon.jpg): the picture is damaged ...', as loading says."""
    reason = str(exc)
    joint = " " if reason.startswith("is ") else ": "
    return f"{owner} ({display_name(Path(path))}){joint}{reason}"


class PhotoCache:
    """Photos and logos prepared for print: a folder of small JPEGs (shared by every
    process that uses the same folder), the threads that make new ones, and bounded
    memories of picture sizes and file hashes.

    `folder` None: $STRETCHPLAN_CACHE_DIR, else $XDG_CACHE_HOME/stretchplan, else
    ~/.cache/stretchplan; a folder that cannot be written falls back to a private
    temporary one, removed by close().
    """

    def __init__(
        self, folder: Path | None = None, memory: int = 512, sums: Path | None = None
    ) -> None:
        self._wanted = folder
        self._sums = sums  # where photos' hashes are remembered between processes (sums.py)
        self._folder: Path | None = None
        self._temporary: Path | None = None
        self._sizes = Bounded(memory)
        self._hashes = Bounded(memory)
        self._threads: ThreadPoolExecutor | None = None
        self._threads_pid = 0

    # ---- the folder

    def folder(self) -> Path:
        if self._folder is None:
            self._folder = self._open_folder()
        return self._folder

    def _open_folder(self) -> Path:
        base = self._wanted or default_cache_folder()
        folder = base / "images"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".probe"):
                pass
        except OSError:
            folder = Path(tempfile.mkdtemp(prefix="stretchplan-images-"))
            self._temporary = folder
        return folder

    # ---- sizes

    def upright_size(self, path: str) -> tuple[int, int]:
        """Pixel width and height of the image as it should be seen (EXIF rotation applied)."""
        key = stamp(path)
        return self._sizes.get(key, lambda: _read_size(path))

    def fit(self, path: str, max_width: float, max_height: float) -> tuple[float, float]:
        """Largest (width, height) in points that fits the box and keeps the aspect ratio."""
        width, height = self.upright_size(path)
        scale = min(max_width / width, max_height / height)
        return width * scale, height * scale

    # ---- prepared copies

    def printable(
        self, path: str, width: float, height: float, owner: str, logo: bool = False
    ) -> str:
        """A small upright JPEG of `path` for a `width` x `height` point box.

        `owner` says whose image it is ('photo for "pigeon-pose"', 'logo') for the
        message when the file turns out to be damaged.
        """
        small = self._small(path, width, height, logo)
        return small.path if small.made() else small.make(owner)

    def printable_soon(self, path: str, width: float, height: float, owner: str) -> Future[str]:
        """`printable`, with a photo not yet in the cache shrunk on a background thread:
        a handout's new photos are shrunk side by side (Pillow lets go of the interpreter
        while it decodes) while its pages are laid out.

        The answer, or the UserError for a damaged photo, comes from `.result()`.
        """
        small = self._small(path, width, height, logo=False)
        if small.made():  # the usual case, and all a batch's rows after the first
            done: Future[str] = Future()
            done.set_result(small.path)
            return done
        return self._pool().submit(small.make, owner)

    def _small(self, path: str, width: float, height: float, logo: bool) -> _Small:
        key = stamp(path)
        digest = self._hashes.get(key, lambda: self._sum(key))
        return _Small(self.folder(), path, digest, (_pixels(width), _pixels(height)), logo)

    def _sum(self, key: Stamp) -> str:
        if self._sums is None:
            return content_hash(key)
        return known_sum(self._sums, key[0], lambda: content_hash(key))

    # ---- threads

    def _pool(self) -> ThreadPoolExecutor:
        if self._threads is None or self._threads_pid != os.getpid():
            # (A forked child has none of its parent's threads: it starts its own.)
            workers = min(4, os.cpu_count() or 2)  # decoding a few photos; more would wait
            self._threads = ThreadPoolExecutor(workers, thread_name_prefix="stretchplan-photos")
            self._threads_pid = os.getpid()
        return self._threads

    def finish(self) -> None:
        """Let every photo being shrunk finish, and stop the threads.

        Call before forking: a child inherits its parent's cards with their photos,
        and a photo still being shrunk then would never finish in the child.
        """
        if self._threads is not None and self._threads_pid == os.getpid():
            self._threads.shutdown(wait=True)
        self._threads = None

    def close(self) -> None:
        """Stop the threads and forget everything; a private temporary folder is removed."""
        self.finish()
        self._sizes.clear()
        self._hashes.clear()
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None
        self._folder = None


def default_cache_folder() -> Path:
    """$STRETCHPLAN_CACHE_DIR, else $XDG_CACHE_HOME/stretchplan, else ~/.cache/stretchplan."""
    base = os.environ.get(CACHE_ENV)
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "stretchplan"


def _read_size(path: str) -> tuple[int, int]:
    try:
        return read_upright_size(path)
    except UnusableImageError as exc:
        raise UserError(Problem(_about("picture", path, exc))) from None


class _Small:
    """Where the cache keeps a photo prepared for one box: named by the photo's content
    and the recipe, so an edited photo or a new size is a new entry."""

    def __init__(
        self, folder: Path, source: str, digest: str, pixels: tuple[int, int], logo: bool
    ) -> None:
        self.source = source
        self.pixels = pixels
        self.quality = LOGO_QUALITY if logo else PHOTO_QUALITY
        self.logo = logo
        recipe = f"{RECIPE}-{pixels[0]}x{pixels[1]}-q{self.quality}"
        key = hashlib.sha256(f"{digest}-{recipe}".encode()).hexdigest()
        self.path = str(folder / f"{key[:40]}.jpg")

    def made(self) -> bool:
        """The entry is there and whole; one that is not is removed, to be made again."""
        target = Path(self.path)
        if not target.exists() and not target.is_symlink():
            return False
        try:
            data = bounded_bytes(target, "picture", MAX_ENTRY_BYTES)
        except RefusedFile:
            data = b""
        if intact(data):
            return True
        _discard(target)
        return False

    def make(self, owner: str) -> str:
        try:
            small = _shrink(self.source, self.pixels)
        except UnusableImageError as exc:
            raise UserError(Problem(_about(owner, self.source, exc))) from None
        _save_atomic(small, Path(self.path), self.quality, self.logo)
        return self.path


MAX_ENTRY_BYTES = 32 * 1024 * 1024  # far above any shrunk photo (a few hundred KiB)
_SEAL = b"stretchplan-sha256:"
_HEAD = 6 + len(_SEAL) + 64  # SOI, COM marker, COM length, the comment


def sealed(jpeg: bytes) -> bytes:
    """The JPEG with a comment segment, right after its start, holding the SHA-256 of
    everything that follows the segment."""
    body = jpeg[2:]
    comment = _SEAL + hashlib.sha256(body).hexdigest().encode()
    return jpeg[:2] + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment + body


def intact(data: bytes) -> bool:
    """A cache entry as sealed() wrote it, not one byte changed, lost or added."""
    if len(data) < _HEAD or not data.startswith(b"\xff\xd8\xff\xfe"):
        return False
    if data[6 : 6 + len(_SEAL)] != _SEAL:
        return False
    return hashlib.sha256(data[_HEAD:]).hexdigest().encode() == data[6 + len(_SEAL) : _HEAD]


def _discard(target: Path) -> None:
    """Remove a damaged entry, whatever stands at its name (a file, a link, a folder)."""
    try:
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)
    except OSError:
        pass  # making it again will say why, if it cannot be replaced either


def _pixels(points: float) -> int:
    return max(1, round(points / 72 * PRINT_DPI))


def content_hash(stamp: Stamp) -> str:
    digest = hashlib.sha256()
    try:
        with open_regular(stamp[0], "picture") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except RefusedFile as exc:
        raise UserError(Problem(exc.reason, file=display_name(Path(stamp[0])))) from None
    except OSError as exc:
        raise _unreadable(stamp[0], exc) from None
    return digest.hexdigest()


def _shrink(path: str, box: tuple[int, int]) -> Image.Image:
    """Decode `path` no larger than needed, upright, on white, resized to fit `box`."""
    with open_image(path) as image:
        try:
            return _shrink_open(image, box)
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, MemoryError) as exc:
            raise UnusableImageError(damaged(exc)) from None


def _shrink_open(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    width, height = box
    stored_box = (height, width) if orientation(image) in SWAPS_SIDES else (width, height)
    if image.format in ("JPEG", "MPO"):
        # libjpeg decodes at 1/2, 1/4 or 1/8 scale, the smallest still >= the box
        image.draft("RGB", stored_box)
    image.load()
    icc = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    image = _on_white(image)
    if icc:
        image = _to_srgb(image, icc)
    scale = min(width / image.width, height / image.height, 1.0)  # never enlarge
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    if size != image.size:
        image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    return image


def _on_white(image: Image.Image) -> Image.Image:
    """RGB or grey, with any transparency laid on white paper."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if has_alpha:
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("RGB")
    if image.mode == "L":
        return image
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit grey: scale down to 8 bits before Pillow's clipping conversion
        return image.point(lambda v: v / 256).convert("L")
    return image.convert("RGB")


def _to_srgb(image: Image.Image, icc: bytes) -> Image.Image:
    """Convert from the photo's colour profile (often Display P3 on phones) to sRGB."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        # A broken profile only shifts colours a little; the photo itself is fine.
        return image
    return converted if converted is not None else image


def _save_atomic(image: Image.Image, target: Path, quality: int, logo: bool) -> None:
    """Write the JPEG so that a reader (another process too) sees all of it or nothing."""
    data = io.BytesIO()
    subsampling = "4:4:4" if logo else "4:2:0"
    image.save(data, "JPEG", quality=quality, optimize=True, subsampling=subsampling)
    write_atomic(target, sealed(data.getvalue()))


class NamedJPEG(ImageReader):
    """An ImageReader that reportlab names by the cache file's name (already a hash of
    the source photo and the recipe) instead of decoding every pixel to hash them."""

    def getRGBData(self) -> bytes:  # noqa: N802 - reportlab's name
        if self.jpeg_fh() is None:  # not a JPEG: reportlab embeds the pixels after all
            return super().getRGBData()
        self._dataA = None  # no soft mask: JPEGs have no transparency
        return Path(self.fileName).name.encode()
