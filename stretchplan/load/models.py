"""Validated models of the inputs: exercise library, programs, clients and brand.

Pure data and validation, no file access: paths stay as written, resolved by
the loaders against the file that names them. Unknown keys are errors.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    field_validator,
)

from stretchplan.addresses import MAX_URL, check_address, check_link_base, check_website
from stretchplan.errors import Problem
from stretchplan.figures.frame import (
    Frame,
    arrow_problem,
    joint_problems,
    pose_problem,
    prop_problems,
)
from stretchplan.load.text import (
    LANGUAGE_PATTERN,
    TEXT_SCHEMA,
    Text,
    max_chars,
    one_or_many,
)
from stretchplan.media import colour

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_TITLE = 120  # a program's title, or a class sheet's: what the page header has room for

Mode = Literal["static", "dynamic"]
PageSize = Literal["letter", "a4"]  # the keys of media.pages.PAGE_SIZES


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


# Any language with a labels file (bundled, or the trainer's templates/labels/xx.yaml).
Language = Annotated[
    str, BeforeValidator(_lower), Field(pattern=LANGUAGE_PATTERN, description="en, es, fr ...")
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _printable(cls, value: Any) -> Any:
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and (bad := unprintable(text)):
                raise ValueError(bad)
        return value


def control_character(text: str) -> str | None:
    """The first invisible control character in `text` (tabs and line breaks are fine)."""
    return next((ch for ch in text if ch not in "\n\t" and unicodedata.category(ch) == "Cc"), None)


def unprintable(text: str) -> str | None:
    """Why `text` cannot be printed as it stands, naming the offending character."""
    ch = control_character(text)
    if ch is None:
        return None
    return (
        f"contains the invisible control character U+{ord(ch):04X}; delete it "
        "(it often comes along when text is copied from another program)"
    )


@dataclass(frozen=True)
class Span:
    """A number or an inclusive range, e.g. 30 or 20-30 (seconds, reps, sets)."""

    lo: float
    hi: float

    def text(self) -> str:
        lo, hi = _num(self.lo), _num(self.hi)
        return lo if lo == hi else f"{lo}–{hi}"

    @property
    def is_one(self) -> bool:
        return self.lo == self.hi == 1


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


_SPAN_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:(?:-|–|—|to)\s*(\d+(?:\.\d+)?))?\s*$")


def _span_parser(expect: str, limit: float, whole: bool = False) -> Callable[[Any], Span]:
    def parse(value: Any) -> Span:
        if isinstance(value, Span):
            return value
        if isinstance(value, bool):
            raise ValueError(f"expected {expect}, got {value!r}")
        if isinstance(value, str) and (why := number_form_problem(value)):
            raise ValueError(why)
        if isinstance(value, int | float):
            lo = hi = float(value)
        elif isinstance(value, str) and (m := _SPAN_RE.match(value)):
            lo = float(m.group(1))
            hi = float(m.group(2)) if m.group(2) else lo
        else:
            raise ValueError(f'expected {expect}, got "{value}"')
        if not (math.isfinite(lo) and math.isfinite(hi)):
            raise ValueError(f'expected {expect}, got "{value}"')
        if lo <= 0 or hi < lo:
            raise ValueError(f'expected {expect} with the smaller number first, got "{value}"')
        if hi > limit:
            raise ValueError(f'{hi:g} is more than {limit:g}; expected {expect}, got "{value}"')
        if whole and not (lo.is_integer() and hi.is_integer()):
            raise ValueError(f'expected a whole number ({expect}), got "{value}"')
        return Span(lo, hi)

    return parse


# Number forms YAML 1.1 reads as something other than they look (010 is 8, 1:30 is 90);
# the YAML reader hands them over as written, and a dosage refuses them here, saying
# how to write the number meant.
_PLAIN_NUMBER = re.compile(r"[-+]?(?:0|[1-9]\d*)(?:\.\d+)?")
_LEADING_ZERO = re.compile(r"(?<![\d.])0+(?=\d)")


def _seconds(text: str) -> str:
    return str(functools.reduce(lambda total, part: total * 60 + int(part), text.split(":"), 0))


_NUMBER_FORMS: tuple[tuple[re.Pattern[str], str, Callable[[str], str]], ...] = (
    (re.compile(r"[-+]?0[xX][0-9a-fA-F_]+"), "a hexadecimal number", lambda t: str(int(t, 16))),
    (re.compile(r"[-+]?0[oO][0-7_]+"), "an octal number", lambda t: str(int(t, 8))),
    (re.compile(r"[-+]?0[bB][01_]+"), "a binary number", lambda t: str(int(t, 2))),
    (re.compile(r"\d+(?::[0-5]?\d)+"), "minutes:seconds (or a time of day)", _seconds),
    (
        re.compile(r"[-+]?\d[\d_]*(?:\.[\d_]*)?"),
        "written with an underscore or a trailing dot",
        lambda t: t.replace("_", "").rstrip("."),
    ),
)


def number_form_problem(text: str) -> str | None:
    """Why `text` is not a number written plainly in decimal; None when it is one, or
    is no number at all (30, 2.5 and 20-30 are fine; 010, 0x1F, 1:30, 1_000 are not)."""
    shown = text.strip()
    if re.fullmatch(r"[\d\s.–—-]+|[\d.]+\s*to\s*[\d.]+", shown) and _LEADING_ZERO.search(shown):
        meant = _LEADING_ZERO.sub("", shown)
        return f'"{shown}" has a leading zero, which YAML 1.1 reads as octal; write {meant}'
    if _PLAIN_NUMBER.fullmatch(shown):
        return None
    for form, what, plain in _NUMBER_FORMS:
        if form.fullmatch(shown):
            if len(shown) > 40:
                return f'"{shown[:20]}..." is {what}; write the number in plain digits'
            return f'"{shown}" is {what}; write it in plain digits: {plain(shown)}'
    return None


_SPAN_SCHEMA = {
    "anyOf": [
        {"type": "number", "exclusiveMinimum": 0},
        {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*((-|–|—|to)\s*\d+(\.\d+)?)?\s*$"},
    ]
}
Seconds = Annotated[
    Span,
    BeforeValidator(_span_parser("seconds like 30 or 20-30", 3600)),
    WithJsonSchema({**_SPAN_SCHEMA, "description": "seconds, e.g. 30 or 20-30"}),
]
Count = Annotated[
    Span,
    BeforeValidator(_span_parser("a count like 2 or 1-2", 500, whole=True)),
    WithJsonSchema({**_SPAN_SCHEMA, "description": "a count, e.g. 2 or 10-15"}),
]


def _text_list(value: Any) -> Any:
    """Accept a single string where a list of strings is expected."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    return value


