"""Render stage: the one object that keeps what rendering reuses between documents.

A Renderer owns the photo cache and its threads, the QR codes, the registered fonts, and
bounded memories of laid-out cards; a Workspace owns one, and close() lets go
of all of it. Importing this module imports no reportlab: the layouts load
when the first document is rendered.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from stretchplan.render.memo import Bounded

if TYPE_CHECKING:
    from stretchplan.plan import Plan
    from stretchplan.render.fonts import FontBook
    from stretchplan.render.images import PhotoCache
    from stretchplan.render.qr import QRCodes
    from stretchplan.render.settled import ParagraphMemory

CARDS = 256  # laid-out cards: a library's exercises in a few layouts
MEASURES = 2048  # small answers (heights, arrangements) about those cards
PARAGRAPHS = 4096  # paragraphs' parsed text and line breaks: a library's words in a few styles


class Renderer:
    """Turns plans into PDF bytes, reusing photos, fonts and cards from earlier ones."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        from stretchplan.render.fonts import FontBook
        from stretchplan.render.images import PhotoCache, default_cache_folder
        from stretchplan.render.qr import QRCodes
        from stretchplan.render.settled import ParagraphMemory

        self.cache_dir = cache_dir  # as asked: another Renderer for another thread takes it too
        folder = cache_dir or default_cache_folder()
        self.photos: PhotoCache = PhotoCache(cache_dir, sums=folder / "photo-sums")
        self.codes: QRCodes = QRCodes(folder / "qr")
        self.fonts: FontBook = FontBook(folder / "fonts")
        self.cards = Bounded(CARDS)
        self.measures = Bounded(MEASURES)
        self.paragraphs: ParagraphMemory = ParagraphMemory(PARAGRAPHS)

    def handout(self, plan: Plan) -> bytes:
        """The client's handout as PDF bytes. Same plan, same bytes."""
        from stretchplan.render.handout import render_handout

        return render_handout(plan, self)

    def class_sheet(self, plan: Plan) -> bytes:
        """The class sheet as PDF bytes."""
        from stretchplan.render.class_sheet import render_class_sheet

        return render_class_sheet(plan, self)

    def before_fork(self) -> None:
        """Finish background work a forked child could never finish (photos being shrunk)."""
        self.photos.finish()

    def close(self) -> None:
        self.photos.close()
        self.codes.clear()
        self.fonts.clear()
        self.cards.clear()
        self.measures.clear()
        self.paragraphs.clear()

    def __enter__(self) -> Renderer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
