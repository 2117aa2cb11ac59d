"""Phone-like test photos: 12 MP, smooth light, a figure, mild sensor noise.

Pure noise would compress like nothing a phone makes; these behave like real
photos in a JPEG encoder. Every picture has a red bar along its upright top
edge, so a test can see on the printed page which way up it came out.
"""

from __future__ import annotations

import functools
import os
import random
import re
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

PHONE = (3024, 4032)  # a 12 MP portrait photo
MARKER = (220, 24, 24)
MARKER_SHARE = 0.08  # of the height


def phone_photo(seed: int, size: tuple[int, int] = PHONE) -> Image.Image:
    """An upright RGB picture of `size`, different for every seed, red bar on top."""
    rng = random.Random(seed)
    w, h = size
    corners = Image.new("RGB", (2, 2))
    for xy in ((0, 0), (1, 0), (0, 1), (1, 1)):
        corners.putpixel(xy, tuple(rng.randint(60, 230) for _ in range(3)))
    picture = corners.resize((w, h), Image.Resampling.BILINEAR)  # soft window light
    draw = ImageDraw.Draw(picture)
    floor = int(h * rng.uniform(0.68, 0.78))
    draw.rectangle((0, floor, w, h), fill=(150, 120, 90))
    skin = (rng.randint(150, 230), rng.randint(110, 170), rng.randint(90, 140))
    shirt = tuple(rng.randint(20, 200) for _ in range(3))
    cx = int(w * rng.uniform(0.35, 0.65))
    head = int(min(w, h) * 0.09)
    top = int(h * 0.2)
    draw.ellipse((cx - head, top, cx + head, top + 2 * head), fill=skin)
    draw.rounded_rectangle(
        (cx - 2 * head, top + 2 * head, cx + 2 * head, floor - 3 * head), head // 2, fill=shirt
    )
    for side in (-1, 1):
        draw.line(
            (cx + side * head, floor - 3 * head, cx + side * 3 * head, floor),
            fill=(40, 40, 60),
            width=int(head * 0.9),
        )
    draw.rectangle((0, 0, w, int(h * MARKER_SHARE)), fill=MARKER)
    return ImageChops.add(picture, sensor_noise(size), scale=1.0, offset=-128)


@functools.cache
def sensor_noise(size: tuple[int, int]) -> Image.Image:
    """Mild grain centred on 128, made once per size: it is the slow part."""
    return Image.effect_noise(size, 5).convert("RGB")


def write_phone_photos(folder: Path) -> dict[str, Path]:
    """Six 12 MP photos the way phones and trainers hand them over."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    for i in range(3):
        path = folder / f"plain-{i}.jpg"
        phone_photo(i).save(path, quality=90)
        out[f"plain-{i}"] = path
    # Stored sideways, as the sensor saw it; EXIF orientation 6 says "turn 90° clockwise".
    rotated = folder / "rotated.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    phone_photo(10).transpose(Image.Transpose.ROTATE_90).save(
        rotated, quality=90, exif=exif.tobytes()
    )
    out["rotated"] = rotated
    # PNG with a transparent background: the figure on nothing.
    cutout = phone_photo(20).convert("RGBA")
    alpha = Image.new("L", cutout.size, 0)
    ImageDraw.Draw(alpha).ellipse((300, 0, 2700, 4032), fill=255)
    ImageDraw.Draw(alpha).rectangle((0, 0, cutout.width, int(cutout.height * 0.08)), fill=255)
    cutout.putalpha(alpha)
    png = folder / "cutout.png"
    cutout.save(png, compress_level=1)
    out["cutout"] = png
    from pillow_heif import from_pillow

    heic = folder / "iphone.heic"
    # ultrafast: the x265 default takes seconds for 12 MP, and quality is not under test
    from_pillow(phone_photo(30)).save(heic, quality=60, enc_params={"preset": "ultrafast"})
    out["iphone"] = heic
    return out


def library_with_photos(folder: Path, photos: dict[str, list[Path]]) -> Path:
    """A copy of the bundled library in `folder`, with photos for some exercises (by id)."""
    from tests.conftest import ROOT

    text = (ROOT / "exercises.yaml").read_text(encoding="utf-8")
    for exercise_id, paths in photos.items():
        listed = ", ".join(Path(os.path.relpath(p, folder)).as_posix() for p in paths)
        pattern = rf"(- id: {re.escape(exercise_id)}\n(?:.*\n)*?\s+images: )\[\]"
        text, count = re.subn(pattern, rf"\g<1>[{listed}]", text, count=1)
        assert count == 1, exercise_id
    path = folder / "exercises.yaml"
    path.write_text(text, encoding="utf-8")
    return path
