"""Field types on their own: numbers written plainly, spans, printable text."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from stretchplan.load.fields import Span, number_form_problem
from stretchplan.load.models import Dosage
from stretchplan.load.text import control_character, unprintable


@pytest.mark.parametrize(
    ("written", "span"),
    [
        (30, Span(30, 30)),
        ("20-30", Span(20, 30)),
        ("20 to 30", Span(20, 30)),
        ("2.5", Span(2.5, 2.5)),
    ],
)
def test_seconds_as_a_number_or_a_range(written: object, span: Span) -> None:
    assert Dosage(hold=written).hold == span


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("010", "leading zero"),
        ("0x1F", "hexadecimal"),
        ("1:30", "minutes:seconds"),
        ("1_000", "underscore"),
        ("30-20", "smaller number first"),
        ("0", "smaller number first"),
        ("4000", "more than 3600"),
        (True, "expected seconds"),
        ("nan", "expected seconds"),
    ],
)
def test_numbers_yaml_would_misread_are_refused_saying_what_to_write(
    written: object, says: str
) -> None:
    with pytest.raises(ValidationError, match=says):
        Dosage(hold=written)


def test_reps_and_sets_are_whole_numbers() -> None:
    with pytest.raises(ValidationError, match="whole number"):
        Dosage(reps="1.5")
    assert Dosage(sets="1-2", reps=10).sets == Span(1, 2)


def test_the_number_policy_names_the_plain_form() -> None:
    assert (
        number_form_problem("0x1F")
        == '"0x1F" is a hexadecimal number; write it in plain digits: 31'
    )
    assert number_form_problem("1:30") is not None and "90" in number_form_problem("1:30")  # type: ignore[operator]
    assert number_form_problem("30") is None
    assert number_form_problem("hold it") is None  # not a number at all: another rule's business


@pytest.mark.parametrize("ch", ["\x00", "\x0c", "\x1b", "\x7f", "\x85", "\r"])
def test_control_characters_are_found_and_named(ch: str) -> None:
    assert control_character(f"Breathe{ch} out") == ch
    assert f"U+{ord(ch):04X}" in (unprintable(f"Breathe{ch} out") or "")


@pytest.mark.parametrize("ch", ["\u202e", "\u2066", "\u200f", "\u061c"])
def test_direction_marks_are_found_and_named_as_such(ch: str) -> None:
    assert control_character(f"Jane{ch} Doe") == ch
    assert f"invisible direction mark U+{ord(ch):04X}" in (unprintable(f"Jane{ch} Doe") or "")


def test_tabs_line_breaks_and_letters_are_printable() -> None:
    assert control_character("Zoë\tŁukasiewicz\n“4” – ½") is None
