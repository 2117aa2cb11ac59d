"""Load and plan wired together: the inputs a run shares, one client's plan, and the
look options every command that makes pages takes. Used by the API and batch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from stretchplan.bundled import brand_path, library_path
from stretchplan.errors import Problem, UserError, checked_choice
from stretchplan.labels import LabelBook, folder_beside
from stretchplan.load.brand import Brand
from stretchplan.load.fields import PageSize
from stretchplan.load.library import inspect_library, load_brand
from stretchplan.load.models import Client, Library
from stretchplan.plan import Options, Plan, build_plan


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


MAX_TRACKER_WEEKS = 12  # a tracker fits on one page up to here


@dataclass(frozen=True, kw_only=True)
class Look:
    """How the pages come out: the same flags on every command that makes them."""

    page_size: str | None = None  # None: the brand's
    language: str | None = None  # None: the client's, else the brand's
    large_print: bool = False
    tracker_weeks: int = 0
    fallback: str | None = None  # for texts not translated into the language

    def options(self, today: dt.date, languages: Sequence[str] | None = None) -> Options:
        """The plan's options, each one checked (exit 2 naming it, with a suggestion).

        `languages`: those the workspace has labels for (default: the bundled ones)."""
        if not 0 <= self.tracker_weeks <= MAX_TRACKER_WEEKS:
            message = f"expected 0 to {MAX_TRACKER_WEEKS} weeks, got {self.tracker_weeks}"
            raise UserError(Problem(message, field="tracker", value=str(self.tracker_weeks)))
        known = tuple(languages or LabelBook().languages())
        return Options(
            today=today,
            page_size=checked_choice("page_size", self.page_size, get_args(PageSize)),
            language=checked_choice("lang", self.language, known),
            large_print=self.large_print,
            tracker_weeks=self.tracker_weeks,
            fallback=checked_choice("fallback", self.fallback, known),
        )
