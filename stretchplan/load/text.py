"""Translatable text: a plain string in the file's language, or a mapping language -> text.

Load stage. A `Text` remembers where it was written (file, line, field), so a
missing translation can be reported as `exercises.yaml:42: exercises[3].steps[1]`.
Pydantic builds the values (the file's `language` comes in through the validation
context); `locate` then stamps every Text of a validated model with its place,
found through the document's line index. No file access.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationInfo
from pydantic_core import core_schema

from stretchplan.addresses import BIDI_CONTROLS
from stretchplan.errors import Problem
from stretchplan.load.yamlsrc import Loc, YamlDoc, format_loc

if TYPE_CHECKING:
    from pydantic.json_schema import JsonSchemaValue

LANGUAGE_PATTERN = r"^[a-z]{2,3}$"
DEFAULT_LANGUAGE = "en"
_LANGUAGE = re.compile(LANGUAGE_PATTERN)
TEXT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "description": "the text in several languages: {en: ..., es: ...}",
            "patternProperties": {LANGUAGE_PATTERN: {"type": "string", "minLength": 1}},
            "additionalProperties": False,
            "minProperties": 1,
        },
    ]
}


@dataclass(frozen=True)
class Where:
    """The place a text was written, as a Problem names it."""

    file: str | None
    line: int | None
    field: str | None


@dataclass(frozen=True, eq=False)
class Text:
    """One printed text in one or more languages, in the order the file gave them."""

    values: tuple[tuple[str, str], ...]
    where: Where | None = field(default=None, compare=False)

    def get(self, language: str) -> str | None:
        return next((text for lang, text in self.values if lang == language), None)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.values)

    def first(self) -> str:
        """The text in the first language the file gave (listings, not handouts)."""
        return self.values[0][1]

    def in_or_first(self, language: str) -> str:
        return self.get(language) or self.first()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and self.values == other.values

    def __hash__(self) -> int:
        return hash(self.values)

    def __repr__(self) -> str:
        return f"Text({dict(self.values)!r})"

    def map(self, fn: Callable[[str, str], str]) -> Text:
        """A Text with each value replaced by fn(language, value), keeping its place."""
        return Text(tuple((lang, fn(lang, text)) for lang, text in self.values), self.where)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_plain_validator_function(
            _parse,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda text: dict(text.values) if isinstance(text, Text) else text
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return dict(TEXT_SCHEMA)


def file_language(info: ValidationInfo | None) -> str:
    context = info.context if info is not None else None
    if isinstance(context, Mapping):
        language = context.get("language")
        if isinstance(language, str) and _LANGUAGE.match(language):
            return language
    return DEFAULT_LANGUAGE


# Unicode's control characters (category Cc: C0, DEL and C1) but tab and line feed, and
# the marks that change the direction text reads in: on paper they print as a stray
# glyph, or turn the rest of the line around.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "]")


def control_character(text: str) -> str | None:
    """The first invisible control character in `text` (tabs and line breaks are fine)."""
    found = _CONTROL.search(text)
    return found.group() if found else None


def unprintable(text: str) -> str | None:
    """Why `text` cannot be printed as it stands, naming the offending character."""
    ch = control_character(text)
    if ch is None:
        return None
    what = "direction mark" if ch in BIDI_CONTROLS else "control character"
    return (
        f"contains the invisible {what} U+{ord(ch):04X}; delete it "
        "(it often comes along when text is copied from another program)"
    )


def _clean(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValueError("must not be empty")
    if bad := unprintable(text):
        raise ValueError(bad)
    return text


def _parse(value: Any, info: ValidationInfo | None = None) -> Text:
    if isinstance(value, Text):
        return value
    if isinstance(value, str):
        return Text(((file_language(info), _clean(value)),))
    if isinstance(value, dict) and value:
        pairs = []
        for lang, text in value.items():
            if not isinstance(lang, str) or not _LANGUAGE.match(lang):
                raise ValueError(
                    f'"{lang}" is not a language code; write two lower-case letters '
                    "such as en, es or fr before each translation"
                )
            if not isinstance(text, str):
                raise ValueError(f"the {lang} translation should be text")
            try:
                pairs.append((lang, _clean(text)))
            except ValueError as exc:
                raise ValueError(f"the {lang} translation {exc}") from None
        return Text(tuple(pairs))
    raise ValueError("expected text, or the text in several languages like {en: ..., es: ...}")


def max_chars(limit: int) -> Callable[[Text], Text]:
    """An after-validator: every translation at most `limit` characters."""

    def check(text: Text) -> Text:
        for lang, value in text.values:
            if len(value) > limit:
                raise ValueError(f"is too long ({lang}): at most {limit} characters")
        return text

    return check


def one_or_many(value: Any) -> Any:
    """A single text (a string or a mapping) where a list of texts is expected."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        return [value]
    return value


def texts_in(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Text]]:
    """Every Text inside a validated model (or list, or dict of models), with its field path."""
    if isinstance(value, Text):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts_in(getattr(value, name), (*loc, name))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from texts_in(item, (*loc, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_in(item, (*loc, str(key)))


def locate(model: Any, doc: YamlDoc, prefix: Loc = ()) -> None:
    """Stamp every Text in `model` (validated from `doc` at `prefix`) with its file:line:field."""
    for loc, text in texts_in(model, prefix):
        where = Where(doc.name, doc.line_of(loc), format_loc(loc) or None)
        # A Text is built by this very validation and not shared yet: placing it is
        # the last step of making it, not a change others could observe.
        object.__setattr__(text, "where", where)


def missing_problems(model: Any, language: str) -> list[Problem]:
    """A Problem for every text in `model` that has no `language` translation."""
    return [
        missing_problem(text, language, loc)
        for loc, text in texts_in(model)
        if text.get(language) is None
    ]


def missing_problem(text: Text, language: str, loc: Loc = ()) -> Problem:
    where = text.where or Where(None, None, format_loc(loc) or None)
    has = ", ".join(text.languages)
    return Problem(
        f'no "{language}" translation (it has: {has})',
        file=where.file,
        line=where.line,
        field=where.field,
        value=text.first(),
    )
