"""Register the brand's TrueType family once per process, and check coverage."""

from __future__ import annotations

import functools
import struct
import unicodedata
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from stretchplan.errors import Problem, UserError
from stretchplan.load.sources import bundled_root


@functools.cache
def _load(path: str) -> TTFont:
    name = f"SP-{len(_registered)}"
    try:
        font = TTFont(name, path)
    except (TTFError, OSError) as exc:
        raise UserError(Problem(f"cannot use this font file: {exc}", file=path)) from None
    except (KeyError, IndexError, ValueError, struct.error):
        # reportlab's table reader fails this way on a damaged file (a missing 'name' table ...)
        raise UserError(
            Problem("cannot use this font file: it is damaged or not a TrueType font", file=path)
        ) from None
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


@functools.lru_cache(maxsize=8192)  # a batch prints the same library text on every page
def glyph_problem(text: str, font_paths: tuple[str, ...]) -> str | None:
    """Why `text` cannot be printed in these fonts, naming the characters and a font that
    would draw them; None when every face covers every character."""
    for path in font_paths:
        missing = missing_glyphs(text, path)
        if missing:
            shown = ", ".join(describe_char(ch) for ch in missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            return (
                f"the font {font_label(path)} cannot draw {shown}{more}; "
                f"{font_hint(missing, path)}, or replace the character"
            )
    return None


def describe_char(ch: str) -> str:
    """'"ę" (U+0119 LATIN SMALL LETTER E WITH OGONEK)'; invisible ones by name alone."""
    name = unicodedata.name(ch, "")
    code = f"U+{ord(ch):04X}{' ' + name if name else ''}"
    if unicodedata.category(ch) in ("Cf", "Cc", "Co", "Cn", "Zs", "Mn", "Me"):
        return code
    return f'"{ch}" ({code})'


# Scripts whose Noto family is named after the script itself ("Noto Sans Thai").
_SCRIPTS = {
    "ARABIC", "ARMENIAN", "BENGALI", "CHEROKEE", "DEVANAGARI", "ETHIOPIC", "GEORGIAN",
    "GUJARATI", "GURMUKHI", "HEBREW", "KANNADA", "KHMER", "LAO", "MALAYALAM", "MONGOLIAN",
    "MYANMAR", "ORIYA", "SINHALA", "SYRIAC", "TAMIL", "TELUGU", "THAANA", "THAI", "TIBETAN",
}  # fmt: skip
_EAST_ASIAN = {"CJK": "SC", "HIRAGANA": "JP", "KATAKANA": "JP", "HANGUL": "KR", "BOPOMOFO": "TC"}


def font_hint(missing: list[str], font_path: str) -> str:
    """Name a font that would draw the missing characters."""
    bundled = bundled_root() / "templates" / "fonts" / "NotoSans-Regular.ttf"
    if Path(font_path).resolve() != bundled.resolve() and not missing_glyphs(
        "".join(missing), str(bundled)
    ):
        return "Noto Sans, which comes with stretchplan (templates/fonts), can draw it"
    word = unicodedata.name(missing[0], "").split(" ")[0]
    if word in _SCRIPTS:
        return f"use a font made for {word.title()} text, e.g. Noto Sans {word.title()}"
    if word in _EAST_ASIAN:
        return f"use a font made for East Asian text, e.g. Noto Sans {_EAST_ASIAN[word]}"
    if unicodedata.category(missing[0]) == "So":
        return "emoji and pictographs need a font such as Noto Emoji"
    return "use a font that covers it (the Noto family covers most of Unicode)"
