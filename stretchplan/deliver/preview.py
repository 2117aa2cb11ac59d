"""Deliver stage: one page of a PDF as a PNG, to check a handout without a PDF viewer."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, PngImagePlugin

from stretchplan.deliver.files import ensure_replaceable, write_atomic
from stretchplan.errors import Problem, UserError

SOFTWARE = "stretchplan preview"  # in every PNG we write: ours to replace, nobody else's


def preview_page(
    pdf: Path, page: int = 1, output: Path | None = None, dpi: int = 100, force: bool = False
) -> Path:
    """Render page `page` (from 1) of `pdf` at `dpi` to a PNG file; returns where it went."""
    image = render_page(pdf, page, dpi)
    target = output if output is not None else pdf.with_name(f"{pdf.stem}-page-{page}.png")
    if target.is_dir():
        target = target / f"{pdf.stem}-page-{page}.png"
    ensure_replaceable(target, force, ours=_ours)
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", SOFTWARE)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info, optimize=True)
    write_atomic(target, buffer.getvalue())
    return target


def render_page(pdf: Path, page: int, dpi: int) -> Image.Image:
    import pypdfium2 as pdfium  # only when previewing

    if not pdf.is_file():
        what = "is a folder, not a PDF file" if pdf.is_dir() else "was not found"
        raise UserError(Problem(what, file=str(pdf)))
    try:
        document = pdfium.PdfDocument(str(pdf))
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
        bitmap = document[page - 1].render(scale=dpi / 72)
        return bitmap.to_pil().convert("RGB")
    finally:
        document.close()


def _ours(path: Path) -> bool:
    try:
        with Image.open(path) as image:
            return image.format == "PNG" and image.info.get("Software") == SOFTWARE
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False
