"""The foundation: one command makes a real, branded handout with working QR codes."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from stretchplan.load.library import load_library
from stretchplan.plan import Options
from tests.conftest import (
    ROOT,
    TODAY,
    decode_qr_codes,
    flat,
    make_plan,
    pdf_text,
    render_handout,
    run_subprocess,
)

UNICODE_NAMES = ["Zoë Łukasiewicz", "Şule Yılmaz", "Nguyễn Thị Hoa", "Влад Петров"]


def test_every_exercise_qr_code_decodes_to_its_video() -> None:
    plan = make_plan()
    pdf = render_handout(plan)
    decoded = decode_qr_codes(pdf, dpi=150)
    library = load_library(ROOT / "exercises.yaml")
    expected = [library.exercise(e.id).video for e in plan.exercises]  # type: ignore[union-attr]
    assert len(plan.exercises) >= 6
    assert sorted(decoded) == sorted(v for v in expected if v)


@pytest.mark.parametrize("name", UNICODE_NAMES)
def test_unicode_client_names_print(name: str) -> None:
    text = unicodedata.normalize("NFC", pdf_text(render_handout(make_plan(name=name))))
    assert name in text


def test_handout_carries_exercises_note_disclaimer_and_footer() -> None:
    plan = make_plan(notes=["Ice for 10 minutes after long runs."])
    text = flat(pdf_text(render_handout(plan)))
    for exercise in plan.exercises:
        assert exercise.name in text
        assert exercise.dosage in text
    assert "Ice for 10 minutes after long runs." in text
    assert flat(plan.brand.disclaimer[0]) in text
    assert "Prepared for Jane Doe" in text
    pages = len(PdfReader(io.BytesIO(render_handout(plan))).pages)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert text.count(plan.labels.consult) == pages
    assert text.count("Scan for video") == len(plan.exercises)


def test_static_and_dynamic_dosage_lines() -> None:
    static = make_plan()
    dynamic = make_plan(mode="dynamic")
    figure4 = next(e for e in static.exercises if e.id == "supine-figure-four")
    figure4_dyn = next(e for e in dynamic.exercises if e.id == "supine-figure-four")
    assert figure4.dosage == "Hold 20–30 s · 1–2 times · each side"
    assert figure4_dyn.dosage == "Hold 4–6 s · 5–10 times · each side"


def test_markup_in_a_name_prints_literally() -> None:
    name = "AT&T <b>Bold</b> & Co"
    text = pdf_text(render_handout(make_plan(name=name, notes=["Use <i>ice</i> & rest"])))
    assert name in text
    assert "Use <i>ice</i> & rest" in text


def test_same_inputs_same_bytes() -> None:
    assert render_handout(make_plan()) == render_handout(make_plan())


def test_same_bytes_across_processes(tmp_path: Path) -> None:
    outputs = []
    for attempt in range(2):
        out = tmp_path / f"run{attempt}.pdf"
        result = run_subprocess(
            "handout",
            "--name",
            "Zoë Łukasiewicz",
            "--program",
            "piriformis-relief",
            "--date",
            "2026-03-14",
            "-o",
            str(out),
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_every_font_is_embedded() -> None:
    reader = PdfReader(io.BytesIO(render_handout(make_plan())))
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            seen.add(font["/BaseFont"])
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font).get("/FontDescriptor")
            assert descriptor is not None, f"{font['/BaseFont']} is not embedded"
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert seen and not any("Helvetica" in str(name) for name in seen)


def test_qr_codes_are_at_least_two_centimetres() -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(render_handout(make_plan()))) as doc:
        page = doc.pages[0]
        # The QR symbol is many small black squares; its bounding box is the code.
        squares = [r for r in page.rects if r["height"] < 2]
        assert squares
        width_cm = (max(r["x1"] for r in squares) - min(r["x0"] for r in squares)) / 72 * 2.54
        assert width_cm >= 2.0


def test_choices_on_the_command_line_take_any_case(workdir: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        *("handout", "--name", "Jane Doe", "--program", "desk-worker-reset"),
        *("--page-size", "A4", "--lang", "DE", "-o", "jane.pdf"),
    )
    assert result.exit_code == 0, result.output
    pdf = (workdir / "jane.pdf").read_bytes()
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert (round(page.mediabox.width), round(page.mediabox.height)) == (595, 842)
    assert "Erstellt für" in pdf_text(pdf)


def test_mode_flag_and_client_file_take_any_case(workdir: Path, run) -> None:  # type: ignore[no-untyped-def]
    (workdir / "jane.yaml").write_text("name: Jane Doe\nmode: Dynamic\n", encoding="utf-8")
    program = ["--program", "piriformis-relief"]
    for args in (["jane.yaml"], ["--name", "Jane Doe", "--mode", " DYNAMIC"]):
        result = run("handout", *args, *program, "-o", "jane.pdf", "--force")
        assert result.exit_code == 0, result.output
        assert "Hold 4–6 s · 5–10 times" in flat(pdf_text((workdir / "jane.pdf").read_bytes()))
    typo = run("handout", "--name", "Jane Doe", *program, "--mode", "Dynamc")
    assert typo.exit_code == 2
    assert 'got "Dynamc"' in typo.output


# ------------------------------------------------------------ pictures in the card

PT_PER_MM = 72 / 25.4


def test_pictures_sit_in_the_card_large_side_by_side_and_captioned(tmp_path: Path) -> None:
    """One photo at least 45 mm wide; two side by side, a caption under each; both in line
    with the left edge of the card's name band; a figure's two frames side by side too."""
    import pdfplumber
    from PIL import Image

    from tests.photo_factory import library_with_photos

    wide, tall = tmp_path / "wide.jpg", tmp_path / "tall.jpg"
    Image.new("RGB", (1200, 800), (40, 120, 200)).save(wide, quality=85)
    Image.new("RGB", (600, 800), (200, 80, 40)).save(tall, quality=85)
    library = library_with_photos(
        tmp_path, {"foam-roller-glute-release": [wide], "supine-figure-four": [tall, wide]}
    )
    for large in (False, True):
        plan = make_plan(library=library, options=Options(today=TODAY, large_print=large))
        with pdfplumber.open(io.BytesIO(render_handout(plan))) as doc:
            band_left = 16 * PT_PER_MM  # the page margin, where every name band starts
            photos = [
                im
                for page in doc.pages[:3]
                for im in page.images
                if im["top"] > 32 * PT_PER_MM  # under the header and its logo
            ]
            assert len(photos) == 3, photos
            one, start, finish = photos
            assert one["width"] >= 45 * PT_PER_MM
            assert abs(one["x0"] - band_left) < 1 and abs(start["x0"] - band_left) < 1
            assert abs(start["bottom"] - finish["bottom"]) < 1  # side by side, one baseline
            assert finish["x0"] > start["x1"]
            page = next(p for p in doc.pages if start in p.images)
            words = page.extract_words()
            for picture, caption in ((start, "Start"), (finish, "Finish")):
                under = [
                    w
                    for w in words
                    if w["text"] == caption
                    and 0 <= w["top"] - picture["bottom"] < 4 * PT_PER_MM
                    and picture["x0"] <= (w["x0"] + w["x1"]) / 2 <= picture["x1"]
                ]
                assert under, caption
            # the knee-to-opposite-shoulder figure: both frames' captions on one line
            figure_page = next(p for p in doc.pages if "Knee to opposite" in (p.extract_text()))
            captions = [w for w in figure_page.extract_words() if w["text"] in ("Start", "Stretch")]
            assert any(
                abs(a["top"] - b["top"]) < 1 and b["x0"] - a["x1"] > 20 * PT_PER_MM
                for a in captions
                for b in captions
                if a["text"] == "Start" and b["text"] == "Stretch"
            )
