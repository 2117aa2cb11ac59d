"""Studio face: a JSON request body as the engine's inputs, and problems as JSON.

The body uses the client file's own field names (name, program, mode, add, omit,
notes, goals, date) plus the look options (lang, large_print, page_size, tracker)
and, for a preview, page. Client fields are validated by the engine exactly as the
command line's flags are, so the same mistake gets the same words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from stretchplan.errors import OPTION, InvalidInput, Problem, did_you_mean
from stretchplan.load.client import client_from_flags
from stretchplan.load.models import Client

CLIENT_FIELDS = ("name", "program", "mode", "add", "omit", "notes", "goals", "date")
LOOK_FIELDS = ("lang", "large_print", "page_size", "tracker")
PREVIEW_FIELDS = ("page",)
MAX_TRACKER_WEEKS = 12  # the command line's --tracker allows the same


@dataclass(frozen=True)
class HandoutRequest:
    """One handout asked for by the page or a script, checked and ready for the engine."""

    client: Client
    lang: str | None
    large_print: bool
    page_size: str | None
    tracker: int
    page: int = 1

    def handout_options(self) -> dict[str, Any]:
        """The keywords for Workspace.handout, as the command line passes them."""
        return {
            "lang": self.lang,
            "large_print": self.large_print,
            "page_size": self.page_size,
            "tracker": self.tracker,
        }


def parse_request(body: Any, *, preview: bool = False) -> HandoutRequest:
    """The request in `body` (decoded JSON); InvalidInput naming each bad field."""
    if not isinstance(body, dict):
        raise InvalidInput(Problem("expected a JSON object of the client's fields"))
    known = CLIENT_FIELDS + LOOK_FIELDS + (PREVIEW_FIELDS if preview else ())
    problems = [
        Problem(f'unknown field "{key}".{did_you_mean(str(key), known)}', field=str(key))
        for key in body
        if key not in known
    ]
    lang = text_choice(body, "lang", problems)
    page_size = text_choice(body, "page_size", problems)
    large_print = flag(body, "large_print", problems)
    tracker = whole_number(body, "tracker", 0, 0, MAX_TRACKER_WEEKS, problems)
    page = whole_number(body, "page", 1, 1, 10_000, problems) if preview else 1
    fields = {key: _blank_as_none(body[key]) for key in CLIENT_FIELDS if key in body}
    fields = {key: value for key, value in fields.items() if value not in (None, [])}
    if "date" in fields:
        fields["date"] = iso_date(fields["date"], problems)
    client = None
    try:
        client = client_from_flags(fields)
    except InvalidInput as exc:
        problems.extend(exc.problems)
    if problems or client is None:
        raise InvalidInput(problems)
    return HandoutRequest(client, lang, large_print, page_size, tracker, page)


def problems_json(problems: list[Problem]) -> dict[str, list[dict[str, Any]]]:
    """The 422 body: each problem's place and its message, options named as JSON keys."""
    return {
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "field": p.field,
                "message": OPTION.sub(lambda m: m.group(1), p.message),
            }
            for p in problems
        ]
    }


def _blank_as_none(value: Any) -> Any:
    # A form's empty box means "not given", as an absent flag does.
    if isinstance(value, str) and not value.strip():
        return None
    return value


# Each reader below takes one key of a request body (a handout's here, a batch's in
# batches.py) and adds a Problem naming the key when its value does not fit.


def text_choice(body: dict[str, Any], key: str, problems: list[Problem]) -> str | None:
    """A text such as an id or a language code; None when absent or blank."""
    value = _blank_as_none(body.get(key))
    if value is None or isinstance(value, str):
        return value
    problems.append(Problem(f"expected text, got {_kind(value)}", field=key))
    return None


def flag(body: dict[str, Any], key: str, problems: list[Problem]) -> bool:
    """true or false (absent: false)."""
    value = body.get(key, False)
    if isinstance(value, bool):
        return value
    problems.append(Problem(f"expected true or false, got {_kind(value)}", field=key))
    return False


def whole_number(
    body: dict[str, Any], key: str, default: int, low: int, high: int, problems: list[Problem]
) -> int:
    """A whole number from `low` to `high` (absent or blank: `default`)."""
    value = body.get(key, default)
    if value is None or value == "":
        return default
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(Problem(f"expected a whole number, got {_kind(value)}", field=key))
        return default
    if not low <= value <= high:
        problems.append(Problem(f"expected {low} to {high}, got {value}", field=key))
        return default
    return value


def iso_date(value: Any, problems: list[Problem]) -> dt.date | None:
    """A date written 2026-03-31 (the date box's own form)."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.append(
        Problem(f'expected a date like 2026-03-31, got "{value}"', field="date", value=str(value))
    )
    return None


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    return {bool: "true/false", int: "a number", float: "a number", list: "a list"}.get(
        type(value), "an object" if isinstance(value, dict) else "null"
    )
