"""The client handout layout: header, introduction, exercise blocks, notes, disclaimer."""

from __future__ import annotations

import io

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Spacer,
)

from stretchplan import __version__
from stretchplan.media.pages import page_count
from stretchplan.plan import Plan
from stretchplan.render.card import exercise_block
from stretchplan.render.fit import name_line
from stretchplan.render.markup import escape
from stretchplan.render.pack import Block, HeadingMaker, measure, pack, planned_pages
from stretchplan.render.page import Furniture, RightLine, check_glyphs, numbered_canvas
from stretchplan.render.renderer import Renderer
from stretchplan.render.settled import SettledTable
from stretchplan.render.text import bullets, keep_with_next, para, section_heading, table_style
from stretchplan.render.theme import Theme, theme_for, tint
from stretchplan.render.tracker import tracker
from stretchplan.seal import PLACEHOLDER, seal

SMALLEST_TEXT = 10.0  # the header is not fine print: the body's smallest size holds


def render_handout(plan: Plan, renderer: Renderer) -> bytes:
    """The client's handout as PDF bytes. Same plan, same bytes."""
    theme = theme_for(plan, renderer)
    check_glyphs(plan, theme)
    labels = plan.labels
    title = escape(plan.title)
    right = theme.style("header-right")
    big = theme.style(
        "header-right",
        fontName=theme.bold,
        textColor=theme.heading_color,
        fontSize=theme.sizes.title * 0.8,
        leading=theme.sizes.title * 0.95,
    )
    small = theme.style("header-right", fontName=theme.bold, textColor=theme.heading_color)
    floor = min(right.fontSize, SMALLEST_TEXT)

    def prepared(one_line: bool) -> RightLine:
        before, after = f"{labels.prepared_for} ", f" · {plan.date_text}"
        return name_line(before, plan.client_name or "", after, right, theme.bold, floor, one_line)

    first = Furniture(plan, theme, [(big, title), prepared(one_line=False)])
    later = Furniture(plan, theme, [(small, title), prepared(one_line=True)], compact=True)
    story = handout_story(plan, theme, first, later)
    pdf = build_document(plan, theme, first, later, story)
    if page_count(pdf) != planned_pages(story):
        # The layout disagreed with the measures it was packed by (a page broke
        # early): reportlab's own breaks rather than a page left nearly empty.
        story = handout_story(plan, theme, first, later, packed=False)
        pdf = build_document(plan, theme, first, later, story)
    return pdf


def build_document(
    plan: Plan,
    theme: Theme,
    first: Furniture,
    later: Furniture,
    story: list[Flowable],
    columns: int = 1,
    gutter: float = 0.0,
) -> bytes:
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=theme.page,
        title=plan.title,
        author=plan.brand.business,
        subject=f"{plan.labels.prepared_for} {plan.client_name}" if plan.client_name else "",
        creator=f"stretchplan {__version__}",
        keywords=PLACEHOLDER,  # filled in below: see stretchplan.seal
        invariant=1,
        # reportlab otherwise declares an unembedded Helvetica on every page
        initialFontName=theme.regular,
        leftMargin=theme.margin_x,
        rightMargin=theme.margin_x,
        topMargin=theme.margin_top,
        bottomMargin=theme.margin_bottom,
    )
    templates = []
    column_w = (theme.width - gutter * (columns - 1)) / columns
    for name, furniture in (("first", first), ("later", later)):
        frames = [
            Frame(
                theme.margin_x + n * (column_w + gutter),
                furniture.body_bottom,
                column_w,
                furniture.body_top - furniture.body_bottom,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
                id=f"{name}-{n}",
            )
            for n in range(columns)
        ]
        templates.append(PageTemplate(id=name, frames=frames, onPage=furniture.draw))
    doc.addPageTemplates(templates)
    ascii85 = rl_config.useA85
    rl_config.useA85 = 0  # ASCII85 makes files a quarter larger and slower to write
    try:
        doc.build([NextPageTemplate("later"), *story], canvasmaker=numbered_canvas(later))
    finally:
        rl_config.useA85 = ascii85
    return seal(buffer.getvalue())


def handout_story(
    plan: Plan, theme: Theme, first: Furniture, later: Furniture, packed: bool = True
) -> list[Flowable]:
    """The handout's story, its page breaks chosen so that pages come out full."""
    frame_h = later.body_top - later.body_bottom
    fixed, floating, makers = _blocks(plan, theme, frame_h)
    first_h = first.body_top - first.body_bottom
    story = pack(fixed, floating, makers, theme.width, first_h, frame_h) if packed else None
    if story is not None:
        return story
    # A card too long for a page flows: reportlab's own breaks, in reading order.
    story = [f for block in fixed for f in block.flowables]
    group = None
    for block in floating:
        if block.group != group:
            group = block.group
            story += makers[group](False)
        story += block.flowables
    return story


