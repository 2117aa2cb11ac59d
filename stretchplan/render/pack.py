"""Render stage: deciding where pages break, with lookahead, so pages come out full.

reportlab fills a page greedily: a card that does not fit starts the next page
and leaves a gap behind it. Here every block is measured first and the breaks
are chosen for the whole document at once:

- the *fixed* blocks (the introduction, the cards with their headings, the
  tracker) keep their order and are never split;
- the *floating* blocks (the "Good to know" notes, the disclaimer's paragraphs)
  keep their order among themselves but may fill the foot of an earlier page,
  under the heading of their group.

Among the ways to break, the fewest pages win, then the fewest pages under the
fill goal (and the least short of it), then the fewest groups split over two pages
(a disclaimer stays in one piece unless a page would fall short), then the fewest
floating blocks moved ahead of the cards. The last page may be as short as it
likes. The result is a story with explicit breaks.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, FrameBreak, KeepTogether, PageBreak

GOAL = 0.80  # every page but the last at least this full
# Planned a little over the goal: a page's last line ends above its measured foot (the
# space after a paragraph is no ink), and the page is judged by its ink.
PLANNED = GOAL + 0.015
SLACK = 0.5  # points kept free at a page's foot: measuring and laying out may differ slightly


@dataclass(frozen=True)
class Block:
    flowables: tuple[Flowable, ...]
    height: float  # its height in the middle of a page, the spaces before and after included
    top: float  # the space before it, dropped when it starts a page
    group: str = ""  # floating blocks: whose heading they come under
    # The space after it: dropped at a page's foot, and shared with the next block's
    # space before (reportlab's frames overlap the two, the larger one counts).
    bottom: float = 0.0


def measure(flowables: Sequence[Flowable], width: float, group: str = "") -> Block:
    canvas = Canvas(io.BytesIO())
    height, top, after = 0.0, 0.0, None
    for flowable in flowables:
        inner = flowable._content if isinstance(flowable, KeepTogether) else [flowable]
        for part in inner:
            _, h = part.wrapOn(canvas, width, 100_000)
            before = part.getSpaceBefore()
            if after is None:
                top = before
            height += before if after is None else max(before - after, 0.0)
            after = part.getSpaceAfter()
            height += h + after
    return Block(tuple(flowables), height, top, group, after or 0.0)


def _tallest(block: Block) -> float:
    return block.height


def _joined(used: float, tail: float, block: Block, first: bool) -> float:
    """The height of a page's blocks so far (`tail` the space after the last of them)
    with `block` under them: its space before dropped at the page's top, else
    overlapping the space after the block above."""
    return used + block.height - (block.top if first else min(tail, block.top))


def planned_pages(story: Sequence[Flowable]) -> int:
    """How many pages a packed story was planned to fill."""
    return 1 + sum(isinstance(f, PageBreak) for f in story)


@dataclass(frozen=True)
class _Page:
    fixed: int  # how many fixed blocks
    floating: int  # how many floating blocks after them


HeadingMaker = Callable[[bool], list[Flowable]]  # given whether the group is continued


def pack(
    fixed: Sequence[Block],
    floating: Sequence[Block],
    makers: dict[str, HeadingMaker],
    width: float,
    first_height: float,
    later_height: float,
) -> list[Flowable] | None:
    """The story with its page breaks, or None when a block is taller than a page
    (the caller then lets reportlab flow it). `makers` make a floating group's
    heading, once for each page the group starts on (saying so when it started on
    an earlier page)."""
    headings = {
        group: max((measure(make(again), width) for again in (False, True)), key=_tallest)
        for group, make in makers.items()
    }
    tallest = max((b.height - b.top - b.bottom for b in (*fixed, *floating)), default=0.0)
    if tallest > min(first_height, later_height) - SLACK:
        return None
    n, m = len(fixed), len(floating)

    @functools.cache
    def best(i: int, j: int) -> tuple[tuple[int, int, float, int, int], tuple[_Page, ...]]:
        if i == n and j == m:
            return (0, 0, 0.0, 0, 0), ()
        room = (first_height if i == 0 and j == 0 else later_height) - SLACK
        options: list[tuple[tuple[int, int, float, int, int], tuple[_Page, ...]]] = []
        for a, b, foot in _fillings(fixed, floating, headings, i, j, room):
            last = i + a == n and j + b == m
            goal = PLANNED * (room + SLACK)
            short = 0 if last or foot >= goal else 1
            gap = short * (goal - foot)  # when a page must be short, the least short
            # a group that began on an earlier page goes on here, under "continued"
            split = 1 if b and j > 0 and floating[j - 1].group == floating[j].group else 0
            moved = b if i + a < n else 0
            (pages, shorts, gaps, splits, moves), rest = best(i + a, j + b)
            cost = (pages + 1, shorts + short, round(gaps + gap, 1), splits + split, moves + moved)
            options.append((cost, (_Page(a, b), *rest)))
        return min(options, key=lambda option: option[0])

    _, pages = best(0, 0)
    story: list[Flowable] = []
    i = j = 0
    started: set[str] = set()
    for number, page in enumerate(pages):
        if number:
            story.append(PageBreak())
        for block in fixed[i : i + page.fixed]:
            story += block.flowables
        group = None
        for block in floating[j : j + page.floating]:
            if block.group != group:
                group = block.group
                if group in makers:
                    story += makers[group](group in started)
                started.add(group)
            story += block.flowables
        i, j = i + page.fixed, j + page.floating
    return story


def _fillings(
    fixed: Sequence[Block],
    floating: Sequence[Block],
    headings: dict[str, Block],
    i: int,
    j: int,
    room: float,
) -> Iterator[tuple[int, int, float]]:
    """Every way to fill a page from fixed block i and floating block j: (fixed blocks
    taken, floating blocks taken, how far down the page they reach)."""
    n, m = len(fixed), len(floating)
    fixed_used = fixed_tail = 0.0
    for a in range(n - i + 1):
        if a:
            block = fixed[i + a - 1]
            fixed_used, fixed_tail = _joined(fixed_used, fixed_tail, block, a == 1), block.bottom
            if fixed_used - fixed_tail > room:
                return
        used, tail, group = fixed_used, fixed_tail, None
        for b in range(m - j + 1):
            if b:
                block = floating[j + b - 1]
                if block.group != group:
                    group = block.group
                    if group in headings:
                        heading = headings[group]
                        used, tail = _joined(used, tail, heading, a + b == 1), heading.bottom
                first = a + b == 1 and group not in headings
                used, tail = _joined(used, tail, block, first), block.bottom
            if a + b == 0:
                continue
            foot = used - tail  # no space is needed under a page's last block
            if foot > room:
                break
            if i + a == n and j + b < m:
                after = floating[j + b]
                if _joined(used, tail, after, False) - after.bottom <= room:
                    continue  # at the end, floating text runs on: no gap before it
            yield a, b, foot


def pack_columns(
    blocks: Sequence[Block], columns: int, first_height: float, later_height: float
) -> list[Flowable] | None:
    """Blocks in order down `columns` columns a page, with the column breaks chosen so
    that each page but the last reaches the goal in at least one column.

    The fewest pages win, then the least shortfall of the pages under the goal (none
    when every page reaches it; else the pages that must be short as full as they
    can be), then the fewest such pages, then the evenest columns. None when a block
    is taller than a column (the caller lets reportlab flow it).
    """
    if max((b.height - b.top - b.bottom for b in blocks), default=0.0) > later_height - SLACK:
        return None
    n = len(blocks)

    def column(i: int, room: float) -> list[tuple[int, float]]:
        """Every way to fill one column from block i: (blocks taken, height used)."""
        out, used, tail = [(0, 0.0)], 0.0, 0.0
        for a in range(1, n - i + 1):
            block = blocks[i + a - 1]
            used, tail = _joined(used, tail, block, a == 1), block.bottom
            if used - tail > room:
                break
            out.append((a, used - tail))
        return out

    @functools.cache
    def best(
        i: int, first: bool
    ) -> tuple[tuple[int, float, int, float], tuple[tuple[int, ...], ...]]:
        if i == n:
            return (0, 0.0, 0, 0.0), ()
        room = (first_height if first else later_height) - SLACK
        goal = PLANNED * (room + SLACK)
        options = []
        for takes in _pages_from(i, columns, room, column):
            taken = sum(a for a, _ in takes)
            if taken == 0:
                continue
            fullest = max(used for _, used in takes)
            last = i + taken == n
            short = 0 if last or fullest >= goal else 1
            # How short, when a page must be short: squared, so that two pages half full
            # beat one nearly empty (a class sheet's intro alone on its page).
            gap = short * ((goal - fullest) / room) ** 2
            # An empty column is paper wasted as surely as an empty page foot: between
            # equal page counts, the evener columns win.
            empty = 0.0 if last else sum((1 - used / room) ** 2 for _, used in takes)
            (pages, gaps, shorts, emptiness), rest = best(i + taken, False)
            cost = (pages + 1, round(gaps + gap, 4), shorts + short, round(emptiness + empty, 3))
            options.append((cost, (tuple(a for a, _ in takes), *rest)))
        return min(options, key=lambda option: option[0])

    _, pages = best(0, True)
    story: list[Flowable] = []
    i = 0
    for number, page in enumerate(pages):
        if number:
            story.append(PageBreak())
        for c, taken in enumerate(page):
            if c and taken:
                story.append(FrameBreak())
            for block in blocks[i : i + taken]:
                story += block.flowables
            i += taken
    return story


def _pages_from(
    i: int, columns: int, room: float, column: Callable[[int, float], list[tuple[int, float]]]
) -> list[list[tuple[int, float]]]:
    """Every way to fill the columns of one page from block i, a column at a time."""
    if columns == 0:
        return [[]]
    out = []
    for a, used in column(i, room):
        for rest in _pages_from(i + a, columns - 1, room, column):
            if a == 0 and any(t for t, _ in rest):
                continue  # no empty column before a full one
            out.append([(a, used), *rest])
    return out
