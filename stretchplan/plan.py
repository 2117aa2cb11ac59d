"""Plan stage: validated models in, one handout's resolved content out.

Pure: no file access, no clock. "Today" arrives as a value; every label is
already in the handout's language; every path is already absolute.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from stretchplan.errors import Problem, UserError, unknown_id
from stretchplan.labels import Labels, labels_for
from stretchplan.load.models import Brand, Client, Dosage, Exercise, Library, Program, Span
from stretchplan.shortlinks import READABLE_MAX, qr_target, readable_address


@dataclass(frozen=True)
class ExercisePlan:
    number: int
    id: str
    name: str
    summary: str | None
    dosage: str
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    cautions: tuple[str, ...]
    note: str | None
    video: str | None
    images: tuple[str, ...]
    equipment: tuple[str, ...]
    link: str | None = None  # what the QR code encodes: the short link, else the video
    link_text: str | None = None  # the readable address printed under the code


@dataclass(frozen=True)
class SectionPlan:
    title: str
    items: tuple[ExercisePlan, ...]


@dataclass(frozen=True)
class BrandPlan:
    business: str
    tagline: str | None
    trainer: str | None
    contact_line: str
    logo: str | None
    primary: str
    accent: str
    font_regular: str
    font_bold: str
    font_italic: str
    disclaimer: tuple[str, ...]
    website: str | None = None  # the last of the contact line, the first to go when it is long


@dataclass(frozen=True)
class Options:
    """Choices made for one handout, beyond the client and the program."""

    today: dt.date
    page_size: str | None = None
    language: str | None = None
    large_print: bool = False
    tracker_weeks: int = 0


@dataclass(frozen=True)
class Plan:
    program_id: str
    title: str
    client_name: str | None
    date: dt.date
    date_text: str
    mode: str
    mode_text: str
    intro: str | None
    frequency: str | None
    sections: tuple[SectionPlan, ...]
    program_notes: tuple[str, ...]
    trainer_notes: tuple[str, ...]
    goals: tuple[str, ...]
    brand: BrandPlan
    labels: Labels
    page_size: str
    large_print: bool = False
    tracker_weeks: int = 0
    exercises: tuple[ExercisePlan, ...] = field(init=False)

    def __post_init__(self) -> None:
        items = tuple(item for section in self.sections for item in section.items)
        object.__setattr__(self, "exercises", items)


def dosage_text(dosage: Dosage, sides: str, labels: Labels) -> str:
    """'Hold 20–30 s · 1–2 times · each side', '2 sets × 10–15 reps', ..."""

    def count(span: Span, one: str, many: str) -> str:
        return f"{span.text()} {one if span.is_one else many}"

    parts = []
    if dosage.hold:
        parts.append(f"{labels.hold} {dosage.hold.text()} {labels.seconds}")
    if dosage.duration:
        parts.append(f"{dosage.duration.text()} {labels.seconds}")
    if dosage.sets and dosage.reps:
        parts.append(
            f"{count(dosage.sets, labels.set_, labels.sets)} × "
            f"{count(dosage.reps, labels.rep, labels.reps)}"
        )
    elif dosage.sets:
        parts.append(count(dosage.sets, labels.set_, labels.sets))
    elif dosage.reps:
        if dosage.hold:
            parts.append(count(dosage.reps, labels.time, labels.times))
        else:
            parts.append(count(dosage.reps, labels.rep, labels.reps))
    if sides == "each":
        parts.append(labels.each_side)
    elif sides == "both":
        parts.append(labels.both_sides)
    return " · ".join(parts)


_OPENS = r"(^|(?<=[\s(\[{\u2013\u2014/-]))"  # where a quote mark opens: after a space or bracket


def typeset(text: str) -> str:
    """Typewriter quotes made typographic: "4" -> “4”, don't -> don’t, 'hold' -> ‘hold’.

    A mark after a space or an opening bracket (or at the start) opens; any
    other closes, and an apostrophe inside or at the end of a word is ’.
    """
    text = re.sub(_OPENS + '"', "\\1“", text)
    text = text.replace('"', "”")
    text = re.sub(_OPENS + "'(?=\\w)", "\\1‘", text)
    return text.replace("'", "’")


def _typeset_all(items: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(typeset(item) for item in items)


def brand_plan(brand: Brand) -> BrandPlan:
    contact = brand.contact
    pieces = [brand.trainer, brand.business.name, contact.phone, contact.email, contact.website]
    paragraphs = tuple(p.strip() for p in brand.disclaimer.split("\n\n") if p.strip())
    return BrandPlan(
        business=brand.business.name,
        tagline=brand.business.tagline,
        trainer=brand.trainer,
        contact_line=" · ".join(p for p in pieces if p),
        logo=brand.logo,
        primary=brand.colors.primary,
        accent=brand.colors.accent,
        font_regular=brand.fonts.regular,
        font_bold=brand.fonts.bold,
        font_italic=brand.fonts.italic,
        disclaimer=tuple(" ".join(p.split()) for p in paragraphs),
        website=contact.website,
    )


def build_plan(
    library: Library,
    brand: Brand,
    client: Client | None,
    options: Options,
    program_id: str | None = None,
) -> Plan:
    """Resolve one handout (client given) or class sheet (client None)."""
    labels = labels_for(options.language or brand.language)
    base = brand.links.base if brand.links else None
    wanted = (client.program if client else None) or program_id
    program = _program(library, wanted, client, labels)
    mode = (client.mode if client else None) or program.mode
    omit = set(client.omit) if client else set()
    in_program = {item.exercise for s in program.sections for item in s.items}
    for exercise_id in sorted(omit - in_program):
        assert client is not None
        message = f'cannot omit "{exercise_id}": {unknown_id("exercise", exercise_id, in_program)}'
        raise UserError(client.problem("omit", message, exercise_id))

    number = 0
    sections = []
    for section in program.sections:
        items = []
        for item in section.items:
            if item.exercise in omit:
                continue
            exercise = library.exercise(item.exercise)
            if exercise is None:
                known = [e.id for e in library.exercises]
                raise UserError(Problem(unknown_id("exercise", item.exercise, known)))
            number += 1
            items.append(_exercise(exercise, number, mode, item.dosage, item.note, labels, base))
        if items:
            sections.append(SectionPlan(typeset(section.title), tuple(items)))
    extra = []
    for exercise_id in client.add if client else []:
        exercise = library.exercise(exercise_id)
        if exercise is None:
            known = [e.id for e in library.exercises]
            assert client is not None
            raise UserError(client.problem("add", unknown_id("exercise", exercise_id, known)))
        if exercise_id in in_program - omit:
            continue
        number += 1
        extra.append(_exercise(exercise, number, mode, None, None, labels, base))
    if extra:
        sections.append(SectionPlan(labels.added, tuple(extra)))
    if not sections:
        assert client is not None  # a program always has exercises
        raise UserError(client.problem("omit", "the plan has no exercises left after omitting"))

    date = (client.date if client and client.date else None) or options.today
    return Plan(
        program_id=program.id,
        title=typeset(program.title),
        client_name=client.name if client else None,
        date=date,
        date_text=labels.date(date.year, date.month, date.day),
        mode=mode,
        mode_text=labels.mode_static if mode == "static" else labels.mode_dynamic,
        intro=typeset(program.intro) if program.intro else None,
        frequency=typeset(program.frequency) if program.frequency else None,
        sections=tuple(sections),
        program_notes=_typeset_all(program.notes),
        trainer_notes=_typeset_all(client.notes) if client else (),
        goals=_typeset_all(client.goals) if client else (),
        brand=brand_plan(brand),
        labels=labels,
        page_size=options.page_size or brand.page_size,
        large_print=options.large_print,
        tracker_weeks=options.tracker_weeks,
    )


def _program(
    library: Library, wanted: str | None, client: Client | None, labels: Labels
) -> Program:
    known = [p.id for p in library.programs]
    if wanted:
        program = library.program(wanted)
        if program is None:
            message = unknown_id("program", wanted, known)
            if client is not None and client.program == wanted:
                raise UserError(client.problem("program", message, wanted))
            raise UserError(Problem(message, field="program", value=wanted))
        return program
    if client is not None and client.add:
        # Only --add given: a plan made of just those exercises.
        return Program.model_construct(
            id="custom",
            title=labels.your_plan,
            intro=None,
            mode="static",
            frequency=None,
            sections=[],
            notes=[],
        )
    listing = ", ".join(known) or "none in this library"
    raise UserError(
        Problem(f"no program chosen; give [[program]] (available: {listing})", field="program")
    )


def _exercise(
    exercise: Exercise,
    number: int,
    mode: str,
    override: Dosage | None,
    note: str | None,
    labels: Labels,
    base: str | None,
) -> ExercisePlan:
    option = exercise.option_for(mode)
    if option is None and override is None:
        options = ", ".join(exercise.dosage)
        raise UserError(
            Problem(
                f'"{exercise.id}" has no {mode} dosage (it has: {options}); choose another mode'
            )
        )
    dosage = option.merged(override) if option else override
    assert dosage is not None
    link = qr_target(exercise, base)
    return ExercisePlan(
        number=number,
        id=exercise.id,
        name=typeset(exercise.name),
        summary=typeset(exercise.summary) if exercise.summary else None,
        dosage=dosage_text(dosage, exercise.sides, labels),
        steps=_typeset_all(exercise.steps),
        cues=_typeset_all(exercise.cues),
        cautions=_typeset_all(exercise.cautions),
        note=typeset(note) if note else None,
        video=exercise.video,
        images=tuple(exercise.images),
        equipment=_typeset_all(exercise.equipment),
        link=link,
        # A short link is printed whole, to be typed; a video's address, shortened.
        link_text=readable_address(link, None if base else READABLE_MAX) if link else None,
    )


def printed_texts(plan: Plan) -> list[tuple[str, str]]:
    """Every user-supplied string a plan prints, with the field it came from: the
    one list that the glyph checks of rendering go through."""
    brand = plan.brand
    texts = [("title", plan.title), ("business", brand.business), ("contact", brand.contact_line)]
    if plan.client_name:
        texts.append(("name", plan.client_name))
    for field_name, value in (
        ("intro", plan.intro),
        ("frequency", plan.frequency),
        ("tagline", brand.tagline),
    ):
        if value:
            texts.append((field_name, value))
    texts += [("notes", n) for n in (*plan.program_notes, *plan.trainer_notes)]
    texts += [("goals", g) for g in plan.goals]
    texts += [("disclaimer", d) for d in brand.disclaimer]
    for section in plan.sections:
        texts.append(("section title", section.title))
        for ex in section.items:
            where = f"exercise {ex.id}"
            for value in (
                ex.name,
                ex.summary,
                ex.note,
                *ex.steps,
                *ex.cues,
                *ex.cautions,
                *ex.equipment,
            ):
                if value:
                    texts.append((where, value))
    return texts
