"""A TrueType face's parsed tables, remembered in the renderer's cache folder.

reportlab reads a font's character map, widths and glyph offsets in Python, one
glyph at a time: about 8 ms for each Noto face, three faces per brand, on every
new process. What that reading produces is plain data (numbers, lists, the
font's names), so it is kept here as JSON, never pickle, in a file named by the
font's SHA-256, its file name and reportlab's version. A file also carries the
SHA-256 of its own text: a damaged one is read as missing, and the face parsed
and stored again.

An entry is written only after a face rebuilt from it was found equal, attribute
by attribute, to the one reportlab parsed; so a reportlab whose objects are made
differently never uses what this module would rebuild, it just parses each time.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import itertools
import json
import sys
from array import array
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace, TTFontParser

from stretchplan.deliver.files import write_cache_entry
from stretchplan.media.reading import RefusedFile, bounded_bytes

FORMAT = "stretchplan font tables 1"
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # a 20 MiB CJK face's tables stay well under this


class Named(io.BytesIO):
    """A font's bytes as read once, bounded, under the file's name for reportlab's messages."""

    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name


def parsed_font(name: str, data: bytes, path: str) -> TTFont:
    return TTFont(name, Named(data, path))


def remembered_font(name: str, data: bytes, path: str, digest: str, folder: Path | None) -> TTFont:
    """The face registered as `name`: rebuilt from `folder` when it holds this font's
    tables, else parsed by reportlab (and its tables stored there for next time)."""
    if folder is None:
        return parsed_font(name, data, path)
    entry = folder / f"{_key(digest, path)}.json"
    tables = _read(entry)
    if tables is not None:
        with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
            return _rebuilt(name, data, path, tables)
    font = parsed_font(name, data, path)
    with contextlib.suppress(OSError):  # a folder we cannot write: parse again next time
        _remember(entry, font, data, path)
    return font


def _key(digest: str, path: str) -> str:
    # The file name matters to reportlab when a font forbids subsetting (allowTTFSubsetting).
    allowed = rl_config.allowTTFSubsetting
    about = f"{FORMAT}|{sys.byteorder}|{reportlab.Version}|{allowed}|{Path(path).name}|{digest}"
    return hashlib.sha256(about.encode()).hexdigest()[:40]


# ---- rebuilding a face without reading its tables


def _bare_face(data: bytes, path: str) -> TTFontFace:
    """A face as TTFontFace.__init__ makes it up to its table reading (extractInfo)."""
    face = TTFontFace.__new__(TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    TTFontParser.__init__(face, Named(data, path))
    return face


def _rebuilt(name: str, data: bytes, path: str, tables: dict[str, Any]) -> TTFont:
    face = _bare_face(data, path)
    vars(face).update(tables)
    face._pdfScale = _scale(face.unitsPerEm)
    # What TTFont.__init__ does once it has its face.
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in ttfonts.unShapedFontGlob or ())
    return font


