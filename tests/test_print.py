"""Handouts that print well: margins, type sizes and contrast on every page of every
layout, A4, large print, the adherence tracker and the labels in each language."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pdfplumber
import pytest

from stretchplan import pipeline
from stretchplan.labels import LANGUAGES, bundled
from stretchplan.plan import Options, Plan
from stretchplan.printed import printed_texts as plan_texts
from tests.conftest import (
    ROOT,
    TODAY,
    flat,
    make_plan,
    pdf_text,
    render_class_sheet,
    render_handout,
)
from tests.print_rules import MM, open_pdf, rgb, rule_breaks, sizes_of

EN = bundled("en")
BLACK = (0.0, 0.0, 0.0)

EXTRAS = {
    "notes": ["Ice for 10 minutes after long runs."],
    "goals": ["Run 10 km without buttock pain"],
}
LAYOUTS = {
    "letter": Options(today=TODAY),
    "a4": Options(today=TODAY, page_size="a4"),
    "large-print": Options(today=TODAY, large_print=True),
    "large-print-a4-tracker": Options(
        today=TODAY, large_print=True, page_size="a4", tracker_weeks=12
    ),
    "tracker": Options(today=TODAY, tracker_weeks=4),
    "german": Options(today=TODAY, language="de"),
}


def pages_of(doc: pdfplumber.PDF) -> list[str]:
    return [flat(page.extract_text() or "") for page in doc.pages]


def assert_cards_whole(doc: pdfplumber.PDF, plan: Plan) -> None:
    """Each exercise's name, first and last steps and QR caption share one page."""
    for exercise in plan.exercises:
        parts = [exercise.steps[0], exercise.steps[-1]]
        found = [[i for i, page in enumerate(doc.pages) if card_name(page, exercise.name)]]
        found += [[i for i, page in enumerate(doc.pages) if printed(page, p)] for p in parts]
        # Step openings may repeat in other exercises; the name does not.
        assert len(found[0]) == 1, (exercise.id, found)
        assert all(found[0][0] in pages for pages in found), (exercise.id, found)
    for page in doc.pages:
        cards = sum(card_name(page, e.name) for e in plan.exercises if e.video)
        caption = " ".join(plan.labels.scan_for_video.split()[:2])  # it may wrap
        assert len(page.search(caption, regex=False)) == cards


def printed(page: pdfplumber.page.Page, text: str) -> bool:
    """Whether the first words of `text` are on the page (columns may interleave lines)."""
    return bool(page.search(" ".join(text.split()[:3]), regex=False))


def card_name(page: pdfplumber.page.Page, name: str) -> bool:
    """Whether `name` heads a card on the page: in the name band's bold type, not merely
    mentioned in another card's tip ("or do the supine figure-4 stretch instead")."""
    matches = page.search(" ".join(name.split()[:3]), regex=False, return_chars=True)
    return any(all("Bold" in ch["fontname"] for ch in m["chars"]) for m in matches)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_page_keeps_the_print_rules(layout: str) -> None:
    plan = make_plan(options=LAYOUTS[layout], **EXTRAS)  # type: ignore[arg-type]
    with open_pdf(render_handout(plan)) as doc:
        assert rule_breaks(doc, plan) == []
        assert_cards_whole(doc, plan)


