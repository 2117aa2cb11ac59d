"""Every mistake a trainer can make ends in exit 2 and a message naming file, line and field.

Each case runs the real command line in a fresh folder holding a small valid
workspace with one file spoilt, and checks what the trainer would see.
"""

from __future__ import annotations

import io
import shutil
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT, run_subprocess

LIBRARY = """\
version: 1
exercises:
  - id: figure-four
    name: Figure four
    kind: stretch
    images: [photo.png]
    video: https://example.com/v/figure-four
    dosage:
      static: {reps: 1-2, hold: 20-30}
    sides: each
    steps: [Lie down.]
programs:
  - id: relief
    title: Relief
    sections:
      - title: Stretch
        items:
          - exercise: figure-four
"""

BRAND = """\
business: {name: Riverside Studio}
fonts:
  regular: fonts/NotoSans-Regular.ttf
  bold: fonts/NotoSans-Bold.ttf
  italic: fonts/NotoSans-Italic.ttf
disclaimer: disclaimer.md
"""


def png(width: int = 40, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(out, "PNG")
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny, well-formed PNG whose header claims `width` x `height` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def alias_bomb() -> str:
    text = "version: 1\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 12):
        this, prev = chr(97 + i), chr(96 + i)
        text += f"{this}: &{this} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    return text


@dataclass
class Case:
    files: dict[str, str | bytes]
    expect: tuple[str, ...]
    args: tuple[str, ...] = ("check",)
    marks: list[pytest.MarkDecorator] = field(default_factory=list)


def lib(old: str, new: str) -> dict[str, str | bytes]:
    assert old in LIBRARY
    return {"exercises.yaml": LIBRARY.replace(old, new, 1)}


def brand(old: str, new: str) -> dict[str, str | bytes]:
    assert old in BRAND
    return {"templates/brand.yaml": BRAND.replace(old, new, 1)}


CASES: dict[str, Case] = {
    "yaml syntax error": Case(
        lib("name: Figure four", "name: Figure: four"),
        ("exercises.yaml:4: YAML syntax error", "needs quotes"),
    ),
    "duplicate key": Case(
        lib("    kind: stretch\n", "    kind: stretch\n    name: Again\n"),
        ('exercises.yaml:6: exercises[0].name: duplicate key "name" (first given on line 4)',),
    ),
    "unknown key": Case(
        lib("    sides: each\n", "    sides: each\n    cuse: [Breathe.]\n"),
        ('exercises.yaml:11: exercises[0].cuse: unknown key "cuse". Did you mean "cues"?',),
    ),
    "misspelt exercise id": Case(
        lib("- exercise: figure-four", "- exercise: figure-for"),
        (
            "exercises.yaml:18: programs[0].sections[0].items[0].exercise: "
            'unknown exercise "figure-for". Did you mean "figure-four"?',
        ),
    ),
    "misspelt program on the command line": Case(
        {},
        ('--program: unknown program "releif". Did you mean "relief"?',),
        ("check", "--program", "releif"),
    ),
    "bad dosage value": Case(
        lib("hold: 20-30", "hold: thirty"),
        (
            "exercises.yaml:9: exercises[0].dosage.static.hold: "
            'expected seconds like 30 or 20-30, got "thirty"',
        ),
    ),
    "dosage not a number": Case(
        lib("hold: 20-30", "hold: .nan"),
        ("exercises.yaml:9: exercises[0].dosage.static.hold: expected seconds",),
    ),
    "javascript: video url": Case(
        lib("https://example.com/v/figure-four", "javascript:alert(1)"),
        ("exercises.yaml:7: exercises[0].video: expected a web address", '"javascript:"'),
    ),
    "file: video url": Case(
        lib("https://example.com/v/figure-four", "file:///etc/passwd"),
        ("exercises.yaml:7: exercises[0].video: expected a web address", '"file:"'),
    ),
    "missing photo": Case(
        lib("images: [photo.png]", "images: [photos/gone.png]"),
        ('exercises.yaml:6: exercises[0].images[0]: photo for "figure-four" not found',),
    ),
    "corrupt photo": Case(
        {"photo.png": png()[:60]},
        ("exercises.yaml:6: exercises[0].images[0]:", "damaged or cut short"),
    ),
    "photo that is not a picture": Case(
        {"photo.png": b"Hello, this is text, not a picture.\n"},
        ("exercises.yaml:6: exercises[0].images[0]:", "is not a picture"),
    ),
    "decompression-bomb photo": Case(
        {"photo.png": png_claiming(100_000, 100_000)},
        ("exercises.yaml:6: exercises[0].images[0]:", "decompression bomb"),
    ),
    "photo with too many pixels": Case(
        {"photo.png": png_claiming(11_000, 11_000)},
        (
            "exercises.yaml:6: exercises[0].images[0]:",
            "(121 megapixels); the limit is 120 megapixels",
        ),
    ),
    "alias bomb": Case(
        {"exercises.yaml": alias_bomb()},
        ("exercises.yaml:", "expands to too many values"),
    ),
    "deep nesting": Case(
        {"exercises.yaml": "version: 1\nexercises: " + "[" * 5000 + "]" * 5000 + "\n"},
        ("exercises.yaml:2: nested more than 40 levels deep",),
    ),
    "empty file": Case(
        {"exercises.yaml": "# nothing yet\n\n"}, ("exercises.yaml: the file is empty",)
    ),
    "file too large": Case(
        {"exercises.yaml": LIBRARY + "# " + "x" * (3 * 1024 * 1024) + "\n"},
        ("exercises.yaml: is larger than the limit of 2 MiB for an exercise library",),
    ),
    "not UTF-8": Case(
        {"exercises.yaml": LIBRARY.replace("Figure four", "Figure caf\xe9").encode("cp1252")},
        ("exercises.yaml:4: is not UTF-8 text",),
    ),
    "library is a list": Case(
        {"exercises.yaml": "- id: figure-four\n- id: pigeon\n"},
        ("exercises.yaml:1: expected lines of 'key: value'", "holds a list"),
    ),
    "exercises is a string": Case(
        lib("exercises:\n  - id: figure-four", "exercises: figure-four\nx:\n  - id: figure-four"),
        (
            "exercises.yaml:2: exercises: expected a list",
            'exercises.yaml:3: x: unknown key "x". Allowed here: '
            "version, language, exercises, programs.",
        ),
    ),
    "number too long": Case(
        lib("version: 1", "version: " + "1" * 5000),
        ('exercises.yaml:1: version: "111', "is not a usable number"),
    ),
    "glyph the font lacks": Case(
        lib("name: Figure four", "name: Figure four 中"),
        (
            "exercises.yaml:4: exercises[0].name: the font NotoSans-Regular.ttf cannot draw "
            '"中" (U+4E2D',
            "Noto Sans SC",
        ),
    ),
    "control character": Case(
        lib("name: Figure four", 'name: "Figure\\x07 four"'),
        ("exercises.yaml:4: exercises[0].name: contains the invisible control character U+0007",),
    ),
    "brand without disclaimer": Case(
        brand("disclaimer: disclaimer.md\n", ""),
        ('templates/brand.yaml:1: disclaimer: missing required field "disclaimer"',),
    ),
    "brand with empty disclaimer": Case(
        brand("disclaimer: disclaimer.md", 'disclaimer: "  "'),
        ("templates/brand.yaml:6: disclaimer: must not be empty",),
    ),
    "disclaimer file missing": Case(
        brand("disclaimer: disclaimer.md", "disclaimer: legal.md"),
        ("templates/brand.yaml:6: disclaimer: disclaimer file not found",),
    ),
    "font file missing": Case(
        brand("fonts/NotoSans-Bold.ttf", "fonts/Gone-Bold.ttf"),
        ("templates/brand.yaml:4: fonts.bold: bold font file not found",),
    ),
    "font file that is not a font": Case(
        {"templates/fonts/NotoSans-Italic.ttf": b"<html>not a font</html>"},
        ("templates/brand.yaml:5: fonts.italic: italic font file", "is not a TrueType font"),
    ),
    "brand is a string": Case(
        {"templates/brand.yaml": "Riverside Studio\n"},
        ("templates/brand.yaml:1: expected lines of 'key: value'", "a single line of text"),
    ),
    "impossible date in a client file": Case(
        {"jane.yaml": "name: Jane Doe\nprogram: relief\ndate: 2026-02-30\n"},
        ('jane.yaml:3: date: "2026-02-30" is not a real date',),
        ("handout", "jane.yaml"),
    ),
    "client file is a list": Case(
        {"jane.yaml": "- Jane Doe\n"},
        ("jane.yaml:1: expected the client's fields",),
        ("handout", "jane.yaml"),
    ),
    "roster with an unknown column": Case(
        {"class.csv": "name,program,nots\nJane Doe,relief,Ice after runs\n"},
        ("class.csv:1", "nots", 'Did you mean "notes"?'),
        ("check", "class.csv"),
    ),
    "roster with no rows": Case(
        {"class.csv": "name,program\n"},
        ("class.csv", "no rows"),
        ("check", "class.csv"),
    ),
}


def workspace(folder: Path, files: dict[str, str | bytes]) -> None:
    """A small valid workspace, with `files` written over it."""
    fonts = folder / "templates" / "fonts"
    fonts.mkdir(parents=True)
    for font in (ROOT / "templates" / "fonts").glob("*.ttf"):
        shutil.copy(font, fonts / font.name)
    shutil.copy(ROOT / "templates" / "disclaimer.md", folder / "templates" / "disclaimer.md")
    base: dict[str, str | bytes] = {
        "exercises.yaml": LIBRARY,
        "templates/brand.yaml": BRAND,
        "photo.png": png(),
    }
    for name, content in {**base, **files}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def test_the_workspace_itself_is_valid(workdir: Path) -> None:
    workspace(workdir, {})
    result = run_subprocess("check", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "No problems found." in result.stdout


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=name, marks=c.marks) for name, c in CASES.items()]
)
def test_bad_input_is_exit_2_with_file_line_and_field(workdir: Path, case: Case) -> None:
    workspace(workdir, case.files)
    result = run_subprocess(*case.args, cwd=workdir)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for expected in case.expect:
        assert expected in result.stderr
    assert not (workdir / "handouts").exists()
