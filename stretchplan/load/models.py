"""Validated models of the library and its clients: exercises, programs, clients.

Pure data and validation, no file access: paths stay as written, resolved by
the loaders against the file that names them. Unknown keys are errors. The
brand's models are in load/brand.py, the field types they share in load/fields.py.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, Field, PrivateAttr, field_validator

from stretchplan.errors import Problem
from stretchplan.figures.frame import (
    Frame,
    arrow_problem,
    joint_problems,
    pose_problem,
    prop_problems,
)
from stretchplan.load.fields import (
    ID_PATTERN,
    Count,
    Day,
    IdList,
    Language,
    Mode,
    Seconds,
    Strict,
    Summary,
    TextList,
    Texts,
    Title,
    WebUrl,
)
from stretchplan.load.text import Text, max_chars


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
    date: Day | None = None
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
