"""Deliver stage: one page of a PDF as a PNG, to check a handout without a PDF viewer."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, PngImagePlugin

from stretchplan.deliver.files import ensure_replaceable, resolve_target, write_atomic
from stretchplan.errors import Problem, UserError
from stretchplan.media.reading import RefusedFile, bounded_bytes

MAX_PREVIEW_BYTES = 512 * 1024 * 1024
MAX_PIXELS = 60_000_000  # an A4 page at 1200 dpi is 140 MP; at 600 dpi 35 MP
SOFTWARE = "stretchplan preview"  # in every PNG we write: ours to replace, nobody else's


def preview_page(
    pdf: Path,
    page: int = 1,
    output: Path | str | None = None,
    dpi: int = 100,
    force: bool = False,
) -> Path:
    """Render page `page` (from 1) of `pdf` at `dpi` to a PNG file; returns where it went.

    `output` may be a folder (one that exists, or a string ending in "/")."""
    image = render_page(pdf, page, dpi)
    name = f"{pdf.stem}-page-{page}.png"
    target = resolve_target(output, pdf.parent, name)
    ensure_replaceable(target, force, ours=_ours)
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", SOFTWARE)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info, optimize=True)
    write_atomic(target, buffer.getvalue())
    return target


def render_page(pdf: Path, page: int, dpi: int) -> Image.Image:
    import pypdfium2 as pdfium  # only when previewing

    try:
        data = bounded_bytes(pdf, "PDF file", MAX_PREVIEW_BYTES)
    except RefusedFile as exc:
        reason = "was not found" if exc.reason == "file not found" else exc.reason
        raise UserError(Problem(reason, file=str(pdf))) from None
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise UserError(
            Problem("cannot be opened: it is not a PDF, or it is damaged or locked", file=str(pdf))
        ) from None
    try:
        count = len(document)
        if not 1 <= page <= count:
            pages = "1 page" if count == 1 else f"pages 1 to {count}"
            raise UserError(
                Problem(f"there is no page {page}: this PDF has {pages}", file=str(pdf))
            )
        sheet = document[page - 1]
        width, height = (round(side * dpi / 72) for side in sheet.get_size())
        if width * height > MAX_PIXELS:
            fits = int(dpi * (MAX_PIXELS / max(width * height, 1)) ** 0.5)
            raise UserError(
                Problem(
                    f"page {page} is {width}×{height} pixels at {dpi} dpi, larger than a "
                    f"preview can be; try [[dpi]] {max(fits, 1)} or less",
                    file=str(pdf),
                )
            )
        bitmap = sheet.render(scale=dpi / 72)
        return bitmap.to_pil().convert("RGB")
    finally:
        document.close()


def _ours(path: Path) -> bool:
    try:
        with Image.open(path) as image:
            return image.format == "PNG" and image.info.get("Software") == SOFTWARE
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False
