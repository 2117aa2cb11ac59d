"""Tables of what a workspace holds (programs, exercises, printers) for a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from stretchplan.bundled import library_path
from stretchplan.errors import Problem, UserError, did_you_mean, unknown_id
from stretchplan.labels import bundled
from stretchplan.load.library import load_library
from stretchplan.load.text import texts_in
from stretchplan.plan import dosage_text


def programs_table(library: Path | None) -> str:
    lib = load_library(library_path(library))
    if not lib.programs:
        return "This library has no programs yet."
    rows = [("ID", "TITLE", "MODE", "EXERCISES")]
    for program in lib.programs:
        count = sum(len(section.items) for section in program.sections)
        rows.append((program.id, program.title.first(), program.mode, str(count)))
    return text_table(rows)


def exercises_table(library: Path | None, tag: str | None) -> str:
    lib = load_library(library_path(library))
    chosen = [e for e in lib.exercises if tag is None or tag in e.tags]
    if not chosen:
        tags = sorted({t for e in lib.exercises for t in e.tags})
        raise UserError(Problem(f'no exercise has the tag "{tag}".{did_you_mean(tag or "", tags)}'))
    rows = [("ID", "KIND", "NAME", "TAGS")]
    rows += [(e.id, e.kind, e.name.first(), ", ".join(e.tags)) for e in chosen]
    return text_table(rows)


def exercise_details(library: Path | None, exercise_id: str) -> str:
    lib = load_library(library_path(library))
    exercise = lib.exercise(exercise_id)
    if exercise is None:
        known = [e.id for e in lib.exercises]
        raise UserError(Problem(unknown_id("exercise", exercise_id, known)))
    lines = [f"{exercise.name.first()}  ({exercise.id}, {exercise.kind})"]
    if exercise.summary:
        lines.append(exercise.summary.first())
    if exercise.targets:
        lines.append(f"Targets: {', '.join(exercise.targets)}")
    if exercise.equipment:
        lines.append(f"Equipment: {', '.join(item.first() for item in exercise.equipment)}")
    labels = bundled("en")
    for mode, dosage in exercise.dosage.items():
        lines.append(f"Dosage ({mode}): {dosage_text(dosage, exercise.sides, labels)}")
    lines.append("Steps:")
    lines += [f"  {i}. {step.first()}" for i, step in enumerate(exercise.steps, start=1)]
    for title, items in (("Tips", exercise.cues), ("Take care", exercise.cautions)):
        if items:
            lines.append(f"{title}:")
            lines += [f"  - {item.first()}" for item in items]
    languages = sorted({lang for _, text in texts_in(exercise) for lang in text.languages})
    lines.append(f"Languages: {', '.join(languages)}")
    if exercise.video:
        lines.append(f"Video: {exercise.video}")
    lines += [f"Photo: {image}" for image in exercise.images]
    return "\n".join(lines)


def text_table(rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def printers_table() -> str:
    from stretchplan.deliver.cups import list_printers

    printers = list_printers()
    if not printers:
        return "CUPS knows no printers yet; add one in your system's printer settings."
    rows = [("PRINTER", "DEFAULT", "STATE")]
    for p in printers:
        state = f"{p.state}: {p.message}" if p.message and p.state != "idle" else p.state
        rows.append((p.name, "yes" if p.is_default else "", state))
    return text_table(rows)
