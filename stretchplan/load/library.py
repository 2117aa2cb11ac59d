"""Load exercises.yaml and brand.yaml into validated models with resolved paths."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from stretchplan.errors import Problem, UserError, unknown_id
from stretchplan.load.images import UnusableImageError, probe
from stretchplan.load.models import Brand, Library
from stretchplan.load.validate import validate
from stretchplan.load.yamlsrc import YamlDoc, display_name, load_yaml, read_text


def load_library(path: Path) -> Library:
    """Parse and validate an exercise library; image paths come back absolute."""
    doc = load_yaml(path, "exercise library")
    library = validate(Library, doc)
    problems = _cross_check(library, doc)
    base = path.resolve().parent
    exercises = []
    for i, exercise in enumerate(library.exercises):
        images = []
        for j, image in enumerate(exercise.images):
            resolved = (base / image).resolve()
            trouble = image_trouble(resolved)
            if trouble:
                problems.append(
                    doc.problem(
                        ("exercises", i, "images", j),
                        f'the photo for "{exercise.id}" {trouble}: {display_name(resolved)}',
                        image,
                    )
                )
            images.append(str(resolved))
        exercises.append(exercise.model_copy(update={"images": images}))
    if problems:
        raise UserError(problems)
    return library.model_copy(update={"exercises": exercises})


def _cross_check(library: Library, doc: YamlDoc) -> list[Problem]:
    problems: list[Problem] = []
    id_lists = (
        ("exercise", [e.id for e in library.exercises]),
        ("program", [p.id for p in library.programs]),
    )
    for kind, ids in id_lists:
        counts = Counter(ids)
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if counts[item_id] > 1 and item_id in seen:
                problems.append(
                    doc.problem((f"{kind}s", i, "id"), f'{kind} id "{item_id}" is used twice')
                )
            seen.add(item_id)
    known = [e.id for e in library.exercises]
    for p, program in enumerate(library.programs):
        for s, section in enumerate(program.sections):
            for i, item in enumerate(section.items):
                loc = ("programs", p, "sections", s, "items", i)
                exercise = library.exercise(item.exercise)
                if exercise is None:
                    problems.append(
                        doc.problem(
                            (*loc, "exercise"), unknown_id("exercise", item.exercise, known)
                        )
                    )
                elif exercise.option_for(program.mode) is None and item.dosage is None:
                    options = ", ".join(exercise.dosage)
                    problems.append(
                        doc.problem(
                            loc,
                            f'"{exercise.id}" has no {program.mode} dosage (it has: {options}); '
                            "add one to the exercise or give this item a dosage",
                        )
                    )
    return problems


def load_brand(path: Path) -> Brand:
    """Parse brand.yaml; logo, fonts and disclaimer resolve against its folder."""
    doc = load_yaml(path, "brand file")
    brand = validate(Brand, doc)
    base = path.resolve().parent
    problems: list[Problem] = []

    def existing(loc: tuple[str, ...], value: str, what: str) -> str:
        resolved = (base / value).resolve()
        if not resolved.is_file():
            problems.append(doc.problem(loc, f"{what} not found: {display_name(resolved)}", value))
        return str(resolved)

    logo = None
    if brand.logo:
        logo = str((base / brand.logo).resolve())
        trouble = image_trouble(Path(logo))
        if trouble:
            problems.append(
                doc.problem(
                    ("logo",), f"the logo {trouble}: {display_name(Path(logo))}", brand.logo
                )
            )
    fonts = brand.fonts.model_copy(
        update={
            style: existing(("fonts", style), getattr(brand.fonts, style), f"{style} font file")
            for style in ("regular", "bold", "italic")
        }
    )
    disclaimer = brand.disclaimer
    candidate = base / disclaimer
    if "\n" not in disclaimer and len(disclaimer) < 200 and candidate.suffix in (".md", ".txt"):
        if not candidate.is_file():
            problems.append(
                doc.problem(
                    ("disclaimer",),
                    f"disclaimer file not found: {display_name(candidate)}; every handout "
                    "must carry the disclaimer",
                    disclaimer,
                )
            )
        else:
            disclaimer = read_text(candidate, "disclaimer file", 64 * 1024).strip()
            if not disclaimer:
                problems.append(
                    Problem("the disclaimer file is empty", file=display_name(candidate))
                )
    if problems:
        raise UserError(problems)
    return brand.model_copy(update={"logo": logo, "fonts": fonts, "disclaimer": disclaimer})


def image_trouble(path: Path) -> str | None:
    """Why a photo or logo cannot be printed (missing, unreadable, not an image, too big)."""
    if not path.is_file():
        return "was not found" if not path.exists() else "is a folder, not an image file"
    try:
        probe(path)
    except UnusableImageError as exc:
        return str(exc)
    return None
