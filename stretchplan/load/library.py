"""Load exercises.yaml and brand.yaml into validated models with resolved paths."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from stretchplan.errors import Problem, UserError, display_name, unknown_id
from stretchplan.load.brand import Brand
from stretchplan.load.files import read_text
from stretchplan.load.models import Exercise, Library, Program
from stretchplan.load.text import control_character, unprintable
from stretchplan.load.validate import validate, validation_context
from stretchplan.load.yamlsrc import YamlDoc, load_yaml
from stretchplan.media.probe import font_problem, image_problem
from stretchplan.media.reading import real_path

MAX_DISCLAIMER = 64 * 1024

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
Checker = Callable[[Path], str | None]


@dataclass
class Inspected(Generic[T]):
    """One input file as far as it could be read: its document, model and problems.

    `value` is None when the file is too broken to validate; `problems` holds every
    mistake found, so `stretchplan check` can show them all at once.
    """

    doc: YamlDoc
    value: T | None
    problems: list[Problem] = field(default_factory=list)
    # Exercises whose photos cannot be used, by id, with why (also in `problems`).
    unusable: dict[str, list[Problem]] = field(default_factory=dict)

    def result(self) -> T:
        if self.problems or self.value is None:
            raise UserError(self.problems)
        return self.value

    def result_sparing_photos(self) -> tuple[T, dict[str, list[Problem]]]:
        """The value, and the exercises whose photos cannot be used.

        Any other problem refuses the whole file, as `result` does. A photo that
        is missing or broken only stops the exercises that show it: a plan that
        uses one of them is refused, and every other plan can still be made.
        """
        photos = {id(problem) for found in self.unusable.values() for problem in found}
        if self.value is None or any(id(problem) not in photos for problem in self.problems):
            raise UserError(self.problems)
        return self.value, self.unusable


def load_library(path: Path) -> Library:
    """Parse and validate an exercise library; image paths come back absolute.

    Photos that cannot be used do not stop it loading (listing programs needs
    none); `pipeline.load_inputs` keeps them, to refuse the plans that show them.
    """
    return inspect_library(path).result_sparing_photos()[0]


def inspect_library(path: Path, thorough: bool = False) -> Inspected[Library]:
    """Every problem in an exercise library; raises only when it cannot be parsed at all."""
    doc = load_yaml(path, "exercise library")
    if not isinstance(doc.data, dict):
        return Inspected(doc, None, [top_level_problem(doc, "version: 1, exercises: ...")])
    base = real_path(path).parent
    unusable = _photo_problems(doc, base, thorough)
    problems = [problem for found in unusable.values() for problem in found]
    try:
        library = validate(Library, doc)
    except UserError as exc:
        partial = _valid(Exercise, doc, "exercises"), _valid(Program, doc, "programs")
        problems = exc.problems + problems + _cross_check(doc, *partial)
        return Inspected(doc, None, problems, unusable)
    problems += _cross_check(
        doc, list(enumerate(library.exercises)), list(enumerate(library.programs))
    )
    exercises = [
        exercise.model_copy(update={"images": [str(base / image) for image in exercise.images]})
        for exercise in library.exercises
    ]
    return Inspected(doc, library.model_copy(update={"exercises": exercises}), problems, unusable)


def top_level_problem(doc: YamlDoc, expected: str) -> Problem:
    """A file whose whole content has the wrong shape, e.g. a list where keys belong."""
    shapes: dict[type, str] = {list: "a list", str: "a single line of text"}
    shape = shapes.get(type(doc.data), "a single value")
    return doc.problem(
        (), f"expected lines of 'key: value' ({expected}), but the file holds {shape}"
    )


def _photo_problems(doc: YamlDoc, base: Path, thorough: bool) -> dict[str, list[Problem]]:
    """Photos checked on the raw document, so they are reported even beside schema
    errors; by the id of the exercise that shows them."""
    problems: dict[str, list[Problem]] = {}
    exercises = doc.data.get("exercises")
    for i, exercise in enumerate(exercises if isinstance(exercises, list) else []):
        images = exercise.get("images") if isinstance(exercise, dict) else None
        for j, image in enumerate(images if isinstance(images, list) else []):
            if not isinstance(image, str) or not image.strip():
                continue
            resolved = real_path(base / image.strip())
            why = image_problem(resolved, thorough, photo=True)
            if why:
                name = str(exercise.get("id") or f"exercise {i + 1}")
                message = (
                    f'photo for "{name}" not found: {display_name(resolved)}'
                    if why == "file not found"
                    else f'photo for "{name}" ({display_name(resolved)}){_verb(why)}'
                )
                where = ("exercises", i, "images", j)
                problems.setdefault(name, []).append(doc.problem(where, message, image))
    return problems


def _cross_check(
    doc: YamlDoc, exercises: list[tuple[int, Exercise]], programs: list[tuple[int, Program]]
) -> list[Problem]:
    """Ids used twice, and program items naming an exercise or dosage that doesn't exist.

    Works on the (index, model) pairs that validated, so a schema mistake in one
    exercise does not hide a misspelt id in a program.
    """
    problems: list[Problem] = []
    for kind in ("exercise", "program"):
        ids = _raw_ids(doc, f"{kind}s")
        counts = Counter(ids.values())
        seen: set[str] = set()
        for i, item_id in ids.items():
            if counts[item_id] > 1 and item_id in seen:
                problems.append(
                    doc.problem((f"{kind}s", i, "id"), f'{kind} id "{item_id}" is used twice')
                )
            seen.add(item_id)
    known = set(_raw_ids(doc, "exercises").values())  # empty: the list itself is broken
    by_id = {exercise.id: exercise for _, exercise in exercises}
    for p, program in programs:
        for s, section in enumerate(program.sections):
            for i, item in enumerate(section.items):
                loc = ("programs", p, "sections", s, "items", i)
                exercise = by_id.get(item.exercise)
                if known and item.exercise not in known:
                    problems.append(
                        doc.problem(
                            (*loc, "exercise"),
                            unknown_id("exercise", item.exercise, known),
                            item.exercise,
                        )
                    )
                elif exercise and exercise.option_for(program.mode) is None and not item.dosage:
                    options = ", ".join(exercise.dosage)
                    problems.append(
                        doc.problem(
                            loc,
                            f'"{exercise.id}" has no {program.mode} dosage (it has: {options}); '
                            "add one to the exercise or give this item a dosage",
                        )
                    )
    return problems


def _raw_ids(doc: YamlDoc, key: str) -> dict[int, str]:
    """The ids written in the file, by list index, whether or not their entry is valid."""
    items = doc.data.get(key) if isinstance(doc.data, dict) else None
    return {
        i: item["id"].strip()
        for i, item in enumerate(items if isinstance(items, list) else [])
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }


def _valid(model: type[M], doc: YamlDoc, key: str) -> list[tuple[int, M]]:
    """The entries of the list under `key` that validate on their own, with their index."""
    items = doc.data.get(key)
    out = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        try:
            out.append((i, model.model_validate(item, context=validation_context(doc))))
        except ValidationError:
            continue  # already reported by the whole-file validation
    return out


def load_brand(path: Path) -> Brand:
    """Parse brand.yaml; logo, fonts and disclaimer resolve against its folder."""
    return inspect_brand(path).result()


def inspect_brand(path: Path, thorough: bool = False) -> Inspected[Brand]:
    """Every problem in a brand file; raises only when it cannot be parsed at all."""
    doc = load_yaml(path, "brand file")
    if not isinstance(doc.data, dict):
        return Inspected(doc, None, [top_level_problem(doc, "business: ..., disclaimer: ...")])
    try:
        brand = validate(Brand, doc)
    except UserError as exc:
        return Inspected(doc, None, exc.problems)
    base = real_path(path).parent
    problems: list[Problem] = []

    def existing(loc: tuple[str, ...], value: str, what: str, check: Checker) -> str:
        resolved = real_path(base / value)
        problem = check(resolved)
        if problem == "file not found":
            problems.append(doc.problem(loc, f"{what} not found: {display_name(resolved)}", value))
        elif problem:
            problems.append(
                doc.problem(loc, f"{what} ({display_name(resolved)}){_verb(problem)}", value)
            )
        return str(resolved)

    def picture(resolved: Path) -> str | None:
        return image_problem(resolved, thorough)

    logo = existing(("logo",), brand.logo, "logo", picture) if brand.logo else None
    fonts = brand.fonts.model_copy(
        update={
            style: existing(
                ("fonts", style), getattr(brand.fonts, style), f"{style} font file", font_problem
            )
            for style in ("regular", "bold", "italic")
        }
    )
    disclaimer = brand.disclaimer.map(
        lambda lang, text: _disclaimer_text(doc, base, lang, text, problems)
    )
    value = brand.model_copy(update={"logo": logo, "fonts": fonts, "disclaimer": disclaimer})
    lines = {f: doc.line_of(tuple(f.split("."))) for f in ("business.name", "trainer")}
    value.written_at({f: (doc.name, line) for f, line in lines.items()})
    return Inspected(doc, value, problems)


def _disclaimer_text(
    doc: YamlDoc, base: Path, language: str, disclaimer: str, problems: list[Problem]
) -> str:
    """The disclaimer in one language: the text itself, or read from the file it names."""
    candidate = base / disclaimer
    looks_named = candidate.suffix.lower() in (".md", ".txt")  # Disclaimer.MD is a file name
    if "\n" in disclaimer or len(disclaimer) >= 200 or not looks_named:
        return disclaimer
    raw = doc.data.get("disclaimer")
    loc: tuple[str, ...] = ("disclaimer", language) if isinstance(raw, dict) else ("disclaimer",)
    if not (candidate.exists() or candidate.is_symlink()):  # a FIFO or loop: the reader says
        problems.append(
            doc.problem(
                loc,
                f"disclaimer file not found: {display_name(candidate)}; every handout "
                "must carry the disclaimer",
                disclaimer,
            )
        )
        return disclaimer
    text = read_text(candidate, "disclaimer file", MAX_DISCLAIMER).strip()
    if not text:
        problems.append(Problem("the disclaimer file is empty", file=display_name(candidate)))
    elif (ch := control_character(text)) is not None:
        line = text[: text.index(ch)].count("\n") + 1
        message = unprintable(text) or ""
        problems.append(Problem(message, file=display_name(candidate), line=line))
    return text or disclaimer


def _verb(problem: str) -> str:
    """'is not a ...' reads on directly; other reasons follow a colon."""
    return f" {problem}" if problem.startswith("is ") else f": {problem}"
