"""`stretchplan check`: every problem in the inputs at once, without making anything.

Runs the load stage on each file, collecting problems instead of stopping at the
first file, then looks for what would otherwise only show at print time: characters
the brand's fonts cannot draw and QR codes too dense to scan. Glyphs are looked up
with the renderer's own font tables (render.fonts, imported lazily, so loading still
never imports reportlab): `check` and `handout` can never disagree about a glyph.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from stretchplan.addresses import search_page
from stretchplan.bundled import brand_path, library_path
from stretchplan.errors import Problem, UserError, display_name, unknown_id
from stretchplan.labels import LabelBook, folder_beside
from stretchplan.load.brand import Brand, Links
from stretchplan.load.library import Inspected, inspect_brand, inspect_library
from stretchplan.load.models import Library
from stretchplan.load.roster import load_roster
from stretchplan.load.text import missing_problems
from stretchplan.load.yamlsrc import Loc, YamlDoc, format_loc
from stretchplan.plan import Options, build_plan

# The densest QR code printed without a warning: version 5 has 37×37 modules, about
# 0.6 mm each on a handout, and reads from 15 cm; each version past it brings the phone
# closer, and older phones struggle.
QR_MAX_VERSION = 5

# Where the text that ends up on paper lives in each file ('*' is any list index).
LIBRARY_TEXT = (
    "exercises.*.name",
    "exercises.*.summary",
    "exercises.*.steps.*",
    "exercises.*.cues.*",
    "exercises.*.cautions.*",
    "exercises.*.video",
    "programs.*.title",
    "programs.*.intro",
    "programs.*.frequency",
    "programs.*.notes.*",
    "programs.*.sections.*.title",
    "programs.*.sections.*.items.*.note",
)
BRAND_TEXT = (
    "business.name",
    "business.tagline",
    "trainer",
    "contact.email",
    "contact.phone",
    "contact.website",
    "contact.address",
    "disclaimer",
)
CLIENT_TEXT = ("name", "notes", "goals")

GlyphCheck = Callable[[str], str | None]


@dataclass
class CheckReport:
    """What `check` found: problems (exit 2), warnings (worth knowing) and a summary."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


def check_inputs(
    library: Path | None,
    brand: Path | None,
    program: str | None = None,
    rosters: Sequence[Path] = (),
    today: dt.date | None = None,
    language: str | None = None,
) -> CheckReport:
    """Check the library, brand and rosters as the other commands would find them;
    with `language`, also every text that has no translation into it."""
    report = CheckReport()
    lib = _inspect(report, inspect_library, library_path(library))
    brd = _inspect(report, inspect_brand, brand_path(brand))
    glyphs, font_problems = _glyph_checker(brd)
    book = LabelBook(folder_beside(brand_path(brand)))
    report.problems += book.check()
    if language is not None:
        report.problems += _translation_problems(book, language, lib, brd)

    if lib is not None:
        text_problems = _text_problems(lib.doc, LIBRARY_TEXT, glyphs)
        report.problems += text_problems
        brand_value = brd.value if brd is not None else None
        report.warnings += _url_warnings(lib.doc, brand_value.links if brand_value else None)
        if lib.value is not None and not lib.problems and not text_problems:
            exercises = _count(lib.value.exercises, "exercise")
            programs = _count(lib.value.programs, "program")
            report.summary.append(f"{lib.doc.name}: {exercises}, {programs}, all valid")
    if brd is not None:
        brand_problems = font_problems + _text_problems(brd.doc, BRAND_TEXT, glyphs)
        if brd.value is not None:
            brand_problems += _disclaimer_file_problems(brd.doc, brd.value, glyphs)
        report.problems += brand_problems
        if brd.value is not None and not brd.problems and not brand_problems:
            report.summary.append(f'{brd.doc.name}: brand "{brd.value.business.name}" is valid')

    library_model = lib.value if lib is not None and not lib.problems else None
    if program is not None and library_model is not None and not library_model.program(program):
        known = [p.id for p in library_model.programs]
        report.problems.append(Problem(unknown_id("program", program, known), field="program"))
        program = None
    for roster in rosters:
        report.problems += _roster_problems(
            roster, library_model, brd.value if brd else None, program, glyphs, today, book
        )
    report.problems.sort(key=_order)
    report.warnings.sort(key=_order)
    return report


