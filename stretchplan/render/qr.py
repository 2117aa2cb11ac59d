"""QR codes as vector squares: crisp at any print size, decodable from a 150 dpi scan.

Finding a code's modules costs a few milliseconds (the encoder tries eight masks
and scores each): a Renderer's QRCodes remembers them in memory and in a small
file each in its cache folder, so a new process draws a library's codes at once.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from pathlib import Path

import qrcode
import qrcode.constants
from reportlab.lib import colors
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus import Flowable

from stretchplan.deliver.files import write_cache_entry
from stretchplan.render.memo import Bounded

QUIET_ZONE = 4  # modules of white around the symbol, as the QR standard asks
MEMORY = 1024  # codes a renderer keeps in memory: a library has one per exercise

Matrix = tuple[tuple[bool, ...], ...]


def matrix(data: str) -> Matrix:
    """The module matrix for `data`, quiet zone included (computed afresh: see QRCodes)."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE, box_size=1
    )
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


class QRCodes:
    """The codes a renderer draws: their matrices and page paths, remembered in bounded
    memory, and the matrices in `folder` (one file per address, named by its hash;
    a file that is damaged or of another encoder version is made again)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._matrices = Bounded(MEMORY)
        self._paths = Bounded(MEMORY)

    def matrix(self, data: str) -> Matrix:
        return self._matrices.get(data, lambda: self._stored(data))

    def path(self, data: str) -> PDFPathObject:
        return self._paths.get(data, lambda: dark_path(self.matrix(data)))

    def clear(self) -> None:
        self._matrices.clear()
        self._paths.clear()

    def _stored(self, data: str) -> Matrix:
        if self.folder is None:
            return matrix(data)
        key = hashlib.sha256(f"{qrcode_version()}|M|{QUIET_ZONE}|{data}".encode()).hexdigest()
        file = self.folder / f"{key[:40]}.qr"
        with contextlib.suppress(OSError, ValueError):
            return _unpack(file.read_bytes())
        rows = matrix(data)
        with contextlib.suppress(OSError):  # a folder we cannot write: memory only
            write_cache_entry(file, _pack(rows))
        return rows


@functools.cache
def qrcode_version() -> str:
    from importlib.metadata import version

    return version("qrcode")


def _pack(rows: Matrix) -> bytes:
    """Side length (2 bytes), then the modules row by row, eight to a byte."""
    bits = "".join("1" if dark else "0" for row in rows for dark in row)
    size = (len(bits) + 7) // 8
    return len(rows).to_bytes(2, "big") + int(bits.ljust(size * 8, "0"), 2).to_bytes(size, "big")


def _unpack(blob: bytes) -> Matrix:
    side = int.from_bytes(blob[:2], "big")
    cells = side * side
    if not 21 + 2 * QUIET_ZONE <= side <= 177 + 2 * QUIET_ZONE or len(blob) != 2 + (cells + 7) // 8:
        raise ValueError("not a stored QR matrix")
    bits = bin(int.from_bytes(blob[2:], "big"))[2:].zfill((len(blob) - 2) * 8)
    return tuple(tuple(b == "1" for b in bits[r * side : (r + 1) * side]) for r in range(side))


def dark_path(rows: Matrix) -> PDFPathObject:
    """The dark modules as one path, one unit a module, drawn from the bottom left.

    One rectangle per horizontal run of dark modules: small integers in a short
    page stream, and a row of the code is still a row of rectangles.
    """
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
    """A square QR code for `data`, `size` points wide, quiet zone included."""

    def __init__(self, data: str, size: float, codes: QRCodes) -> None:
        super().__init__()
        self.data = data
        self.size = size
        self.codes = codes
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        module = self.size / len(self.codes.matrix(self.data))
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(colors.black)
        canvas.scale(module, module)
        canvas.drawPath(self.codes.path(self.data), stroke=0, fill=1)
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