def _scale(units_per_em: int) -> Callable[[float], float]:
    """reportlab's font-units-to-thousandths conversion, as extractInfo makes it."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _extracted(font: TTFont, data: bytes, path: str) -> dict[str, Any]:
    """What reading the tables added to or changed on the face."""
    bare = vars(_bare_face(data, path))
    return {
        key: value
        for key, value in vars(font.face).items()
        if key != "_pdfScale" and (key not in bare or not _same(bare[key], value))
    }


# ---- storing


def _remember(entry: Path, font: TTFont, data: bytes, path: str) -> None:
    if bytes(font.face.name).startswith(b"_RL_"):
        return  # a name reportlab made up (from the clock): not the same next time
    try:
        tables = _extracted(font, data, path)
        text = json.dumps(_encode(tables), separators=(",", ":"))
        rebuilt = _rebuilt(font.fontName, data, path, _decode(json.loads(text)))
    except (TypeError, ValueError):
        return  # something this format does not hold: parse each time
    if not _alike(rebuilt, font):
        return
    blob = f"{FORMAT}\n{hashlib.sha256(text.encode()).hexdigest()}\n{text}".encode()
    write_cache_entry(entry, blob)


def _alike(rebuilt: TTFont, parsed: TTFont) -> bool:
    mine, theirs = dict(vars(rebuilt)), dict(vars(parsed))
    faces = mine.pop("face"), theirs.pop("face")
    states = mine.pop("state"), theirs.pop("state")
    if not (_same(mine, theirs) and all(type(s) is WeakKeyDictionary and not s for s in states)):
        return False
    face_mine, face_theirs = dict(vars(faces[0])), dict(vars(faces[1]))
    scales = face_mine.pop("_pdfScale"), face_theirs.pop("_pdfScale")
    samples = (0, 1, -7, 1000, 2048, 12.5)
    return (
        type(faces[0]) is type(faces[1])
        and _same(face_mine, face_theirs)
        and all(scales[0](x) == scales[1](x) for x in samples)
    )


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1 is not 1.0, a tuple not a list)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, TTFNameBytes):
        return a == b and a.ustr == b.ustr
    if a == b:
        return True
    # Objects without an equality of their own (reportlab's TTEncoding): by their fields.
    return type(a).__eq__ is object.__eq__ and _same(vars(a), vars(b))


def _read(entry: Path) -> dict[str, Any] | None:
    try:
        blob = bounded_bytes(entry, "font cache entry", MAX_ENTRY_BYTES)
    except (RefusedFile, OSError):
        return None
    head, _, rest = blob.partition(b"\n")
    digest, _, text = rest.partition(b"\n")
    if head != FORMAT.encode() or hashlib.sha256(text).hexdigest().encode() != digest:
        return None
    try:
        tables = _decode(json.loads(text))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return tables if isinstance(tables, dict) else None


# ---- a face's values as JSON: each kind that JSON would blur is tagged


def _encode(value: Any) -> Any:
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if kind is TTFNameBytes:
        if value.ustr.encode("utf8") != value:
            raise TypeError("a font name that does not come back from its text")
        return {"name": value.ustr}
    if kind is bytes:
        return {"bytes": value.decode("latin-1")}
    if kind is tuple:
        return {"tuple": [_encode(v) for v in value]}
    if kind is list:
        return _encode_list(value)
    if kind is dict:
        if all(type(k) is int for k in value):
            return {"intdict": [_encode_list(list(value)), _encode_list(list(value.values()))]}
        if all(type(k) is str for k in value):
            return {"dict": {k: _encode(v) for k, v in value.items()}}
    raise TypeError(f"cannot store a {kind.__name__}")


def _encode_list(values: list[Any]) -> Any:
    # The large tables (widths, glyph offsets, metrics) go as packed machine numbers,
    # which come back in one step each instead of one JSON number at a time.
    if all(type(v) is int for v in values) and _fits(values):
        return {"ints": _packed("q", values)}
    if all(type(v) is float for v in values):
        return {"floats": _packed("d", values)}
    if all(type(v) is list and all(type(x) is int for x in v) for v in values):
        flat = [x for v in values for x in v]
        if _fits(flat):
            return {"intlists": [_packed("q", [len(v) for v in values]), _packed("q", flat)]}
    if all(type(v) in (int, float) for v in values):
        return {"numbers": values}  # JSON writes 1.0 and 1 apart
    if all(type(v) is tuple and len(v) == 2 for v in values):
        return {
            "pairs": [_encode_list([a for a, _ in values]), _encode_list([b for _, b in values])]
        }
    return {"list": [_encode(v) for v in values]}


def _fits(values: list[int]) -> bool:
    return all(-(2**63) <= v < 2**63 for v in values)


def _packed(code: str, values: list[Any]) -> str:
    return base64.b64encode(array(code, values).tobytes()).decode("ascii")


def _unpacked(code: str, text: str) -> list[Any]:
    numbers = array(code)
    numbers.frombytes(base64.b64decode(text, validate=True))
    return numbers.tolist()


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    ((tag, body),) = value.items()
    if tag == "ints":
        return _unpacked("q", body)
    if tag == "floats":
        return _unpacked("d", body)
    if tag == "numbers":
        return list(body)
    if tag == "pairs":
        return list(zip(_decode(body[0]), _decode(body[1]), strict=True))
    if tag == "intlists":
        lengths, flat = _unpacked("q", body[0]), _unpacked("q", body[1])
        ends = list(itertools.accumulate(lengths))
        if (ends[-1] if ends else 0) != len(flat) or min(lengths, default=0) < 0:
            raise ValueError("lists that do not add up")
        return [flat[end - n : end] for n, end in zip(lengths, ends, strict=True)]
    if tag == "intdict":
        keys, values = body
        return dict(zip(_decode(keys), _decode(values), strict=True))
    if tag == "name":
        return TTFNameBytes(body.encode("utf8"))
    if tag == "bytes":
        return body.encode("latin-1")
    if tag == "tuple":
        return tuple(_decode(v) for v in body)
    if tag == "list":
        return [_decode(v) for v in body]
    if tag == "dict":
        return {k: _decode(v) for k, v in body.items()}
    raise ValueError(f"unknown tag {tag}")
