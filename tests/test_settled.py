"""Layouts worked out once and reused: the pages must come out as if built afresh."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from stretchplan.plan import Options
from stretchplan.render.settled import LAYOUTS, ParagraphMemory, SettledParagraph, SettledTable
from tests.conftest import TODAY, flat, make_plan, pdf_text, render_handout, run_subprocess

TEXT = "Sit tall, cross the ankle over the knee and lean forward from the hips. " * 6


def test_a_paragraph_breaks_its_lines_once_per_width(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[float] = []
    original = Paragraph.breakLines

    def counting(self, widths):  # type: ignore[no-untyped-def]
        calls.append(widths[0])
        return original(self, widths)

    monkeypatch.setattr(Paragraph, "breakLines", counting)
    style = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)
    widths = (200, 200, 200, 300, 300, 200)
    settled = SettledParagraph(TEXT, style)
    settled_sizes = [settled.wrap(width, 500) for width in widths]
    assert calls == [200, 300, 200]  # once per change of width
    plain = Paragraph(TEXT, style)
    assert settled_sizes == [plain.wrap(width, 500) for width in widths]
    assert settled_sizes[0][1] > settled_sizes[3][1]  # narrower column, more lines


def _remembering(memo: ParagraphMemory, **values: object) -> ParagraphStyle:
    style = ParagraphStyle(
        "body", **{"fontName": "Helvetica", "fontSize": 10, "leading": 12, **values}
    )
    setattr(style, LAYOUTS, memo)
    return style


def test_equal_paragraphs_share_their_parse_and_line_breaks(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A card tries several arrangements of new paragraphs with the same words: with a
    renderer's memory, the text is parsed once and broken once per width for all."""
    broken: list[float] = []
    original = Paragraph.breakLines

    def counting(self, widths):  # type: ignore[no-untyped-def]
        broken.append(widths[0])
        return original(self, widths)

    monkeypatch.setattr(Paragraph, "breakLines", counting)
    memo = ParagraphMemory(16)
    text = "<b>Tip:</b> " + TEXT
    once = SettledParagraph(text, _remembering(memo))  # made once so far: its own parse
    assert once.wrap(200, 500) and broken == [200] and len(memo) == 0
    shared = [SettledParagraph(text, _remembering(memo)) for _ in range(4)]
    sizes = [p.wrap(width, 500) for p, width in zip(shared, (200, 300, 200, 300), strict=True)]
    assert broken == [200, 200, 300] and len(memo) == 1
    bigger = [SettledParagraph(text, _remembering(memo, fontSize=11, leading=13)) for _ in "ab"]
    other = [SettledParagraph("Something else entirely. " * 9, _remembering(memo)) for _ in "ab"]
    assert all(p.wrap(200, 500)[1] > sizes[0][1] for p in bigger)
    assert all(p.wrap(200, 500) != sizes[0] for p in other)
    assert broken == [200, 200, 300, 200, 200, 200, 200] and len(memo) == 3
    plain_style = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)
    plain = [Paragraph(text, plain_style).wrap(width, 500) for width in (200, 300, 200, 300)]
    assert sizes == plain


def _drawn(make) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    paragraphs = [make() for _ in range(4)]
    for para, width in zip(paragraphs, (200, 300, 200, 150), strict=True):
        para.wrap(width, 800)
    for n, para in enumerate(paragraphs):  # drawn after all were measured, as a table does
        para.drawOn(canvas, 40, 700 - n * 160)
    canvas.save()
    return buffer.getvalue()


def test_shared_paragraphs_draw_as_fresh_ones() -> None:
    """Each paragraph draws the lines of its own width, though the breaks are shared."""
    memo = ParagraphMemory(16)
    text = "<b>Take care:</b> " + TEXT + " <i>Stop</i> if it hurts."
    plain_style = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)
    shared = _drawn(lambda: SettledParagraph(text, _remembering(memo)))
    fresh = _drawn(lambda: Paragraph(text, plain_style))
    assert shared == fresh and len(memo) == 1
    assert "Stop if it hurts" in flat(pdf_text(shared))


def test_a_renderer_lets_go_of_its_paragraphs() -> None:
    from stretchplan.render.renderer import Renderer

    renderer = Renderer()
    renderer.handout(make_plan("Jane Doe", "piriformis-relief"))
    assert 0 < len(renderer.paragraphs) <= renderer.paragraphs.size
    renderer.close()
    assert len(renderer.paragraphs) == 0


def test_a_paragraph_that_could_not_split_still_draws() -> None:
    """reportlab drops a paragraph's lines when it refuses to leave an orphan;
    the next measurement must lay them out again rather than answer from memory."""
    style = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)
    para = SettledParagraph(TEXT, style)
    width, height = para.wrap(200, 1000)
    assert para.split(200, 13) == []  # room for one line only: it moves on whole
    assert para.wrap(200, 1000) == (width, height)
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    para.drawOn(canvas, 72, 400)
    canvas.save()
    assert "cross the ankle" in flat(pdf_text(buffer.getvalue()))


def test_a_table_measured_again_after_a_split_draws_whole() -> None:
    style = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)
    rows = [[SettledParagraph(f"Row {n}. {TEXT}", style)] for n in range(3)]
    table = SettledTable(rows, colWidths=[300])
    _, whole = table.wrap(300, 10_000)
    top, rest = table.split(300, whole / 2)
    assert top.wrap(300, 10_000)[1] + rest.wrap(300, 10_000)[1] == whole
    assert table.wrap(300, 10_000)[1] == whole


def test_handouts_after_other_handouts_match_a_fresh_process(tmp_path: Path) -> None:
    """Cards are built once per process and reused: a handout made after others,
    in other layouts, is byte for byte the one a fresh process makes."""
    out = tmp_path / "fresh.pdf"
    result = run_subprocess(
        *("handout", "--name", "Zoë Łukasiewicz", "--program", "piriformis-relief"),
        *("--date", TODAY.isoformat(), "-o", str(out)),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    for options in (
        Options(today=TODAY, large_print=True),
        Options(today=TODAY, page_size="a4", language="de", tracker_weeks=4),
        Options(today=TODAY),
    ):
        render_handout(make_plan("Someone Else", "piriformis-relief", options=options))
        render_handout(make_plan("Someone Else", "runners-hip-mobility", options=options))
    again = render_handout(make_plan("Zoë Łukasiewicz", "piriformis-relief"))
    assert again == out.read_bytes()


def test_an_exercise_longer_than_a_page_flows_every_time() -> None:
    plan = make_plan()
    first = plan.sections[0].items[0]
    long_step = "Keep breathing slowly and evenly while you hold the position. " * 60
    wordy = dataclasses.replace(first, steps=(long_step, long_step))
    section = dataclasses.replace(plan.sections[0], items=(wordy, *plan.sections[0].items[1:]))
    plan = dataclasses.replace(plan, sections=(section, *plan.sections[1:]))
    pdfs = [render_handout(plan) for _ in range(2)]
    assert pdfs[0] == pdfs[1]
    assert flat(pdf_text(pdfs[1])).count("evenly") == 120