def _blocks(
    plan: Plan, theme: Theme, frame_h: float
) -> tuple[list[Block], list[Block], dict[str, HeadingMaker]]:
    """The handout as fixed blocks (in order, whole) and floating ones (see `pack`)."""
    labels = plan.labels
    width = theme.width
    intro: list[Flowable] = []
    facts = (
        [f"<b>{escape(labels.labelled(labels.how_often))}</b> {escape(plan.frequency)}"]
        if plan.frequency
        else []
    )
    facts.append(f"<b>{escape(plan.mode_text)}</b>")
    intro.append(para("", theme.style("subtitle"), " · ".join(facts)))
    if plan.fallback_notice:
        intro.append(para(plan.fallback_notice, theme.style("fine", fontName=theme.italic)))
    if plan.intro:
        intro += [
            para(labels.about, theme.style("heading", spaceBefore=0)),
            para(plan.intro, theme.style("intro")),
        ]
    if plan.goals:
        intro += [para(labels.goals, theme.style("subheading")), bullets(plan.goals, theme)]
    if plan.trainer_notes:
        intro.append(_callout(labels.trainer_notes, plan.trainer_notes, theme))
    fixed = [measure(intro, width)]
    for section in plan.sections:
        blocks = [f for item in section.items for f in exercise_block(item, theme, labels, frame_h)]
        fixed += [
            measure([f], width)
            for f in keep_with_next(section_heading(section.title, theme), blocks)
        ]
    if plan.tracker_weeks:
        fixed.append(measure([tracker(plan.tracker_weeks, theme, labels)], width))

    floating = [measure([bullets((note,), theme)], width, "notes") for note in plan.program_notes]

    def notes_heading(continued: bool) -> list[Flowable]:
        return [section_heading(labels.program_notes, theme)]

    def disclaimer_heading(continued: bool) -> list[Flowable]:
        title = theme.style("fine", fontName=theme.bold, spaceAfter=2, spaceBefore=4 * mm)
        return [para(labels.disclaimer_continued if continued else labels.disclaimer, title)]

    fine = theme.style("fine", spaceAfter=2, allowWidows=0)
    # A paragraph at a time: `pack` keeps it in one piece unless a page would fall short.
    floating += [measure([para(text, fine)], width, "disclaimer") for text in plan.brand.disclaimer]
    return fixed, floating, {"notes": notes_heading, "disclaimer": disclaimer_heading}


def _callout(title: str, lines: tuple[str, ...], theme: Theme) -> Flowable:
    """A tinted box for the trainer's own words, with a bar that survives grey printing.

    One row per paragraph, and a paragraph taller than a third of a page cut into
    pieces of whole lines, so a long note runs on to the next page (the box with it)
    instead of being a cell too tall for any page."""
    pad_left, pad_right = 4 * mm, 6  # 6 points: reportlab's own cell padding
    width = theme.width - pad_left - pad_right
    piece = theme.page[1] / 3
    paragraphs = [
        para(title, theme.style("subheading", spaceBefore=0)),
        *[para(line, theme.style("body")) for line in lines],
    ]
    rows = [[part] for paragraph in paragraphs for part in _pieces(paragraph, width, piece)]
    box = SettledTable(rows, colWidths=[theme.width])
    box.setStyle(
        table_style(
            theme,
            ("BACKGROUND", (0, 0), (-1, -1), tint(theme.accent, 0.15)),
            ("LINEBEFORE", (0, 0), (0, -1), 3, theme.accent),
            ("LEFTPADDING", (0, 0), (-1, -1), pad_left),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad_right),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, 0), 2.5 * mm),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 3 * mm),
        )
    )
    return KeepTogether([Spacer(1, 2 * mm), box, Spacer(1, 2 * mm)])


def _pieces(paragraph: Flowable, width: float, most: float) -> list[Flowable]:
    """`paragraph` as pieces of whole lines, none taller than `most`."""
    pieces = []
    rest = paragraph
    while rest.wrap(width, most)[1] > most:
        parts = rest.split(width, most)
        if len(parts) < 2:
            break  # one line taller than `most`: nothing to cut
        pieces.append(parts[0])
        rest = parts[1]
    return [*pieces, rest]


def disclaimer_block(plan: Plan, theme: Theme) -> Flowable:
    """The disclaimer in full, kept in one piece."""
    return KeepTogether(disclaimer_flow(plan, theme))


def disclaimer_flow(plan: Plan, theme: Theme) -> list[Flowable]:
    """The disclaimer in full; at the end of a handout it may run on to the next page
    rather than leave a gap, its title never alone."""
    fine = theme.style("fine", spaceAfter=2, allowWidows=0)  # no last line alone overleaf
    title = para(plan.labels.disclaimer, theme.style("fine", fontName=theme.bold, spaceAfter=2))
    return keep_with_next(title, [para(text, fine) for text in plan.brand.disclaimer])
