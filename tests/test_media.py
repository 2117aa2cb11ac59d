"""stretchplan.media: one contrast rule, one page-size table, one page counter."""

from __future__ import annotations

from typing import get_args

import pytest

from stretchplan.load.brand import contrast_with_white
from stretchplan.load.fields import PageSize
from stretchplan.media import colour
from stretchplan.media.pages import CUPS_MEDIA, PAGE_SIZES, page_count, size_name
from tests.conftest import make_plan, render_handout


def test_contrast_is_wcag() -> None:
    assert colour.contrast((0, 0, 0), (1, 1, 1)) == pytest.approx(21)
    assert colour.contrast((1, 1, 1), (1, 1, 1)) == pytest.approx(1)
    assert colour.contrast(colour.rgb("#767676"), (1, 1, 1)) == pytest.approx(4.54, abs=0.01)


def test_load_and_render_agree_on_light_brand_colours() -> None:
    # One formula: a colour loading accepts stays legible when render deepens it for grey.
    for hex_colour in ("#1f5f6b", "#767676", "#0077cc", "#b00020"):
        accepted = contrast_with_white(hex_colour) >= colour.MIN_CONTRAST
        shade = colour.legible(colour.rgb(hex_colour), (1.0, 1.0, 1.0))
        assert colour.contrast(shade, (1, 1, 1)) >= colour.MIN_CONTRAST
        assert colour.contrast(colour.grey(shade), (1, 1, 1)) >= colour.MIN_CONTRAST
        if accepted:  # an accepted colour is only ever darkened, never swapped for another
            assert all(a <= b + 1e-9 for a, b in zip(shade, colour.rgb(hex_colour), strict=True))


def test_tint_goes_from_white_to_the_colour() -> None:
    assert colour.tint((0.2, 0.4, 0.6), 0) == (1, 1, 1)
    assert colour.tint((0.2, 0.4, 0.6), 1) == pytest.approx((0.2, 0.4, 0.6))


def test_one_page_size_table() -> None:
    assert set(get_args(PageSize)) == set(PAGE_SIZES) == set(CUPS_MEDIA)
    assert size_name((612, 792)) == "letter" and size_name((842, 595)) == "a4"
    assert size_name((500, 500)) is None


def test_page_count_agrees_with_the_footer() -> None:
    pdf = render_handout(make_plan())
    import io

    from pypdf import PdfReader

    assert page_count(pdf) == len(PdfReader(io.BytesIO(pdf)).pages) >= 2
