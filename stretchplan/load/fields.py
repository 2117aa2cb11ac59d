"""Field types shared by the input models: strict models, printable text, numbers
written plainly (30, 20-30), ids, titles, web addresses.

Pure validation, no file access.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
)

from stretchplan.addresses import MAX_URL, check_address
from stretchplan.load.text import (
    LANGUAGE_PATTERN,
    TEXT_SCHEMA,
    Text,
    max_chars,
    one_or_many,
    unprintable,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_TITLE = 120  # a program's title, or a class sheet's: what the page header has room for

Mode = Literal["static", "dynamic"]
PageSize = Literal["letter", "a4"]  # the keys of media.pages.PAGE_SIZES


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAY_AND_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}.*")


def _day(value: Any) -> Any:
    """A date as a trainer writes one: 2026-03-14. pydantic alone would also take 0 or
    86400 (seconds since 1970) and read them as a day in January 1970."""
    if isinstance(value, dt.datetime) or not isinstance(value, str | int | float):
        return value  # a date (from a script), or something pydantic words as not a date
    text = str(value).strip()
    if isinstance(value, str) and _DAY.fullmatch(text):
        return text  # the day itself is checked next: 2026-02-30 is no day
    if isinstance(value, str) and _DAY_AND_TIME.fullmatch(text):
        raise ValueError(
            f'expected a date alone, without a time of day, like 2026-03-31, got "{text}"'
        )
    number = re.fullmatch(r"[-+]?\d+(\.\d*)?", text) is not None
    hint = " (a number, not a date: in a spreadsheet, format the column as Date)" if number else ""
    raise ValueError(f'expected a date like 2026-03-31, got "{text}"{hint}')


# A day written as year-month-day.
Day = Annotated[dt.date, BeforeValidator(_day)]

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
