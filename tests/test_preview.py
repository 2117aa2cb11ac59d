"""`stretchplan preview`: a page of a PDF as a PNG, with plain errors."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PIL import Image

A4_POINTS = (595.276, 841.89)


def pixels(points: tuple[float, float], dpi: int) -> tuple[int, int]:
    """Page size in pixels at `dpi`; PDFium rounds part pixels up."""
    return (math.ceil(points[0] * dpi / 72), math.ceil(points[1] * dpi / 72))


@pytest.fixture
def handout_pdf(workdir: Path, run) -> Path:  # type: ignore[no-untyped-def]
    result = run(
        "handout", "--name", "Jane", "--program", "piriformis-relief", "--page-size", "a4",
        "-o", "jane.pdf",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return workdir / "jane.pdf"


def test_preview_writes_the_page_beside_the_pdf(handout_pdf: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("preview", str(handout_pdf), "--page", "2")
    assert result.exit_code == 0, result.output
    png = handout_pdf.with_name("jane-page-2.png")
    assert str(png.name) in result.output
    with Image.open(png) as image:
        assert image.size == pixels(A4_POINTS, 100)  # the default resolution
        darkest, lightest = image.convert("L").getextrema()
        assert darkest < 60 and lightest == 255  # a page with print on it, not a blank


def test_preview_size_follows_dpi_and_output_name(handout_pdf: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("preview", str(handout_pdf), "--dpi", "72", "-o", "first.png")
    assert result.exit_code == 0, result.output
    with Image.open(handout_pdf.parent / "first.png") as image:
        assert image.size == pixels(A4_POINTS, 72)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["jane.pdf", "--page", "9"], "there is no page 9: this PDF has pages 1 to"),
        (["nothing.pdf"], "nothing.pdf: was not found"),
        (["notes.txt"], "notes.txt: cannot be opened: it is not a PDF"),
    ],
)
def test_preview_mistakes_are_exit_2(handout_pdf: Path, run, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    (handout_pdf.parent / "notes.txt").write_text("not a pdf", encoding="utf-8")
    result = run("preview", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert not list(handout_pdf.parent.glob("*.png"))


def test_preview_never_overwrites_someone_elses_picture(handout_pdf: Path, run) -> None:  # type: ignore[no-untyped-def]
    mine = handout_pdf.parent / "holiday.png"
    Image.new("RGB", (10, 10), "blue").save(mine)
    before = mine.read_bytes()
    result = run("preview", str(handout_pdf), "-o", str(mine))
    assert result.exit_code == 2 and "--force" in result.output
    assert mine.read_bytes() == before
    # its own preview it replaces freely
    assert run("preview", str(handout_pdf), "-o", "p.png").exit_code == 0
    assert run("preview", str(handout_pdf), "--page", "2", "-o", "p.png").exit_code == 0
