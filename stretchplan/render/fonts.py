"""Register the brand's TrueType family once per process, and check coverage."""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from stretchplan.errors import Problem, UserError


@functools.cache
def _load(path: str) -> TTFont:
    name = f"SP-{len(_registered)}"
    try:
        font = TTFont(name, path)
    except (TTFError, OSError) as exc:
        raise UserError(Problem(f"cannot use this font file: {exc}", file=path)) from None
    pdfmetrics.registerFont(font)
    _registered.append(name)
    return font


_registered: list[str] = []


@functools.cache
def register_family(regular: str, bold: str, italic: str) -> tuple[str, str, str]:
    """Register the three faces; returns their reportlab names (regular, bold, italic)."""
    names = tuple(_load(path).fontName for path in (regular, bold, italic))
    reg, bld, ita = names
    # <b> and <i> inside a Paragraph pick these faces; bold-italic falls back to bold.
    addMapping(reg, 0, 0, reg)
    addMapping(reg, 1, 0, bld)
    addMapping(reg, 0, 1, ita)
    addMapping(reg, 1, 1, bld)
    return reg, bld, ita


def missing_glyphs(text: str, font_path: str) -> list[str]:
    """Characters of `text` that the font cannot draw (spaces and line breaks aside)."""
    cmap = _load(font_path).face.charToGlyph
    seen: list[str] = []
    for ch in text:
        if ord(ch) not in cmap and not ch.isspace() and ch not in seen:
            seen.append(ch)
    return seen


def font_label(path: str) -> str:
    return Path(path).name