def _translation_problems(
    book: LabelBook, language: str, *found: Inspected[Any] | None
) -> list[Problem]:
    """Every text of the library and brand that has no `language` translation."""
    try:
        book.get(language, "lang")
    except UserError as exc:
        return exc.problems
    return [
        problem
        for inspected in found
        if inspected is not None and inspected.value is not None
        for problem in missing_problems(inspected.value, language)
    ]


def _inspect(
    report: CheckReport, inspect: Callable[[Path, bool], Inspected[Any]], path: Path
) -> Inspected[Any] | None:
    try:
        found = inspect(path, True)
    except UserError as exc:  # unreadable, or not YAML at all: nothing more to look at
        report.problems += exc.problems
        return None
    report.problems += found.problems
    return found


def _count(items: Sequence[object], noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def _order(problem: Problem) -> tuple[str, int]:
    return (problem.file or "", problem.line or 0)


def _glyph_checker(brand: Inspected[Brand] | None) -> tuple[GlyphCheck | None, list[Problem]]:
    """A function naming the characters the brand's fonts lack (None without usable fonts),
    and the problems met opening the font files."""
    if brand is None or brand.value is None:
        return None, []
    if any((p.field or "").startswith("fonts") for p in brand.problems):
        return None, []  # already reported against brand.yaml
    from stretchplan.render.fonts import FontBook  # reportlab, only when checking glyphs

    fonts = brand.value.fonts
    faces = (fonts.regular, fonts.bold, fonts.italic)
    book = FontBook()
    try:
        book.glyph_problem("", faces)  # opens every face: a damaged font file is one problem
    except UserError as exc:
        return None, [replace(p, file=display_name(Path(p.file or ""))) for p in exc.problems]
    return (lambda text: book.glyph_problem(text, faces)), []


def _text_problems(
    doc: YamlDoc, patterns: Iterable[str], glyphs: GlyphCheck | None
) -> list[Problem]:
    if glyphs is None:
        return []
    problems = []
    for loc, text in printed_texts(doc.data, patterns):
        message = glyphs(text)
        if message:
            problems.append(doc.problem(loc, message, text))
    return problems


def printed_texts(data: Any, patterns: Iterable[str]) -> Iterator[tuple[Loc, str]]:
    """Every string in `data` whose location matches a pattern such as 'exercises.*.name'.

    A trailing '.*' also matches the single string a list may be written as.
    """
    compiled = [re.compile(_pattern_regex(p)) for p in patterns]
    for loc, text in _strings(data, ()):
        if any(c.fullmatch(format_loc(loc)) for c in compiled):
            yield loc, text


def _pattern_regex(pattern: str) -> str:
    optional_tail = pattern.endswith(".*")
    body = pattern.removesuffix(".*") if optional_tail else pattern
    regex = re.escape(body).replace(r"\.\*", r"\[\d+\]")
    regex += r"(\[\d+\])?" if optional_tail else ""
    return regex + r"(\.[a-z]{2,3})?"  # one language of a translated text


def _strings(data: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*loc, str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*loc, i))


def _url_warnings(doc: YamlDoc, links: Links | None) -> list[Problem]:
    """Videos that are search pages, and QR codes too dense to scan comfortably."""
    warnings = []
    for loc, written in printed_texts(doc.data, ["exercises.*.video"]):
        url = written.strip()
        if found := search_page(url):
            warnings.append(
                doc.problem(
                    loc,
                    f"this is {found}, not a video: a client who scans it gets a list of "
                    "strangers' videos; open the video you mean and copy its own address "
                    "(Share, then Copy link)",
                    url,
                )
            )
        exercise_id = _exercise_id(doc, loc)
        target = f"{links.base}{exercise_id}" if links and exercise_id else url
        if dense := _dense_code(target):
            where = f"its short link {target}" if links else "the address"
            warnings.append(
                doc.problem(
                    loc,
                    f"{where} is {len(target)} characters: {dense}; "
                    + (
                        "a shorter links base or id scans more reliably"
                        if links
                        else "set links: base in brand.yaml (see `stretchplan links`) or "
                        "use a shorter link"
                    ),
                    url,
                )
            )
    return warnings


