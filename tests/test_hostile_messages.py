"""Messages that must not mislead: each names the file, line and field at fault in the
trainer's words, never pydantic's or PyYAML's, and never an option that wasn't given.

Each case runs the real command line in a subprocess under test_hostile's time and
memory limits, in the small valid workspace of test_bad_inputs with one file changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.test_bad_inputs import BRAND, LIBRARY, workspace
from tests.test_hostile import hostile

CLIENT = "name: Ana\nprogram: relief\n"
HANDOUT = ("handout", "client.yaml", "-o", "out.pdf")


def brand_with(line: str) -> str:
    return BRAND.replace("business: {name: Riverside Studio}\n", f"business: {{name: R}}\n{line}")


@dataclass(frozen=True)
class Case:
    files: dict[str, str]
    args: tuple[str, ...]
    expect: tuple[str, ...]
    never: tuple[str, ...] = ()


CASES: dict[str, Case] = {
    # colours
    "colour #fff": Case(
        {"templates/brand.yaml": brand_with('colors: {primary: "#fff"}\n')},
        ("check",),
        (
            "templates/brand.yaml:2: colors.primary: expected a colour like #1F6FB2 (# and six "
            'hex digits), got "#fff"; for "#fff" write #FFFFFF',
        ),
        ("lowercase letters",),
    ),
    "colour white": Case(
        {"templates/brand.yaml": brand_with("colors: {accent: white}\n")},
        ("check",),
        ("colors.accent: expected a colour like #1F6FB2", 'for "white" write #FFFFFF'),
        ("lowercase letters",),
    ),
    "colour rgb(...)": Case(
        {"templates/brand.yaml": brand_with("colors:\n  primary: rgb(31, 111, 178)\n")},
        ("check",),
        ("templates/brand.yaml:3: colors.primary: expected a colour like #1F6FB2", "#1F6FB2"),
        ("lowercase letters",),
    ),
    "colour with five digits": Case(
        {"templates/brand.yaml": brand_with('colors: {primary: "#1F6FB"}\n')},
        ("check",),
        ('expected a colour like #1F6FB2 (# and six hex digits), got "#1F6FB"',),
        ("lowercase letters", "write #"),
    ),
    "colour named in handout": Case(
        {"templates/brand.yaml": brand_with("colors: {primary: navy}\n")},
        ("handout", "--name", "Ana", "--program", "relief", "-o", "out.pdf"),
        ("templates/brand.yaml:2: colors.primary: expected a colour", "write #000080"),
    ),
    # version
    "version '1'": Case(
        {"exercises.yaml": LIBRARY.replace("version: 1", "version: '1'")},
        ("check",),
        ("exercises.yaml:1: version: write 1 without quotes: it is a number, not text",),
        ('expected one of 1, got "1"',),
    ),
    'version "1" in handout': Case(
        {"exercises.yaml": LIBRARY.replace("version: 1", 'version: "1"')},
        HANDOUT,
        ("exercises.yaml:1: version: write 1 without quotes",),
    ),
    "version 2 is still an unknown version": Case(
        {"exercises.yaml": LIBRARY.replace("version: 1", "version: 2")},
        ("check",),
        ("exercises.yaml:1: version: expected one of 1",),
        ("without quotes",),
    ),
    # keys
    "null key in a client": Case(
        {"client.yaml": CLIENT + "~: x\n"},
        HANDOUT,
        ("client.yaml:3: a key is missing", "write the field's name"),
        ("None",),
    ),
    "null key in the library": Case(
        {"exercises.yaml": LIBRARY.replace("    sides: each\n", "    sides: each\n    null: x\n")},
        ("check",),
        ("exercises.yaml:11: exercises[0]: a key is missing",),
        ("None",),
    ),
    "key missing before ':'": Case(
        {"client.yaml": CLIENT + ": x\n"},
        HANDOUT,
        ("client.yaml:3: YAML syntax error", "(a key is missing before this ':')"),
    ),
    "merge key in a client": Case(
        {"client.yaml": "base: &b {program: relief}\nname: Ana\n<<: *b\n"},
        HANDOUT,
        ("client.yaml:3: '<<' (a YAML merge key", "write the fields out in full"),
    ),
    "merge key in the brand": Case(
        {"templates/brand.yaml": BRAND + "contact:\n  <<: {phone: '1'}\n"},
        ("check",),
        ("templates/brand.yaml:8: contact: '<<' (a YAML merge key",),
    ),
    "yes as a key is the word yes": Case(
        {"client.yaml": CLIENT + "yes: x\n"},
        HANDOUT,
        ('client.yaml:3: yes: unknown key "yes"',),
        ("True",),
    ),
    # dates
    "date with a time in a client": Case(
        {"client.yaml": CLIENT + "date: 2026-03-14 18:00\n"},
        HANDOUT,
        (
            "client.yaml:3: date: expected a date alone, without a time of day, like "
            '2026-03-31, got "2026-03-14 18:00"',
        ),
        ("datetime", "zero time"),
    ),
    "ISO date-time in a YAML roster": Case(
        {"class.yaml": "- name: Ana\n  program: relief\n  date: 2026-03-14T09:30:00Z\n"},
        ("check", "class.yaml"),
        ("class.yaml:", "date: expected a date alone, without a time of day"),
        ("datetime", "zero time"),
    ),
    "date with a time in a CSV roster": Case(
        {"class.csv": "name,program,date\nAna,relief,2026-03-14 18:00\n"},
        ("check", "class.csv"),
        ("class.csv:2: ", "date: expected a date alone, without a time of day"),
        ("datetime", "zero time"),
    ),
    # omit in a client file is the file's field, not a flag
    "omit of an id not in the program": Case(
        {"client.yaml": CLIENT + "omit: [pigeon]\n"},
        HANDOUT,
        ('client.yaml:3: omit: cannot omit "pigeon"',),
        ("--omit",),
    ),
    "omit of everything": Case(
        {"client.yaml": CLIENT + "omit: [figure-four]\n"},
        HANDOUT,
        ("client.yaml:3: omit: the plan has no exercises left after omitting",),
        ("--omit",),
    ),
    "add of an unknown id": Case(
        {"client.yaml": CLIENT + "add: [nosuch]\n"},
        HANDOUT,
        ('client.yaml:3: add: unknown exercise "nosuch"',),
        ("--add",),
    ),
    # font coverage: handout says what check says
    "glyph in an exercise name": Case(
        {"exercises.yaml": LIBRARY.replace("Figure four", "Figure four 日本")},
        HANDOUT,
        ("exercises.yaml:4: exercises[0].name: the font NotoSans-Regular.ttf cannot draw",),
        ("exercise figure-four:",),
    ),
    "glyph in a step": Case(
        {"exercises.yaml": LIBRARY.replace("Lie down.", "Lie down ☯.")},
        HANDOUT,
        ("exercises.yaml:11: exercises[0].steps[0]: the font NotoSans-Regular.ttf cannot draw",),
    ),
    "glyph in a program title on a class sheet": Case(
        {"exercises.yaml": LIBRARY.replace("title: Relief", "title: Relief 日本")},
        ("class-sheet", "--program", "relief", "-o", "out.pdf"),
        ("exercises.yaml:14: programs[0].title: the font NotoSans-Regular.ttf cannot draw",),
    ),
    "glyph in a client's note": Case(
        {"client.yaml": CLIENT + "notes: [日本語のメモ]\n"},
        HANDOUT,
        ("client.yaml:3: notes: the font NotoSans-Regular.ttf cannot draw",),
        ("--note",),
    ),
    "glyph in a client's name": Case(
        {"client.yaml": "name: Ana 日本\nprogram: relief\n"},
        HANDOUT,
        ("client.yaml:1: name: the font NotoSans-Regular.ttf cannot draw",),
        ("--name",),
    ),
    "glyph in the business name": Case(
        {"templates/brand.yaml": BRAND.replace("Riverside Studio", "Riverside 日本")},
        HANDOUT,
        ("templates/brand.yaml:1: business.name: the font NotoSans-Regular.ttf cannot draw",),
        ("business: the font",),
    ),
    "glyph in the disclaimer": Case(
        {"templates/disclaimer.md": "Ask your doctor 日本.\n"},
        HANDOUT,
        ("templates/brand.yaml:6: disclaimer: the font NotoSans-Regular.ttf cannot draw",),
    ),
    # direction marks: invisible, and on paper a stray glyph or a line turned around
    "right-to-left override in a name": Case(
        {},
        ("handout", "--name", "Ana\u202eorraB", "--program", "relief", "-o", "out.pdf"),
        ("--name: contains the invisible direction mark U+202E; delete it",),
    ),
    "direction isolate in a step": Case(
        {"exercises.yaml": LIBRARY.replace("steps: [Lie down.]", 'steps: ["Lie\u2067 down."]')},
        HANDOUT,
        ("exercises.yaml:11: exercises[0].steps[0]: contains the invisible direction mark U+2067",),
    ),
    "left-to-right mark in a client file": Case(
        {"client.yaml": 'name: "Ana\u200e"\nprogram: relief\n'},
        HANDOUT,
        ("client.yaml:1: name: contains the invisible direction mark U+200E",),
    ),
    "direction mark in the disclaimer": Case(
        {"templates/disclaimer.md": "Ask your doctor\u202b first.\n"},
        HANDOUT,
        ("disclaimer.md:1: contains the invisible direction mark U+202B",),
    ),
}


@pytest.mark.parametrize("case", [pytest.param(c, id=n) for n, c in CASES.items()])
def test_messages_name_the_place_in_plain_words(workdir: Path, case: Case) -> None:
    workspace(workdir, {"client.yaml": CLIENT, **case.files})
    result = hostile(*case.args, cwd=workdir)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for expected in case.expect:
        assert expected in result.stderr, result.stderr
    for wrong in case.never:
        assert wrong not in result.stderr, result.stderr
    assert not (workdir / "out.pdf").exists()


def test_the_same_glyph_problem_reads_alike_in_check_and_handout(workdir: Path) -> None:
    workspace(workdir, {"exercises.yaml": LIBRARY.replace("Figure four", "Figure four 日本")})
    checked = hostile("check", cwd=workdir)
    made = hostile("handout", "--name", "Ana", "--program", "relief", cwd=workdir)
    assert checked.returncode == made.returncode == 2

    def glyph_lines(text: str) -> list[str]:
        return [line for line in text.splitlines() if "cannot draw" in line]

    assert glyph_lines(checked.stderr) == glyph_lines(made.stderr) != []


def test_yaml_dates_are_read_where_a_date_belongs_and_kept_as_text_elsewhere(
    workdir: Path,
) -> None:
    from tests.conftest import pdf_text

    client = CLIENT + "date: 2026-03-14\nnotes: [2026-02-30, 2026-03-21 after work]\n"
    workspace(workdir, {"client.yaml": client})
    result = hostile(*HANDOUT, cwd=workdir)
    assert result.returncode == 0, result.stderr
    text = pdf_text((workdir / "out.pdf").read_bytes())
    assert "2026-02-30" in text and "2026-03-21 after work" in text
    assert "14 Mar 2026" in text  # the date field read it as a date


def test_a_no_key_is_the_language_code_no(workdir: Path) -> None:
    """YAML 1.1 reads `no:` as false; as a key it is what was written (Norwegian)."""
    library = LIBRARY.replace("name: Figure four", "name: {en: Figure four, no: Firer}")
    workspace(workdir, {"exercises.yaml": library})
    result = hostile("check", cwd=workdir)
    assert result.returncode == 0, result.stderr
