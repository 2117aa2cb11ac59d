"""The made-up inputs the benchmark measures: phone-sized photos, a library, rosters."""

from __future__ import annotations

import csv
import random
import shutil
from pathlib import Path

from common import FIGURES, PHOTO_SIZE, PROGRAM, Settings


def make_photo(path: Path, seed: int, sideways: bool, size: tuple[int, int] = PHOTO_SIZE) -> None:
    """A phone-like photo: soft gradients and shapes, with mild per-pixel sensor noise.

    Pure noise would not compress like a real photo; this lands near a phone's
    2 MB at JPEG quality 90, and its smooth areas behave like real ones. Drawn
    at a quarter size and enlarged (which softens every edge like a lens), then
    noise is added at full size.
    """
    from PIL import Image, ImageChops, ImageDraw

    width, height = size
    pick = random.Random(seed)
    small = (max(1, width // 4), max(1, height // 4))
    ramp = Image.linear_gradient("L").resize(small)
    channels = []
    for turn in (0, 90, 0):
        low, high = pick.randrange(20, 120), pick.randrange(140, 240)
        gradient = ramp.rotate(turn, expand=False) if turn else ramp
        channels.append(gradient.point(lambda v, lo=low, hi=high: lo + v * (hi - lo) // 255))
    image = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(image)
    for _ in range(14):
        x0, y0 = pick.randrange(small[0]), pick.randrange(small[1])
        w, h = (
            pick.randrange(small[0] // 15 + 1, small[0] // 2 + 2),
            pick.randrange(small[1] // 15 + 1, small[1] // 2 + 2),
        )
        colour = (pick.randrange(256), pick.randrange(256), pick.randrange(256))
        shape = draw.ellipse if pick.random() < 0.5 else draw.rectangle
        shape((x0, y0, x0 + w, y0 + h), fill=colour)
    image = image.resize(size, Image.Resampling.BICUBIC)
    grain = [
        Image.frombytes("L", size, pick.randbytes(width * height)).point(
            lambda v: 120 + v * 17 // 256  # 120..136: a few levels either side of 128
        )
        for _ in range(3)
    ]
    image = ImageChops.add(image, Image.merge("RGB", grain), offset=-128)
    exif = Image.Exif()
    exif[0x010F] = "stretchplan benchmark"  # Make
    if sideways:
        # Stored landscape with "rotate 90 degrees clockwise to view", as phones store portraits.
        image = image.transpose(Image.Transpose.ROTATE_90)
        exif[0x0112] = 6
    image.save(path, "JPEG", quality=90, exif=exif.tobytes())


EXERCISES = [
    ("figure-four", "Supine figure-4 stretch", "stretch"),
    ("seated-twist", "Seated piriformis twist", "stretch"),
    ("pigeon", "Pigeon pose", "stretch"),
    ("hip-flexor", "Kneeling hip flexor stretch", "stretch"),
    ("glute-bridge", "Glute bridge", "strength"),
    ("foam-roll", "Foam roller glute release", "release"),
]


def library_yaml(figures: bool = False) -> str:
    lines = ["version: 1", "exercises:"]
    for i, (slug, name, kind) in enumerate(EXERCISES, start=1):
        dosage = (
            ["      default: {sets: 2, reps: 10-15}"]
            if kind == "strength"
            else [
                "      dynamic: {reps: 5-10, hold: 4-6}",
                "      static: {reps: 1-2, hold: 20-30}",
            ]
        )
        lines += [
            f"  - id: {slug}",
            f"    name: {name}",
            f"    kind: {kind}",
            "    summary: Eases the deep hip muscles so sitting and running feel easier.",
            "    targets: [piriformis, gluteus maximus]",
            "    tags: [piriformis-syndrome, hip]",
            "    equipment: [mat]",
            *(["    figures:", *FIGURES] if figures else [f"    images: [photos/photo-{i}.jpg]"]),
            f"    video: https://videos.studio.example/stretch/{slug}?list=piriformis&t=0",
            "    dosage:",
            *dosage,
            "    sides: each",
            "    steps:",
            "      - Start lying on your back with both knees bent and feet flat on the floor.",
            "      - Move slowly into position until you feel a gentle stretch, not pain.",
            "      - Breathe out as you ease a little further, keeping your back relaxed.",
            "      - Hold, breathing slowly, then come out of it gently and swap sides.",
            "    cues:",
            "      - Keep your shoulders and jaw relaxed.",
            "      - Go only as far as feels comfortable today.",
            "    cautions:",
            "      - Stop if pain shoots down the leg, or if you feel tingling or numbness.",
        ]
    lines += [
        "programs:",
        f"  - id: {PROGRAM}",
        "    title: Piriformis relief",
        "    intro: >-",
        "      A short daily routine to ease a tight piriformis: stretch it, loosen the front",
        "      of the hip, and strengthen the glutes that take the strain off it.",
        "    mode: static",
        "    frequency: Daily, and after long periods of sitting",
        "    sections:",
        "      - title: Stretch",
        "        items:",
        *[f"          - exercise: {slug}" for slug, _, _ in EXERCISES[:4]],
        "      - title: Strengthen and release",
        "        items:",
        *[f"          - exercise: {slug}" for slug, _, _ in EXERCISES[4:]],
        "    notes:",
        "      - Heat before, or cold after, often helps.",
    ]
    return "\n".join(lines) + "\n"


FIRST = ["Jane", "Zoë", "Şule", "Nguyễn Thị", "Oluwaseun", "María José", "Jean-Luc", "Ana", "Liam"]
LAST = ["Doe", "Łukasiewicz", "Yılmaz", "Hoa", "Adeyemi", "García", "Picard", "Silva", "Ó Briain"]


def write_roster(path: Path, rows: int) -> None:
    pick = random.Random(rows)
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["name", "notes"])
        for i in range(rows):
            name = f"{pick.choice(FIRST)} {pick.choice(LAST)} {i + 1}"
            note = "Ice for 10 minutes after long runs." if i % 3 == 0 else ""
            out.writerow([name, note])


def make_inputs(folder: Path, settings: Settings, root: Path) -> None:
    photos = folder / "photos"
    photos.mkdir(parents=True)
    for i in range(1, 7):
        make_photo(photos / f"photo-{i}.jpg", i, i in (2, 5), settings.photo_size)
    (folder / "exercises.yaml").write_text(library_yaml(settings.figures), encoding="utf-8")
    shutil.copytree(root / "templates", folder / "templates")
    write_roster(folder / "roster-one.csv", 1)
    write_roster(folder / "roster-small.csv", settings.small_rows)
    write_roster(folder / "roster-large.csv", settings.large_rows)