def _exercise_id(doc: YamlDoc, loc: Loc) -> str | None:
    exercises = doc.data.get("exercises") if isinstance(doc.data, dict) else None
    if not isinstance(exercises, list) or not isinstance(loc[1], int):
        return None
    entry = exercises[loc[1]]
    value = entry.get("id") if isinstance(entry, dict) else None
    return value.strip() if isinstance(value, str) else None


def _dense_code(data: str) -> str | None:
    """What a QR code for `data` asks of a phone, when it is denser than QR_MAX_VERSION."""
    from stretchplan.render.qr import reading_distance_cm, version  # reportlab, on need
    from stretchplan.render.theme import NORMAL

    needed = version(data)
    if needed <= QR_MAX_VERSION:
        return None
    modules = 17 + 4 * needed
    near = reading_distance_cm(data, NORMAL.qr)
    return (
        f"its QR code needs version {needed} ({modules}×{modules} modules), and printed on a "
        f"handout a phone must come within about {near:.0f} cm to read it (version "
        f"{QR_MAX_VERSION} and below read from 15 cm and more); older phones may not read "
        "it at all"
    )


def _disclaimer_file_problems(
    doc: YamlDoc, brand: Brand, glyphs: GlyphCheck | None
) -> list[Problem]:
    """Glyphs of a disclaimer kept in its own file, located by that file's lines."""
    raw = doc.data.get("disclaimer") if isinstance(doc.data, dict) else None
    written = raw if isinstance(raw, dict) else {brand.language: raw}
    problems: list[Problem] = []
    for language, text in brand.disclaimer.values:
        given = written.get(language)
        if glyphs is None or not isinstance(given, str) or given.strip() == text:
            continue  # written inline: already checked as part of brand.yaml
        name = display_name(doc.path.resolve().parent / given.strip())
        for number, line in enumerate(text.splitlines(), start=1):
            message = glyphs(line)
            if message:
                problems.append(Problem(message, file=name, line=number, value=line))
    return problems


def _roster_problems(
    path: Path,
    library: Library | None,
    brand: Brand | None,
    program: str | None,
    glyphs: GlyphCheck | None,
    today: dt.date | None,
    book: LabelBook | None = None,
) -> list[Problem]:
    """A roster's own problems, then each row planned as `batch` would plan it."""
    name = display_name(path)
    try:
        rows = load_roster(path).rows
    except UserError as exc:
        return exc.problems
    problems: list[Problem] = [p for row in rows for p in row.problems]
    if library is None or brand is None:
        return problems  # rows cannot be planned until the library and brand are fixed
    options = Options(today=today or dt.date.today())
    for row in rows:
        client = row.client
        if client is None:
            continue  # its problems are already listed
        line = row.line  # file:line names the row, the field its column
        if glyphs is not None:
            for loc, text in printed_texts(client.model_dump(mode="json"), CLIENT_TEXT):
                if message := glyphs(text):
                    problems.append(
                        Problem(
                            message,
                            file=name,
                            line=line,
                            field=format_loc(loc),
                            value=text,
                        )
                    )
        if not client.program and not program:
            problems.append(
                Problem(
                    "no program for this client: fill in the program column or give [[program]]",
                    file=name,
                    line=line,
                    field="program",
                )
            )
            continue
        try:
            build_plan(library, brand, client, options, program, book)
        except UserError as exc:
            problems += [
                Problem(
                    p.message,
                    file=name,
                    line=line,
                    field=p.field,
                    value=p.value,
                )
                for p in exc.problems
            ]
    return problems
