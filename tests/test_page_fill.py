"""Pages that fill: every page but the last at least 80 % full, in every layout, cards whole
and in program order; the page targets on the bundled library."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import sys
from types import ModuleType

import pytest
from pypdf import PdfReader

from stretchplan.plan import Options
from tests.conftest import ROOT, TODAY, flat, make_plan, render_handout
from tests.print_rules import open_pdf, rule_breaks


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("page_fill", ROOT / "scripts" / "page_fill.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["page_fill"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


page_fill = _script()
LAYOUTS = {layout.name: layout for layout in page_fill.LAYOUTS}
_RENDERED: dict[tuple[object, ...], object] = {}


def _document(layout: object) -> object:
    """A layout's document, rendered once for every test (and name) that asks for it."""
    key = dataclasses.astuple(dataclasses.replace(layout, name=""))  # type: ignore[type-var]
    if key not in _RENDERED:
        _RENDERED[key] = page_fill.document(layout)
    return _RENDERED[key]


@pytest.fixture(scope="module")
def documents() -> dict[str, object]:
    return {name: _document(layout) for name, layout in LAYOUTS.items()}


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_every_page_but_the_last_is_at_least_80_percent_full(name: str, documents) -> None:  # type: ignore[no-untyped-def]
    fills = page_fill.page_fill(documents[name].pdf)
    assert all(fill >= page_fill.GOAL for fill in fills[:-1]), fills


def test_class_sheet_target_on_the_bundled_library(documents) -> None:  # type: ignore[no-untyped-def]
    assert documents["class sheet"].pages <= 3  # complete: every step and caution


def test_large_print_class_sheet_takes_at_most_twice_the_pages(documents) -> None:  # type: ignore[no-untyped-def]
    # two complete cards share a page: the code, its address and the picture no longer
    # stack into one tall column that holds the large type narrow
    assert documents["class sheet large print"].pages <= 2 * documents["class sheet"].pages


def test_a4_handout_target_on_the_bundled_library(documents) -> None:  # type: ignore[no-untyped-def]
    assert documents["handout A4"].pages <= 4  # piriformis-relief with a one-line note


def test_handout_target_on_the_bundled_library(documents) -> None:  # type: ignore[no-untyped-def]
    assert documents["handout"].pages <= 4  # piriformis-relief with a one-line note


def test_large_print_gives_each_card_at_most_a_page(documents) -> None:  # type: ignore[no-untyped-def]
    # 9 cards, each taller than half a page in 14 pt: a page each, and one for the rest
    plan = documents["handout large print"].plan
    assert documents["handout large print"].pages <= len(plan.exercises) + 1


@pytest.mark.xfail(
    strict=True,
    reason="known gap: with the letter handout at 4 pages, large print (10) is 2.5 times as "
    "long; every large-print card of piriformis-relief is 159-216 mm tall, more than half "
    "of a 227 mm page, so no two share a page and 9 cards need 9 pages",
)
def test_large_print_takes_at_most_twice_the_pages(documents) -> None:  # type: ignore[no-untyped-def]
    assert documents["handout large print"].pages <= 2 * documents["handout"].pages


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_cards_stay_whole_and_in_program_order_and_print_rules_hold(name: str, documents) -> None:  # type: ignore[no-untyped-def]
    _cards_whole_in_order_and_print_rules(documents[name])


def _cards_whole_in_order_and_print_rules(doc: object) -> None:
    pdf_bytes, plan = doc.pdf, doc.plan  # type: ignore[attr-defined]
    pages = [flat(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf_bytes)).pages]
    where = []
    for item in plan.exercises:
        # a card's name and its last step on the same page: the card was not split
        on = [n for n, text in enumerate(pages) if flat(item.name) in text]
        assert len(on) == 1, item.id
        assert flat(item.steps[-1]) in pages[on[0]], item.id
        where.append((on[0], pages[on[0]].index(flat(item.name))))
    assert where == sorted(where)  # program order, page by page
    with open_pdf(pdf_bytes) as pdf:
        assert rule_breaks(pdf, plan) == []


