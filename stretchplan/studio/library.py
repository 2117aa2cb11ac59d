"""Studio face: the library as cards (programs and exercises), and their pictures.

A card holds what a trainer looks at before choosing: the picture, the dosage in the
handout's words, the steps. Texts are in the brand's language, as the listings are.
Pictures are served by exercise id only: a figure is drawn as SVG in the brand's
colours (stretchplan.pictures, as `exercises show --picture` draws it); a photo is
scaled down from the file the library names; the brand's logo, scaled down, heads the
page. No other file can be asked for.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from typing import Any

from stretchplan.api import Workspace
from stretchplan.errors import InvalidInput
from stretchplan.load.models import Exercise
from stretchplan.load.text import Text
from stretchplan.media.reading import RefusedFile, bounded_bytes
from stretchplan.pictures import figure_bytes
from stretchplan.pipeline import Look, plan_for
from stretchplan.plan import dosage_text

THUMB_PX = 480  # a card's picture is at most about 240 px wide on a 2x screen
LOGO_PX = 128  # the header shows it about 40 px high, sharp on a 3x screen
MAX_PHOTO_BYTES = 40 * 1024 * 1024


class Library:
    """The workspace's library as the page shows it; pictures made once each."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.language = workspace.inputs.brand.language
        self._pictures: dict[str, tuple[bytes, str] | None] = {}
        self._json: dict[str, Any] | None = None
        self._logo: tuple[tuple[bytes, str] | None] | None = None  # made once, even if None
        self._lock = threading.Lock()

    def as_json(self) -> dict[str, Any]:
        with self._lock:
            if self._json is None:
                self._json = {
                    "programs": [
                        self._program(p.id) for p in self.workspace.inputs.library.programs
                    ],
                    "exercises": [
                        self._exercise(e) for e in self.workspace.inputs.library.exercises
                    ],
                }
            return self._json

    def picture(self, exercise_id: str) -> tuple[bytes, str] | None:
        """(bytes, media type) of the exercise's picture; None for an unknown id or none."""
        exercise = self.workspace.inputs.library.exercise(exercise_id)
        if exercise is None:
            return None
        with self._lock:
            if exercise.id not in self._pictures:
                self._pictures[exercise.id] = self._draw(exercise)
            return self._pictures[exercise.id]

    def logo(self) -> tuple[bytes, str] | None:
        """The brand's logo for the page's header, small; None when the brand has none."""
        path = self.workspace.inputs.brand.logo
        if path is None:
            return None
        with self._lock:
            if self._logo is None:
                self._logo = (_thumbnail(path, LOGO_PX, keep_alpha=True),)
            return self._logo[0]

    # ----

    def _text(self, text: Text | str | None) -> str | None:
        if text is None or isinstance(text, str):
            return text
        return text.in_or_first(self.language)

    def _exercise(self, e: Exercise) -> dict[str, Any]:
        labels = self.workspace.inputs.labels.get(self.language)
        return {
            "id": e.id,
            "name": self._text(e.name),
            "kind": e.kind,
            "summary": self._text(e.summary),
            "targets": list(e.targets),
            "equipment": [self._text(x) for x in e.equipment],
            "dosage": [
                {"mode": mode, "text": dosage_text(option, e.sides, labels)}
                for mode, option in e.dosage.items()
            ],
            "steps": [self._text(x) for x in e.steps],
            "cautions": [self._text(x) for x in e.cautions],
            "picture": self.picture_url(e),
            "usable": e.id not in self.workspace.inputs.unusable,
        }

    def _program(self, program_id: str) -> dict[str, Any]:
        inputs = self.workspace.inputs
        program = inputs.library.program(program_id)
        assert program is not None
        card: dict[str, Any] = {
            "id": program.id,
            "title": self._text(program.title),
            "intro": self._text(program.intro),
            "frequency": self._text(program.frequency),
            "mode": program.mode,
        }
        try:
            options = Look(language=self.language).options(
                dt.date.today(), inputs.labels.languages()
            )
            plan = plan_for(inputs, None, options, program.id)
        except InvalidInput as exc:  # e.g. a photo that cannot be used: say it on the card
            card["sections"] = [
                {
                    "title": self._text(s.title),
                    "exercises": [{"id": i.exercise, "dosage": ""} for i in s.items],
                }
                for s in program.sections
            ]
            card["problems"] = [p.worded(lambda option: option) for p in exc.problems]
            return card
        card["sections"] = [
            {
                "title": section.title,
                "exercises": [
                    {"id": e.id, "dosage": e.dosage, "note": e.note} for e in section.items
                ],
            }
            for section in plan.sections
        ]
        return card

    def picture_url(self, e: Exercise) -> str | None:
        usable_photo = bool(e.images) and e.id not in self.workspace.inputs.unusable
        return f"/api/pictures/{e.id}" if e.figures or usable_photo else None

    def _draw(self, exercise: Exercise) -> tuple[bytes, str] | None:
        if exercise.images:  # photos win on the handout: the card shows what prints
            if exercise.id in self.workspace.inputs.unusable:
                return None
            return _thumbnail(exercise.images[0])
        if exercise.figures:
            svg = figure_bytes(exercise, self.workspace.inputs.brand, ".svg", self.language)
            return svg, "image/svg+xml"
        return None


def _thumbnail(
    path: str, size: int = THUMB_PX, keep_alpha: bool = False
) -> tuple[bytes, str] | None:
    """The picture at `path`, upright and at most `size` px: a JPEG, or a PNG when
    `keep_alpha` (a logo may be drawn on a transparent ground)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        data = bounded_bytes(path, "photo", MAX_PHOTO_BYTES)
        with Image.open(io.BytesIO(data)) as image:
            upright = ImageOps.exif_transpose(image).convert("RGBA" if keep_alpha else "RGB")
    except (RefusedFile, OSError, UnidentifiedImageError):
        return None  # `check` names the file; the page shows no picture
    upright.thumbnail((size, size))
    out = io.BytesIO()
    if keep_alpha:
        upright.save(out, "PNG", optimize=True)
        return out.getvalue(), "image/png"
    upright.save(out, "JPEG", quality=82)
    return out.getvalue(), "image/jpeg"
