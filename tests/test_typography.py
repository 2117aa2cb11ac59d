"""Words a client trusts: typographic quotes, equipment, warnings, names and footers that hold."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from stretchplan.labels import LANGUAGES, bundled
from stretchplan.plan import Options, typeset
from tests.conftest import TODAY, flat, make_plan, pdf_text, render_class_sheet, render_handout
from tests.test_class_sheet import sheet_plan

LONG_NAME = "Aikaterini Konstantinopoulou-Wolfeschlegelsteinhausenberger Papadopoulou"


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ('so your legs make a "4".', "so your legs make a \u201c4\u201d."),
        ("Sit tall; don't round your back.", "Sit tall; don\u2019t round your back."),
        ("Runners' hip mobility", "Runners\u2019 hip mobility"),
        ("say 'hold' (\"gently\")", "say \u2018hold\u2019 (\u201cgently\u201d)"),
        ('"Start" - then "stop"', "\u201cStart\u201d - then \u201cstop\u201d"),
        ("no quotes at all", "no quotes at all"),
    ],
)
def test_typeset_curls_quotes_and_apostrophes(typed: str, printed: str) -> None:
    assert typeset(typed) == printed


def test_handout_prints_curly_quotes_from_the_library() -> None:
    plan = make_plan()
    text = flat(pdf_text(render_handout(plan)))
    assert "legs make a \u201c4\u201d" in text
    assert "don\u2019t round your back" in text
    steps = " ".join(step for item in plan.exercises for step in (*item.steps, *item.cues))
    assert '"' not in steps and "'" not in steps


def test_equipment_is_printed_on_handout_and_class_sheet() -> None:
    plan = make_plan()
    roller = next(item for item in plan.exercises if item.id == "foam-roller-glute-release")
    needed = f"You need: {', '.join(roller.equipment)}"
    assert "foam roller" in needed
    assert needed in flat(pdf_text(render_handout(plan)))
    assert needed in flat(pdf_text(render_class_sheet(sheet_plan())))


def test_every_language_has_the_new_label() -> None:
    assert len({bundled(language).you_need for language in LANGUAGES}) == len(LANGUAGES)


@pytest.mark.parametrize("layout", ["handout", "class-sheet"])
def test_take_care_is_marked_as_a_warning_that_survives_grey(layout: str) -> None:
    """Each "Take care" has a dark bar at its left: dark enough to read in grey print."""
    plan = make_plan() if layout == "handout" else sheet_plan()
    pdf = render_handout(plan) if layout == "handout" else render_class_sheet(plan)
    cautioned = sum(1 for item in plan.exercises if item.cautions)
    marked = 0
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            words = page.extract_words()
            bars = [
                line
                for line in page.lines
                if line["linewidth"] >= 2
                and abs(line["x0"] - line["x1"]) < 0.5
                and _grey(line["stroking_color"]) < 0.25
            ]
            for n, word in enumerate(words[:-1]):
                if (word["text"], words[n + 1]["text"]) != ("Take", "care:"):
                    continue
                marked += any(
                    0 < word["x0"] - bar["x0"] < 12 * 72 / 25.4
                    and bar["top"] - 1 <= word["top"] <= bar["bottom"]
                    for bar in bars
                )
    assert marked == cautioned
    assert "Tips" not in flat(pdf_text(pdf)).split("Take care")[0][-5:]  # not a second "Tips"


def _grey(color: object) -> float:
    values = [float(v) for v in (color or (0,))]  # type: ignore[attr-defined]
    if len(values) == 1:
        return values[0]
    return 0.299 * values[0] + 0.587 * values[1] + 0.114 * values[2]


@pytest.mark.parametrize("large_print", [False, True], ids=["normal", "large-print"])
def test_long_names_never_break_inside_a_word_and_run_on_one_line_later(
    large_print: bool,
) -> None:
    plan = make_plan(name=LONG_NAME, options=Options(today=TODAY, large_print=large_print))
    pdf = render_handout(plan)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        first = [flat(line) for line in (doc.pages[0].extract_text() or "").splitlines()]
        header = " ".join(first[:5])
        for word in LONG_NAME.split():
            assert word in header  # whole: no word split over two lines
        for page in doc.pages[1:]:
            lines = (page.extract_text() or "").splitlines()
            prepared = [line for line in lines if line.startswith("Prepared for")]
            assert len(prepared) == 1
            assert prepared[0].endswith("· 14 Mar 2026")  # name and date on one line
            assert prepared[0].removeprefix("Prepared for ").startswith("Aikaterini")


@pytest.mark.parametrize("large_print", [False, True], ids=["normal", "large-print"])
def test_footers_never_wrap(large_print: bool) -> None:
    plan = make_plan(options=Options(today=TODAY, large_print=large_print))
    pdf = render_handout(plan)
    contact = plan.brand.contact_line
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            lines = [flat(line) for line in (page.extract_text() or "").splitlines()]
            footer = next(n for n, line in enumerate(lines) if line.startswith("Alex Example ·"))
            shown = lines[footer].split(" Page ")[0]
            assert contact.startswith(shown)  # the website may go, nothing else
            assert lines[footer + 1] == flat(plan.labels.consult)
    # Large type has no room for all of it: the website goes first, and only it.
    assert shown == (contact.removesuffix(" · studio.example") if large_print else contact)


def test_an_attendee_name_on_a_class_sheet_never_breaks_inside_a_word() -> None:
    plan = make_plan(name=LONG_NAME)
    pdf = render_class_sheet(plan)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            lines = [flat(line) for line in (page.extract_text() or "").splitlines()]
            header = " ".join(lines[:6])
            assert f"Name: {LONG_NAME}" in header
