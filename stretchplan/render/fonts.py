"""The brand's TrueType fonts: registered with reportlab once per file, and checked for
the characters a handout prints."""

from __future__ import annotations

import hashlib
import struct
import unicodedata
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from stretchplan.bundled import bundled_root
from stretchplan.errors import Problem, UserError
from stretchplan.media.probe import MAX_FONT_BYTES
from stretchplan.media.reading import RefusedFile, bounded_bytes
from stretchplan.render.font_store import remembered_font
from stretchplan.render.memo import Bounded


class FontBook:
    """The brand fonts one Renderer has registered with reportlab, and what they cover.

    reportlab keeps registered fonts in its own process-wide table; a face is
    registered under a name taken from its file's content, so the same file always
    gets the same name (and the same bytes in the PDF) whichever book registers it.
    With a `folder`, each face's parsed tables are remembered there (font_store), so
    a new process does not read them from the font again.
    """

    def __init__(self, folder: Path | None = None, memory: int = 8192) -> None:
        self.folder = folder
        self._fonts: dict[str, TTFont] = {}
        self._glyphs = Bounded(memory)  # a batch prints the same library text on every page

    def load(self, path: str) -> TTFont:
        font = self._fonts.get(path)
        if font is None:
            font = self._fonts[path] = _register(path, self.folder)
        return font

    def family(self, regular: str, bold: str, italic: str) -> tuple[str, str, str]:
        """Register the three faces; returns their reportlab names (regular, bold, italic)."""
        reg, bld, ita = (self.load(path).fontName for path in (regular, bold, italic))
        # <b> and <i> inside a Paragraph pick these faces; bold-italic falls back to bold.
        addMapping(reg, 0, 0, reg)
        addMapping(reg, 1, 0, bld)
        addMapping(reg, 0, 1, ita)
        addMapping(reg, 1, 1, bld)
        return reg, bld, ita

    def missing_glyphs(self, text: str, font_path: str) -> list[str]:
        """Characters of `text` that the font cannot draw (spaces and line breaks aside)."""
        cmap = self.load(font_path).face.charToGlyph
        seen: list[str] = []
        for ch in text:
            if ord(ch) not in cmap and not ch.isspace() and ch not in seen:
                seen.append(ch)
        return seen

    def glyph_problem(self, text: str, font_paths: tuple[str, ...]) -> str | None:
        """Why `text` cannot be printed in these fonts, naming the characters and a font
        that would draw them; None when every face covers every character."""
        return self._glyphs.get((text, font_paths), lambda: self._glyph_problem(text, font_paths))

    def _glyph_problem(self, text: str, font_paths: tuple[str, ...]) -> str | None:
        for path in font_paths:
            missing = self.missing_glyphs(text, path)
            if missing:
                shown = ", ".join(describe_char(ch) for ch in missing[:5])
                more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
                return (
                    f"the font {font_label(path)} cannot draw {shown}{more}; "
                    f"{self.font_hint(missing, path)}, or replace the character"
                )
        return None

    def font_hint(self, missing: list[str], font_path: str) -> str:
        """Name a font that would draw the missing characters."""
        bundled = bundled_root() / "templates" / "fonts" / "NotoSans-Regular.ttf"
        if Path(font_path).resolve() != bundled.resolve() and not self.missing_glyphs(
            "".join(missing), str(bundled)
        ):
            return "Noto Sans, which comes with stretchplan (templates/fonts), can draw it"
        return font_hint(missing)

    def clear(self) -> None:
        self._fonts.clear()
        self._glyphs.clear()


def _register(path: str, folder: Path | None) -> TTFont:
    try:
        data = bounded_bytes(path, "font file", MAX_FONT_BYTES)
    except RefusedFile as exc:
        raise UserError(Problem(f"cannot use this font file: {exc.reason}", file=path)) from None
    digest = hashlib.sha256(data).hexdigest()
    name = "SP-" + digest[:12]
    if name in pdfmetrics.getRegisteredFontNames():
        # (Asking getFont for a name it lacks would make reportlab parse every AFM it has.)
        known = pdfmetrics.getFont(name)
        if isinstance(known, TTFont):
            return known
    try:
        font = remembered_font(name, data, path, digest, folder)
    except (TTFError, OSError) as exc:
        raise UserError(Problem(f"cannot use this font file: {exc}", file=path)) from None
    except (KeyError, IndexError, ValueError, struct.error):
        # reportlab's table reader fails this way on a damaged file (a missing 'name' table ...)
        raise UserError(
            Problem("cannot use this font file: it is damaged or not a TrueType font", file=path)
        ) from None
    pdfmetrics.registerFont(font)
    return font


def font_label(path: str) -> str:
    return Path(path).name


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


def font_hint(missing: list[str]) -> str:
    """Name a kind of font that would draw the missing characters."""
    word = unicodedata.name(missing[0], "").split(" ")[0]
    if word in _SCRIPTS:
        return f"use a font made for {word.title()} text, e.g. Noto Sans {word.title()}"
    if word in _EAST_ASIAN:
        return f"use a font made for East Asian text, e.g. Noto Sans {_EAST_ASIAN[word]}"
    if unicodedata.category(missing[0]) == "So":
        return "emoji and pictographs need a font such as Noto Emoji"
    return "use a font that covers it (the Noto family covers most of Unicode)"
