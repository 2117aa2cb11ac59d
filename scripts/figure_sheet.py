"""Render every bundled exercise's pose figure onto one contact sheet (docs/figures.png).

Run from the repository: `python scripts/figure_sheet.py [--out docs/figures.png]`.
Look at the sheet after changing a figure: each one should read as its exercise.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from stretchplan.figures import figure_png  # noqa: E402
from stretchplan.load.library import load_library  # noqa: E402

COLUMNS = 3
CELL_HEIGHT = 230  # pixels of figure per row, captions included
TITLE = 34


def sheet(library: Path, columns: int = COLUMNS) -> Image.Image:
    lib = load_library(library)
    cells = []
    for exercise in lib.exercises:
        if not exercise.figures:
            continue
        frames = [
            frame.frame(frame.label.first() if frame.label else None) for frame in exercise.figures
        ]
        png = figure_png(frames, height_px=CELL_HEIGHT)
        cells.append((exercise.name, Image.open(io.BytesIO(png))))
    cell_w = max(image.width for _, image in cells) + 30
    cell_h = CELL_HEIGHT + TITLE + 16
    rows = (len(cells) + columns - 1) // columns
    out = Image.new("RGB", (cell_w * columns, cell_h * rows), "white")
    draw = ImageDraw.Draw(out)
    font = ImageFont.load_default(size=20)
    for i, (name, image) in enumerate(cells):
        x, y = (i % columns) * cell_w, (i // columns) * cell_h
        draw.rectangle((x + 4, y + 4, x + cell_w - 4, y + cell_h - 4), outline="#d0d0d0")
        draw.text((x + 14, y + 10), name, "#222222", font)
        out.paste(image, (x + (cell_w - image.width) // 2, y + TITLE))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=ROOT / "exercises.yaml")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "figures.png")
    args = parser.parse_args()
    image = sheet(args.library)
    image.save(args.out, optimize=True)
    print(f"wrote {args.out} ({image.width}x{image.height})")


if __name__ == "__main__":
    main()
