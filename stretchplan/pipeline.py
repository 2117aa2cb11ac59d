"""The four stages wired together for one handout; shared by the CLI and batch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, get_args

from stretchplan.deliver.files import ensure_replaceable, output_name, write_atomic
from stretchplan.errors import Problem, UserError, checked_choice, did_you_mean, unknown_id
from stretchplan.labels import LabelBook, bundled, folder_beside
from stretchplan.load.client import client_from_flags, load_client
from stretchplan.load.library import inspect_library, load_brand, load_library
from stretchplan.load.models import Brand, Client, Library, PageSize
from stretchplan.load.sources import brand_path, library_path
from stretchplan.load.text import texts_in
from stretchplan.plan import Options, Plan, build_plan, dosage_text


@dataclass(frozen=True)
class Inputs:
    """What every handout of a run shares: the library and the brand."""

    library: Library
    brand: Brand
    library_file: Path
    brand_file: Path
    # Exercises whose photos cannot be used, by id: plans showing them are refused.
    unusable: Mapping[str, Sequence[Problem]] = field(default_factory=dict)
    # The labels of each language, bundled or the workspace's own (templates/labels).
    labels: LabelBook = field(default_factory=LabelBook)


def load_inputs(library: Path | None = None, brand: Path | None = None) -> Inputs:
    lib_file, brand_file = library_path(library), brand_path(brand)
    lib, unusable = inspect_library(lib_file).result_sparing_photos()
    book = LabelBook(folder_beside(brand_file))
    return Inputs(lib, load_brand(brand_file), lib_file, brand_file, unusable, book)


def label_book(brand: Path | None) -> LabelBook:
    """The labels a workspace can print with: bundled, plus templates/labels/xx.yaml."""
    return LabelBook(folder_beside(brand_path(brand)))


def plan_for(
    inputs: Inputs, client: Client | None, options: Options, program_id: str | None = None
) -> Plan:
    """The client's plan; refused when it shows a photo that cannot be used, so in a
    batch only the rows with that exercise fail."""
    plan = build_plan(inputs.library, inputs.brand, client, options, program_id, inputs.labels)
    problems = [found for item in plan.exercises for found in inputs.unusable.get(item.id, ())]
    if problems:
        raise UserError(problems)
    return plan


def handout_pdf(plan: Plan) -> bytes:
    from stretchplan.render.handout import render_handout  # reportlab only when rendering

    return render_handout(plan)


def class_sheet_pdf(plan: Plan) -> bytes:
    from stretchplan.render.class_sheet import render_class_sheet

    return render_class_sheet(plan)


@dataclass(frozen=True, kw_only=True)
class Look:
    """How the pages come out: the same flags on every command that makes them."""

    page_size: str | None = None  # None: the brand's
    language: str | None = None  # None: the client's, else the brand's
    large_print: bool = False
    tracker_weeks: int = 0
    fallback: str | None = None  # for texts not translated into the language

    def options(self, today: dt.date, languages: Sequence[str] | None = None) -> Options:
        """The plan's options, each flag checked (exit 2 naming it, with a suggestion).

        `languages`: those the workspace has labels for (default: the bundled ones)."""
        known = tuple(languages or LabelBook().languages())
        return Options(
            today=today,
            page_size=checked_choice("--page-size", self.page_size, get_args(PageSize)),
            language=checked_choice("--lang", self.language, known),
            large_print=self.large_print,
            tracker_weeks=self.tracker_weeks,
            fallback=checked_choice("--fallback", self.fallback, known),
        )


@dataclass(frozen=True, kw_only=True)
class HandoutChoices(Look):
    """Everything about one handout that is not the client."""

    today: dt.date
    library: Path | None = None
    brand: Path | None = None
    output: Path | None = None
    force: bool = False
    out_dir: Path = Path("handouts")


def make_handout(client_file: Path | None, flags: dict[str, Any], choices: HandoutChoices) -> Path:
    """Load, plan, render and write one handout; returns where it went."""
    given = {key: value for key, value in flags.items() if value not in (None, [], ())}
    if client_file is not None:
        client = load_client(client_file, given)
    else:
        client = client_from_flags(given)
    options = choices.options(choices.today, label_book(choices.brand).languages())
    inputs = load_inputs(choices.library, choices.brand)
    plan = plan_for(inputs, client, options)
    default_name = output_name(plan.date, plan.client_name, plan.program_id)
    target = resolve_target(choices.output, choices.out_dir, default_name)
    ensure_replaceable(target, choices.force)
    pdf = handout_pdf(plan)
    write_atomic(target, pdf)
    return target


def resolve_target(output: Path | None, out_dir: Path, default_name: str) -> Path:
    """-o as given: a file, a folder (ends in / or exists) for the default name, or nothing."""
    if output is None:
        return out_dir / default_name
    if output.is_dir() or str(output).endswith(("/", "\\")):
        return output / default_name
    return output


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
        lines.append(f"Equipment: {', '.join(exercise.equipment)}")
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


@dataclass(frozen=True, kw_only=True)
class ClassSheetChoices(Look):
    """One class sheet for anyone in the class: a blank name line to fill in."""

    program: str
    today: dt.date
    title: str | None = None
    library: Path | None = None
    brand: Path | None = None
    output: Path | None = None
    force: bool = False
    out_dir: Path = Path("handouts")


def make_class_sheet(choices: ClassSheetChoices) -> Path:
    """Plan and render an unnamed class sheet; returns where it went."""
    options = choices.options(choices.today, label_book(choices.brand).languages())
    inputs = load_inputs(choices.library, choices.brand)
    plan = plan_for(inputs, None, options, choices.program)
    if choices.title is not None:
        if not choices.title.strip():
            raise UserError(Problem("the title is empty", field="--title"))
        plan = replace(plan, title=choices.title.strip())
    default_name = output_name(plan.date, None, plan.program_id, "class-sheet")
    target = resolve_target(choices.output, choices.out_dir, default_name)
    ensure_replaceable(target, choices.force)
    write_atomic(target, class_sheet_pdf(plan))
    return target


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