def _one_or_many(item: dict[str, Any]) -> WithJsonSchema:
    """Editors should accept `cues: Breathe out.` as well as a list, as the loader does."""
    return WithJsonSchema({"anyOf": [item, {"type": "array", "items": item}]})


TextList = Annotated[
    list[Annotated[str, Field(min_length=1)]],
    BeforeValidator(_text_list),
    _one_or_many({"type": "string", "minLength": 1}),
]
Texts = Annotated[
    list[Text],
    BeforeValidator(one_or_many),
    _one_or_many(TEXT_SCHEMA),
]


# Translatable texts of at most so many characters in each language.
Title = Annotated[Text, AfterValidator(max_chars(MAX_TITLE))]
Summary = Annotated[Text, AfterValidator(max_chars(300))]


IdList = Annotated[
    list[Annotated[str, Field(pattern=ID_PATTERN)]],
    BeforeValidator(_text_list),
    _one_or_many({"type": "string", "pattern": ID_PATTERN}),
]


def _web_url(value: str) -> str:
    check_address(value)  # the one rule book for addresses: stretchplan.addresses
    return value


WebUrl = Annotated[
    str,
    AfterValidator(_web_url),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[hH][tT][tT][pP][sS]?://",
            "maxLength": MAX_URL,
            "description": "web address of the video (http or https); becomes the QR code",
        }
    ),
]


class Dosage(Strict):
    """How much of an exercise: any of reps, hold (s), sets, duration (s)."""

    reps: Count | None = None
    hold: Seconds | None = None
    sets: Count | None = None
    duration: Seconds | None = None

    def merged(self, override: Dosage | None) -> Dosage:
        if override is None:
            return self
        fields = ("reps", "hold", "sets", "duration")
        given = {k: getattr(override, k) for k in fields if getattr(override, k) is not None}
        return self.model_copy(update=given)

    def is_empty(self) -> bool:
        return all(v is None for v in (self.reps, self.hold, self.sets, self.duration))


