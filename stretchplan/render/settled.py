"""Render stage: paragraphs and tables that remember their layout.

reportlab measures the same flowable many times over: a table wraps every cell
to size its rows and wraps them all again to draw them, a table inside a table
is measured once per measurement of its parent, and a KeepTogether measures its
whole content each time it is offered a frame. A paragraph's or a table's size
depends only on the width it is given (and on its own text and style, which do
not change once built), so these keep their last answer and its line breaks,
and give it again for the same width instead of breaking the lines anew. The
drawn page is the same; only the repeated arithmetic goes.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph, Table


class _Settled:
    """Remembers the last width it was wrapped to and the size that came out."""

    _settled: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        settled = self._settled
        if settled is None or settled[0] != availWidth:
            size = super().wrap(availWidth, availHeight)  # type: ignore[misc]
            settled = self._settled = (availWidth, size)
        return settled[1]

    def split(self, availWidth: float, availHeight: float) -> list[object]:  # noqa: N803
        # Splitting lays out afresh for the height on offer, and a paragraph
        # that cannot split there drops its lines: measure again next time.
        self._settled = None
        return super().split(availWidth, availHeight)  # type: ignore[misc]


class SettledParagraph(_Settled, Paragraph):
    """A Paragraph that breaks its lines once per width."""


class SettledTable(_Settled, Table):
    """A Table that sizes its rows and columns once per width.

    Only for tables whose rows grow with their content (no row heights given
    as a share of the page), as all of stretchplan's are: their height does not
    depend on the height on offer.
    """
