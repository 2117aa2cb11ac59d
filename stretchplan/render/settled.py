"""Render stage: paragraphs and tables that remember their layout.

reportlab measures the same flowable many times over: a table wraps every cell
to size its rows and wraps them all again to draw them, a table inside a table
is measured once per measurement of its parent, and a KeepTogether measures its
whole content each time it is offered a frame. A paragraph's or a table's size
depends only on the width it is given (and on its own text and style, which do
not change once built), so these keep their last answer and its line breaks,
and give it again for the same width instead of breaking the lines anew. The
drawn page is the same; only the repeated arithmetic goes.

Paragraphs go further: a card tries several arrangements, each made of new
paragraphs with the same words, and every handout prints the same introduction
and disclaimer. A paragraph whose style carries a Renderer's memory (`LAYOUTS`:
the Theme's styles do) shares with every equal paragraph (same markup, same
style values) its parsed text and its line breaks at each width, so the text is
parsed once and broken once per width for all of them.
"""

from __future__ import annotations

import itertools
from typing import Any

from reportlab.platypus import Paragraph, Table

from stretchplan.render.memo import Bounded

LAYOUTS = "_stretchplan_layouts"  # the style attribute holding a Renderer's paragraph memory
WIDTHS = 16  # line breaks a shared paragraph remembers, one per width it was measured at

# What Paragraph.wrap (and breakLines under it) sets on the paragraph.
_WRAPPED = ("width", "_wrapWidths", "blPara", "height", "_width_max", "frags")
_COUNTS = ("_splitLongWordCount", "_hyphenations")


class _Settled:
    """Remembers the last width it was wrapped to and the size that came out."""

    _settled: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        settled = self._settled
        if settled is None or settled[0] != availWidth:
            size = self._layout(availWidth, availHeight)
            settled = self._settled = (availWidth, size)
        return settled[1]

    def _layout(self, width: float, height: float) -> tuple[float, float]:
        return super().wrap(width, height)  # type: ignore[misc]

    def split(self, availWidth: float, availHeight: float) -> list[object]:  # noqa: N803
        # Splitting lays out afresh for the height on offer, and a paragraph
        # that cannot split there drops its lines: measure again next time.
        self._settled = None
        return super().split(availWidth, availHeight)  # type: ignore[misc]


class _Shared:
    """One paragraph's parse and its line breaks per width, for every equal paragraph."""

    __slots__ = ("bullet", "frags", "text", "widths")

    def __init__(self, text: str, frags: list[Any], bullet: Any) -> None:
        self.text, self.frags, self.bullet = text, frags, bullet
        self.widths: dict[float, tuple[tuple[float, float], tuple[Any, ...]]] = {}


class ParagraphMemory:
    """A Renderer's paragraphs: their parses and line breaks, shared from the second time
    a paragraph is made (a client's name, printed once, is not kept), all bounded."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._styles = Bounded(256)  # each distinct style's values, numbered
        self._numbers = itertools.count()
        self._seen = Bounded(size)  # paragraphs made once so far
        self._shared = Bounded(size)

    def shared(self, text: str, style: Any, bullet: Any) -> _Shared | None:
        """The shared parse for an equal paragraph made before, else None (and noted)."""
        try:
            values = tuple(
                sorted((k, v) for k, v in vars(style).items() if k not in ("parent", LAYOUTS))
            )
            number = self._styles.get(values, lambda: next(self._numbers))
        except TypeError:  # a style value that cannot be compared: nothing shared
            return None
        key = (text, bullet, number)
        if key in self._shared:
            return self._shared.get(key, lambda: _parsed(text, style, bullet))
        if key not in self._seen:
            self._seen.get(key, lambda: True)
            return None
        return self._shared.get(key, lambda: _parsed(text, style, bullet))

    def __len__(self) -> int:
        return len(self._shared)

    def clear(self) -> None:
        self._styles.clear()
        self._seen.clear()
        self._shared.clear()


class SettledParagraph(_Settled, Paragraph):
    """A Paragraph that breaks its lines once per width (shared with equal paragraphs
    when its style carries a Renderer's memory)."""

    _shared: _Shared | None = None

    def __init__(self, text: str, style: Any = None, *args: Any, **kwargs: Any) -> None:
        memo = getattr(style, LAYOUTS, None)
        shared = None
        whole = isinstance(text, str) and not args and not set(kwargs) - {"bulletText"}
        if isinstance(memo, ParagraphMemory) and whole:  # (not a piece of a split one)
            shared = memo.shared(text, style, kwargs.get("bulletText"))
        if shared is None:
            Paragraph.__init__(self, text, style, *args, **kwargs)
            return
        # What Paragraph.__init__ and _setup leave, the parse taken from the first one.
        self.caseSensitive, self.encoding = 1, "utf8"
        self.text, self.frags, self.style = shared.text, shared.frags, style
        self.bulletText, self.debug = shared.bullet, 0
        self._shared = shared

    def _layout(self, width: float, height: float) -> tuple[float, float]:
        shared = self._shared
        if shared is None:
            return super()._layout(width, height)
        known = shared.widths.get(width)
        if known is not None:
            size, state = known
            for name, value in zip(_WRAPPED + _COUNTS, state, strict=True):
                setattr(self, name, value)
            return size
        self.frags = shared.frags  # broken afresh from the parse, as the first one was
        size = Paragraph.wrap(self, width, height)
        if hasattr(self, "blPara") and len(shared.widths) < WIDTHS:
            state = tuple(getattr(self, name) for name in _WRAPPED)
            counts = tuple(getattr(self, name, 0) for name in _COUNTS)
            shared.widths[width] = (size, state + counts)
        return size


def _parsed(text: str, style: Any, bullet: Any) -> _Shared:
    first = Paragraph(text, style, bulletText=bullet)
    return _Shared(first.text, first.frags, first.bulletText)


class SettledTable(_Settled, Table):
    """A Table that sizes its rows and columns once per width.

    Only for tables whose rows grow with their content (no row heights given
    as a share of the page), as all of stretchplan's are: their height does not
    depend on the height on offer.
    """