class FigureFrame(Strict):
    """One frame of an exercise's pose figure: a base pose with joint angles and props."""

    pose: Annotated[str, Field(description="a base pose; `stretchplan poses` lists them")]
    joints: Annotated[
        dict[str, float],
        Field(description="joint angles in degrees by name, e.g. right.hip: 90"),
    ] = {}
    props: Annotated[
        TextList, Field(description="mat, chair, wall ...; chair@left.hand holds it there")
    ] = []
    arrow: Annotated[
        str | None,
        Field(description="a body point whose movement gets an arrow: right.knee, pelvis up"),
    ] = None
    label: Annotated[Text, AfterValidator(max_chars(30))] | None = None
    view: Literal["side", "front"] = "side"

    def frame(self, label: str | None = None) -> Frame:
        """The frame to draw, with its caption already in the handout's language."""
        return Frame(
            pose=self.pose,
            joints=tuple(self.joints.items()),
            props=tuple(self.props),
            arrow=self.arrow,
            label=label,
            view=self.view,
        )

    @field_validator("pose")
    @classmethod
    def _known_pose(cls, value: str) -> str:
        if problem := pose_problem(value):
            raise ValueError(problem)
        return value

    @field_validator("joints")
    @classmethod
    def _known_joints(cls, value: dict[str, float]) -> dict[str, float]:
        if problems := joint_problems(value):
            raise ValueError("; ".join(problems))
        return value

    @field_validator("props")
    @classmethod
    def _known_props(cls, value: list[str]) -> list[str]:
        if problems := prop_problems(value):
            raise ValueError("; ".join(problems))
        return value

    @field_validator("arrow")
    @classmethod
    def _known_arrow(cls, value: str | None) -> str | None:
        if value is not None and (problem := arrow_problem(value)):
            raise ValueError(problem)
        return value


class Exercise(Strict):
    """One exercise: how to do it, how much, and the video its QR code opens."""

    id: Annotated[str, Field(pattern=ID_PATTERN, max_length=60)]
    name: Title
    kind: Literal["stretch", "mobility", "strength", "release"]
    summary: Summary | None = None
    targets: TextList = []
    tags: IdList = []
    equipment: Texts = []
    images: Annotated[
        list[str], Field(max_length=2, description="0-2 photos, relative to this file")
    ] = []
    figures: Annotated[
        list[FigureFrame],
        Field(max_length=2, description="1-2 pose figures (start, finish) drawn when no photo"),
    ] = []
    video: WebUrl | None = None
    dosage: Annotated[
        dict[str, Dosage],
        Field(min_length=1, description="named options (static, dynamic ...); programs pick one"),
    ]
    sides: Literal["each", "both", "none"] = "none"
    steps: Annotated[Texts, Field(min_length=1)]
    cues: Texts = []
    cautions: Texts = []

    def option_for(self, mode: str) -> Dosage | None:
        """The dosage option a program in `mode` uses; a single option serves every mode."""
        if mode in self.dosage:
            return self.dosage[mode]
        if len(self.dosage) == 1:
            return next(iter(self.dosage.values()))
        return None

    @field_validator("figures")
    @classmethod
    def _one_arrow_direction(cls, value: list[FigureFrame]) -> list[FigureFrame]:
        for frame in value if len(value) == 1 else []:
            if frame.arrow is not None and len(frame.arrow.split()) == 1:
                raise ValueError(
                    f'a one-frame figure\'s arrow needs a direction: "{frame.arrow} up" '
                    f"(up, down, forward or back)"
                )
        return value

    @field_validator("dosage")
    @classmethod
    def _options_not_empty(cls, value: dict[str, Dosage]) -> dict[str, Dosage]:
        for name, option in value.items():
            if not re.match(ID_PATTERN, name):
                raise ValueError(f'option name "{name}" should be a word like static or dynamic')
            if option.is_empty():
                raise ValueError(
                    f'option "{name}" needs at least one of reps, hold, sets, duration'
                )
        return value


class ProgramItem(Strict):
    """An exercise in a program, by id, with an optional dosage override and note."""

    exercise: Annotated[str, Field(pattern=ID_PATTERN)]
    dosage: Dosage | None = None
    note: Text | None = None


class Section(Strict):
    """A titled group of exercises within a program (Release, Stretch ...)."""

    title: Title
    items: Annotated[list[ProgramItem], Field(min_length=1)]


class Program(Strict):
    """A plan to hand out: sections of exercises, a default mode and notes."""

    id: Annotated[str, Field(pattern=ID_PATTERN, max_length=60)]
    title: Title
    intro: Text | None = None
    mode: Mode = "static"
    frequency: Text | None = None
    sections: Annotated[list[Section], Field(min_length=1)]
    notes: Texts = []


