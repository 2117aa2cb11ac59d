"""Every page of the demo documents on one picture, to look at before calling a layout done.

    python scripts/contact_sheet.py     # docs/contact-sheet.png, docs/contact-sheet-grey.png

One row per layout (handout, large print, A4, class sheet, large-print class
sheet), each page drawn at the same scale with its fill under it, so a short
page or a stray line shows at a glance. The grey copy is what a black-and-white
printer makes of the colours. The README's pictures come from the same pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from page_fill import LAYOUTS, Layout, document, page_fill  # noqa: E402

SHEET = ("handout", "handout large print", "handout A4", "class sheet", "class sheet large print")
DPI = 40  # small enough for the whole set on one picture, large enough to read headings
GAP, LABEL = 12, 22  # pixels between pages, and the height of a row's or page's caption


def pages(layout: Layout, dpi: int = DPI) -> tuple[list[object], list[float]]:
    import pypdfium2 as pdfium

    pdf = document(layout).pdf
    rendered = pdfium.PdfDocument(pdf)
    try:
        images = [page.render(scale=dpi / 72).to_pil() for page in rendered]
    finally:
        rendered.close()
    return images, page_fill(pdf)


def contact_sheet(names: tuple[str, ...] = SHEET) -> object:
    from PIL import Image, ImageDraw

    chosen = [next(layout for layout in LAYOUTS if layout.name == name) for name in names]
    rows = [(layout, *pages(layout)) for layout in chosen]
    width = max(sum(im.width + GAP for im in images) for _, images, _ in rows) + GAP
    height = sum(max(im.height for im in images) + 2 * LABEL + GAP for _, images, _ in rows)
    sheet = Image.new("RGB", (width, height + GAP), (205, 205, 205))
    draw = ImageDraw.Draw(sheet)
    y = GAP
    for layout, images, fills in rows:
        draw.text((GAP, y), f"{layout.name}: {len(images)} pages", fill=(0, 0, 0))
        y += LABEL
        x = GAP
        for image, fill in zip(images, fills, strict=True):
            sheet.paste(image, (x, y))
            draw.text((x, y + image.height + 4), f"{fill:.0%} full", fill=(0, 0, 0))
            x += image.width + GAP
        y += max(im.height for im in images) + LABEL + GAP
    return sheet


def main() -> None:
    from PIL import ImageOps

    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    sheet = contact_sheet()
    # A palette keeps the pictures small enough to live in the repository.
    sheet.quantize(colors=96).save(docs / "contact-sheet.png", optimize=True)  # type: ignore[attr-defined]
    grey = ImageOps.grayscale(sheet)  # type: ignore[arg-type]
    grey.quantize(colors=48).save(docs / "contact-sheet-grey.png", optimize=True)
    handout, _ = pages(LAYOUTS[0], dpi=70)
    class_sheet, _ = pages(LAYOUTS[3], dpi=70)
    for name, image in (
        ("handout-page-1.png", handout[0]),
        ("handout-page-2.png", handout[1]),
        ("class-sheet-page-1.png", class_sheet[0]),
    ):
        image.save(docs / name, optimize=True)  # type: ignore[attr-defined]
    print(f"wrote {docs / 'contact-sheet.png'} and {docs / 'contact-sheet-grey.png'}")


if __name__ == "__main__":
    main()