@pytest.fixture
def lavender_brand(tmp_path: Path) -> Path:
    """Lavender: 4.5:1 on white in colour, so the brand file accepts it, but a
    black-and-white printer turns it into a grey of 4.3:1, less on the pale band."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    brand = tmp_path / "templates" / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    brand.write_text(text.replace('primary: "#1f5f6b"', 'primary: "#8866bb"'), encoding="utf-8")
    return brand


def test_brand_colour_that_fades_in_grey_is_deepened(lavender_brand: Path) -> None:
    plan = make_plan(brand=lavender_brand)
    with open_pdf(render_handout(plan)) as doc:
        assert rule_breaks(doc, plan) == []
        bands = [
            r["non_stroking_color"]
            for r in doc.pages[0].rects
            if r.get("fill") and r["width"] > 100 and tuple(r["non_stroking_color"]) != (1, 1, 1)
        ]
    assert bands  # the name bands are there and tinted, so the contrast check had work to do


def test_bundled_nine_exercise_program_fits_four_letter_pages() -> None:
    plan = make_plan()
    assert len(plan.exercises) == 9
    # Text-only cards, as the library was before it had pictures; a picture beside the
    # text narrows it (photos and figures alike), which costs two pages more.
    sections = tuple(
        dataclasses.replace(s, items=tuple(dataclasses.replace(i, figures=()) for i in s.items))
        for s in plan.sections
    )
    with open_pdf(render_handout(dataclasses.replace(plan, sections=sections))) as doc:
        assert len(doc.pages) <= 4
    with open_pdf(render_handout(plan)) as doc:
        assert len(doc.pages) <= 6


def test_a4_media_box_on_every_page() -> None:
    a4 = render_handout(make_plan(options=Options(today=TODAY, page_size="a4")))
    letter = render_handout(make_plan())
    with open_pdf(a4) as doc:
        assert {tuple(round(v, 1) for v in page.mediabox) for page in doc.pages} == {
            (0, 0, 595.3, 841.9)
        }
    with open_pdf(letter) as doc:
        assert {tuple(page.mediabox) for page in doc.pages} == {(0, 0, 612, 792)}


def test_brand_page_size_and_language_are_the_defaults(workdir: Path, run) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(ROOT / "templates", workdir / "templates")
    brand = workdir / "templates" / "brand.yaml"
    text = brand.read_text(encoding="utf-8")
    text = text.replace("page_size: letter", "page_size: a4").replace(
        "language: en", "language: fr"
    )
    brand.write_text(text, encoding="utf-8")
    result = run("handout", "--name", "Jane", "--program", "piriformis-relief", "-o", "fr.pdf")
    assert result.exit_code == 0, result.output
    pdf = (workdir / "fr.pdf").read_bytes()
    assert "Préparé pour Jane" in flat(pdf_text(pdf))
    with open_pdf(pdf) as doc:
        assert round(doc.pages[0].width) == 595
    # flags win over the brand
    result = run(
        "handout", "--name", "Jane", "--program", "piriformis-relief", "--lang", "es",
        "--page-size", "letter", "-o", "es.pdf",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    pdf = (workdir / "es.pdf").read_bytes()
    assert "Preparado para Jane" in flat(pdf_text(pdf))
    with open_pdf(pdf) as doc:
        assert round(doc.pages[0].width) == 612


def qr_widths_mm(doc: pdfplumber.PDF) -> list[float]:
    """Width of every QR symbol: clusters of black runs one module tall."""
    widths = []
    for page in doc.pages:
        squares = sorted(
            (
                r
                for r in page.rects
                if r["height"] < 4 and r.get("fill") and rgb(r["non_stroking_color"]) == BLACK
            ),
            key=lambda r: (r["top"], r["x0"]),
        )
        clusters: list[list[dict[str, float]]] = []
        for r in squares:
            for cluster in clusters:
                if abs(cluster[0]["x0"] - r["x0"]) < 40 * MM and (
                    r["top"] - cluster[-1]["bottom"] < 5
                ):
                    cluster.append(r)
                    break
            else:
                clusters.append([r])
        widths += [(max(r["x1"] for r in c) - min(r["x0"] for r in c)) / MM for c in clusters]
    return widths


def cards_per_page(doc: pdfplumber.PDF, plan: Plan) -> int:
    return max(sum(flat(e.name) in text for e in plan.exercises) for text in pages_of(doc))


def test_large_print_is_larger_everywhere() -> None:
    normal_plan = make_plan(**EXTRAS)  # type: ignore[arg-type]
    large_plan = make_plan(options=Options(today=TODAY, large_print=True), **EXTRAS)  # type: ignore[arg-type]
    with (
        open_pdf(render_handout(normal_plan)) as normal,
        open_pdf(render_handout(large_plan)) as large,
    ):
        body = [text for e in large_plan.exercises for text in (*e.steps, *e.cues, *e.cautions)]
        body += [large_plan.intro or "", *EXTRAS["notes"], *large_plan.program_notes]
        sizes = sizes_of(large, body)
        assert all(sizes.values()), [text for text, found in sizes.items() if not found]
        assert min(min(found) for found in sizes.values()) >= 14 - 0.01  # pdfminer: y1 - y0
        assert min(c["size"] for page in large.pages for c in page.chars) >= 10

        dosage = large_plan.exercises[0].dosage
        assert min(sizes_of(large, [dosage])[dosage]) > max(sizes_of(normal, [dosage])[dosage])
        assert min(qr_widths_mm(large)) > max(qr_widths_mm(normal)) >= 20
        assert cards_per_page(large, large_plan) < cards_per_page(normal, normal_plan)


def tick_boxes(page: pdfplumber.page.Page) -> list[dict[str, float]]:
    return [
        r
        for r in page.rects
        if r.get("stroke") and 6 * MM < r["width"] < 12 * MM and abs(r["width"] - r["height"]) < 0.1
    ]


def test_tracker_is_a_grid_of_vector_boxes_at_the_end(workdir: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "handout", "--name", "Jane", "--program", "piriformis-relief", "--tracker", "2",
        "-o", "t.pdf",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    plan = make_plan()
    with open_pdf((workdir / "t.pdf").read_bytes()) as doc:
        texts = [flat(page.extract_text() or "") for page in doc.pages]
        where = [i for i, text in enumerate(texts) if EN.tracker in text]
        assert len(where) == 1
        last_card = max(i for i, t in enumerate(texts) for e in plan.exercises if e.name in t)
        assert where[0] >= last_card
        page = doc.pages[where[0]]
        boxes = tick_boxes(page)
        assert len(boxes) == 14  # 7 days x 2 weeks, drawn, not typed
        assert len({round(b["x0"]) for b in boxes}) == 7
        assert len({round(b["top"]) for b in boxes}) == 2
        for label in ("Week 1", "Week 2", *EN.weekdays, EN.tracker_hint):
            assert label in texts[where[0]]
        assert all(not tick_boxes(p) for i, p in enumerate(doc.pages) if i != where[0])
    with open_pdf(render_handout(plan)) as doc:
        assert not any(tick_boxes(page) for page in doc.pages)


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_fixed_label_is_in_the_chosen_language(language: str) -> None:
    options = Options(today=TODAY, language=language, tracker_weeks=1)
    plan = make_plan(options=options, **EXTRAS)  # type: ignore[arg-type]
    pdf = render_handout(plan)
    with open_pdf(pdf) as doc:
        pages = len(doc.pages)
    text = flat(pdf_text(pdf))
    labels = plan.labels
    expected = [
        f"{labels.prepared_for} {plan.client_name} · {plan.date_text}",
        labels.scan_for_video,
        labels.page_of.format(n=1, m=pages),
        labels.page_of.format(n=pages, m=pages),
        labels.consult,
        labels.cues,
        labels.cautions,
        labels.note,
        labels.about,
        labels.how_often,
        labels.mode_static,
        labels.trainer_notes,
        labels.goals,
        labels.program_notes,
        labels.disclaimer,
        labels.tracker,
        labels.tracker_hint,
        f"{labels.week} 1",
        *labels.weekdays,
        *(e.dosage for e in plan.exercises),
    ]
    assert [label for label in expected if flat(label) not in text] == []
    assert text.count(flat(labels.scan_for_video)) == len(plan.exercises)
    if language != "en":
        # No English label left behind (unless the trainer's own text uses the words).
        own = flat(" ".join(value for _, value in plan_texts(plan)))
        english = [
            EN.prepared_for, EN.scan_for_video, "Page 1 of", EN.consult, EN.cautions,
            EN.about, EN.how_often, EN.trainer_notes, EN.each_side, EN.tracker, "Week 1",
        ]  # fmt: skip
        assert [w for w in english if w not in own and w in text] == []


def test_lang_flag_reaches_the_page(workdir: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run(
        "handout", "--name", "Ana", "--program", "piriformis-relief", "--lang", "es", "-o", "a.pdf"
    )
    assert result.exit_code == 0, result.output
    text = flat(pdf_text((workdir / "a.pdf").read_bytes()))
    assert "Preparado para Ana" in text and "Mantén 20–30 s · 1–2 veces · cada lado" in text
    bad = run("handout", "--name", "Ana", "--program", "piriformis-relief", "--lang", "nl")
    assert bad.exit_code == 2 and "Choose one of: en, es, fr, de, it, pt" in bad.output


def test_exercise_longer_than_a_page_flows_without_clipping(tmp_path: Path) -> None:
    source = (ROOT / "exercises.yaml").read_text(encoding="utf-8")
    first = "    steps:\n      - en: Start on your hands and knees on a mat.\n"
    assert first in source
    steps = "".join(
        f"      - Step {i} of a very long routine, written out in full so that it wraps.\n"
        for i in range(1, 61)
    )
    library = tmp_path / "exercises.yaml"
    library.write_text(source.replace(first, "    steps:\n" + steps + first[11:], 1), "utf-8")
    plan = make_plan(library=library)
    pdf = render_handout(plan)
    text = flat(pdf_text(pdf))
    missing = [i for i in range(1, 61) if f"Step {i} of a very long routine" not in text]
    assert missing == []
    with open_pdf(pdf) as doc:
        assert rule_breaks(doc, plan) == []


@pytest.mark.parametrize("layout", ["letter", "large-print", "german"])
def test_class_sheets_keep_the_print_rules(layout: str, lavender_brand: Path) -> None:
    for brand in (ROOT / "templates" / "brand.yaml", lavender_brand):
        inputs = pipeline.load_inputs(ROOT / "exercises.yaml", brand)
        plan = pipeline.plan_for(inputs, None, LAYOUTS[layout], "piriformis-relief")
        with open_pdf(render_class_sheet(plan)) as doc:
            assert rule_breaks(doc, plan) == []


def test_print_refuses_an_unknown_page_size_before_anything_else(workdir: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("print", "nothing.pdf", "--page-size", "A5")
    assert result.exit_code == 2
    assert '--page-size: unknown value "A5". Choose one of: letter, a4.' in result.output