class Library(Strict):
    """exercises.yaml: the exercise library and its programs."""

    version: Literal[1]
    language: Language = "en"  # of every plain string in the file
    exercises: Annotated[list[Exercise], Field(min_length=1)]
    programs: list[Program] = []

    def exercise(self, exercise_id: str) -> Exercise | None:
        return next((e for e in self.exercises if e.id == exercise_id), None)

    def program(self, program_id: str) -> Program | None:
        return next((p for p in self.programs if p.id == program_id), None)


class Client(Strict):
    """One client: a client file, a roster row, or command-line flags."""

    # Where each field was written, when it came from a file: (file name, line).
    _origin: dict[str, tuple[str, int | None]] = PrivateAttr(default_factory=dict)

    name: Annotated[str, Field(min_length=1, max_length=200)]
    date: dt.date | None = None
    program: Annotated[str, Field(pattern=ID_PATTERN)] | None = None
    mode: Mode | None = None
    lang: Language | None = None
    add: IdList = []
    omit: IdList = []
    notes: TextList = []
    goals: TextList = []

    @field_validator("add", "omit", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        # Spreadsheet cells hold "a, b c": split on commas and spaces.
        if isinstance(value, str):
            return [part for part in re.split(r"[\s,;]+", value) if part]
        return value

    @field_validator("mode", mode="before")
    @classmethod
    def _any_case(cls, value: Any) -> Any:
        # A spreadsheet's "Static" or "DYNAMIC" is what the trainer meant.
        if isinstance(value, str) and value.strip().lower() in get_args(Mode):
            return value.strip().lower()
        return value

    def written_at(self, origin: dict[str, tuple[str, int | None]]) -> Client:
        """This client, knowing the file and line each field was written on."""
        self._origin = dict(origin)
        return self

    def problem(self, field_name: str, message: str, value: str | None = None) -> Problem:
        """A problem with one of the client's fields, at the line that wrote it if known."""
        file, line = self._origin.get(field_name, (None, None))
        return Problem(message, file=file, line=line, field=field_name, value=value)


HEX_COLOR = r"^#[0-9a-fA-F]{6}$"


class Business(Strict):
    name: Annotated[str, Field(min_length=1, max_length=80)]
    tagline: Title | None = None


class Contact(Strict):
    email: str | None = None
    phone: str | None = None
    website: Annotated[str, AfterValidator(check_website)] | None = None
    address: Text | None = None


class Colors(Strict):
    primary: Annotated[str, Field(pattern=HEX_COLOR)] = "#1f5f6b"
    accent: Annotated[str, Field(pattern=HEX_COLOR)] = "#d9952b"

    @field_validator("primary")
    @classmethod
    def _legible(cls, value: str) -> str:
        # Headings print in this colour on white and white text sits on it:
        # it must stay readable, in colour and on a black-and-white printer.
        # (A colour that passes here but fades in grey is deepened when printed.)
        ratio = contrast_with_white(value)
        if ratio < colour.MIN_CONTRAST:
            raise ValueError(
                f"{value} is too light for text (contrast with white {ratio:.1f}:1, "
                f"needs {colour.MIN_CONTRAST}:1); pick a darker shade"
            )
        return value


def contrast_with_white(hex_color: str) -> float:
    """WCAG contrast ratio of white against the colour (1 to 21)."""
    return colour.contrast(colour.rgb(hex_color), (1.0, 1.0, 1.0))


class Links(Strict):
    """Short links: each QR code encodes `base` + the exercise's id (see `stretchplan links`)."""

    base: Annotated[
        str,
        AfterValidator(check_link_base),
        Field(
            description="the folder on your website where `stretchplan links` pages live, "
            "like https://studio.example/v/; QR codes then encode it + the exercise id",
        ),
    ]


class Fonts(Strict):
    regular: str
    bold: str
    italic: str


class Brand(Strict):
    """brand.yaml: who handouts come from and how they look; paths are relative to it."""

    business: Business
    trainer: str | None = None
    contact: Contact = Contact()
    logo: str | None = None
    colors: Colors = Colors()
    fonts: Fonts
    page_size: PageSize = "letter"
    language: Language = "en"
    disclaimer: Annotated[
        Text,
        Field(
            description="your liability disclaimer, printed in full on every handout: the "
            "name of a file beside brand.yaml (disclaimer.md) or the text itself; or, per "
            "language, {en: disclaimer.md, es: disclaimer.es.md}",
        ),
    ]
    links: Links | None = None
