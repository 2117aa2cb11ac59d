"""Large print that fills its pages: a card shares the introduction's page in its dense
arrangement, a class-sheet card grows its pictures into a page it would leave short, and
a class sheet's title stays on one line."""

from __future__ import annotations

import importlib.util
import io
import sys

import pdfplumber
from pypdf import PdfReader
from reportlab.platypus import PageBreak, Spacer

from stretchplan.render.pack import Block, pack, pack_columns
from tests.conftest import ROOT, decode_qr_codes, flat


def _page_fill():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("page_fill", ROOT / "scripts" / "page_fill.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["page_fill"] = module
    spec.loader.exec_module(module)
    return module


page_fill = _page_fill()


def _block(height: float, name: str, **kwargs: object) -> Block:
    spacer = Spacer(1, height)
    spacer.name = name  # type: ignore[attr-defined]
    return Block((spacer,), height, 0.0, **kwargs)  # type: ignore[arg-type]


def _pages(story: list[object]) -> list[list[str]]:
    pages: list[list[str]] = [[]]
    for flowable in story:
        if isinstance(flowable, PageBreak):
            pages.append([])
        else:
            pages[-1].append(flowable.name)  # type: ignore[attr-defined]
    return pages


def test_a_card_takes_its_dense_arrangement_only_on_a_page_it_shares() -> None:
    intro = _block(70, "intro")
    card = _block(180, "roomy 1", dense=_block(130, "dense 1"))
    second = _block(180, "roomy 2", dense=_block(130, "dense 2"))
    story = pack([intro, card, second], [], {}, 300, 220, 220)
    assert story is not None
    # the introduction and the first card share page 1 (dense: 200 of 220); the second
    # card has its page to itself and keeps its roomier self (two dense cards: 260)
    assert _pages(story) == [["intro", "dense 1"], ["roomy 2"]]


def test_a_class_sheet_card_grows_into_a_page_it_would_leave_short() -> None:
    intro = _block(40, "intro")
    grown = (_block(120, "grown 1 a"), _block(150, "grown 1 b"), _block(190, "grown 1 c"))
    first = _block(90, "card 1", grown=grown)
    second = _block(110, "card 2", grown=(_block(140, "grown 2"),))
    third = _block(80, "card 3")
    story = pack_columns([intro, first, second, third], 1, 200, 200)
    assert story is not None
    # page 1 (intro and card 1: 130 of 200) is short: card 1 takes the tallest grown form
    # that fits (190 mm of pictures would overflow); page 2 is full enough as it is
    assert _pages(story) == [["intro", "grown 1 b"], ["card 2", "card 3"]]


def test_the_last_page_is_never_grown() -> None:
    story = pack_columns([_block(50, "card", grown=(_block(150, "grown"),))], 1, 200, 200)
    assert story is not None
    assert _pages(story) == [["card"]]


def _document(program: str, kind: str, size: str = "letter"):  # type: ignore[no-untyped-def]
    layout = page_fill.Layout("x", kind, program=program, large_print=True, page_size=size)
    return page_fill.document(layout)


def test_the_first_large_print_card_shares_the_introductions_page() -> None:
    doc = _document("runners-hip-mobility", "handout")
    pages = [flat(page.extract_text() or "") for page in PdfReader(io.BytesIO(doc.pdf)).pages]
    first = doc.plan.exercises[0]
    assert flat(doc.plan.labels.about) in pages[0]
    assert flat(first.name) in pages[0] and flat(first.steps[-1]) in pages[0]
    for caution in first.cautions:
        assert flat(caution) in pages[0]
    fills = page_fill.page_fill(doc.pdf)
    assert len(fills) <= 6 and all(fill >= page_fill.GOAL for fill in fills[:-1]), fills
    # the dense card's code, pictures and text still all there and scanning
    videos = sorted(e.link for e in doc.plan.exercises if e.link)
    assert sorted(decode_qr_codes(doc.pdf, dpi=150)) == videos


def test_a_grown_class_sheet_card_shows_every_frame_of_its_figure() -> None:
    doc = _document("desk-worker-reset", "class-sheet")
    first = doc.plan.exercises[0]
    labels = [frame.label for frame in first.figures if frame.label]
    assert len(first.figures) == 2 and labels, "the test needs a two-frame figure with labels"
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(doc.pdf)).pages]
    # the small picture beside the code shows the last frame only; grown, both, captioned
    for label in labels:
        assert label in pages[0]
    fills = page_fill.page_fill(doc.pdf)
    assert all(fill >= page_fill.GOAL for fill in fills[:-1]), fills


def test_a_class_sheets_title_stays_on_one_line() -> None:
    doc = _document("runners-hip-mobility", "class-sheet")
    title = doc.plan.title
    with pdfplumber.open(io.BytesIO(doc.pdf)) as pdf:
        for page in pdf.pages:
            lines = (page.extract_text() or "").splitlines()
            assert any(title in line for line in lines), lines[:4]
            size = max(c["size"] for c in page.chars if c["text"] == title[0])
            assert size >= 14  # smaller than a heading, still larger than large body text
