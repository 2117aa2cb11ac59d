"""Text files a user names (library, brand, client, disclaimer, roster): one way to read them.

Load stage. The bytes come from media.reading (a regular file, read no further than a
cap); the text is UTF-8 with or without a byte-order mark, or UTF-16 with one; a roster
may also be Windows (cp1252) text, as Excel saves it. Control characters are refused
here, naming line and column, before YAML or CSV ever sees them.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from stretchplan.errors import Problem, UserError, display_name
from stretchplan.media.reading import read_input

# What no text file of ours should hold: C0 and C1 controls but tab and line breaks,
# DEL, and the Unicode noncharacters (U+FFFE is a byte-order mark read the wrong way).
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
    + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(1, 17))
    + "]"
)
_NAMES = {0x00: "NUL", 0x09: "tab", 0x0C: "form feed", 0x1B: "escape", 0x7F: "delete"}

_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_text(path: Path, what: str, max_bytes: int, fallback: tuple[str, ...] = ()) -> str:
    """The text of a file the user named, or a UserError in plain words.

    `fallback` names further encodings to try when the bytes are not UTF-8 (a
    roster: "cp1252"). Line breaks stay as written; the text is not normalised.
    """
    data = read_input(path, what, max_bytes)
    text = decode(data, path, fallback)
    refuse_controls(text, path)
    return text


def decode(data: bytes, path: Path, fallback: tuple[str, ...] = ()) -> str:
    name = display_name(path)
    if data.startswith(_UTF32_BOMS):  # before UTF-16: FF FE 00 00 starts with FF FE
        raise UserError(Problem(_SAVE_AS.format(found="UTF-32 text"), file=name))
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].decode("utf-16", "replace").count("\n") + 1
            raise UserError(
                Problem(
                    "is damaged UTF-16 text (an odd byte or a broken pair)", file=name, line=line
                )
            ) from None
    if data.startswith(b"PK\x03\x04"):
        raise UserError(
            Problem(
                "is a ZIP archive (an Excel .xlsx or .ods spreadsheet, perhaps), not text; "
                "save it as CSV UTF-8 or YAML",
                file=name,
            )
        )
    if _looks_utf16(data):
        raise UserError(
            Problem(_SAVE_AS.format(found="UTF-16 text without a byte-order mark"), file=name)
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_error = exc
    for encoding in fallback:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    line = data[: first_error.start].count(b"\n") + 1
    if fallback:
        others = " nor ".join(_ENCODINGS.get(e, e) for e in fallback)
        message = f'is neither UTF-8 nor {others} text; save it again as UTF-8 ("CSV UTF-8")'
    else:
        message = "is not UTF-8 text; save it as UTF-8 and try again"
    raise UserError(Problem(message, file=name, line=line))


_ENCODINGS = {"cp1252": "Windows (cp1252)"}


_SAVE_AS = "is {found}; save it as UTF-8 (or UTF-16 with a byte-order mark) and try again"


def _looks_utf16(data: bytes) -> bool:
    """Mostly-ASCII UTF-16 text: zero bytes on every other position."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0) / len(even), odd.count(0) / len(odd)) > 0.3


def refuse_controls(text: str, path: Path) -> None:
    """Refuse the first control character in `text`, naming its line and column."""
    found = _CONTROL.search(text)
    if found is None:
        return
    at = found.start()
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    raise UserError(
        Problem(
            f"contains the invisible character {describe(found.group())}; "
            "delete it (it often comes along when text is copied from another program)",
            file=display_name(path),
            line=line,
            column=column,
        )
    )


def describe(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    name = _NAMES.get(ord(ch)) or unicodedata.name(ch, "").lower()
    return f"{code} ({name})" if name else code
