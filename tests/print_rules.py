"""The print rules, checked on a finished PDF with pdfplumber.

Written independently of stretchplan's theme (its own contrast maths, its own
idea of fine print), so a mistake in the theme cannot excuse itself.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pdfplumber

from stretchplan.plan import Plan
from tests.conftest import flat

MM = 72 / 25.4
EDGE = 12 * MM


def fine_print(plan: Plan, pages: int) -> str:
    """Everything allowed below 10 pt: footer, disclaimer, the URLs under the QR codes."""
    parts = [plan.brand.contact_line, plan.labels.consult, plan.labels.disclaimer]
    parts += [plan.labels.page_of.format(n=n, m=pages) for n in range(1, pages + 1)]
    # as paragraphs under a title (handout), or run on after "Disclaimer:" (class sheet)
    parts += [
        *plan.brand.disclaimer,
        f"{plan.labels.labelled(plan.labels.disclaimer)} {' '.join(plan.brand.disclaimer)}",
    ]
    parts += [e.link_text for e in plan.exercises if e.link_text]
    parts += [plan.fallback_notice] if plan.fallback_notice else []
    return "\n".join(flat(part) for part in parts)


def open_pdf(pdf: bytes) -> pdfplumber.PDF:
    """Parse once, check many times: pdfplumber keeps each page's objects after the first look."""
    return pdfplumber.open(io.BytesIO(pdf))


def rule_breaks(doc: pdfplumber.PDF, plan: Plan) -> list[str]:
    """Every way the pages break the print rules; empty when they keep them all."""
    large = plan.large_print
    smallest = 10 if large else 7
    problems: list[str] = []
    allowed = fine_print(plan, len(doc.pages))
    for number, page in enumerate(doc.pages, start=1):
        where = f"page {number}"
        ink = page.chars + page.rects + page.lines + page.images + page.curves
        if not ink:
            problems.append(f"{where} is empty")
        for obj in ink:
            if (
                obj["x0"] < EDGE - 0.01
                or obj["top"] < EDGE - 0.01
                or obj["x1"] > page.width - EDGE + 0.01
                or obj["bottom"] > page.height - EDGE + 0.01
            ):
                problems.append(f"{where}: {obj['object_type']} within 12 mm of the edge")
        for ch in page.chars:
            if ch["size"] < smallest - 0.01:
                problems.append(f"{where}: {ch['text']!r} at {ch['size']:.1f} pt")
        for run in small_runs(page.chars):
            if flat(run) not in allowed:
                problems.append(f"{where}: {run!r} is under 10 pt but is not fine print")
        problems += [f"{where}: {p}" for p in contrast_breaks(page)]
    return problems


def small_runs(chars: list[dict[str, Any]]) -> Iterator[str]:
    """Text under 10 pt, as runs of neighbouring characters on one line."""
    run: list[dict[str, Any]] = []
    for ch in chars:
        if ch["size"] >= 10 - 0.01:
            continue
        if run and (
            abs(ch["top"] - run[-1]["top"]) > 1 or ch["x0"] - run[-1]["x1"] > 2 * ch["size"]
        ):
            yield "".join(c["text"] for c in run)
            run = []
        run.append(ch)
    if run:
        yield "".join(c["text"] for c in run)


def contrast_breaks(page: Any) -> list[str]:
    """Text below 4.5:1 against what is drawn under it, in colour or printed grey."""
    fills = [r for r in page.rects if r.get("fill")]
    seen: set[tuple[tuple[float, ...], tuple[float, ...]]] = set()
    problems = []
    for ch in page.chars:
        if not ch["text"].strip():
            continue
        x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        under = [r for r in fills if r["x0"] <= x <= r["x1"] and r["top"] <= y <= r["bottom"]]
        background = rgb(under[-1]["non_stroking_color"]) if under else (1.0, 1.0, 1.0)
        text = rgb(ch["non_stroking_color"])
        if (text, background) in seen:
            continue
        seen.add((text, background))
        for label, a, b in (
            ("colour", text, background),
            ("grey", grey(text), grey(background)),
        ):
            if contrast(a, b) < 4.5:
                problems.append(
                    f"{ch['text']!r} {text} on {background}: {contrast(a, b):.2f}:1 in {label}"
                )
    return problems


def rgb(color: Any) -> tuple[float, float, float]:
    if color is None:
        return (0.0, 0.0, 0.0)
    values = tuple(float(v) for v in color)
    if len(values) == 1:
        return (values[0],) * 3  # type: ignore[return-value]
    if len(values) == 4:  # CMYK
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return values[:3]  # type: ignore[return-value]


def grey(color: tuple[float, float, float]) -> tuple[float, float, float]:
    level = 0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2]
    return (level, level, level)


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    def luminance(c: tuple[float, float, float]) -> float:
        lin = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def sizes_of(doc: pdfplumber.PDF, texts: list[str]) -> dict[str, list[float]]:
    """Font sizes of the characters where each text (its first words) is printed."""
    found: dict[str, list[float]] = {text: [] for text in texts}
    for page in doc.pages:
        for text in texts:
            start = " ".join(text.split()[:3])
            for match in page.search(start, regex=False, return_chars=True):
                found[text] += [c["size"] for c in match["chars"]]
    return found
