"""Turn pydantic's validation errors into plain problems located in the YAML file."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from stretchplan.errors import Problem, UserError, did_you_mean
from stretchplan.load.text import locate
from stretchplan.load.yamlsrc import Loc, YamlDoc

M = TypeVar("M", bound=BaseModel)

_TYPE_WORDS = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list (lines starting with '- ', or [a, b])",
    "dict_type": "expected a group of 'key: value' lines",
    "model_type": "expected a group of 'key: value' lines",
    "model_attributes_type": "expected a group of 'key: value' lines",
    "date_type": "expected a date like 2026-03-31",
    "date_parsing": "expected a date like 2026-03-31",
    "date_from_datetime_parsing": "expected a date like 2026-03-31",
    "string_unicode": "contains bytes that are not valid text; type it again or save as UTF-8",
    "date_from_datetime_inexact": "expected a date alone, without a time of day, like 2026-03-31",
}


_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")  # shaped like a date, but no such day


def validate(model: type[M], doc: YamlDoc, data: Any = None, prefix: Loc = ()) -> M:
    """Validate `data` (default: the whole document) or raise every problem at once.

    Plain strings of translatable text are in the document's `language` (default en);
    every such text comes back knowing its file:line:field.
    """
    try:
        value = model.model_validate(
            doc.data if data is None else data, context=validation_context(doc)
        )
    except ValidationError as exc:
        raise UserError(problems_from(exc, doc, prefix, model)) from None
    locate(value, doc, prefix)
    return value


def validation_context(doc: YamlDoc) -> dict[str, Any]:
    language = doc.data.get("language") if isinstance(doc.data, dict) else None
    return {"language": language.strip().lower() if isinstance(language, str) else None}


def problems_from(
    exc: ValidationError, doc: YamlDoc, prefix: Loc, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = (*prefix, *_clean_loc(err["loc"]))
        problems.append(doc.problem(loc, _message(err, model, loc[len(prefix) :]), _shown(err)))
    return problems


def _clean_loc(loc: tuple[Any, ...]) -> Loc:
    # pydantic adds validator names such as 'function-before[...]' to the location.
    return tuple(p for p in loc if isinstance(p, int) or "[" not in str(p))


def _shown(err: Any) -> str | None:
    value = err.get("input")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _message(err: Any, model: type[BaseModel], loc: Loc) -> str:
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        allowed = _field_names(model, loc[:-1])
        hint = did_you_mean(key, allowed) or (
            f" Allowed here: {', '.join(allowed)}." if 0 < len(allowed) <= 15 else ""
        )
        return f'unknown key "{key}".{hint}'
    if kind == "missing":
        name = str(loc[-1]) if loc else ""
        info = _fields(model, loc[:-1]).get(name)
        described = f" ({info.description})" if info is not None and info.description else ""
        return f'missing required field "{name}"{described}'
    if kind == "value_error":
        return str(err["ctx"]["error"])
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        if isinstance(value, str) and value.strip() in _literal_numbers(model, loc):
            return f"write {value.strip()} without quotes: it is a number, not text"
        got = f', got "{value}"' if isinstance(value, str | int) else ""
        return f"expected one of {expected}{got}".replace("'", "")
    if kind == "string_pattern_mismatch":
        return _pattern_words(str(err.get("ctx", {}).get("pattern", "")), value)
    if kind in ("too_short", "too_long"):
        ctx = err.get("ctx", {})
        if "min_length" in ctx:
            if ctx["min_length"] == 1:
                return "must not be empty"
            return f"needs at least {ctx['min_length']} entries"
        if "max_length" in ctx:
            return f"allows at most {ctx['max_length']} (got {ctx.get('actual_length', 'more')})"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long: at most {err['ctx']['max_length']} characters"
    if kind.startswith("date_") and isinstance(value, str) and _DAY.fullmatch(value.strip()):
        return f'"{value.strip()}" is not a real date; write it as YYYY-MM-DD, like 2026-03-31'
    if kind in _TYPE_WORDS:
        got = f', got "{value}"' if isinstance(value, str | int | float) else ""
        return _TYPE_WORDS[kind] + got
    return str(err["msg"])[:1].lower() + str(err["msg"])[1:]


def _pattern_words(pattern: str, value: Any) -> str:
    from stretchplan.load.brand import HEX_COLOR  # brand's models are validated here too
    from stretchplan.load.fields import ID_PATTERN
    from stretchplan.load.text import LANGUAGE_PATTERN

    got = f', got "{value}"' if isinstance(value, str) else ""
    if pattern == HEX_COLOR:
        return f"expected a colour like #1F6FB2 (# and six hex digits){got}{_colour_hint(value)}"
    if pattern == LANGUAGE_PATTERN:
        return f"expected a language code of two or three letters, like en or es{got}"
    if pattern == ID_PATTERN:
        return f"expected an id of lowercase letters, digits and '-' (hip-flexor){got}"
    return f"is not in the expected form{got}"


def _colour_hint(value: Any) -> str:
    """'; for "white" write #FFFFFF': the six-digit form of a colour written another way."""
    if not isinstance(value, str) or not value.strip():
        return ""
    from PIL import ImageColor  # knows CSS colour names, #fff and rgb(...)

    try:
        red, green, blue = ImageColor.getrgb(value.strip())[:3]
    except ValueError:
        return ""
    return f'; for "{value.strip()}" write #{red:02X}{green:02X}{blue:02X}'


def _literal_numbers(model: type[BaseModel], loc: Loc) -> set[str]:
    """The numbers a Literal field allows, as text ('1' for Literal[1])."""
    info = _fields(model, loc[:-1]).get(str(loc[-1])) if loc else None
    allowed = getattr(info.annotation, "__args__", ()) if info is not None else ()
    return {str(a) for a in allowed if isinstance(a, int) and not isinstance(a, bool)}


def _field_names(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys allowed at `loc` inside `model`, for a did-you-mean on an unknown key."""
    return list(_fields(model, loc))


def _fields(model: type[BaseModel], loc: Loc) -> dict[str, FieldInfo]:
    """The fields of the model found at `loc` inside `model` (empty when there is none)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = getattr(current, "model_fields", {}).get(part)
        current = _inner_model(field.annotation) if field else None
    return dict(getattr(current, "model_fields", {}) or {})


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    meta = getattr(annotation, "__origin__", None)
    return _inner_model(meta) if meta not in (None, annotation) else None
