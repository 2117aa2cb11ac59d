"""QR codes as vector squares: crisp at any print size, decodable from a 150 dpi scan."""

from __future__ import annotations

import functools

import qrcode
import qrcode.constants
from reportlab.lib import colors
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus import Flowable

QUIET_ZONE = 4  # modules of white around the symbol, as the QR standard asks


@functools.lru_cache(maxsize=4096)
def matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The module matrix for `data`, quiet zone included (cached: fitting costs ~ms)."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE, box_size=1
    )
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


@functools.lru_cache(maxsize=1024)
def _path(data: str) -> PDFPathObject:
    """The dark modules as one path, one unit a module, drawn from the bottom left.

    Built once per URL (a batch draws the same few codes on every handout), with
    one rectangle per horizontal run of dark modules: small integers in a short
    page stream, and a row of the code is still a row of rectangles.
    """
    rows = matrix(data)
    path = PDFPathObject()
    for r, row in enumerate(rows):
        y = len(rows) - 1 - r
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            path.rect(start, y, c - start, 1)
    return path


class QRCode(Flowable):
    """A square QR code `size` points wide, quiet zone included."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.data = data
        self.size = size
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        module = self.size / len(matrix(self.data))
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(colors.black)
        canvas.scale(module, module)
        canvas.drawPath(_path(self.data), stroke=0, fill=1)
        canvas.restoreState()


# A phone decoder needs about 3 camera pixels a module; a typical phone camera's preview
# frame is about 1000 pixels across its short side and sees about 1.4 × the distance
# across it (a 70° field of view). So a module of m mm reads from up to about
# 1000 / (3 × 1.4) × m ≈ 240 m mm away.
READ_DISTANCE_PER_MODULE = 240


def version(data: str) -> int:
    """The QR version (1-40) a code for `data` needs: 21×21 modules at 1, 4 more a step."""
    return (len(matrix(data)) - 2 * QUIET_ZONE - 17) // 4


def reading_distance_cm(data: str, printed_width: float) -> float:
    """How far (cm) a phone can be from the code for `data` printed `printed_width` points
    wide (quiet zone included) and still read it."""
    module_mm = printed_width / len(matrix(data)) / 72 * 25.4
    return module_mm * READ_DISTANCE_PER_MODULE / 10