# Measured on the bundled library: large type leaves pages short where a card is more
# than half a page (one card a page) and what comes before or beside it is too little
# to fill the rest (the first page: the introduction alone; a class sheet's card alone).
SHORT_IN_LARGE_PRINT = {
    "piriformis-relief handout a4 large print": "page 9 of 10 at 70 %",
    "piriformis-relief class-sheet a4 large print": "page 1 at 79 %",
    "runners-hip-mobility handout letter large print": "page 1 at 66 %",
    "runners-hip-mobility handout a4 large print": "page 1 at 51 %",
    "runners-hip-mobility class-sheet letter large print": "73 93 51 52 (51) %",
    "runners-hip-mobility class-sheet a4 large print": "69 85 49 50 (49) %",
    "desk-worker-reset handout letter large print": "page 1 at 74 %",
    "desk-worker-reset handout a4 large print": "page 1 at 67 %",
    "desk-worker-reset class-sheet letter large print": "page 1 at 67 %",
    "desk-worker-reset class-sheet a4 large print": "page 1 at 64 %",
}


def _bundled(layout: object) -> object:
    name = layout.name  # type: ignore[attr-defined]
    if name not in SHORT_IN_LARGE_PRINT:
        return pytest.param(layout, id=name)
    reason = f"known gap: {SHORT_IN_LARGE_PRINT[name]}"
    return pytest.param(layout, id=name, marks=pytest.mark.xfail(strict=True, reason=reason))


@pytest.mark.parametrize("layout", [_bundled(layout) for layout in page_fill.BUNDLED])
def test_every_bundled_program_fills_its_pages(layout: object) -> None:
    fills = page_fill.page_fill(_document(layout).pdf)  # type: ignore[attr-defined]
    assert all(fill >= page_fill.GOAL for fill in fills[:-1]), fills


@pytest.mark.parametrize("layout", page_fill.BUNDLED, ids=lambda layout: layout.name)
def test_every_bundled_program_keeps_its_cards_whole_and_the_print_rules(layout: object) -> None:
    _cards_whole_in_order_and_print_rules(_document(layout))


def test_fill_is_measured_from_the_page_itself() -> None:
    """The measure sees a short page as short: one card alone on a page is far from full."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter)
    width, height = letter
    for lowest in (0.5, 0.9):
        canvas.line(40, height - 60, width - 40, height - 60)  # header rule
        canvas.line(40, 80, width - 40, 80)  # footer rule
        body_top, body_bottom = height - 60 - page_fill.GAP, 80 + page_fill.GAP
        canvas.rect(60, body_top - lowest * (body_top - body_bottom), 50, 20, fill=1)
        canvas.showPage()
    canvas.save()
    fills = page_fill.page_fill(buffer.getvalue())
    assert [round(f, 2) for f in fills] == [0.5, 0.9]


def _disclaimer_headings(pdf: bytes, plan: object) -> list[tuple[int, str]]:
    """(page, heading) of every disclaimer heading, found by extracting the text."""
    labels = plan.labels  # type: ignore[attr-defined]
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]
    return [
        (n, line.strip())
        for n, text in enumerate(pages)
        for line in text.splitlines()
        if line.strip() in (labels.disclaimer, labels.disclaimer_continued)
    ]


@pytest.mark.parametrize("name", ["handout", "handout large print", "handout A4"])
def test_the_disclaimer_is_whole_or_says_it_is_continued(name: str, documents) -> None:  # type: ignore[no-untyped-def]
    doc = documents[name]
    labels = doc.plan.labels
    headings = _disclaimer_headings(doc.pdf, doc.plan)
    # one block where a page has room for it; large print's cards leave no page room
    # for all of it, so it is in two pieces there at most, the second one saying so
    assert len(headings) <= (2 if doc.plan.large_print else 1), headings
    assert [h for _, h in headings] == [labels.disclaimer] + [labels.disclaimer_continued] * (
        len(headings) - 1
    )
    assert len({page for page, _ in headings}) == len(headings)  # a heading a page
    text = flat(_text(doc.pdf))
    for paragraph in doc.plan.brand.disclaimer:
        assert flat(paragraph) in text


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_disclaimer_longer_than_a_page_says_where_it_goes_on(language: str) -> None:
    plan = make_plan(options=Options(today=TODAY, language=language), notes=("Ice.",))
    long = tuple(f"{n}. {text}" for n in range(12) for text in plan.brand.disclaimer)
    plan = dataclasses.replace(plan, brand=dataclasses.replace(plan.brand, disclaimer=long))
    pdf = render_handout(plan)
    headings = _disclaimer_headings(pdf, plan)
    labels = plan.labels
    assert len(headings) >= 2
    assert [h for _, h in headings] == [labels.disclaimer] + [labels.disclaimer_continued] * (
        len(headings) - 1
    )
    if language == "de":
        assert headings[-1][1] == "Haftungsausschluss (Fortsetzung)"
    text = flat(_text(pdf))
    where = [text.index(flat(paragraph)) for paragraph in long]
    assert where == sorted(where)  # every paragraph, in order


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
