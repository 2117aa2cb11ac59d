"""The class-sheet layout: compact, every QR code scans, disclaimer and contact on every page."""

from __future__ import annotations

import dataclasses
import io
import shutil
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from stretchplan import pipeline
from stretchplan.load.library import load_library
from stretchplan.plan import Options, Plan
from tests.conftest import (
    ROOT,
    TODAY,
    decode_qr_codes,
    flat,
    make_plan,
    pdf_text,
    render_class_sheet,
    unembedded_fonts,
)
from tests.print_rules import open_pdf, rule_breaks

BLACK = {(0,), (0, 0, 0), (0.0,), (0.0, 0.0, 0.0)}  # a QR code's modules, nothing else
PROGRAMS = ["piriformis-relief", "runners-hip-mobility", "desk-worker-reset"]


def sheet_plan(
    program: str = "piriformis-relief", library: Path | None = None, large_print: bool = False
) -> Plan:
    inputs = pipeline.load_inputs(
        library or ROOT / "exercises.yaml", ROOT / "templates" / "brand.yaml"
    )
    return pipeline.plan_for(inputs, None, Options(today=TODAY, large_print=large_print), program)


def page_texts(data: bytes) -> list[str]:
    return [flat(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("program", PROGRAMS)
def test_at_most_three_pages_and_every_qr_code_decodes(program: str) -> None:
    plan = sheet_plan(program)
    pdf = render_class_sheet(plan)
    assert 1 <= len(PdfReader(io.BytesIO(pdf)).pages) <= 3
    library = load_library(ROOT / "exercises.yaml")
    videos = [library.exercise(e.id).video for e in plan.exercises]  # type: ignore[union-attr]
    assert sorted(decode_qr_codes(pdf, dpi=150)) == sorted(v for v in videos if v)


def test_disclaimer_contact_and_name_line_on_every_page() -> None:
    plan = sheet_plan()
    pages = page_texts(render_class_sheet(plan))
    assert len(pages) >= 2
    for text in pages:
        for paragraph in plan.brand.disclaimer:
            assert flat(paragraph) in text
        assert plan.brand.contact_line in text
        assert "Name: ____" in text
        assert plan.title in text and "Class sheet · 14 Mar 2026 · Trainer: Alex Example" in text
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in text


def test_the_programs_introduction_opens_the_sheet() -> None:
    """What the class is for, before its first exercise, as the handout says it."""
    plan = sheet_plan()
    assert plan.intro
    first = page_texts(render_class_sheet(plan))[0]
    assert "About this plan" in first
    assert flat(plan.intro) in first
    assert first.index(flat(plan.intro)) < first.index(flat(plan.exercises[0].steps[0]))


@pytest.mark.parametrize("large_print", [False, True], ids=["normal", "large-print"])
@pytest.mark.parametrize("program", PROGRAMS)
def test_every_step_caution_and_note_of_every_exercise_is_printed(
    program: str, large_print: bool
) -> None:
    """A class sheet is compact by layout, never by cutting: a missing caution is a safety gap."""
    plan = sheet_plan(program, large_print=large_print)
    text = flat(pdf_text(render_class_sheet(plan)))
    for item in plan.exercises:
        assert f"{item.number}. {item.name}" in text
        assert item.dosage in text
        for n, step in enumerate(item.steps, start=1):
            assert f"{n} {flat(step)}" in text, (item.id, n)
        for caution in item.cautions:
            assert flat(caution) in text, item.id
        assert "Take care:" in text
        if item.note:
            assert flat(item.note) in text
        if item.equipment:  # on its own line, or on the name's or the dosage's line
            assert f"You need: {flat(', '.join(item.equipment))}" in text, item.id
    assert text.count("Take care:") == sum(1 for e in plan.exercises if e.cautions)
    assert text.count("Scan for video") == len(plan.exercises)
    # Each code's address, as readable_address prints it: no scheme, no "www.".
    for item in plan.exercises:
        assert flat(item.link_text or "") in text.replace(" ", ""), item.id
    if program == "runners-hip-mobility":
        assert "youtube.com/results…=leg+swings+warm+up" in text.replace(" ", "")


def test_dosage_lines_break_only_between_phrases() -> None:
    plan = sheet_plan(large_print=True)
    lines = [flat(line) for line in pdf_text(render_class_sheet(plan)).splitlines()]
    phrases = {p for item in plan.exercises for p in item.dosage.split(" · ")}
    captions = {frame.label for item in plan.exercises for frame in item.figures if frame.label}
    for line in (line for line in lines if line not in captions):  # a figure's "Hold"
        words = line.removesuffix(" ·")
        # A line ending inside a phrase would end in its first word alone ("each").
        assert words not in {p.split()[0] for p in phrases if " " in p} or words in phrases


def test_large_print_qr_codes_grow_with_the_type() -> None:
    normal, large = (qr_widths(sheet_plan(large_print=lp)) for lp in (False, True))
    assert min(large) >= min(normal) * 1.35


def test_attendee_name_replaces_the_blank_line() -> None:
    plan = make_plan(name="Nguyễn Thị Hoa", notes=["Ice after long runs."])
    text = pdf_text(render_class_sheet(plan))
    assert "Name: Nguyễn Thị Hoa" in text
    assert "____" not in text
    assert "Ice after long runs." in text


def test_print_rules_fonts_and_same_bytes() -> None:
    plan = sheet_plan()
    pdf = render_class_sheet(plan)
    with open_pdf(pdf) as doc:
        assert rule_breaks(doc, plan) == []
    assert unembedded_fonts(pdf) == []
    assert render_class_sheet(sheet_plan()) == pdf


def test_qr_symbols_are_at_least_two_centimetres() -> None:
    plan = sheet_plan()
    widths = qr_widths(plan)
    assert len(widths) == len(plan.exercises)
    assert min(widths) / 72 * 2.54 >= 2.0


def qr_widths(plan: Plan) -> list[float]:
    """The width of every QR symbol on the sheet, quiet zone aside, in points."""
    import pdfplumber

    widths = []
    with pdfplumber.open(io.BytesIO(render_class_sheet(plan))) as doc:
        for page in doc.pages:
            # A code is many small black squares; codes sit in two columns, far apart.
            squares = [
                r
                for r in page.rects
                if r["height"] < 5 and tuple(r["non_stroking_color"] or (0,)) in BLACK
            ]
            for side in (True, False):
                column = sorted(
                    (r for r in squares if (r["x0"] < page.width / 2) == side),
                    key=lambda r: r["top"],
                )
                codes: list[list[dict]] = []  # type: ignore[type-arg]
                for square in column:
                    if not codes or square["top"] - codes[-1][-1]["top"] > 10:
                        codes.append([])
                    codes[-1].append(square)
                widths += [max(r["x1"] for r in c) - min(r["x0"] for r in c) for c in codes]
    return widths


def test_photos_print_on_cards(workdir: Path) -> None:
    library = workdir / "exercises.yaml"
    (workdir / "images").mkdir()
    Image.new("RGB", (600, 400), (40, 90, 100)).save(workdir / "images" / "pose.jpg")
    source = (ROOT / "exercises.yaml").read_text(encoding="utf-8")
    library.write_text(source.replace("images: []", "images: [images/pose.jpg]", 2), "utf-8")
    plan = sheet_plan(library=library)
    pdf = render_class_sheet(plan)
    with open_pdf(pdf) as doc:
        # a logo on every page, and the two photos
        assert sum(len(page.images) for page in doc.pages) == len(doc.pages) + 2
        assert rule_breaks(doc, plan) == []
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 3


def test_a_card_too_long_for_a_page_flows_instead_of_failing() -> None:
    plan = sheet_plan("desk-worker-reset")
    first = plan.sections[0].items[0]
    long_step = "Keep breathing slowly and evenly while you hold the position. " * 60
    wordy = dataclasses.replace(first, steps=(long_step, long_step))
    section = dataclasses.replace(plan.sections[0], items=(wordy, *plan.sections[0].items[1:]))
    plan = dataclasses.replace(plan, sections=(section, *plan.sections[1:]))
    text = flat(pdf_text(render_class_sheet(plan)))
    # One word, not a phrase: the flowing step may break between pages mid-sentence.
    assert text.count("evenly") == 120


def test_class_sheet_command_default_name_title_and_output(workdir: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("class-sheet", "--program", "runners-hip-mobility", "--date", "2026-03-14")
    assert result.exit_code == 0, result.output
    default = workdir / "handouts" / "2026-03-14-runners-hip-mobility-class-sheet.pdf"
    assert default.is_file()
    result = run(
        "class-sheet",
        "--program",
        "runners-hip-mobility",
        "--title",
        "Tuesday run club <warm-up>",
        "-o",
        "tuesday.pdf",
    )
    assert result.exit_code == 0, result.output
    assert "Tuesday run club <warm-up>" in pdf_text((workdir / "tuesday.pdf").read_bytes())
    bad = run("class-sheet", "--program", "runners-hip-mobilty")
    assert bad.exit_code == 2 and 'Did you mean "runners-hip-mobility"?' in bad.output
    shutil.rmtree(workdir / "handouts")


def test_class_sheet_command_large_print_a4_in_french(workdir: Path, run) -> None:  # type: ignore[no-untyped-def]
    args = ["class-sheet", "--program", "desk-worker-reset", "--date", "2026-03-14"]
    result = run(*args, "--large-print", "--page-size", "a4", "--lang", "fr", "-o", "big.pdf")
    assert result.exit_code == 0, result.output
    pdf = (workdir / "big.pdf").read_bytes()
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)
    assert "Fiche de cours" in pdf_text(pdf)
    assert run(*args, "--page-size", "legal").exit_code == 2


@pytest.mark.parametrize("program", PROGRAMS)
def test_text_beside_the_code_keeps_clear_of_its_column(program: str) -> None:
    """The steps beside a card's QR code end the gap short of the code's column (the
    column holds the code, its caption and the picture under them): they once ran on
    into the gap and touched the figure's floor line."""
    import pdfplumber

    from stretchplan.render.sheet_card import BESIDE
    from stretchplan.render.theme import NORMAL

    column_w = NORMAL.qr + 0.5 * 72 / 25.4
    checked = 0
    with pdfplumber.open(io.BytesIO(render_class_sheet(sheet_plan(program)))) as doc:
        for page in doc.pages:
            words = page.extract_words()
            captions = [
                (a, c)
                for a, b, c in zip(words, words[1:], words[2:], strict=False)
                if (a["text"], b["text"], c["text"]) == ("Scan", "for", "video")
            ]
            for scan, last in captions:  # the caption is centred in the code's column
                left = (scan["x0"] + last["x1"] - column_w) / 2
                top, bottom = scan["top"] - NORMAL.qr, scan["bottom"]
                beside = [
                    w
                    for w in words
                    if w["bottom"] > top and w["top"] < bottom and left - 120 < w["x0"] < left
                ]
                checked += len(beside)
                overrun = [w["text"] for w in beside if w["x1"] > left - BESIDE + 0.5]
                assert overrun == [], f"page {page.page_number}: {overrun}"
    assert checked > 20  # the test found text beside the codes
