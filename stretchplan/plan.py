"""Plan stage: validated models in, one handout's resolved content out.

Pure: no file access, no clock. "Today" arrives as a value; every label is
already in the handout's language; every path is already absolute.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from stretchplan.errors import Problem, UserError, unknown_id
from stretchplan.figures import Frame
from stretchplan.labels import LabelBook, Labels
from stretchplan.language import Origin, Translator, choose_language
from stretchplan.load.brand import Brand
from stretchplan.load.fields import Span
from stretchplan.load.models import Client, Dosage, Exercise, Library, Program
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
    figures: tuple[Frame, ...] = ()  # drawn when there are no photos


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
    fallback: str | None = None  # the language for texts missing in the chosen one


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
    language: str = "en"
    fallback_notice: str | None = None  # printed when some text is in another language
    # Where each printed text was written, for messages only (not part of what is printed).
    origins: dict[str, Origin] = field(default_factory=dict, repr=False, compare=False)
    exercises: tuple[ExercisePlan, ...] = field(init=False)

    def __post_init__(self) -> None:
        items = tuple(item for section in self.sections for item in section.items)
        object.__setattr__(self, "exercises", items)


def dosage_text(dosage: Dosage, sides: str, labels: Labels) -> str:
    """'Hold 20–30 s · 1–2 times · each side', '2 sets × 10–15 reps', ..."""

    def count(span: Span, one: str, many: str) -> str:
        return f"{_span(span, labels)} {one if span.is_one else many}"

    parts = []
    if dosage.hold:
        parts.append(f"{labels.hold} {_span(dosage.hold, labels)} {labels.seconds}")
    if dosage.duration:
        parts.append(f"{_span(dosage.duration, labels)} {labels.seconds}")
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


def _typeset_optional(text: str | None) -> str | None:
    return typeset(text) if text else text


def _span(span: Span, labels: Labels) -> str:
    lo, hi = labels.number(span.lo), labels.number(span.hi)
    return lo if lo == hi else f"{lo}–{hi}"


def brand_plan(brand: Brand, words: Translator | None = None) -> BrandPlan:
    words = words or Translator(brand.language)
    contact = brand.contact
    pieces = [brand.trainer, brand.business.name, contact.phone, contact.email, contact.website]
    disclaimer = words.text(brand.disclaimer) or ""
    paragraphs = tuple(p.strip() for p in disclaimer.split("\n\n") if p.strip())
    return BrandPlan(
        business=brand.business.name,
        tagline=words.text(brand.business.tagline),
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
    label_book: LabelBook | None = None,
) -> Plan:
    """Resolve one handout (client given) or class sheet (client None), every text in
    its language (refused, listing each missing translation, unless a fallback is given)."""
    labels, words = _language(options, client, brand, label_book)
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
            note = words.text(item.note)
            items.append(_exercise(exercise, number, mode, item.dosage, note, labels, base, words))
        if items:
            sections.append(SectionPlan(typeset(words.text(section.title) or ""), tuple(items)))
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
        extra.append(_exercise(exercise, number, mode, None, None, labels, base, words))
    if extra:
        sections.append(SectionPlan(labels.added, tuple(extra)))
    if not sections:
        assert client is not None  # a program always has exercises
        raise UserError(client.problem("omit", "the plan has no exercises left after omitting"))

    date = (client.date if client and client.date else None) or options.today
    title, intro, frequency = (
        words.text(t) for t in (program.title, program.intro, program.frequency)
    )
    program_notes, brand_page = words.texts(program.notes), brand_plan(brand, words)
    words.finish()
    return Plan(
        program_id=program.id,
        title=typeset(title or ""),
        client_name=client.name if client else None,
        date=date,
        date_text=labels.date(date.year, date.month, date.day),
        mode=mode,
        mode_text=labels.mode_static if mode == "static" else labels.mode_dynamic,
        intro=_typeset_optional(intro),
        frequency=_typeset_optional(frequency),
        sections=tuple(sections),
        program_notes=_typeset_all(program_notes),
        trainer_notes=_typeset_all(client.notes) if client else (),
        goals=_typeset_all(client.goals) if client else (),
        brand=brand_page,
        labels=labels,
        page_size=options.page_size or brand.page_size,
        large_print=options.large_print,
        tracker_weeks=options.tracker_weeks,
        language=labels.language,
        fallback_notice=_fallback_notice(words, labels),
        origins=_origins(words, client, brand, brand_page),
    )


def _origins(
    words: Translator, client: Client | None, brand_file: Brand, brand: BrandPlan
) -> dict[str, Origin]:
    """Every printed text -> where it was written, as printed (typeset, or one paragraph
    of the disclaimer) and as written."""
    found = dict(words.origins)
    if written := brand_file.origin("business.name"):
        found.setdefault(brand.business, (*written, "business.name"))
    for field_name, texts in (
        ("name", [client.name] if client else []),
        ("notes", client.notes if client else []),
        ("goals", client.goals if client else []),
    ):
        place = client.problem(field_name, "") if client else None
        for text in texts:
            if place is not None and place.file:
                found.setdefault(text, (place.file, place.line, field_name))
    for text, where in words.origins.items():  # the disclaimer prints paragraph by paragraph
        for paragraph in (" ".join(p.split()) for p in text.split("\n\n")):
            if paragraph in brand.disclaimer:
                found.setdefault(paragraph, where)
    return {**{typeset(text): where for text, where in found.items()}, **found}


def _language(
    options: Options, client: Client | None, brand: Brand, book: LabelBook | None
) -> tuple[Labels, Translator]:
    """The handout's labels and the translator of its texts."""
    language, field = choose_language(
        options.language, client.lang if client else None, brand.language
    )
    try:
        labels = (book or LabelBook()).get(language, field)
    except UserError as exc:
        if client is None or options.language or not client.lang:
            raise
        # The client's own lang: point at the file and line (or roster row) that gave it.
        raise UserError(
            [client.problem("lang", p.message, language) for p in exc.problems]
        ) from None
    return labels, Translator(language, options.fallback)


def _fallback_notice(words: Translator, labels: Labels) -> str | None:
    if not words.fell_back or words.fallback is None:
        return None
    return labels.fallback_notice.format(language=labels.calendar.name_of(words.fallback))


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
    words: Translator,
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
        name=typeset(words.text(exercise.name) or ""),
        summary=_typeset_optional(words.text(exercise.summary)),
        dosage=dosage_text(dosage, exercise.sides, labels),
        steps=_typeset_all(words.texts(exercise.steps)),
        cues=_typeset_all(words.texts(exercise.cues)),
        cautions=_typeset_all(words.texts(exercise.cautions)),
        note=_typeset_optional(note),
        video=exercise.video,
        images=tuple(exercise.images),
        equipment=_typeset_all(words.texts(exercise.equipment)),
        link=link,
        # A short link is printed whole, to be typed; a video's address, shortened.
        link_text=readable_address(link, None if base else READABLE_MAX) if link else None,
        figures=tuple(frame.frame(words.text(frame.label)) for frame in exercise.figures),
    )
